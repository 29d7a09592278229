#include "core/ml/vae.h"

#include "core/ml/distributed_ops.h"
#include "core/ml/kv_text.h"
#include "core/ml/model_archive.h"
#include "core/ml/tensor_util.h"
#include "core/ml/training_divergence.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <optional>
#include <stdexcept>

namespace dacl::ml {

namespace {

namespace F = torch::nn::functional;

struct VaeNetImpl : torch::nn::Module {
    VaeNetImpl(int in, int h1, int h2, int d)
        : e1(register_module("e1", torch::nn::Linear(in, h1))),
          e2(register_module("e2", torch::nn::Linear(h1, h2))),
          mu(register_module("mu", torch::nn::Linear(h2, d))),
          logvar(register_module("logvar", torch::nn::Linear(h2, d))),
          d1(register_module("d1", torch::nn::Linear(d, h2))),
          d2(register_module("d2", torch::nn::Linear(h2, h1))),
          d3(register_module("d3", torch::nn::Linear(h1, in))) {}

    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x) {
        auto h = F::silu(e2(F::silu(e1(x))));
        // Clamp log σ² so that exp() cannot overflow early in training.
        return {mu(h), logvar(h).clamp(-10.0, 10.0)};
    }
    torch::Tensor decode(const torch::Tensor& z) { return d3(F::silu(d2(F::silu(d1(z))))); }

    torch::nn::Linear e1, e2, mu, logvar, d1, d2, d3;
};
TORCH_MODULE(VaeNet);

std::string settingsText(const VaeSettings& s, int inputDim) {
    KvText kv;
    kv.set("input_dim", inputDim);
    kv.set("hidden1", s.hidden1);
    kv.set("hidden2", s.hidden2);
    kv.set("latent_dim", s.latentDim);
    kv.set("beta", s.beta);
    kv.set("beta_warmup_epochs", s.betaWarmupEpochs);
    kv.set("recon_reduction", s.reconReduction);
    kv.set("max_epochs", s.maxEpochs);
    kv.set("patience", s.patience);
    kv.set("batch_size", s.batchSize);
    kv.set("lr", s.lr);
    kv.set("weight_decay", s.weightDecay);
    kv.set("validation_fraction", s.validationFraction);
    kv.set("standardise_input", s.standardiseInput ? 1 : 0);
    kv.set("seed", s.seed);
    kv.set("device", s.device);
    return kv.text();
}

VaeSettings settingsFrom(const KvText& kv) {
    VaeSettings s;
    s.hidden1 = static_cast<int>(kv.integer("hidden1"));
    s.hidden2 = static_cast<int>(kv.integer("hidden2"));
    s.latentDim = static_cast<int>(kv.integer("latent_dim"));
    s.beta = kv.num("beta");
    s.betaWarmupEpochs = static_cast<int>(kv.integer("beta_warmup_epochs"));
    // Models saved before the setting existed were trained with the per-element mean.
    s.reconReduction = kv.has("recon_reduction") ? kv.str("recon_reduction") : "mean";
    s.maxEpochs = static_cast<int>(kv.integer("max_epochs"));
    s.patience = static_cast<int>(kv.integer("patience"));
    s.batchSize = static_cast<int>(kv.integer("batch_size"));
    s.lr = kv.num("lr");
    s.weightDecay = kv.num("weight_decay");
    s.validationFraction = kv.num("validation_fraction");
    s.standardiseInput = kv.integer("standardise_input") != 0;
    s.seed = kv.uinteger("seed");
    s.device = kv.str("device");
    return s;
}

void checkSettings(const VaeSettings& s, int inputDim) {
    if (inputDim < 1 || s.hidden1 < 1 || s.hidden2 < 1 || s.latentDim < 1)
        throw std::invalid_argument("VAE: layer sizes must be positive");
    if (!(s.beta >= 0) || s.betaWarmupEpochs < 0 || s.maxEpochs < 1 || s.patience < 1 ||
        s.batchSize < 1 || !(s.lr > 0) || !std::isfinite(s.lr) || !(s.weightDecay >= 0) ||
        !(s.validationFraction > 0 && s.validationFraction < 1) ||
        (s.reconReduction != "sum" && s.reconReduction != "mean"))
        throw std::invalid_argument(
            "VAE: need beta >= 0, warm-up >= 0, epochs/patience/batch >= 1, finite lr > 0, "
            "weight decay >= 0, 0 < validation fraction < 1, reconstruction 'sum' or 'mean'");
}

}  // namespace

struct Vae::Impl {
    VaeSettings settings;
    int inputDim = 0;
    torch::Device device = torch::kCPU;
    VaeNet net{nullptr};
    torch::Tensor inMean, inStd;    // [inputDim], CPU float
    torch::Tensor latMean, latStd;  // [d], CPU float
    bool fitted = false;
    std::shared_ptr<DistributedGroup> dist;

    // This rank's rows of a global batch of `rows` rows: every world-size-th one.
    torch::Tensor shardOf(long rows) const {
        std::vector<std::int64_t> mine;
        for (long j = dist->rank(); j < rows; j += dist->worldSize()) mine.push_back(j);
        return torch::tensor(mine, torch::kInt64).to(device);
    }

    torch::Tensor prepare(const Matrix& x) const {
        checkMatrix(x, "VAE input", static_cast<std::size_t>(inputDim));
        if (x.data.empty()) return ((toTensor(x) - inMean) / inStd).to(device);
        // Read in place: the subtraction makes the one new tensor, which is divided in place
        // (the same arithmetic as (x − mean) / std, without a copy of x and a third tensor).
        const auto in = torch::from_blob(const_cast<float*>(x.data.data()),
                                         {static_cast<long>(x.rows), static_cast<long>(x.cols)}, torch::kFloat32);
        return (in - inMean).div_(inStd).to(device);
    }
    // μ for many rows, in chunks so that memory stays flat.
    torch::Tensor mu(const Matrix& x) {  // not const: torch modules have no const forward
        torch::NoGradGuard noGrad;
        auto X = prepare(x);
        std::vector<torch::Tensor> parts;
        for (long i = 0; i < X.size(0); i += 8192) parts.push_back(net->encode(X.slice(0, i, i + 8192)).first);
        return torch::cat(parts, 0).to(torch::kCPU);
    }
};

Vae::Vae(int inputDim, const VaeSettings& s) : d_(std::make_unique<Impl>()) {
    checkSettings(s, inputDim);
    d_->settings = s;
    d_->inputDim = inputDim;
    d_->device = selectDevice(s.device);
    d_->net = VaeNet(inputDim, s.hidden1, s.hidden2, s.latentDim);
    auto gen = makeGenerator(s.seed);
    initParameters(*d_->net, gen);
    d_->net->to(d_->device);
    d_->inMean = torch::zeros({inputDim});
    d_->inStd = torch::ones({inputDim});
    d_->latMean = torch::zeros({s.latentDim});
    d_->latStd = torch::ones({s.latentDim});
}
Vae::~Vae() = default;
Vae::Vae(Vae&&) noexcept = default;
Vae& Vae::operator=(Vae&&) noexcept = default;

bool Vae::fitted() const { return d_->fitted; }
int Vae::inputDim() const { return d_->inputDim; }
int Vae::latentDim() const { return d_->settings.latentDim; }
std::int64_t Vae::parameterCount() const { return countParameters(*d_->net); }
const VaeSettings& Vae::settings() const { return d_->settings; }
void Vae::setDistributed(std::shared_ptr<DistributedGroup> group) { d_->dist = std::move(group); }

VaeReport Vae::fit(const Matrix& trainIn, const Matrix& validationIn,
                   const std::function<void(const VaeEpoch&)>& onEpoch, ProgressSink* progress) {
    Impl& d = *d_;
    const VaeSettings& s = d.settings;
    checkMatrix(trainIn, "VAE training data", static_cast<std::size_t>(d.inputDim));
    torch::AutoGradMode enable(true);
    std::mt19937_64 rng(s.seed);
    auto gen = makeGenerator(s.seed ^ 0x9E3779B97F4A7C15ULL);
    const bool sumRecon = s.reconReduction == "sum";

    // Validation: the given matrix, or a seeded random held-out part of train.
    Matrix train = trainIn, validation = validationIn;
    if (validation.empty()) {
        if (trainIn.rows < 4) throw std::invalid_argument("VAE: need at least 4 training rows");
        std::vector<std::size_t> idx(trainIn.rows);
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        for (std::size_t i = idx.size(); i > 1; --i) std::swap(idx[i - 1], idx[rng() % i]);
        const std::size_t nVal = std::max<std::size_t>(1, static_cast<std::size_t>(s.validationFraction * idx.size()));
        validation = trainIn.selectRows({idx.begin(), idx.begin() + static_cast<long>(nVal)});
        train = trainIn.selectRows({idx.begin() + static_cast<long>(nVal), idx.end()});
    } else {
        checkMatrix(validation, "VAE validation data", static_cast<std::size_t>(d.inputDim));
    }

    auto Xcpu = toTensor(train);
    if (s.standardiseInput) {
        d.inMean = Xcpu.mean(0);
        auto sd = Xcpu.std(0, /*unbiased=*/false);
        d.inStd = torch::where(sd > 1e-8, sd, torch::ones_like(sd));
    }
    auto X = ((Xcpu - d.inMean) / d.inStd).to(d.device);
    auto V = d.prepare(validation);
    const long N = X.size(0);

    if (d.dist) broadcastParameters(*d.dist, *d.net);  // the same start on every rank, whatever came before
    auto opt = torch::optim::AdamW(d.net->parameters(),
                                   torch::optim::AdamWOptions(s.lr).weight_decay(s.weightDecay));
    VaeReport report;
    double best = std::numeric_limits<double>::infinity();
    std::vector<torch::Tensor> bestState = snapshot(*d.net);
    int sinceBest = 0;
    std::vector<std::int64_t> order(static_cast<std::size_t>(N));
    for (long i = 0; i < N; ++i) order[static_cast<std::size_t>(i)] = i;

    for (int epoch = 0; epoch < s.maxEpochs; ++epoch) {
        const auto t0 = std::chrono::steady_clock::now();
        if (progress) progress->report("VAE epoch " + std::to_string(epoch + 1) + "/" + std::to_string(s.maxEpochs),
                                       static_cast<std::size_t>(epoch), static_cast<std::size_t>(s.maxEpochs));
        VaeEpoch e;
        e.epoch = epoch;
        e.beta = s.betaWarmupEpochs > 0 ? s.beta * std::min(1.0, (epoch + 1.0) / s.betaWarmupEpochs) : s.beta;
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        auto perm = torch::from_blob(order.data(), {N}, torch::kInt64).to(d.device);
        d.net->train();
        double sumLoss = 0, sumRec = 0, sumKl = 0;
        int batches = 0;
        const long globalBatch = static_cast<long>(s.batchSize) * (d.dist ? d.dist->worldSize() : 1);
        for (long start = 0; start < N; start += globalBatch) {
            if (progress && progress->cancelled()) throw Cancelled();
            const long rows = std::min<long>(N, start + globalBatch) - start;
            auto idx = perm.slice(0, start, start + rows);
            // The global batch's noise, drawn on every rank from the same stream; each rank keeps
            // its shard (alone the shard is the batch, and the draw the one it always was).
            auto eps = torch::randn({rows, s.latentDim}, gen, torch::TensorOptions().dtype(torch::kFloat32)).to(d.device);
            if (d.dist) {
                const auto mine = d.shardOf(rows);
                idx = idx.index_select(0, mine);
                eps = eps.index_select(0, mine);
            }
            // The losses are means over the shard; weighted by the shard's share of the batch,
            // their gradients sum to those of the global batch's mean (also for unequal shards).
            const double share = static_cast<double>(idx.size(0)) / static_cast<double>(rows);
            opt.zero_grad();
            if (idx.size(0) == 0) {
                // A last batch smaller than the world leaves this rank nothing: it adds zeros.
                for (auto& p : d.net->parameters()) p.mutable_grad() = torch::zeros_like(p);
            } else {
                auto xb = X.index_select(0, idx);
                auto [mu, logvar] = d.net->encode(xb);
                auto z = mu + torch::exp(0.5 * logvar) * eps;
                auto rec = torch::mse_loss(d.net->decode(z), xb);
                // Per element MSE; "sum" scales it to the per-sample squared error.
                auto objectiveRec = sumRecon ? rec * static_cast<double>(xb.size(1)) : rec;
                auto kl = (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1)).mean();
                auto loss = objectiveRec + e.beta * kl;
                (d.dist ? loss * share : loss).backward();
                sumLoss += share * loss.item<double>();
                sumRec += share * rec.item<double>();
                sumKl += share * kl.item<double>();
            }
            if (d.dist) allReduceGradients(*d.dist, d.net->parameters(), GradientReduction::Sum);
            opt.step();
            ++batches;
        }
        if (d.dist) {
            const auto sums = d.dist->allReduceSum({sumLoss, sumRec, sumKl});
            sumLoss = sums[0];
            sumRec = sums[1];
            sumKl = sums[2];
        }
        e.trainLoss = sumLoss / batches;
        e.trainRecon = sumRec / batches;
        e.trainKl = sumKl / batches;
        {
            torch::NoGradGuard noGrad;
            d.net->eval();
            e.valRecon = torch::mse_loss(d.net->decode(d.net->encode(V).first), V).item<double>();
        }
        // Rank 0's error decides early stopping on every rank (the weights are the same).
        if (d.dist) e.valRecon = d.dist->broadcast({e.valRecon})[0];
        // Every figure of the epoch, validation too: a NaN validation error is never "best", so the
        // run would otherwise end with the initial weights and report nothing wrong.
        requireFinite("VAE", epoch + 1, "the training loss", e.trainLoss);
        requireFinite("VAE", epoch + 1, "the KL term", e.trainKl);
        requireFinite("VAE", epoch + 1, "the validation reconstruction error", e.valRecon);
        const bool warm = epoch + 1 >= s.betaWarmupEpochs;
        if (warm && e.valRecon < best) {
            best = e.valRecon;
            bestState = snapshot(*d.net);
            report.bestEpoch = epoch;
            e.best = true;
            sinceBest = 0;
        } else if (warm) {
            ++sinceBest;
        }
        e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        report.epochs.push_back(e);
        if (onEpoch) onEpoch(e);
        if (sinceBest >= s.patience) {
            report.stoppedEarly = true;
            break;
        }
    }
    restore(*d.net, bestState);
    report.bestValRecon = best;
    d.fitted = true;
    // Latent standardisation from the training rows' μ (all of trainIn: validation rows are
    // training records too, only held out from the VAE's early stopping).
    auto mu = d.mu(trainIn);
    d.latMean = mu.mean(0);
    auto sd = mu.std(0, /*unbiased=*/false);
    d.latStd = torch::where(sd > 1e-6, sd, torch::full_like(sd, 1e-6));
    if (progress) progress->report("VAE", static_cast<std::size_t>(s.maxEpochs), static_cast<std::size_t>(s.maxEpochs));
    return report;
}

Matrix Vae::encodeMean(const Matrix& x) const { return toMatrix(d_->mu(x)); }

Matrix Vae::encode(const Matrix& x) const {
    if (!d_->fitted) throw std::logic_error("VAE: encode before fit");
    return toMatrix((d_->mu(x) - d_->latMean) / d_->latStd);
}

Matrix Vae::reconstruct(const Matrix& x) const {
    torch::NoGradGuard noGrad;
    auto X = d_->prepare(x);
    auto r = d_->net->decode(d_->net->encode(X).first).to(torch::kCPU);
    return toMatrix(r * d_->inStd + d_->inMean);
}

Matrix Vae::encodeStd(const Matrix& x) const {
    if (!d_->fitted) throw std::logic_error("VAE: encode before fit");
    torch::NoGradGuard noGrad;
    auto logvar = d_->net->encode(d_->prepare(x)).second.to(torch::kCPU);
    return toMatrix(torch::exp(0.5 * logvar) / d_->latStd);
}

Matrix Vae::decode(const Matrix& z) const {
    if (!d_->fitted) throw std::logic_error("VAE: decode before fit");
    checkMatrix(z, "VAE latent", static_cast<std::size_t>(d_->settings.latentDim));
    torch::NoGradGuard noGrad;
    auto mu = toTensor(z) * d_->latStd + d_->latMean;
    auto r = d_->net->decode(mu.to(d_->device)).to(torch::kCPU);
    return toMatrix(r * d_->inStd + d_->inMean);
}

std::vector<float> Vae::latentMean() const {
    auto t = d_->latMean.contiguous();
    return {t.data_ptr<float>(), t.data_ptr<float>() + t.numel()};
}
std::vector<float> Vae::latentStd() const {
    auto t = d_->latStd.contiguous();
    return {t.data_ptr<float>(), t.data_ptr<float>() + t.numel()};
}

std::string Vae::toBytes() const {
    if (!d_->fitted) throw std::logic_error("VAE: save before fit");
    return saveModel("vae", [this](torch::serialize::OutputArchive& a) {
        writeString(a, "settings", settingsText(d_->settings, d_->inputDim));
        writeModule(a, "net", *d_->net);
        a.write("in_mean", d_->inMean);
        a.write("in_std", d_->inStd);
        a.write("lat_mean", d_->latMean);
        a.write("lat_std", d_->latStd);
    });
}

Vae Vae::fromBytes(const std::string& bytes) {
    std::optional<Vae> out;
    loadModel(bytes, "VAE model", "vae", [&out](torch::serialize::InputArchive& a) {
        const auto kv = KvText::parse(readString(a, "settings"));
        Vae& v = out.emplace(static_cast<int>(kv.integer("input_dim")), settingsFrom(kv));
        readModule(a, "net", *v.d_->net, v.d_->device);
        v.d_->inMean = readTensor(a, "in_mean");
        v.d_->inStd = readTensor(a, "in_std");
        v.d_->latMean = readTensor(a, "lat_mean");
        v.d_->latStd = readTensor(a, "lat_std");
        v.d_->fitted = true;
    });
    return std::move(*out);
}

}  // namespace dacl::ml
