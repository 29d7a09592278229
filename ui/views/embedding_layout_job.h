#pragma once
// The embedding map's computation, apart from the widget: t-SNE (with live snapshots) or PCA of
// the mapped points, run on a worker thread. The GUI thread reads what the worker wrote under
// the job's mutex, and cancels through `cancel`.
#include "core/common/progress.h"
#include "core/embed/tsne.h"

#include <QFuture>
#include <QString>

#include <atomic>
#include <cstddef>
#include <functional>
#include <limits>
#include <mutex>
#include <vector>

namespace dacl::ui {

struct EmbeddingLayoutJob {
    std::atomic<bool> cancel{false};
    std::mutex mutex;               // guards the fields below
    std::vector<double> latest;     // newest layout from the worker
    int latestIteration = 0;
    double latestKl = std::numeric_limits<double>::quiet_NaN();
    bool pending = false;           // the GUI has a snapshot call queued
    QString pcaText;
    QFuture<void> future;
    bool tsne = true;
};

// Computes the layout of `values` (n rows of dims) into job.latest (t-SNE: with its iteration and
// KL; PCA: with the variance text), under job.mutex. During t-SNE, snapshotReady() runs on the
// worker after a snapshot is stored while none is pending (it sets job.pending). Throws Cancelled
// when job.cancel is set, std::exception on failure.
void computeEmbeddingLayout(EmbeddingLayoutJob& job, const std::vector<double>& values, std::size_t n, std::size_t dims,
                            const embed::TsneSettings& s, const std::function<void()>& snapshotReady);

}  // namespace dacl::ui
