#pragma once
// The views' one way to load off the GUI thread. `work` runs on a thread pool; its result goes to
// `done` on the GUI thread, in the context of the owning object (never after it is gone), and only
// if no newer request came in between: a view that is asked for record 5 and then record 6 shows
// record 6, whatever order the two loads finish in.
//
//   LatestLoader loader_{this, viewThreadPool()};
//   loader_.start([copies...] { return loadStrip(...); }, [this](EcgStrip s) { show(s); });
//   loader_.drop();  // the view was cleared: the pending result is not wanted any more
//
// One loader may start work of different result types: any newer start() supersedes the others.
// `work` must own what it reads (capture copies, never the view's members): it runs while the GUI
// thread goes on changing them.
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace dacl::ui {

class LatestLoader {
public:
    // `pool`: one of ui/loaders/thread_pools.h (never Qt's global pool, which Qt's painting uses).
    LatestLoader(QObject* owner, QThreadPool* pool) : owner_(owner), pool_(pool) {}

    template <class Work, class Done>
    void start(Work work, Done done) {
        using T = std::invoke_result_t<Work>;
        const int request = ++latest_;
        auto* watcher = new QFutureWatcher<T>(owner_);
        QObject::connect(watcher, &QFutureWatcher<T>::finished, owner_, [this, watcher, request, done = std::move(done)] {
            watcher->deleteLater();
            if (request != latest_) return;  // superseded, or dropped
            done(watcher->result());
        });
        watcher->setFuture(QtConcurrent::run(pool_, std::move(work)));
    }

    // Forgets the pending request: its result is not delivered.
    void drop() { ++latest_; }

private:
    QObject* owner_;
    QThreadPool* pool_;
    int latest_ = 0;
};

}  // namespace dacl::ui
