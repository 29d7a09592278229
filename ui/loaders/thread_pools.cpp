#include "ui/loaders/thread_pools.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>

namespace dacl::ui {

namespace {

// Each pool lives until exit (tasks may still hold it during shutdown). Its running tasks finish
// when the application object goes away, before static destruction: a task still building a
// shared scattering transform at exit would otherwise touch destroyed statics (seen as a segfault
// at process exit).
template <QThreadPool* (*Pool)()>
void drain() {
    Pool()->clear();
    Pool()->waitForDone();
}

template <QThreadPool* (*Pool)()>
QThreadPool* makePool(int threads) {
    auto* p = new QThreadPool;
    p->setMaxThreadCount(threads);
    qAddPostRoutine(&drain<Pool>);
    return p;
}

}  // namespace

QThreadPool* viewThreadPool() {
    static QThreadPool* pool = makePool<viewThreadPool>(2);
    return pool;
}

QThreadPool* backgroundThreadPool() {
    static QThreadPool* pool = makePool<backgroundThreadPool>(std::max(2, QThread::idealThreadCount()));
    return pool;
}

}  // namespace dacl::ui
