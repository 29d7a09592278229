#include "core/ml/probe.h"

#include "core/ml/model_archive.h"
#include "core/ml/tensor_util.h"

#include <cmath>
#include <optional>
#include <stdexcept>

namespace dacl::ml {

struct LogisticProbe::Impl {
    ProbeSettings settings;
    int K = 0;
    int D = 0;
    torch::Tensor mean, std;  // [D] float64
    torch::Tensor W, b;       // binary: [D,1],[1]; multinomial: [D,K],[K]

    torch::Tensor logits(const torch::Tensor& x) const { return x.matmul(W) + b; }
    torch::Tensor prepare(const Matrix& x) const {
        auto t = toTensor(x, torch::kFloat64);
        return settings.standardise ? (t - mean) / std : t;
    }
};

LogisticProbe::LogisticProbe(const ProbeSettings& s) : d_(std::make_unique<Impl>()) {
    if (!(s.l2 >= 0) || s.maxIterations < 1 || !(s.tolerance > 0))
        throw std::invalid_argument("probe: need l2 >= 0, maxIterations >= 1, tolerance > 0");
    d_->settings = s;
}
LogisticProbe::~LogisticProbe() = default;
LogisticProbe::LogisticProbe(LogisticProbe&&) noexcept = default;
LogisticProbe& LogisticProbe::operator=(LogisticProbe&&) noexcept = default;

bool LogisticProbe::fitted() const { return d_->W.defined(); }
int LogisticProbe::numClasses() const { return d_->K; }
int LogisticProbe::inputDim() const { return d_->D; }

ProbeReport LogisticProbe::fit(const Matrix& x, const std::vector<int>& labels, int numClasses) {
    checkMatrix(x, "probe training data");
    checkLabels(labels, x.rows, numClasses, "probe training labels");
    torch::AutoGradMode enable(true);
    Impl& d = *d_;
    d.K = numClasses;
    d.D = static_cast<int>(x.cols);
    auto X = toTensor(x, torch::kFloat64);
    if (d.settings.standardise) {
        d.mean = X.mean(0);
        // Constant columns keep std 1: they carry no information and must not blow up.
        d.std = X.std(0, /*unbiased=*/false);
        d.std = torch::where(d.std > 1e-12, d.std, torch::ones_like(d.std));
        X = (X - d.mean) / d.std;
    } else {
        d.mean = torch::zeros({d.D}, torch::kFloat64);
        d.std = torch::ones({d.D}, torch::kFloat64);
    }
    auto y = labelsTensor(labels);
    auto counts = torch::bincount(y, {}, numClasses).to(torch::kFloat64);
    auto classW = d.settings.balanceClasses
                      ? static_cast<double>(x.rows) / (numClasses * counts)
                      : torch::ones({numClasses}, torch::kFloat64);
    auto w = classW.index_select(0, y);
    w = w / w.sum();

    const bool binary = numClasses == 2;
    const long out = binary ? 1 : numClasses;
    d.W = torch::zeros({d.D, out}, torch::kFloat64).requires_grad_(true);
    d.b = torch::zeros({out}, torch::kFloat64).requires_grad_(true);
    auto yf = y.to(torch::kFloat64).unsqueeze(1);
    const double l2 = d.settings.l2;

    auto objective = [&]() {
        auto z = d.logits(X);
        torch::Tensor perSample =
            binary ? torch::binary_cross_entropy_with_logits(z, yf, {}, {}, at::Reduction::None).squeeze(1)
                   : torch::nll_loss(torch::log_softmax(z, 1), y, {}, at::Reduction::None);
        return (perSample * w).sum() + 0.5 * l2 * d.W.pow(2).sum();
    };

    torch::optim::LBFGS opt({d.W, d.b}, torch::optim::LBFGSOptions(1.0)
                                            .max_iter(d.settings.maxIterations)
                                            .max_eval(d.settings.maxIterations * 5 / 4 + 1)
                                            .tolerance_grad(d.settings.tolerance)
                                            .tolerance_change(1e-12)
                                            .history_size(20)
                                            .line_search_fn("strong_wolfe"));
    int evals = 0;
    auto closure = [&]() {
        ++evals;
        opt.zero_grad();
        auto loss = objective();
        loss.backward();
        return loss;
    };
    opt.step(closure);

    ProbeReport r;
    r.iterations = evals;
    opt.zero_grad();
    auto loss = objective();
    loss.backward();
    r.finalLoss = loss.item<double>();
    r.gradientNorm = std::max(d.W.grad().abs().max().item<double>(), d.b.grad().abs().max().item<double>());
    d.W = d.W.detach();
    d.b = d.b.detach();
    if (!std::isfinite(r.finalLoss)) throw std::runtime_error("probe: fit diverged (non-finite loss)");
    return r;
}

Matrix LogisticProbe::predictProba(const Matrix& x) const {
    if (!fitted()) throw std::logic_error("probe: predict before fit");
    checkMatrix(x, "probe input", static_cast<std::size_t>(d_->D));
    torch::NoGradGuard noGrad;
    auto z = d_->logits(d_->prepare(x));
    torch::Tensor p;
    if (d_->K == 2) {
        auto p1 = torch::sigmoid(z);
        p = torch::cat({1 - p1, p1}, 1);
    } else {
        p = torch::softmax(z, 1);
    }
    return toMatrix(p);
}

LogisticProbe::Linear LogisticProbe::linear() const {
    if (!fitted()) throw std::logic_error("probe: linear() before fit");
    const auto W = d_->W.to(torch::kFloat64).contiguous(), b = d_->b.to(torch::kFloat64).contiguous();
    Linear out;
    out.W = Matrix(static_cast<std::size_t>(d_->D), static_cast<std::size_t>(d_->K));
    out.b.assign(static_cast<std::size_t>(d_->K), 0.0);
    const double* w = W.data_ptr<double>();
    const int cols = static_cast<int>(W.size(1));
    for (int i = 0; i < d_->D; ++i)
        for (int k = 0; k < cols; ++k) out.W(i, d_->K == 2 ? 1 : k) = static_cast<float>(w[i * cols + k]);
    for (int k = 0; k < cols; ++k) out.b[d_->K == 2 ? 1 : k] = b.data_ptr<double>()[k];
    for (int i = 0; i < d_->D; ++i) {
        out.mean.push_back(d_->settings.standardise ? d_->mean[i].item<double>() : 0.0);
        out.std.push_back(d_->settings.standardise ? d_->std[i].item<double>() : 1.0);
    }
    return out;
}

std::vector<float> LogisticProbe::predictPositive(const Matrix& x, int positive) const {
    if (positive < 0 || positive >= std::max(d_->K, 1))
        throw std::invalid_argument("probe: positive class out of range");
    auto p = predictProba(x);
    std::vector<float> out(p.rows);
    for (std::size_t i = 0; i < p.rows; ++i) out[i] = p(i, static_cast<std::size_t>(positive));
    return out;
}

std::string LogisticProbe::toBytes() const {
    if (!fitted()) throw std::logic_error("probe: save before fit");
    return saveModel("logistic_probe", [this](torch::serialize::OutputArchive& a) {
        a.write("K", torch::tensor(static_cast<std::int64_t>(d_->K)));
        a.write("l2", torch::tensor(d_->settings.l2));
        a.write("standardise", torch::tensor(static_cast<std::int64_t>(d_->settings.standardise)));
        a.write("mean", d_->mean);
        a.write("std", d_->std);
        a.write("W", d_->W);
        a.write("b", d_->b);
    });
}

LogisticProbe LogisticProbe::fromBytes(const std::string& bytes) {
    std::optional<LogisticProbe> out;
    loadModel(bytes, "probe", "logistic_probe", [&out](torch::serialize::InputArchive& a) {
        ProbeSettings s;
        s.l2 = readTensor(a, "l2").item<double>();
        s.standardise = readTensor(a, "standardise").item<std::int64_t>() != 0;
        LogisticProbe& p = out.emplace(s);
        p.d_->K = static_cast<int>(readTensor(a, "K").item<std::int64_t>());
        p.d_->mean = readTensor(a, "mean");
        p.d_->std = readTensor(a, "std");
        p.d_->W = readTensor(a, "W");
        p.d_->b = readTensor(a, "b");
        if (p.d_->K < 2 || p.d_->W.dim() != 2 || p.d_->mean.size(0) != p.d_->W.size(0))
            throw std::invalid_argument("probe: inconsistent stored model");
        p.d_->D = static_cast<int>(p.d_->W.size(0));
    });
    return std::move(*out);
}

}  // namespace dacl::ml
