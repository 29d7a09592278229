#pragma once
// The views' one way to load off the GUI thread when only the newest request counts: a view that
// is asked for record 5 and then record 6 shows record 6, whatever order the two loads finish in.
// `work` runs on a thread pool; its result goes to `done` on the GUI thread, in the context of the
// owning object (never after it is gone), and only if no newer request came in between.
//
//   LatestLoader loader_{this, viewThreadPool()};
//   loader_.start([copies...] { return loadStrip(...); }, [this](EcgStrip s) { show(s); });
//   loader_.drop();  // the view was cleared: the pending result is not wanted any more
//
// One loader may start work of different result types: any newer start() supersedes the others.
// `work` must own what it reads (capture copies, never the view's members): it runs while the GUI
// thread goes on changing them.
// Work that runs elsewhere (the results file's StoreThread::post) keeps the same rule with a
// LatestRequest (latest_request.h).
#include "ui/loaders/latest_request.h"
#include "ui/loaders/run_then.h"

#include <QObject>
#include <QThreadPool>

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
        const int ticket = requests_.next();
        runThen(owner_, pool_, std::move(work), [this, ticket, done = std::move(done)](T result) mutable {
            if (requests_.isLatest(ticket)) done(std::move(result));  // else superseded, or dropped
        });
    }

    // Forgets the pending request: its result is not delivered.
    void drop() { requests_.drop(); }

private:
    QObject* owner_;
    QThreadPool* pool_;
    LatestRequest requests_;
};

}  // namespace dacl::ui
