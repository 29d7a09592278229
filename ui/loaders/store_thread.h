#pragma once
// A worker thread with its own connection to a results file, for views that read the file while
// a job (another thread or process) writes it. The results store allows one connection per
// thread; WAL lets this reader proceed while a writer writes, so the GUI never waits on SQLite.
//
// post() runs a job on the worker with that thread's connection, then hands its result to a
// callback on the GUI thread, in the context of a QObject (dropped when that object is gone).
// Jobs run in the order posted.
#include "core/store/results_store.h"
#include "ui/settings/core_text.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <exception>
#include <functional>
#include <functional>
#include <memory>
#include <stdexcept>
#include <type_traits>

class QThread;

namespace dacl::ui {

class StoreWorker : public QObject {
    Q_OBJECT
public:
    // The connection to `path`, opened (without creating the file) on first use or when the path
    // changed or `reopen` is set (reopening marks runs whose process died as interrupted).
    store::ResultsStore& connection(const QString& path, bool reopen);

private:
    std::unique_ptr<store::ResultsStore> store_;
    QString path_;
};

class StoreThread : public QObject {
    Q_OBJECT
public:
    explicit StoreThread(QObject* parent = nullptr);
    ~StoreThread() override;  // waits for the running job; queued ones are dropped

    void setPath(const QString& path) { path_ = path; }
    const QString& path() const { return path_; }

    // job(store) on the worker; then done(result) or failed(message) on the GUI thread, unless
    // `context` was destroyed in the meantime.
    template <class Job, class Done, class Failed>
    void post(QObject* context, Job job, Done done, Failed failed, bool reopen = false) {
        postUnlessMissing(context, std::move(job), std::move(done), std::function<void()>(), std::move(failed), reopen);
    }

    // Like post(), but while the file does not exist (nothing has been trained yet) `missing()` is
    // called on the GUI thread instead of trying to open it. The check runs on the worker, so a
    // slow or hung disk never stalls the GUI thread.
    template <class Job, class Done, class Failed>
    void postUnlessMissing(QObject* context, Job job, Done done, std::function<void()> missing, Failed failed,
                           bool reopen = false) {
        using R = std::invoke_result_t<Job, store::ResultsStore&>;
        const QString path = path_;
        // Results go back through this object (GUI thread): it outlives the worker (the destructor
        // joins the thread), so posting to it is always safe; the QPointer is then checked on the
        // thread that owns the context.
        QPointer<QObject> ctx(context);
        StoreThread* self = this;
        QMetaObject::invokeMethod(worker_, [self, worker = worker_, path, reopen, ctx, job, done, missing, failed] {
            try {
                if (path.isEmpty()) throw std::runtime_error("no results file is open");
                if (missing && !QFileInfo::exists(path)) {
                    QMetaObject::invokeMethod(self, [ctx, missing] { if (ctx) missing(); }, Qt::QueuedConnection);
                    return;
                }
                store::ResultsStore& st = worker->connection(path, reopen);
                if constexpr (std::is_void_v<R>) {
                    job(st);
                    QMetaObject::invokeMethod(self, [ctx, done] { if (ctx) done(); }, Qt::QueuedConnection);
                } else {
                    auto result = std::make_shared<R>(job(st));
                    QMetaObject::invokeMethod(self, [ctx, done, result] { if (ctx) done(std::move(*result)); },
                                              Qt::QueuedConnection);
                }
            } catch (const std::exception& e) {
                const QString message = QString::fromStdString(e.what());
                // Core's English message in the user's language (translated on the GUI thread).
                QMetaObject::invokeMethod(self, [ctx, failed, message] { if (ctx) failed(coreText(message)); },
                                          Qt::QueuedConnection);
            }
        }, Qt::QueuedConnection);
    }

private:
    QThread* thread_;
    StoreWorker* worker_;
    QString path_;
};

}  // namespace dacl::ui
