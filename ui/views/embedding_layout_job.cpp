#include "ui/views/embedding_layout_job.h"

#include "ui/report/number_text.h"

#include "core/embed/pca.h"

#include <QCoreApplication>

#include <algorithm>

namespace dacl::ui {

namespace {

// Cancellation of a running job from the GUI thread; core polls it every iteration.
class CancelFlag : public ProgressSink {
public:
    explicit CancelFlag(const std::atomic<bool>& flag) : flag_(flag) {}
    void report(const std::string&, std::size_t, std::size_t) override {}
    bool cancelled() const override { return flag_.load(); }

private:
    const std::atomic<bool>& flag_;
};

}  // namespace

void computeEmbeddingLayout(EmbeddingLayoutJob& job, const std::vector<double>& values, std::size_t n, std::size_t dims,
                            const embed::TsneSettings& s, const std::function<void()>& snapshotReady) {
    CancelFlag sink(job.cancel);
    if (job.tsne) {
        const embed::TsneResult r = embed::tsne(
            values, n, dims, s, sink, [&](int it, const std::vector<double>& xy, double kl) {
                std::lock_guard<std::mutex> lock(job.mutex);
                job.latest = xy;
                job.latestIteration = it;
                job.latestKl = kl;
                if (job.pending) return;  // the GUI has one update queued: it will take this one
                job.pending = true;
                snapshotReady();
            });
        std::lock_guard<std::mutex> lock(job.mutex);
        job.latest = r.xy;
        job.latestIteration = r.iterations;
        job.latestKl = r.klDivergence;
    } else {
        const int k = std::min<int>(2, static_cast<int>(dims));
        const embed::PcaResult r = embed::pca(values, n, dims, k);
        double total = 0;
        std::vector<double> xy(2 * n, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (int c = 0; c < k; ++c) xy[2 * i + static_cast<std::size_t>(c)] = r.scores[i * static_cast<std::size_t>(k) + static_cast<std::size_t>(c)];
        // Share of the total variance (the trace of the covariance) on each axis.
        std::vector<double> mean(dims, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t d = 0; d < dims; ++d) mean[d] += values[i * dims + d] / static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t d = 0; d < dims; ++d) {
                const double v = values[i * dims + d] - mean[d];
                total += v * v / static_cast<double>(n - 1);
            }
        std::lock_guard<std::mutex> lock(job.mutex);
        job.latest = std::move(xy);
        job.pcaText = total > 0 ? QCoreApplication::translate("dacl::ui::EmbeddingView", "PCA: PC 1 %1 %, PC 2 %2 % of the variance")
                                       .arg(localNumber(100.0 * r.explainedVariance[0] / total, 1),
                                            localNumber(k > 1 ? 100.0 * r.explainedVariance[1] / total : 0.0, 1))
                                 : QCoreApplication::translate("dacl::ui::EmbeddingView", "PCA: no variance");
    }
}

}  // namespace dacl::ui
