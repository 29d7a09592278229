#include "ui/views/view_thread_pool.h"

namespace dacl::ui {

QThreadPool* viewThreadPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;  // lives until exit: tasks may still hold it during shutdown
        p->setMaxThreadCount(2);
        return p;
    }();
    return pool;
}

}  // namespace dacl::ui
