#include "ui/loaders/thread_pools.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>

namespace dacl::ui {

// Each pool lives until exit (tasks may still hold it during shutdown). Its running tasks finish
// when the application object goes away, before static destruction: a task still building a
// shared scattering transform at exit would otherwise touch destroyed statics (seen as a segfault
// at process exit).

QThreadPool* viewThreadPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(2);
        qAddPostRoutine([] {
            viewThreadPool()->clear();
            viewThreadPool()->waitForDone();
        });
        return p;
    }();
    return pool;
}

QThreadPool* backgroundThreadPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        qAddPostRoutine([] {
            backgroundThreadPool()->clear();
            backgroundThreadPool()->waitForDone();
        });
        return p;
    }();
    return pool;
}

}  // namespace dacl::ui
