#pragma once
// Translates the user-facing Settings (method.md keys) into the settings structs of each model,
// with a seed derived per fold and per model so that folds are independent and reproducible.
#include "core/common/settings.h"
#include "core/ml/dae.h"
#include "core/boosting/gradient_boosting.h"
#include "core/ml/probe.h"
#include "core/ml/sequence_trainer.h"
#include "core/ml/trainer.h"
#include "core/ml/vae.h"

#include <cstdint>

namespace dacl::ml {

// Seed of one model in one fold: the same (seed, fold, purpose) always gives the same value.
std::uint64_t derivedSeed(std::uint64_t seed, int fold, std::uint64_t purpose);

VaeSettings vaeSettings(const Settings& s, std::uint64_t seed);
DaclSettings daclSettings(const Settings& s, ContrastiveVariant variant, std::uint64_t seed);
DaeSettings daeSettings(const Settings& s, std::uint64_t seed);
ProbeSettings probeSettings(const Settings& s);
// The temporal U-Net's training for a sequence method ("dacl", its variants, or "cnn").
SequenceTrainSettings sequenceTrainSettings(const Settings& s, const std::string& method, std::uint64_t seed);
boosting::BoostSettings boostSettings(const Settings& s, std::uint64_t seed);

}  // namespace dacl::ml
