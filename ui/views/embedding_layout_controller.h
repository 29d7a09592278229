#pragma once
// Runs the embedding map's computation (t-SNE with live snapshots, or PCA) on a worker thread of
// its own and hands the layouts to the GUI thread: the t-SNE control the embedding view drives
// (start, pause after the current iteration, resume from a layout, cancel), kept apart from the
// widget that draws. Snapshots are coalesced: at most one waits in the GUI's event queue, so a
// fast t-SNE never floods a slow repaint.
#include "core/embed/tsne.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

namespace dacl::ui {

struct EmbeddingLayoutJob;

// One layout from the worker: n x 2 values, row-major.
struct EmbeddingLayoutUpdate {
    std::vector<double> xy;
    int iteration = 0;                                      // t-SNE iterations done
    double kl = std::numeric_limits<double>::quiet_NaN();   // t-SNE's KL divergence
    QString pcaText;                                        // PCA: variance on each axis
};

class EmbeddingLayoutController : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingLayoutController(QObject* parent = nullptr);
    ~EmbeddingLayoutController() override;  // cancels a running computation and waits for it

    // Maps `values` (n rows of dims). `settings.initialXy`/`startIteration` resume a t-SNE.
    // A computation already running is cancelled first (it reports nothing more).
    void start(bool tsne, std::vector<double> values, std::size_t n, std::size_t dims, const embed::TsneSettings& settings);
    // Stops a t-SNE after its current iteration: finished() follows with cancelled = true.
    void pause();
    // Forgets the computation: no signal of it follows. `wait` blocks until the worker is done.
    void cancel(bool wait);
    bool isRunning() const { return job_ != nullptr; }

Q_SIGNALS:
    void snapshot(const EmbeddingLayoutUpdate& update);
    // The last layout (xy empty when none was computed, e.g. a pause before the first
    // snapshot); error empty on success.
    void finished(const EmbeddingLayoutUpdate& last, const QString& error, bool cancelled);

private:
    void takeSnapshot(const std::shared_ptr<EmbeddingLayoutJob>& job);
    void jobEnded(const std::shared_ptr<EmbeddingLayoutJob>& job, const QString& error, bool cancelled);

    std::shared_ptr<EmbeddingLayoutJob> job_;
    QThreadPool pool_;
};

}  // namespace dacl::ui

Q_DECLARE_METATYPE(dacl::ui::EmbeddingLayoutUpdate)
