#include "core/boosting/gradient_boosting.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace dacl::boosting {

namespace {

// Every XGBoost call goes through here: a non-zero status becomes std::runtime_error carrying
// XGBoost's own message (thread-local in XGBoost, so read it at once).
void check(int status, const char* call) {
    if (status != 0) {
        std::string msg = XGBGetLastError() ? XGBGetLastError() : "(no message)";
        // XGBoost appends a native stack trace of its own frames: keep the message only.
        const std::size_t trace = msg.find("\nStack trace:");
        if (trace != std::string::npos) msg.erase(trace);
        throw std::runtime_error(std::string("XGBoost ") + call + " failed: " + msg);
    }
}

// Owning handles: freed on every path, exceptions included.
struct DMatrix {
    DMatrixHandle h = nullptr;
    DMatrix() = default;
    DMatrix(const DMatrix&) = delete;
    DMatrix& operator=(const DMatrix&) = delete;
    ~DMatrix() {
        if (h) XGDMatrixFree(h);
    }
};

struct BoosterDeleter {
    void operator()(void* h) const {
        if (h) XGBoosterFree(h);
    }
};
using Booster = std::unique_ptr<void, BoosterDeleter>;

// Parameter values in the "C" locale whatever the process locale is (a Qt application sets the
// user's locale, and a German LC_NUMERIC would write "0,05").
std::string num(double v) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os.precision(17);
    os << v;
    return os.str();
}

std::string num(std::int64_t v) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << v;
    return os.str();
}

void setParam(void* booster, const char* name, const std::string& value) {
    check(XGBoosterSetParam(booster, name, value.c_str()), "XGBoosterSetParam");
}

// XGBoost seeds a 32-bit engine: fold the high half in so distinct 64-bit seeds stay distinct
// (seeds below 2^32 pass unchanged).
std::int64_t xgbSeed(std::uint64_t seed) {
    return static_cast<std::int64_t>(static_cast<std::uint32_t>(seed) ^ static_cast<std::uint32_t>(seed >> 32));
}

void makeMatrix(DMatrix& m, const float* X, std::size_t rows, std::size_t cols, int threads) {
    check(XGDMatrixCreateFromMat_omp(X, static_cast<bst_ulong>(rows), static_cast<bst_ulong>(cols),
                                     std::numeric_limits<float>::quiet_NaN(), &m.h, threads),
          "XGDMatrixCreateFromMat");
}

void checkLabels(const std::vector<int>& labels, std::size_t rows, int numClasses, const char* what) {
    if (labels.size() != rows)
        throw std::invalid_argument(std::string("GradientBoosting::fit: ") + what + " has " +
                                    std::to_string(labels.size()) + " labels for " + std::to_string(rows) + " rows");
    for (std::size_t i = 0; i < rows; ++i)
        if (labels[i] < 0 || labels[i] >= numClasses)
            throw std::invalid_argument(std::string("GradientBoosting::fit: ") + what + " label " +
                                        std::to_string(labels[i]) + " at row " + std::to_string(i) +
                                        " is outside [0, " + std::to_string(numClasses) + ")");
}

// Per-class weights of balanceClasses. Binary: negatives 1, positives neg/pos (XGBoost's
// scale_pos_weight). Multi-class: rows / (K · count). A class without rows keeps weight 1 (it
// weighs nothing anyway); a binary set with one class only is left unweighted.
std::vector<double> classWeights(const std::vector<int>& labels, int numClasses) {
    std::vector<double> count(static_cast<std::size_t>(numClasses), 0.0);
    for (int y : labels) count[static_cast<std::size_t>(y)] += 1;
    std::vector<double> w(static_cast<std::size_t>(numClasses), 1.0);
    if (numClasses == 2) {
        if (count[0] > 0 && count[1] > 0) w[1] = count[0] / count[1];
    } else {
        const double n = static_cast<double>(labels.size());
        for (int k = 0; k < numClasses; ++k)
            if (count[static_cast<std::size_t>(k)] > 0)
                w[static_cast<std::size_t>(k)] = n / (numClasses * count[static_cast<std::size_t>(k)]);
    }
    return w;
}

// Raw predictions (binary: P(1) per row; multi-class: rows × K) of rounds [0, iterationEnd);
// iterationEnd 0 = all rounds (and then XGBoost's prediction cache makes it incremental for a
// matrix the booster was created with).
std::vector<float> rawPredict(void* booster, DMatrixHandle m, int iterationEnd, std::size_t expected) {
    const std::string config = "{\"type\": 0, \"training\": false, \"iteration_begin\": 0, \"iteration_end\": " +
                               num(static_cast<std::int64_t>(iterationEnd)) + ", \"strict_shape\": false}";
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    check(XGBoosterPredictFromDMatrix(booster, m, config.c_str(), &shape, &dim, &out), "XGBoosterPredictFromDMatrix");
    std::size_t n = 1;
    for (bst_ulong d = 0; d < dim; ++d) n *= static_cast<std::size_t>(shape[d]);
    if (n != expected)
        throw std::runtime_error("XGBoost prediction has " + std::to_string(n) + " values, expected " +
                                 std::to_string(expected));
    return std::vector<float>(out, out + n);
}

// --- byte layout of toBytes(): magic, fixed little-endian fields, XGBoost's UBJSON model ---
constexpr char kMagic[8] = {'D', 'A', 'C', 'L', 'X', 'G', 'B', '1'};

// FNV-1a over XGBoost's model bytes: XGBoost loads some damaged models without complaint.
std::uint64_t fnv1a(const char* data, std::size_t n) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 0x100000001b3ULL;
    }
    return h;
}

void putU64(std::string& s, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void putF64(std::string& s, double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    putU64(s, bits);
}

struct Reader {
    const std::string& s;
    std::size_t pos = 0;
    std::uint64_t u64() {
        if (s.size() - pos < 8) throw std::invalid_argument("GradientBoosting::fromBytes: truncated model");
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[pos + i])) << (8 * i);
        pos += 8;
        return v;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    double f64() {
        const std::uint64_t bits = u64();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
};

void validateSettings(const BoostSettings& s) {
    auto bad = [](const std::string& what) { throw std::invalid_argument("BoostSettings: " + what); };
    if (s.rounds < 1) bad("rounds must be >= 1");
    if (s.maxDepth < 1) bad("maxDepth must be >= 1");
    if (!(s.eta > 0)) bad("eta must be > 0");
    if (!(s.subsample > 0 && s.subsample <= 1)) bad("subsample must be in (0, 1]");
    if (!(s.colsampleByTree > 0 && s.colsampleByTree <= 1)) bad("colsampleByTree must be in (0, 1]");
    if (!(s.minChildWeight >= 0)) bad("minChildWeight must be >= 0");
    if (!(s.lambda >= 0)) bad("lambda must be >= 0");
    if (s.earlyStoppingRounds < 0) bad("earlyStoppingRounds must be >= 0");
    if (s.threads < 1) bad("threads must be >= 1");
}

}  // namespace

struct GradientBoosting::Impl {
    BoostSettings settings;
    Booster booster;
    int numClasses = 0;
    std::size_t cols = 0;
    int bestIteration = -1;
    int roundsTrained = 0;
};

GradientBoosting::GradientBoosting(BoostSettings settings) : impl_(std::make_unique<Impl>()) {
    validateSettings(settings);
    impl_->settings = settings;
}

GradientBoosting::~GradientBoosting() = default;
GradientBoosting::GradientBoosting(GradientBoosting&&) noexcept = default;
GradientBoosting& GradientBoosting::operator=(GradientBoosting&&) noexcept = default;

void GradientBoosting::fit(const float* X, std::size_t rows, std::size_t cols, const std::vector<int>& labels,
                           int numClasses, const float* valX, std::size_t valRows,
                           const std::vector<int>* valLabels) {
    const BoostSettings& s = impl_->settings;
    if (numClasses < 2)
        throw std::invalid_argument("GradientBoosting::fit: numClasses must be >= 2, got " + std::to_string(numClasses));
    if (rows == 0) throw std::invalid_argument("GradientBoosting::fit: no training rows");
    if (cols == 0) throw std::invalid_argument("GradientBoosting::fit: no feature columns");
    if (!X) throw std::invalid_argument("GradientBoosting::fit: X is null");
    checkLabels(labels, rows, numClasses, "training set");
    const bool hasVal = valX != nullptr || valRows != 0 || valLabels != nullptr;
    if (hasVal) {
        if (!valX || valRows == 0 || !valLabels)
            throw std::invalid_argument(
                "GradientBoosting::fit: a validation set needs valX, valRows > 0 and valLabels together");
        checkLabels(*valLabels, valRows, numClasses, "validation set");
    }

    const std::vector<double> weights = classWeights(labels, numClasses);
    DMatrix dtrain;
    makeMatrix(dtrain, X, rows, cols, s.threads);
    {
        std::vector<float> y(labels.begin(), labels.end());
        check(XGDMatrixSetFloatInfo(dtrain.h, "label", y.data(), static_cast<bst_ulong>(rows)), "XGDMatrixSetFloatInfo");
        if (s.balanceClasses && numClasses > 2) {
            std::vector<float> w(rows);
            for (std::size_t i = 0; i < rows; ++i) w[i] = static_cast<float>(weights[static_cast<std::size_t>(labels[i])]);
            check(XGDMatrixSetFloatInfo(dtrain.h, "weight", w.data(), static_cast<bst_ulong>(rows)),
                  "XGDMatrixSetFloatInfo");
        }
    }
    DMatrix dval;
    std::vector<double> valWeight;  // per validation row, for the stopping loss
    if (hasVal) {
        makeMatrix(dval, valX, valRows, cols, s.threads);
        const std::vector<double> vw = s.balanceClasses ? classWeights(*valLabels, numClasses)
                                                        : std::vector<double>(static_cast<std::size_t>(numClasses), 1.0);
        valWeight.resize(valRows);
        for (std::size_t i = 0; i < valRows; ++i) valWeight[i] = vw[static_cast<std::size_t>((*valLabels)[i])];
    }

    DMatrixHandle cache[2] = {dtrain.h, dval.h};
    BoosterHandle raw = nullptr;
    check(XGBoosterCreate(cache, hasVal ? 2 : 1, &raw), "XGBoosterCreate");
    Booster booster(raw);
    void* b = booster.get();
    setParam(b, "verbosity", "0");
    setParam(b, "booster", "gbtree");
    setParam(b, "tree_method", "hist");
    if (numClasses == 2) {
        setParam(b, "objective", "binary:logistic");
        if (s.balanceClasses) setParam(b, "scale_pos_weight", num(weights[1]));
    } else {
        setParam(b, "objective", "multi:softprob");
        setParam(b, "num_class", num(static_cast<std::int64_t>(numClasses)));
    }
    setParam(b, "max_depth", num(static_cast<std::int64_t>(s.maxDepth)));
    setParam(b, "eta", num(s.eta));
    setParam(b, "subsample", num(s.subsample));
    setParam(b, "colsample_bytree", num(s.colsampleByTree));
    setParam(b, "min_child_weight", num(s.minChildWeight));
    setParam(b, "lambda", num(s.lambda));
    setParam(b, "nthread", num(static_cast<std::int64_t>(s.threads)));
    setParam(b, "seed", num(xgbSeed(s.seed)));

    const bool earlyStopping = hasVal && s.earlyStoppingRounds > 0;
    const std::size_t perRow = numClasses == 2 ? 1 : static_cast<std::size_t>(numClasses);
    double bestLoss = std::numeric_limits<double>::infinity();
    int best = -1;
    int trained = 0;
    for (int it = 0; it < s.rounds; ++it) {
        check(XGBoosterUpdateOneIter(b, it, dtrain.h), "XGBoosterUpdateOneIter");
        trained = it + 1;
        if (!earlyStopping) continue;
        // Weighted validation log-loss in double: XGBoost's own eval string prints 6 digits,
        // too coarse to rank late rounds.
        const std::vector<float> p = rawPredict(b, dval.h, 0, valRows * perRow);
        double loss = 0, wsum = 0;
        constexpr double eps = 1e-15;
        for (std::size_t i = 0; i < valRows; ++i) {
            const int y = (*valLabels)[i];
            double py = numClasses == 2 ? (y == 1 ? p[i] : 1.0 - p[i]) : p[i * perRow + static_cast<std::size_t>(y)];
            py = std::min(std::max(py, eps), 1.0);
            loss -= valWeight[i] * std::log(py);
            wsum += valWeight[i];
        }
        loss /= wsum;
        if (loss < bestLoss) {
            bestLoss = loss;
            best = it;
        } else if (it - best >= s.earlyStoppingRounds) {
            break;
        }
    }

    impl_->booster = std::move(booster);
    impl_->numClasses = numClasses;
    impl_->cols = cols;
    impl_->roundsTrained = trained;
    impl_->bestIteration = earlyStopping && best >= 0 ? best : trained - 1;
}

std::vector<double> GradientBoosting::predictProba(const float* X, std::size_t rows, std::size_t cols) const {
    if (!impl_->booster) throw std::logic_error("GradientBoosting::predictProba: the model is not fitted");
    if (cols != impl_->cols)
        throw std::invalid_argument("GradientBoosting::predictProba: X has " + std::to_string(cols) +
                                    " columns, the model was fitted on " + std::to_string(impl_->cols));
    if (rows == 0) return {};
    if (!X) throw std::invalid_argument("GradientBoosting::predictProba: X is null");
    DMatrix m;
    makeMatrix(m, X, rows, impl_->cols, impl_->settings.threads);
    const int K = impl_->numClasses;
    const std::size_t perRow = K == 2 ? 1 : static_cast<std::size_t>(K);
    const std::vector<float> p = rawPredict(impl_->booster.get(), m.h, impl_->bestIteration + 1, rows * perRow);
    std::vector<double> out(rows * static_cast<std::size_t>(K));
    if (K == 2) {
        for (std::size_t i = 0; i < rows; ++i) {
            out[2 * i] = 1.0 - static_cast<double>(p[i]);
            out[2 * i + 1] = p[i];
        }
    } else {
        // softprob rows sum to 1 in float; renormalise in double so they do to double precision.
        for (std::size_t i = 0; i < rows; ++i) {
            double sum = 0;
            for (std::size_t k = 0; k < perRow; ++k) sum += p[i * perRow + k];
            for (std::size_t k = 0; k < perRow; ++k) out[i * perRow + k] = p[i * perRow + k] / sum;
        }
    }
    return out;
}

bool GradientBoosting::fitted() const { return static_cast<bool>(impl_->booster); }
int GradientBoosting::numClasses() const { return impl_->numClasses; }
std::size_t GradientBoosting::numFeatures() const { return impl_->cols; }
int GradientBoosting::bestIteration() const { return impl_->bestIteration; }
int GradientBoosting::roundsTrained() const { return impl_->roundsTrained; }
const BoostSettings& GradientBoosting::settings() const { return impl_->settings; }

std::string GradientBoosting::toBytes() const {
    if (!impl_->booster) throw std::logic_error("GradientBoosting::toBytes: the model is not fitted");
    bst_ulong len = 0;
    const char* data = nullptr;
    check(XGBoosterSaveModelToBuffer(impl_->booster.get(), "{\"format\": \"ubj\"}", &len, &data),
          "XGBoosterSaveModelToBuffer");
    const BoostSettings& s = impl_->settings;
    std::string out(kMagic, sizeof kMagic);
    putU64(out, static_cast<std::uint64_t>(impl_->numClasses));
    putU64(out, impl_->cols);
    putU64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(impl_->bestIteration)));
    putU64(out, static_cast<std::uint64_t>(impl_->roundsTrained));
    putU64(out, static_cast<std::uint64_t>(s.rounds));
    putU64(out, static_cast<std::uint64_t>(s.maxDepth));
    putF64(out, s.eta);
    putF64(out, s.subsample);
    putF64(out, s.colsampleByTree);
    putF64(out, s.minChildWeight);
    putF64(out, s.lambda);
    putU64(out, s.balanceClasses ? 1 : 0);
    putU64(out, static_cast<std::uint64_t>(s.earlyStoppingRounds));
    putU64(out, static_cast<std::uint64_t>(s.threads));
    putU64(out, s.seed);
    putU64(out, static_cast<std::uint64_t>(len));
    putU64(out, fnv1a(data, static_cast<std::size_t>(len)));
    out.append(data, static_cast<std::size_t>(len));
    return out;
}

GradientBoosting GradientBoosting::fromBytes(const std::string& bytes) {
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw std::invalid_argument("GradientBoosting::fromBytes: not a DACL gradient-boosting model");
    Reader r{bytes, sizeof kMagic};
    const std::int64_t numClasses = r.i64();
    const std::uint64_t cols = r.u64();
    const std::int64_t bestIteration = r.i64();
    const std::int64_t roundsTrained = r.i64();
    BoostSettings s;
    s.rounds = static_cast<int>(r.i64());
    s.maxDepth = static_cast<int>(r.i64());
    s.eta = r.f64();
    s.subsample = r.f64();
    s.colsampleByTree = r.f64();
    s.minChildWeight = r.f64();
    s.lambda = r.f64();
    s.balanceClasses = r.u64() != 0;
    s.earlyStoppingRounds = static_cast<int>(r.i64());
    s.threads = static_cast<int>(r.i64());
    s.seed = r.u64();
    const std::uint64_t len = r.u64();
    const std::uint64_t checksum = r.u64();
    if (numClasses < 2 || numClasses > std::numeric_limits<int>::max() || cols == 0 || roundsTrained < 1 ||
        roundsTrained > std::numeric_limits<int>::max() || bestIteration < 0 || bestIteration >= roundsTrained ||
        len != bytes.size() - r.pos)
        throw std::invalid_argument("GradientBoosting::fromBytes: corrupt model header");
    if (fnv1a(bytes.data() + r.pos, static_cast<std::size_t>(len)) != checksum)
        throw std::invalid_argument("GradientBoosting::fromBytes: model checksum mismatch (damaged bytes)");

    GradientBoosting model(s);  // validates the settings
    BoosterHandle raw = nullptr;
    check(XGBoosterCreate(nullptr, 0, &raw), "XGBoosterCreate");
    Booster booster(raw);
    setParam(booster.get(), "verbosity", "0");
    check(XGBoosterLoadModelFromBuffer(booster.get(), bytes.data() + r.pos, static_cast<bst_ulong>(len)),
          "XGBoosterLoadModelFromBuffer");
    setParam(booster.get(), "nthread", num(static_cast<std::int64_t>(s.threads)));
    bst_ulong features = 0;
    check(XGBoosterGetNumFeature(booster.get(), &features), "XGBoosterGetNumFeature");
    if (features != cols) throw std::invalid_argument("GradientBoosting::fromBytes: the model's feature count does not match its header");
    model.impl_->booster = std::move(booster);
    model.impl_->numClasses = static_cast<int>(numClasses);
    model.impl_->cols = static_cast<std::size_t>(cols);
    model.impl_->bestIteration = static_cast<int>(bestIteration);
    model.impl_->roundsTrained = static_cast<int>(roundsTrained);
    return model;
}

}  // namespace dacl::boosting
