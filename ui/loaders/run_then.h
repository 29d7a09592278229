#pragma once
// The GUI's one way to run work off the GUI thread and come back with its result:
//
//   runThen(this, backgroundThreadPool(), [copies...] { return writeReport(...); },
//           [this](Written w) { show(w); });
//
// `work` runs on `pool`; `done(result)` then runs on the thread of `context` (the GUI thread),
// and not at all when `context` is destroyed first. `work` must own what it reads (capture copies,
// never members of `context`): it runs while the GUI thread goes on changing them.
// For "only the newest request counts" use LatestLoader (latest_loader.h), built on this.
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace dacl::ui {

template <class Work, class Done>
void runThen(QObject* context, QThreadPool* pool, Work work, Done done) {
    using T = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<T>(context);  // deleted with the context at the latest
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

}  // namespace dacl::ui
