#pragma once
// `dacl-studio --screenshot-tour DIR`: drives the real main window through what a new user does
// (open the demo dataset, pick a record, run a short demo job, look at every view) and saves one
// PNG per view. Used for the README screenshots and as an end-to-end smoke test of the desktop.
#include <QString>
#include <QStringList>

namespace dacl::ui {

class MainWindow;

struct TourResult {
    bool ok = false;
    QString error;           // why the tour stopped (empty when ok)
    QStringList written;     // the PNG files, in tour order
};

// Runs on the GUI thread; it spins the event loop while it waits, so the window stays live and
// worker threads deliver their results. Every view shot is at least 1280×800.
TourResult runScreenshotTour(MainWindow& window, const QString& directory);

}  // namespace dacl::ui
