#include "core/common/settings.h"

#include "core/common/json_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <thread>

namespace dacl {

using nlohmann::json;

int maxThreads() { return 4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

namespace {

std::string numberText(double v, bool integer) {
    char buf[64];
    if (integer) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

std::string rangeText(const SettingSpec& spec) {
    if (!spec.defaultValue.is_number()) return {};
    const bool integer = spec.defaultValue.is_number_integer();
    return numberText(spec.min, integer) + " .. " + numberText(spec.max, integer);
}

const std::vector<SettingSpec>& Settings::specs() {
    const double kMaxThreads = maxThreads();
    // Defaults from method.md; the sizes of the training loops are ours, chosen so that the full
    // 5-fold protocol fits the 30-minute budget of a 2-core CPU (see BENCHMARKS.md).
    // The last two numbers of a numeric setting are its valid range: wide enough for any
    // sensible experiment, narrow enough that a typo cannot start 9999 threads or divide by zero.
    static const std::vector<SettingSpec> all = {
        {"seed", 2017, "seed of every random choice (folds, initialisation, noise)", {}, 0, 9007199254740991.0},
        {"threads", 0, "compute threads (0 = all cores)", {}, 0, kMaxThreads},
        {"device", "auto", "compute device", {"auto", "cpu", "cuda"}},
        {"data.lead", 0, "lead used from each record (0-based)", {}, 0, 255},
        {"data.max_record_samples", 1036800000LL, "most samples (all signals together) one record may hold; larger files are refused before reading (default: 24 h at 1 kHz x 12 leads)", {}, 1, 1e11},
        {"preprocess.fs", 300.0, "target sampling rate in Hz (band-limited resampling)", {}, 50, 10000},
        {"preprocess.low_hz", 0.5, "band-pass low edge in Hz (zero-phase)", {}, 0, 100},
        {"preprocess.high_hz", 40.0, "band-pass high edge in Hz (zero-phase)", {}, 0, 5000},
        {"preprocess.robust_standardise", true, "per-record median/MAD standardisation", {}},
        {"window.n", 3072, "window length in samples", {}, 256, 1048576},
        {"window.train_hop", 1536, "hop between training windows in samples", {}, 1, 1048576},
        {"window.eval_hop", 3072, "hop between evaluation windows in samples", {}, 1, 1048576},
        {"scatter.J", 7, "scattering scale 2^J (averaging length in samples)", {}, 1, 16},
        {"scatter.Q1", 8, "first-order wavelets per octave", {}, 1, 32},
        {"scatter.Q2", 1, "second-order wavelets per octave", {}, 1, 16},
        {"scatter.max_order", 2, "maximal scattering order (1 or 2)", {}, 1, 2},
        {"scatter.log_eps", 1e-6, "features are log(S + eps)", {}, 1e-12, 1},
        {"st.layers", 1, "Scattering Transformer layers (0 = pooled scattering)", {}, 0, 8},
        {"vae.latent", 32, "VAE latent size d", {}, 1, 1024},
        {"vae.hidden1", 256, "VAE first hidden layer", {}, 1, 16384},
        {"vae.hidden2", 128, "VAE second hidden layer", {}, 1, 16384},
        {"vae.beta", 0.01, "weight of the KL term", {}, 0, 1000},
        {"vae.recon", "mean", "reconstruction error summed over features per sample, or the per-element mean", {"sum", "mean"}},
        {"vae.warmup_epochs", 10, "epochs of linear beta warm-up", {}, 0, 10000},
        {"vae.epochs", 60, "maximal VAE epochs", {}, 1, 10000},
        {"vae.patience", 8, "early stopping patience on validation reconstruction", {}, 1, 10000},
        {"vae.lr", 1e-3, "VAE learning rate", {}, 1e-7, 1},
        {"vae.batch", 256, "VAE batch size (per rank in a distributed run)", {}, 1, 65536},
        {"diffusion.schedule", "linear", "noise schedule", {"linear", "cosine"}},
        {"diffusion.T", 1000, "diffusion steps", {}, 1, 100000},
        {"diffusion.beta_start", 1e-4, "linear schedule first beta", {}, 1e-8, 0.999},
        {"diffusion.beta_end", 0.02, "linear schedule last beta", {}, 1e-8, 0.999},
        {"diffusion.views", 2, "noisy views per sample", {}, 1, 64},
        {"diffusion.t_max", 100, "views use t ~ Uniform{1..t_max}", {}, 1, 100000},
        {"encoder.base_channels", 16, "U-Net channels of the first level (then x2, x4)", {}, 1, 512},
        {"encoder.time_conditioning", true, "add the timestep embedding in every block", {}},
        {"encoder.proj_dim", 128, "projection head output size", {}, 1, 4096},
        {"encoder.positional", false, "learned embedding of the latent dimension index (position-aware convolutions)", {}},
        {"train.views", "diffusion", "augmentation of the contrastive views", {"diffusion", "gaussian"}},
        {"train.gaussian_sigma", 0.3, "std of Gaussian views (baseline)", {}, 0, 100},
        {"train.loss", "supcon", "contrastive loss", {"supcon", "triplet"}},
        {"train.temperature", 0.1, "SupCon temperature", {}, 1e-3, 100},
        {"train.epochs", 8, "encoder training epochs", {}, 1, 10000},
        {"train.batch", 256, "samples per class-balanced batch", {}, 2, 65536},
        {"train.steps_per_epoch", 40, "batches per encoder epoch, a fresh balanced random subset of the windows (0 = all windows)", {}, 0, 1000000},
        {"train.lr", 1e-3, "AdamW learning rate", {}, 1e-7, 1},
        {"train.weight_decay", 1e-4, "AdamW weight decay", {}, 0, 10},
        {"train.warmup_epochs", 2, "linear learning-rate warm-up before cosine decay", {}, 0, 10000},
        {"probe.l2", 1e-3, "L2 penalty of the logistic-regression probe", {}, 0, 1e6},
        {"eval.val_fraction", 0.15, "share of each training fold used for validation", {}, 0.01, 0.9},
        {"eval.bootstrap", 1000, "bootstrap resamples for the AUROC interval", {}, 1, 1000000},
        {"eval.class_decision", "weighted", "challenge4: the class of largest probability x a per-class weight fitted on validation for the mean F1 of N, A, O, or the plain arg-max", {"weighted", "argmax"}},
        {"repr", "sequence", "representation: whole-record frame sequences (v2) or pooled 10-s windows (v1)", {"sequence", "pooled"}},
        {"seq.span", 9216, "sequence span in samples (30.72 s at 300 Hz); shorter records are zero-padded and masked", {}, 256, 4194304},
        {"seq.hop", 4608, "hop between the spans of records longer than seq.span (samples)", {}, 1, 4194304},
        {"seq.J", 5, "scattering scale of the frame sequence (hop 2^J samples per frame)", {}, 1, 12},
        {"seq.rhythm", true, "append the RR interval and |dRR| at each frame as two channels", {}},
        {"seq.vae_epochs", 8, "epochs of the per-frame VAE (it sees many frames per epoch)", {}, 1, 10000},
        {"train.threads", 1, "intra-op threads of model training (0 = all cores; 1 measured 5x faster than 2 on a loaded 2-core machine, identical results)", {}, 0, kMaxThreads},
        {"train.world_size", 1, "ranks that trained the encoder together (set by dacl pipeline --distributed, not by hand)", {}, 1, 4096},
        {"train.parallel", 0, "folds (and the final model) trained at once, each on train.threads threads (0 = cores / train.threads); results do not depend on it", {}, 0, 64},
        {"seq.vae_frames", 150000, "training frames sampled to fit the per-frame VAE", {}, 1, 100000000},
        {"seq.width", 32, "temporal U-Net channels of the first level (then x2)", {}, 1, 512},
        {"seq.crop", 0.6667, "training crops keep this share of a record's valid frames", {}, 0.05, 1},
        {"seq.batch", 64, "records per class-balanced batch (each gives diffusion.views views)", {}, 2, 4096},
        {"seq.balance", 0.0, "class shares of a batch proportional to count^balance: 0 equal shares, 1 the classes' frequencies", {}, 0, 1},
        {"seq.epochs", 10, "stage-1 SupCon epochs (best epoch chosen on validation)", {}, 1, 10000},
        {"seq.steps_per_epoch", 40, "batches per epoch", {}, 1, 1000000},
        {"seq.finetune_epochs", 10, "stage-2 supervised fine-tuning epochs on diffusion views (0 = probe only)", {}, 0, 10000},
        {"seq.finetune_lr", 5e-4, "stage-2 learning rate", {}, 1e-7, 1},
        {"seq.stage", "auto", "which stage scores records: the better on validation, or a fixed one", {"auto", "probe", "finetuned"}},
        {"fusion.rhythm", true, "fuse the record score with gradient boosting on the record's rhythm features (fusion.features; mean of validation quantiles)", {}},
        {"fusion.features", "rr_atrial", "what the fusion booster reads: the 20 RR-interval features and 4 atrial-activity features (P waves before the QRS), or the RR features alone (method.md)", {"rr_atrial", "rr"}},
        {"boost.rounds", 400, "gradient-boosting rounds (early stopping on validation)", {}, 1, 100000},
        {"boost.depth", 4, "gradient-boosting tree depth", {}, 1, 20},
        {"boost.eta", 0.05, "gradient-boosting learning rate", {}, 1e-4, 1},
        {"predict.span_s", 10.0, "length of the sliding spans of the probability over time (s)", {}, 1, 3600},
        {"predict.hop_s", 5.0, "hop of the sliding spans (s)", {}, 0.1, 3600},
        {"predict.span_fusion", true, "fuse each span's probability with the rhythm features of its own beats (runs with a rhythm booster)", {}},
        {"eval.noisy_embeddings", 300, "test records per fold whose z_t embeddings are stored (t = 50, 100, 200, 500)", {}, 0, 1000000},
    };
    return all;
}

Settings::Settings() {
    values_ = json::object();
    for (const SettingSpec& s : specs()) values_[s.key] = s.defaultValue;
}

namespace {

const SettingSpec& specFor(const std::string& key) {
    for (const SettingSpec& s : Settings::specs())
        if (s.key == key) return s;
    throw std::invalid_argument("unknown setting '" + key + "'");
}

json coerce(const SettingSpec& spec, const json& value) {
    const json& d = spec.defaultValue;
    auto bad = [&](const std::string& why) {
        return std::invalid_argument("setting '" + spec.key + "': " + why);
    };
    auto outOfRange = [&](const std::string& given) {
        return bad(given + " is outside the valid range " + rangeText(spec));
    };
    if (d.is_boolean()) {
        if (value.is_boolean()) return value;
        if (value.is_string()) {
            const std::string s = value.get<std::string>();
            if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
            if (s == "false" || s == "0" || s == "no" || s == "off") return false;
        }
        throw bad("expected true or false, got " + jsonText(value));
    }
    if (d.is_number_integer()) {
        std::optional<long long> v;
        if (value.is_number_integer()) {
            v = value.is_number_unsigned() && value.get<unsigned long long>() > 9223372036854775807ULL
                    ? std::numeric_limits<long long>::max()
                    : value.get<long long>();
        } else if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>()) {
            const double f = value.get<double>();
            // Outside long long the cast is undefined; clamp so that the range check names it.
            v = std::fabs(f) < 9.2e18 ? static_cast<long long>(f)
                                      : (f < 0 ? std::numeric_limits<long long>::min() : std::numeric_limits<long long>::max());
        } else if (value.is_string()) {
            const std::string s = value.get<std::string>();
            std::size_t used = 0;
            try {
                const long long parsed = std::stoll(s, &used);
                if (used == s.size()) v = parsed;
            } catch (const std::out_of_range&) {
                throw outOfRange(s);
            } catch (const std::exception&) {
            }
        }
        if (!v) throw bad("expected an integer, got " + jsonText(value));
        if (static_cast<double>(*v) < spec.min || static_cast<double>(*v) > spec.max)
            throw outOfRange(std::to_string(*v));
        return *v;
    }
    if (d.is_number()) {
        double v = 0;
        if (value.is_number()) {
            v = value.get<double>();
        } else if (value.is_string()) {
            const std::string s = value.get<std::string>();
            std::size_t used = 0;
            try {
                v = std::stod(s, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != s.size() || s.empty()) throw bad("expected a number, got " + jsonText(value));
        } else {
            throw bad("expected a number, got " + jsonText(value));
        }
        if (!std::isfinite(v)) throw bad("value must be finite");
        if (v < spec.min || v > spec.max) throw outOfRange(numberText(v, false));
        return v;
    }
    // Strings.
    const std::string s = value.is_string() ? value.get<std::string>() : jsonText(value);
    if (!spec.choices.empty() &&
        std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end()) {
        std::string allowed;
        for (const auto& c : spec.choices) allowed += (allowed.empty() ? "" : ", ") + c;
        throw bad("'" + s + "' is not one of: " + allowed);
    }
    return s;
}

}  // namespace

void Settings::set(const std::string& key, const json& value) {
    values_[key] = coerce(specFor(key), value);
}

void Settings::set(const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw std::invalid_argument("expected key=value, got '" + assignment + "'");
    set(assignment.substr(0, eq), json(assignment.substr(eq + 1)));
}

void Settings::merge(const json& object, const std::string& origin) {
    if (!object.is_object()) throw std::invalid_argument(origin + ": expected a JSON object");
    for (auto it = object.begin(); it != object.end(); ++it) {
        try {
            // Thread counts only set the speed (results do not depend on them): a run stored or a
            // config written on a machine with more cores loads here, capped at this machine's
            // limit, where a `--set` beyond it is refused.
            const bool threads = it.key() == "threads" || it.key() == "train.threads";
            if (threads && it.value().is_number() && it.value().get<double>() > maxThreads()) {
                set(it.key(), json(maxThreads()));
                continue;
            }
            set(it.key(), it.value());
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(origin + ": " + e.what());
        }
    }
}

void Settings::mergeFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::invalid_argument(path + ": cannot open the config file");
    json j;
    try {
        in >> j;
    } catch (const json::parse_error& e) {
        throw std::invalid_argument(path + ": not valid JSON (" + e.what() + ")");
    }
    merge(j, path);
}

const json& Settings::at(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::invalid_argument("unknown setting '" + key + "'");
    return *it;
}

bool Settings::getBool(const std::string& key) const { return at(key).get<bool>(); }
long long Settings::getInt(const std::string& key) const { return at(key).get<long long>(); }
double Settings::getDouble(const std::string& key) const { return at(key).get<double>(); }
std::string Settings::getString(const std::string& key) const { return at(key).get<std::string>(); }

json Settings::changed() const {
    json out = json::object();
    for (const SettingSpec& s : specs())
        if (values_.at(s.key) != s.defaultValue) out[s.key] = values_.at(s.key);
    return out;
}

}  // namespace dacl
