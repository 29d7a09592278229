#include "core/ml/dae.h"

#include "core/ml/kv_text.h"
#include "core/ml/model_archive.h"
#include "core/ml/tensor_util.h"

#include <chrono>
#include <random>
#include <optional>
#include <stdexcept>

namespace dacl::ml {

namespace {

namespace F = torch::nn::functional;

struct DaeNetImpl : torch::nn::Module {
    DaeNetImpl(int in, int hidden, int code)
        : e1(register_module("e1", torch::nn::Linear(in, hidden))),
          e2(register_module("e2", torch::nn::Linear(hidden, code))),
          d1(register_module("d1", torch::nn::Linear(code, hidden))),
          d2(register_module("d2", torch::nn::Linear(hidden, in))) {}
    torch::Tensor encode(const torch::Tensor& x) { return e2(F::silu(e1(x))); }
    torch::Tensor decode(const torch::Tensor& c) { return d2(F::silu(d1(c))); }
    torch::nn::Linear e1, e2, d1, d2;
};
TORCH_MODULE(DaeNet);

std::string settingsText(const DaeSettings& s, int inputDim) {
    KvText kv;
    kv.set("input_dim", inputDim);
    kv.set("hidden", s.hidden);
    kv.set("code_dim", s.codeDim);
    kv.set("noise_sigma", s.noiseSigma);
    kv.set("epochs", s.epochs);
    kv.set("batch_size", s.batchSize);
    kv.set("lr", s.lr);
    kv.set("weight_decay", s.weightDecay);
    kv.set("standardise_input", s.standardiseInput ? 1 : 0);
    kv.set("seed", s.seed);
    kv.set("device", s.device);
    return kv.text();
}

}  // namespace

struct DenoisingAutoencoder::Impl {
    DaeSettings settings;
    int inputDim = 0;
    torch::Device device = torch::kCPU;
    DaeNet net{nullptr};
    torch::Tensor inMean, inStd;
    bool fitted = false;

    torch::Tensor prepare(const Matrix& x) const {
        checkMatrix(x, "DAE input", static_cast<std::size_t>(inputDim));
        return ((toTensor(x) - inMean) / inStd).to(device);
    }
};

DenoisingAutoencoder::DenoisingAutoencoder(int inputDim, const DaeSettings& s)
    : d_(std::make_unique<Impl>()) {
    if (inputDim < 1 || s.hidden < 1 || s.codeDim < 1 || !(s.noiseSigma >= 0) || s.epochs < 1 ||
        s.batchSize < 1 || !(s.lr > 0) || !(s.weightDecay >= 0))
        throw std::invalid_argument("DAE: sizes/epochs/batch must be positive, lr > 0, sigma and weight decay >= 0");
    d_->settings = s;
    d_->inputDim = inputDim;
    d_->device = selectDevice(s.device);
    d_->net = DaeNet(inputDim, s.hidden, s.codeDim);
    auto gen = makeGenerator(s.seed);
    initParameters(*d_->net, gen);
    d_->net->to(d_->device);
    d_->inMean = torch::zeros({inputDim});
    d_->inStd = torch::ones({inputDim});
}
DenoisingAutoencoder::~DenoisingAutoencoder() = default;
DenoisingAutoencoder::DenoisingAutoencoder(DenoisingAutoencoder&&) noexcept = default;
DenoisingAutoencoder& DenoisingAutoencoder::operator=(DenoisingAutoencoder&&) noexcept = default;

int DenoisingAutoencoder::inputDim() const { return d_->inputDim; }
int DenoisingAutoencoder::embeddingDim() const { return d_->settings.codeDim; }
std::int64_t DenoisingAutoencoder::parameterCount() const { return countParameters(*d_->net); }

void DenoisingAutoencoder::fit(const Matrix& x, const std::function<void(const DaeEpoch&)>& onEpoch,
                               ProgressSink* progress) {
    Impl& d = *d_;
    const DaeSettings& s = d.settings;
    checkMatrix(x, "DAE training data", static_cast<std::size_t>(d.inputDim));
    torch::AutoGradMode enable(true);
    auto Xcpu = toTensor(x);
    if (s.standardiseInput) {
        d.inMean = Xcpu.mean(0);
        auto sd = Xcpu.std(0, /*unbiased=*/false);
        d.inStd = torch::where(sd > 1e-8, sd, torch::ones_like(sd));
    }
    auto X = ((Xcpu - d.inMean) / d.inStd).to(d.device);
    const long N = X.size(0);
    std::mt19937_64 rng(s.seed);
    auto gen = makeGenerator(s.seed ^ 0x9E3779B97F4A7C15ULL);
    auto opt = torch::optim::AdamW(d.net->parameters(),
                                   torch::optim::AdamWOptions(s.lr).weight_decay(s.weightDecay));
    std::vector<std::int64_t> order(static_cast<std::size_t>(N));
    for (long i = 0; i < N; ++i) order[static_cast<std::size_t>(i)] = i;
    for (int epoch = 0; epoch < s.epochs; ++epoch) {
        const auto t0 = std::chrono::steady_clock::now();
        if (progress) progress->report("DAE epoch " + std::to_string(epoch + 1) + "/" + std::to_string(s.epochs),
                                       static_cast<std::size_t>(epoch), static_cast<std::size_t>(s.epochs));
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        auto perm = torch::from_blob(order.data(), {N}, torch::kInt64).to(d.device);
        double sum = 0;
        int batches = 0;
        for (long start = 0; start < N; start += s.batchSize) {
            if (progress && progress->cancelled()) throw Cancelled();
            auto xb = X.index_select(0, perm.slice(0, start, std::min<long>(N, start + s.batchSize)));
            auto noise = torch::randn(xb.sizes(), gen, torch::TensorOptions().dtype(torch::kFloat32)).to(d.device);
            auto loss = torch::mse_loss(d.net->decode(d.net->encode(xb + s.noiseSigma * noise)), xb);
            opt.zero_grad();
            loss.backward();
            opt.step();
            sum += loss.item<double>();
            ++batches;
        }
        DaeEpoch e;
        e.epoch = epoch;
        e.loss = sum / batches;
        if (!std::isfinite(e.loss)) throw std::runtime_error("DAE: training diverged (non-finite loss)");
        e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (onEpoch) onEpoch(e);
    }
    d.fitted = true;
}

Matrix DenoisingAutoencoder::embed(const Matrix& x) const {
    if (!d_->fitted) throw std::logic_error("DAE: embed before fit");
    torch::NoGradGuard noGrad;
    return toMatrix(d_->net->encode(d_->prepare(x)));
}

double DenoisingAutoencoder::reconstructionError(const Matrix& x, double noiseSigma, std::uint64_t seed) const {
    torch::NoGradGuard noGrad;
    auto X = d_->prepare(x);
    auto gen = makeGenerator(seed);
    auto noise = torch::randn(X.sizes(), gen, torch::TensorOptions().dtype(torch::kFloat32)).to(d_->device);
    return torch::mse_loss(d_->net->decode(d_->net->encode(X + noiseSigma * noise)), X).item<double>();
}

std::string DenoisingAutoencoder::toBytes() const {
    if (!d_->fitted) throw std::logic_error("DAE: save before fit");
    return saveModel("dae", [this](torch::serialize::OutputArchive& a) {
        writeString(a, "settings", settingsText(d_->settings, d_->inputDim));
        writeModule(a, "net", *d_->net);
        a.write("in_mean", d_->inMean);
        a.write("in_std", d_->inStd);
    });
}

DenoisingAutoencoder DenoisingAutoencoder::fromBytes(const std::string& bytes) {
    std::optional<DenoisingAutoencoder> out;
    loadModel(bytes, "DAE model", "dae", [&out](torch::serialize::InputArchive& a) {
        const auto kv = KvText::parse(readString(a, "settings"));
        DaeSettings s;
        s.hidden = static_cast<int>(kv.integer("hidden"));
        s.codeDim = static_cast<int>(kv.integer("code_dim"));
        s.noiseSigma = kv.num("noise_sigma");
        s.epochs = static_cast<int>(kv.integer("epochs"));
        s.batchSize = static_cast<int>(kv.integer("batch_size"));
        s.lr = kv.num("lr");
        s.weightDecay = kv.num("weight_decay");
        s.standardiseInput = kv.integer("standardise_input") != 0;
        s.seed = kv.uinteger("seed");
        s.device = kv.str("device");
        DenoisingAutoencoder& m = out.emplace(static_cast<int>(kv.integer("input_dim")), s);
        readModule(a, "net", *m.d_->net, m.d_->device);
        m.d_->inMean = readTensor(a, "in_mean");
        m.d_->inStd = readTensor(a, "in_std");
        m.d_->fitted = true;
    });
    return std::move(*out);
}

}  // namespace dacl::ml
