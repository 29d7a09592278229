#include "core/ml/sequence_trainer.h"

#include "core/ml/batch_shares.h"

#include "core/ml/training_divergence.h"

#include "core/eval/metrics.h"
#include "core/ml/distributed_ops.h"
#include "core/ml/losses.h"
#include "core/ml/lr_schedule.h"
#include "core/ml/optim.h"
#include "core/ml/probe.h"
#include "core/ml/temporal_unet.h"
#include "core/ml/tensor_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

namespace dacl::ml {

Crop randomCrop(int valid, double fraction, std::mt19937_64& rng) {
    Crop c;
    c.length = std::min(valid, std::max(4, static_cast<int>(std::lround(fraction * valid))));
    c.start = std::uniform_int_distribution<int>(0, valid - c.length)(rng);
    return c;
}

const char* toString(SequenceStage s) { return s == SequenceStage::Probe ? "probe" : "finetuned"; }

namespace {

nlohmann::json settingsJson(const SequenceTrainSettings& s) {
    return {{"width", s.width}, {"time_embed", s.timeEmbedDim}, {"time_conditioning", s.timeConditioning},
            {"proj_dim", s.projectionDim}, {"views", s.views}, {"gaussian_sigma", s.gaussianSigma},
            {"schedule", toString(s.schedule.kind)}, {"T", s.schedule.steps}, {"beta_start", s.schedule.betaStart},
            {"beta_end", s.schedule.betaEnd}, {"t_max", s.tMax}, {"num_views", s.numViews}, {"crop", s.crop},
            {"batch", s.batch}, {"balance", s.balance}, {"epochs", s.epochs}, {"steps", s.stepsPerEpoch}, {"lr", s.lr},
            {"wd", s.weightDecay}, {"warmup", s.warmupEpochs}, {"temperature", s.temperature},
            {"finetune_epochs", s.finetuneEpochs}, {"finetune_lr", s.finetuneLr},
            {"probe_records", s.probeRecords}, {"seed", s.seed}, {"device", s.device}};
}

SequenceTrainSettings settingsFrom(const nlohmann::json& j) {
    SequenceTrainSettings s;
    s.width = j.at("width");
    s.timeEmbedDim = j.at("time_embed");
    s.timeConditioning = j.at("time_conditioning");
    s.projectionDim = j.at("proj_dim");
    s.views = j.at("views");
    s.gaussianSigma = j.at("gaussian_sigma");
    s.schedule.kind = scheduleKindFromString(j.at("schedule"));
    s.schedule.steps = j.at("T");
    s.schedule.betaStart = j.at("beta_start");
    s.schedule.betaEnd = j.at("beta_end");
    s.tMax = j.at("t_max");
    s.numViews = j.at("num_views");
    s.crop = j.at("crop");
    s.batch = j.at("batch");
    s.balance = j.value("balance", 0.0);  // absent in models saved before the setting existed
    s.epochs = j.at("epochs");
    s.stepsPerEpoch = j.at("steps");
    s.lr = j.at("lr");
    s.weightDecay = j.at("wd");
    s.warmupEpochs = j.at("warmup");
    s.temperature = j.at("temperature");
    s.finetuneEpochs = j.at("finetune_epochs");
    s.finetuneLr = j.at("finetune_lr");
    s.probeRecords = j.at("probe_records");
    s.seed = j.at("seed");
    s.device = j.at("device");
    return s;
}

// AUROC (binary) or mean one-vs-rest AUROC of the classes that occur with both outcomes.
double validationScore(const Matrix& proba, const std::vector<int>& labels) {
    const int K = static_cast<int>(proba.cols);
    if (K == 2) {
        std::vector<double> s(proba.rows);
        for (std::size_t i = 0; i < proba.rows; ++i) s[i] = proba(i, 1);
        return eval::auroc(s, labels);
    }
    double sum = 0;
    int used = 0;
    for (int k = 0; k < K; ++k) {
        std::vector<double> s(proba.rows);
        std::vector<int> y(proba.rows);
        int pos = 0;
        for (std::size_t i = 0; i < proba.rows; ++i) {
            s[i] = proba(i, k);
            y[i] = labels[i] == k;
            pos += y[i];
        }
        if (pos == 0 || pos == static_cast<int>(proba.rows)) continue;
        sum += eval::auroc(s, y);
        ++used;
    }
    return used ? sum / used : 0.5;
}

void checkSet(const SequenceSet& s, int channels, const std::vector<int>& labels, const char* what) {
    if (s.size() == 0) throw std::invalid_argument(std::string(what) + ": no records");
    if (s.channels != channels) throw std::invalid_argument(std::string(what) + ": wrong channel count");
    if (!s.stored && s.values.size() != s.size() * s.stride()) throw std::invalid_argument(std::string(what) + ": size mismatch");
    if (labels.size() != s.size()) throw std::invalid_argument(std::string(what) + ": one label per record needed");
}

}  // namespace

struct SequenceTrainer::Impl {
    Impl(int channels, int classes, const SequenceTrainSettings& settings)
        : inputChannels(channels), numClasses(classes), s(settings), device(selectDevice(settings.device)),
          schedule(settings.schedule), rng(settings.seed), gen(makeGenerator(settings.seed ^ 0x5eedULL)) {
        TemporalUNetSettings u;
        u.inputChannels = channels;
        u.width = s.width;
        u.timeEmbedDim = s.timeEmbedDim;
        u.timeConditioning = s.timeConditioning;
        u.projectionDim = s.projectionDim;
        u.numClasses = classes;
        net = TemporalUNet(u);
        auto init = makeGenerator(s.seed);
        initParameters(*net, init);
        net->to(device);
        std::vector<double> a(schedule.steps() + 1), b(schedule.steps() + 1);
        for (int t = 0; t <= schedule.steps(); ++t) {
            a[t] = schedule.signalScale(t);
            b[t] = schedule.noiseScale(t);
        }
        signal = torch::tensor(a, torch::kFloat64).to(torch::kFloat32).to(device);
        noise = torch::tensor(b, torch::kFloat64).to(torch::kFloat32).to(device);
    }

    int inputChannels, numClasses;
    SequenceTrainSettings s;
    torch::Device device;
    DiffusionSchedule schedule;
    std::mt19937_64 rng;
    at::Generator gen;
    TemporalUNet net{nullptr};
    torch::Tensor signal, noise;  // √ᾱ_t, √(1−ᾱ_t) for t = 0..T
    std::vector<torch::Tensor> best[2];
    SequenceStage current = SequenceStage::Probe;
    std::shared_ptr<DistributedGroup> dist;

    int worldSize() const { return dist ? dist->worldSize() : 1; }

    struct Batch {
        torch::Tensor x, valid, labels;
    };

    // Records `idx` (each a random crop when `crop`), zero-padded to the longest.
    Batch gather(const SequenceSet& set, const std::vector<std::size_t>& idx, bool crop,
                 const std::vector<int>* labels) {
        const std::size_t n = idx.size();
        const int C = set.channels;
        std::vector<int> start(n), len(n);
        int Lb = 1;
        for (std::size_t i = 0; i < n; ++i) {
            const int V = set.valid[idx[i]];
            len[i] = V;
            start[i] = 0;
            if (crop) {
                const Crop c = randomCrop(V, s.crop, rng);
                start[i] = c.start;
                len[i] = c.length;
            }
            Lb = std::max(Lb, len[i]);
        }
        std::vector<float> buf(n * C * static_cast<std::size_t>(Lb), 0.0f);
        std::vector<std::int64_t> valid(n);
        for (std::size_t i = 0; i < n; ++i) {
            const float* src = set.record(idx[i]);
            for (int c = 0; c < C; ++c)
                std::copy_n(src + static_cast<std::size_t>(c) * set.frames + start[i], len[i],
                            buf.data() + (i * C + c) * static_cast<std::size_t>(Lb));
            valid[i] = len[i];
        }
        // A mapped set (the training latents at scale) lets go of the pages this batch read:
        // random batches would otherwise page in, and keep, the whole file over an epoch (each
        // read maps up to a 2 MB folio around it: a batch of 128 records maps up to 256 MB for
        // the moment).
        set.releasePages();
        Batch b;
        b.x = batchTo(torch::from_blob(buf.data(), {static_cast<long>(n), C, Lb}, torch::kFloat32), device);
        b.valid = batchTo(torch::tensor(valid, torch::kInt64), device);
        if (labels) {
            std::vector<std::int64_t> y(n);
            for (std::size_t i = 0; i < n; ++i) y[i] = (*labels)[idx[i]];
            b.labels = batchTo(torch::tensor(y, torch::kInt64), device);
        }
        return b;
    }

    // Class-balanced batch of `size` record indices, drawn with replacement, class by class.
    std::vector<std::size_t> balancedBatch(const std::vector<std::vector<std::size_t>>& byClass, int size) {
        std::vector<std::size_t> counts;
        for (const auto& c : byClass) counts.push_back(c.size());
        const std::vector<int> shares = batchShares(counts, size, s.balance);
        std::vector<std::size_t> idx;
        for (std::size_t k = 0; k < byClass.size(); ++k) {
            if (byClass[k].empty()) continue;
            std::uniform_int_distribution<std::size_t> pick(0, byClass[k].size() - 1);
            for (int i = 0; i < shares[k]; ++i) idx.push_back(byClass[k][pick(rng)]);
        }
        return idx;
    }

    // Noisy views: diffusion forward process at t ~ U{1..tMax}, Gaussian noise, or none.
    std::pair<torch::Tensor, torch::Tensor> corrupt(const Batch& b) {
        const long n = b.x.size(0);
        torch::Tensor t = torch::zeros({n}, torch::TensorOptions().dtype(torch::kInt64).device(device));
        if (s.views == "none") return {b.x, t};
        const auto eps = torch::randn(b.x.sizes(), gen, torch::kFloat32).to(device);
        const auto mask = frameMask(b.valid, b.x.size(2)).unsqueeze(1);
        if (s.views == "gaussian") return {(b.x + s.gaussianSigma * eps) * mask, t};
        t = torch::randint(1, s.tMax + 1, {n}, gen, torch::kInt64).to(device);
        const auto a = signal.index_select(0, t).view({n, 1, 1}), sd = noise.index_select(0, t).view({n, 1, 1});
        return {(a * b.x + sd * eps) * mask, t};
    }

    // This rank's rows of a global batch of `views` × `records` rows (view-major): every
    // world-size-th record of each view. The batch lists its records class by class, so strided
    // shards keep the class balance (contiguous ones would not).
    torch::Tensor shardRows(int views, int records) const {
        std::vector<std::int64_t> rows;
        for (int v = 0; v < views; ++v)
            for (int j = dist->rank(); j < records; j += dist->worldSize()) rows.push_back(static_cast<std::int64_t>(v) * records + j);
        return torch::tensor(rows, torch::kInt64).to(device);
    }

    torch::Tensor embedBatch(const Batch& b, const torch::Tensor& t) { return net->represent(b.x, b.valid, t); }

    Matrix embed(const SequenceSet& set, const std::vector<int>& t) {
        torch::NoGradGuard guard;
        net->eval();
        const std::size_t n = set.size(), chunk = 128;
        Matrix out(n, static_cast<std::size_t>(net->representationDim()));
        for (std::size_t a = 0; a < n; a += chunk) {
            std::vector<std::size_t> idx;
            std::vector<std::int64_t> tt;
            for (std::size_t i = a; i < std::min(n, a + chunk); ++i) {
                idx.push_back(i);
                tt.push_back(t[i]);
            }
            const Batch b = gather(set, idx, false, nullptr);
            const auto h = embedBatch(b, torch::tensor(tt, torch::kInt64).to(device)).to(torch::kCPU).contiguous();
            std::copy_n(h.data_ptr<float>(), h.numel(), out.row(a));
        }
        net->train();
        return out;
    }

    Matrix classProba(const SequenceSet& set) {
        const Matrix h = embed(set, std::vector<int>(set.size(), 0));
        torch::NoGradGuard guard;
        const auto p = torch::softmax(net->classify(toTensor(h).to(device)), 1);
        return toMatrix(p);
    }

    static SequenceSet subset(const SequenceSet& set, const std::vector<std::size_t>& idx) {
        SequenceSet sub;
        sub.channels = set.channels;
        sub.frames = set.frames;
        for (std::size_t k = 0; k < idx.size(); ++k) {
            sub.values.insert(sub.values.end(), set.record(idx[k]), set.record(idx[k]) + set.stride());
            sub.valid.push_back(set.valid[idx[k]]);
            // A read of a mapped set maps the whole page-cache folio around it (up to 2 MB on
            // Linux 6.x for a file written in one go): the probe's 1500 records spread over a
            // training set would map all of it (measured: the whole 369 MB file at 10 k records).
            if ((k + 1) % 64 == 0 || k + 1 == idx.size()) set.releasePages();
        }
        return sub;
    }

    double probeScore(const SequenceSet& train, const std::vector<int>& labels, const std::vector<std::size_t>& probeIdx,
                      const SequenceSet& val, const std::vector<int>& valLabels) {
        const SequenceSet sub = subset(train, probeIdx);
        std::vector<int> y;
        for (std::size_t i : probeIdx) y.push_back(labels[i]);
        LogisticProbe probe;
        probe.fit(embed(sub, std::vector<int>(sub.size(), 0)), y, numClasses);
        return validationScore(probe.predictProba(embed(val, std::vector<int>(val.size(), 0))), valLabels);
    }

    double train(bool contrastive, const SequenceSet& trainSet, const std::vector<int>& labels, const SequenceSet& val,
                 const std::vector<int>& valLabels, const EpochCallback& onEpoch, ProgressSink* progress,
                 const std::string& prefix) {
        checkSet(trainSet, inputChannels, labels, "training sequences");
        checkSet(val, inputChannels, valLabels, "validation sequences");
        const SequenceStage stage = contrastive ? SequenceStage::Probe : SequenceStage::Finetuned;
        const bool pretrained = !best[static_cast<int>(SequenceStage::Probe)].empty();
        const int epochs = contrastive ? s.epochs : s.finetuneEpochs;
        const double baseLr = contrastive ? s.lr : s.finetuneLr;
        std::vector<std::vector<std::size_t>> byClass(static_cast<std::size_t>(numClasses));
        for (std::size_t i = 0; i < labels.size(); ++i) byClass.at(static_cast<std::size_t>(labels[i])).push_back(i);
        // A fixed, seeded subset of the training records for the per-epoch probe.
        std::vector<std::size_t> probeIdx(labels.size());
        std::iota(probeIdx.begin(), probeIdx.end(), std::size_t{0});
        std::shuffle(probeIdx.begin(), probeIdx.end(), rng);
        if (probeIdx.size() > static_cast<std::size_t>(s.probeRecords)) probeIdx.resize(static_cast<std::size_t>(s.probeRecords));
        std::sort(probeIdx.begin(), probeIdx.end());

        if (!contrastive) {
            // The head reads h standardised with training statistics, as the probe does. After
            // pre-training it starts as the fitted probe (linear probing, then fine-tuning: a random
            // head's first gradients would distort the pre-trained features).
            const SequenceSet sub = subset(trainSet, probeIdx);
            const Matrix h = embed(sub, std::vector<int>(sub.size(), 0));
            LogisticProbe probe;
            std::vector<int> y;
            for (std::size_t i : probeIdx) y.push_back(labels[i]);
            probe.fit(h, y, numClasses);
            const LogisticProbe::Linear lin = probe.linear();
            net->setHeadStandardisation(torch::tensor(lin.mean).to(torch::kFloat32).to(device),
                                        torch::tensor(lin.std).to(torch::kFloat32).to(device));
            if (pretrained)
                net->setHead(toTensor(lin.W).t().contiguous().to(device), torch::tensor(lin.b).to(torch::kFloat32).to(device));
        }
        if (dist) broadcastParameters(*dist, *net);  // the same start on every rank, whatever came before
        auto optimizer = makeAdamW(net->parameters(), baseLr, s.weightDecay);
        LrSchedule lr{baseLr, 0.0, static_cast<std::int64_t>(s.warmupEpochs) * s.stepsPerEpoch,
                      std::max<std::int64_t>(1, static_cast<std::int64_t>(epochs) * s.stepsPerEpoch)};
        double bestScore = -1;
        std::int64_t step = 0;
        const int views = contrastive ? std::max(2, s.numViews) : 1;
        for (int e = 0; e < epochs; ++e) {
            const auto t0 = std::chrono::steady_clock::now();
            double lossSum = 0, reduceSeconds = 0;
            for (int k = 0; k < s.stepsPerEpoch; ++k, ++step) {
                if (progress && progress->cancelled()) throw Cancelled();
                if (progress) progress->report(prefix + (contrastive ? "SupCon" : "fine-tuning") + " epoch " +
                                                   std::to_string(e + 1) + "/" + std::to_string(epochs),
                                               static_cast<std::size_t>(k), static_cast<std::size_t>(s.stepsPerEpoch));
                // Every rank draws the whole global batch (crops and noise included) from the same
                // seeded streams and keeps its shard: the ranks together see exactly what one
                // process with the global batch sees (alone: the shard is the batch).
                const int globalBatch = s.batch * worldSize();
                const auto records = balancedBatch(byClass, globalBatch);
                std::vector<std::size_t> idx;
                for (int v = 0; v < views; ++v) idx.insert(idx.end(), records.begin(), records.end());
                Batch b = gather(trainSet, idx, true, &labels);
                auto [x, t] = corrupt(b);
                if (dist) {
                    const auto rows = shardRows(views, globalBatch);
                    x = x.index_select(0, rows);
                    t = t.index_select(0, rows);
                    b.valid = b.valid.index_select(0, rows);
                    b.labels = b.labels.index_select(0, rows);
                }
                const auto h = net->represent(x, b.valid, t);
                // SupCon compares every pair of the global batch, so it is computed on the gathered
                // projections (the same loss on every rank, gradients summed); cross-entropy is a
                // mean over records, so each rank's shard mean is averaged.
                torch::Tensor loss;
                if (contrastive && dist)
                    loss = supConLoss(allGatherRows(*dist, net->project(h)), allGatherRows(*dist, b.labels), s.temperature);
                else if (contrastive)
                    loss = supConLoss(net->project(h), b.labels, s.temperature);
                else
                    loss = torch::nn::functional::cross_entropy(net->classify(h), b.labels);
                double value = loss.item<double>();
                if (dist && !contrastive) value = dist->allReduceSum({value})[0] / worldSize();
                // A diverged loss fails the run with its stage and epoch instead of training on NaN.
                requireFinite(prefix + (contrastive ? "SupCon" : "fine-tuning"), e + 1, "the training loss", value);
                setLearningRate(*optimizer, lr.at(step));
                optimizer->zero_grad();
                loss.backward();
                if (dist) {
                    const auto r0 = std::chrono::steady_clock::now();
                    allReduceGradients(*dist, net->parameters(), contrastive ? GradientReduction::Sum : GradientReduction::Mean);
                    reduceSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
                }
                optimizer->step();
                lossSum += value;
            }
            SequenceEpoch rep;
            rep.stage = stage;
            rep.epoch = e;
            rep.loss = lossSum / s.stepsPerEpoch;
            rep.lr = lr.at(step - 1);
            rep.valScore = contrastive ? probeScore(trainSet, labels, probeIdx, val, valLabels)
                                       : validationScore(classProba(val), valLabels);
            // Rank 0's score decides the best epoch everywhere (the ranks' weights are the same).
            if (dist) rep.valScore = dist->broadcast({rep.valScore})[0];
            rep.allReduceSeconds = reduceSeconds;
            rep.best = rep.valScore > bestScore;
            if (rep.best) {
                bestScore = rep.valScore;
                best[static_cast<int>(stage)] = snapshot(*net);
            }
            rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (onEpoch) onEpoch(rep);
        }
        // No epoch had a validation score (e.g. a validation split of one class): the stage keeps
        // its last epoch, so that it can still be chosen, reported and saved.
        if (best[static_cast<int>(stage)].empty()) best[static_cast<int>(stage)] = snapshot(*net);
        restore(*net, best[static_cast<int>(stage)]);
        current = stage;
        return bestScore;
    }
};

SequenceTrainer::SequenceTrainer(int inputChannels, int numClasses, const SequenceTrainSettings& settings)
    : d_(std::make_unique<Impl>(inputChannels, numClasses, settings)) {
    if (inputChannels < 1 || numClasses < 2) throw std::invalid_argument("SequenceTrainer: bad channel or class count");
}
SequenceTrainer::~SequenceTrainer() = default;
SequenceTrainer::SequenceTrainer(SequenceTrainer&&) noexcept = default;
SequenceTrainer& SequenceTrainer::operator=(SequenceTrainer&&) noexcept = default;

double SequenceTrainer::trainContrastive(const SequenceSet& train, const std::vector<int>& labels, const SequenceSet& val,
                                         const std::vector<int>& valLabels, const EpochCallback& onEpoch,
                                         ProgressSink* progress, const std::string& prefix) {
    return d_->train(true, train, labels, val, valLabels, onEpoch, progress, prefix);
}

double SequenceTrainer::trainSupervised(const SequenceSet& train, const std::vector<int>& labels, const SequenceSet& val,
                                        const std::vector<int>& valLabels, const EpochCallback& onEpoch,
                                        ProgressSink* progress, const std::string& prefix) {
    return d_->train(false, train, labels, val, valLabels, onEpoch, progress, prefix);
}

void SequenceTrainer::useStage(SequenceStage stage) {
    const auto& state = d_->best[static_cast<int>(stage)];
    if (state.empty()) throw std::logic_error(std::string("SequenceTrainer: stage ") + toString(stage) + " was not trained");
    restore(*d_->net, state);
    d_->current = stage;
}

SequenceStage SequenceTrainer::stage() const { return d_->current; }

Matrix SequenceTrainer::embed(const SequenceSet& set, int t) const { return d_->embed(set, std::vector<int>(set.size(), t)); }
Matrix SequenceTrainer::embed(const SequenceSet& set, const std::vector<int>& t) const {
    if (t.size() != set.size()) throw std::invalid_argument("SequenceTrainer::embed: one timestep per record needed");
    return d_->embed(set, t);
}
Matrix SequenceTrainer::classProba(const SequenceSet& set) const { return d_->classProba(set); }
int SequenceTrainer::embeddingDim() const { return d_->net->representationDim(); }
std::int64_t SequenceTrainer::parameterCount() const { return countParameters(*d_->net); }
std::vector<float> SequenceTrainer::flatParameters() const {
    std::vector<float> out;
    for (const auto& p : d_->net->parameters()) {
        const auto c = p.detach().to(torch::kCPU).to(torch::kFloat32).contiguous();
        out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }
    return out;
}
void SequenceTrainer::setDistributed(std::shared_ptr<DistributedGroup> group) {
    d_->dist = group && group->worldSize() > 1 ? std::move(group) : nullptr;
}
const SequenceTrainSettings& SequenceTrainer::settings() const { return d_->s; }

std::string SequenceTrainer::toBytes() const {
    torch::serialize::OutputArchive a;
    writeString(a, "settings", settingsJson(d_->s).dump());
    writeString(a, "shape", std::to_string(d_->inputChannels) + " " + std::to_string(d_->numClasses) + " " +
                                toString(d_->current));
    torch::serialize::OutputArchive net;
    d_->net->save(net);
    a.write("net", net);
    return archiveToBytes(a);
}

SequenceTrainer SequenceTrainer::fromBytes(const std::string& bytes) {
    torch::serialize::InputArchive a;
    archiveFromBytes(a, bytes, "sequence encoder");
    const auto settings = settingsFrom(nlohmann::json::parse(readString(a, "settings")));
    std::istringstream shape(readString(a, "shape"));
    int channels = 0, classes = 0;
    std::string stage;
    shape >> channels >> classes >> stage;
    SequenceTrainer t(channels, classes, settings);
    torch::serialize::InputArchive net;
    a.read("net", net);
    t.d_->net->load(net);
    t.d_->net->to(t.d_->device);
    t.d_->current = stage == "finetuned" ? SequenceStage::Finetuned : SequenceStage::Probe;
    return t;
}

}  // namespace dacl::ml
