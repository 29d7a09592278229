#pragma once
// Worker threads for what the user is looking at (loading a record, one window's scattering).
// Separate from QThreadPool::globalInstance() so that these short tasks never queue behind long
// background work (heart rates of a whole dataset, jobs) that may occupy the global pool.
#include <QThreadPool>

namespace dacl::ui {

QThreadPool* viewThreadPool();

}  // namespace dacl::ui
