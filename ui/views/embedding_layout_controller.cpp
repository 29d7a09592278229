#include "ui/views/embedding_layout_controller.h"

#include "ui/views/embedding_layout_job.h"

#include <QtConcurrent>

#include <mutex>

namespace dacl::ui {

EmbeddingLayoutController::EmbeddingLayoutController(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);  // one map at a time; a cancelled one ends before the next starts
}

EmbeddingLayoutController::~EmbeddingLayoutController() {
    cancel(true);
    pool_.waitForDone();
}

void EmbeddingLayoutController::start(bool tsne, std::vector<double> values, std::size_t n, std::size_t dims,
                                      const embed::TsneSettings& settings) {
    cancel(false);
    auto job = std::make_shared<EmbeddingLayoutJob>();
    job->tsne = tsne;
    job_ = job;
    auto shared = std::make_shared<const std::vector<double>>(std::move(values));
    job->future = QtConcurrent::run(&pool_, [this, job, shared, n, dims, settings] {
        QString error;
        bool cancelled = false;
        try {
            computeEmbeddingLayout(*job, *shared, n, dims, settings, [this, job] {
                QMetaObject::invokeMethod(this, [this, job] { takeSnapshot(job); }, Qt::QueuedConnection);
            });
        } catch (const Cancelled&) {
            cancelled = true;
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, job, error, cancelled] { jobEnded(job, error, cancelled); },
                                  Qt::QueuedConnection);
    });
}

void EmbeddingLayoutController::pause() {
    if (job_) job_->cancel.store(true);
}

void EmbeddingLayoutController::cancel(bool wait) {
    if (!job_) return;
    job_->cancel.store(true);
    if (wait) job_->future.waitForFinished();
    job_.reset();  // queued calls of the old job are ignored from now on
}

void EmbeddingLayoutController::takeSnapshot(const std::shared_ptr<EmbeddingLayoutJob>& job) {
    if (job != job_) return;
    EmbeddingLayoutUpdate update;
    {
        std::lock_guard<std::mutex> lock(job->mutex);
        job->pending = false;
        update.xy = job->latest;  // kept: finished() hands over the last layout, also after a pause
        update.iteration = job->latestIteration;
        update.kl = job->latestKl;
    }
    if (!update.xy.empty()) Q_EMIT snapshot(update);
}

void EmbeddingLayoutController::jobEnded(const std::shared_ptr<EmbeddingLayoutJob>& job, const QString& error,
                                         bool cancelled) {
    if (job != job_) return;
    EmbeddingLayoutUpdate last;
    {
        std::lock_guard<std::mutex> lock(job->mutex);
        job->pending = true;  // no snapshot may follow
        last.xy.swap(job->latest);
        if (job->tsne) {
            last.iteration = job->latestIteration;
            last.kl = job->latestKl;
        } else {
            last.pcaText = job->pcaText;
        }
    }
    job_.reset();
    Q_EMIT finished(last, error, cancelled);
}

}  // namespace dacl::ui
