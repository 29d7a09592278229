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

// Curve series (metrics table): the encoder's series start with kEncoderSeries ("dacl.loss",
// "dacl.step_loss", "dacl.lr"); the final model's series are stored with kFinalModelSeries in front.
inline constexpr const char* kEncoderSeries = "dacl.";
inline constexpr const char* kFinalModelSeries = "final.";

// Artefact kinds
inline constexpr const char* kCheckpoint = "checkpoint";  // resumable training state
inline constexpr const char* kModel = "model";            // final model used by predict / the app

}  // namespace dacl::store::metric
