#pragma once
// The GUI's worker threads, in two pools of their own, never Qt's global pool: Qt itself splits
// painting and image conversion over QThreadPool::globalInstance() and waits for those pieces on
// the GUI thread, so a long task there freezes the window until it ends (measured: 200–300 ms
// stalls of a repaint behind a dataset-wide latent projection and a model load).
#include <QThreadPool>

namespace dacl::ui {

// What the user is looking at (loading a record, one window's scattering): short tasks that must
// never queue behind long background work.
QThreadPool* viewThreadPool();

// Long background work (a whole dataset's projection, opening a dataset, loading a run's model,
// an assessment, a report).
QThreadPool* backgroundThreadPool();

}  // namespace dacl::ui
