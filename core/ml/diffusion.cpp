#include "core/ml/diffusion.h"

#include "core/ml/tensor_util.h"

#include <stdexcept>

namespace dacl::ml {

ForwardDiffusion::ForwardDiffusion(const DiffusionSchedule& schedule) : schedule_(schedule) {
    const int T = schedule.steps();
    sqrtAlphaBar_ = torch::empty({T + 1}, torch::kFloat64);
    sqrtOneMinusAlphaBar_ = torch::empty({T + 1}, torch::kFloat64);
    for (int t = 0; t <= T; ++t) {
        sqrtAlphaBar_[t] = schedule.signalScale(t);
        sqrtOneMinusAlphaBar_[t] = schedule.noiseScale(t);
    }
}

torch::Tensor ForwardDiffusion::qSample(const torch::Tensor& z0, const torch::Tensor& t,
                                        const torch::Tensor& noise) const {
    if (z0.dim() != 2 || t.dim() != 1 || t.size(0) != z0.size(0) || !noise.sizes().equals(z0.sizes()))
        throw std::invalid_argument("qSample: need z0 [B,d], t [B], noise [B,d]");
    auto tc = t.to(torch::kCPU, torch::kInt64);
    if (tc.numel() > 0 && (tc.min().item<std::int64_t>() < 0 ||
                           tc.max().item<std::int64_t>() > schedule_.steps()))
        throw std::out_of_range("qSample: timestep outside [0, T]");
    auto a = sqrtAlphaBar_.index_select(0, tc).to(z0.device(), z0.scalar_type()).unsqueeze(1);
    auto s = sqrtOneMinusAlphaBar_.index_select(0, tc).to(z0.device(), z0.scalar_type()).unsqueeze(1);
    return a * z0 + s * noise;
}

torch::Tensor normalLike(const torch::Tensor& like, at::Generator& gen) {
    auto n = torch::randn(like.sizes(), gen, torch::TensorOptions().dtype(torch::kFloat32));
    return n.to(like.device(), like.scalar_type());
}

Views ForwardDiffusion::views(const torch::Tensor& z0, int V, int tMax, at::Generator& gen) const {
    if (V < 1) throw std::invalid_argument("views: V must be >= 1");
    if (tMax < 1 || tMax > schedule_.steps())
        throw std::invalid_argument("views: t_max must be in [1, " +
                                    std::to_string(schedule_.steps()) + "], got " +
                                    std::to_string(tMax));
    const auto B = z0.size(0);
    auto z0rep = z0.repeat({V, 1});  // view-major: row v·B + i is input i
    auto t = torch::randint(1, tMax + 1, {V * B}, gen, torch::TensorOptions().dtype(torch::kInt64));
    auto noise = normalLike(z0rep, gen);
    Views out;
    out.z = qSample(z0rep, t.to(z0.device()), noise);
    out.t = t.to(z0.device());
    return out;
}

Views gaussianViews(const torch::Tensor& z0, int V, double sigma, at::Generator& gen) {
    if (V < 1) throw std::invalid_argument("gaussianViews: V must be >= 1");
    if (!(sigma >= 0)) throw std::invalid_argument("gaussianViews: sigma must be >= 0");
    auto z0rep = z0.repeat({V, 1});
    Views out;
    out.z = z0rep + sigma * normalLike(z0rep, gen);
    out.t = torch::zeros({z0rep.size(0)}, torch::TensorOptions().dtype(torch::kInt64).device(z0.device()));
    return out;
}

Matrix diffuse(const Matrix& z0, int t, const DiffusionSchedule& schedule, std::uint64_t seed) {
    checkMatrix(z0, "diffuse input");
    if (t < 0 || t > schedule.steps())
        throw std::out_of_range("diffuse: timestep " + std::to_string(t) + " outside [0, " +
                                std::to_string(schedule.steps()) + "]");
    if (t == 0) return z0;
    torch::NoGradGuard noGrad;
    auto gen = makeGenerator(seed);
    auto z = toTensor(z0);
    auto noise = normalLike(z, gen);
    return toMatrix(schedule.signalScale(t) * z + schedule.noiseScale(t) * noise);
}

}  // namespace dacl::ml
