#include "ui/views/view_thread_pool.h"

#include <QCoreApplication>

namespace dacl::ui {

QThreadPool* viewThreadPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;  // lives until exit: tasks may still hold it during shutdown
        p->setMaxThreadCount(2);
        // Finish running tasks when the application object goes away, before static
        // destruction: a task still building a shared scattering transform at exit would
        // otherwise touch destroyed statics (seen as a segfault at process exit).
        qAddPostRoutine([] {
            viewThreadPool()->clear();
            viewThreadPool()->waitForDone();
        });
        return p;
    }();
    return pool;
}

}  // namespace dacl::ui
