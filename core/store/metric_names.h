#pragma once
// Names under which the pipeline stores its metrics and which readers (CLI `runs`, desktop app)
// look up. One place, so that writer and readers cannot drift apart.
namespace dacl::store::metric {

// final_metrics / fold_results (test records of each fold; thresholds chosen on validation)
inline constexpr const char* kAuroc = "auroc";
inline constexpr const char* kAuprc = "auprc";
inline constexpr const char* kSensitivity = "sensitivity";
inline constexpr const char* kSpecificity = "specificity";
inline constexpr const char* kPrecision = "precision";
inline constexpr const char* kF1 = "f1";
inline constexpr const char* kThreshold = "threshold";          // Youden threshold from validation
inline constexpr const char* kChallengeF1 = "challenge_f1";     // challenge4: mean F1 of N, A, O

// Artefact kinds
inline constexpr const char* kCheckpoint = "checkpoint";  // resumable training state
inline constexpr const char* kModel = "model";            // final model used by predict / the app

}  // namespace dacl::store::metric
