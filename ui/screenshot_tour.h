#pragma once
// `dacl-studio --screenshot-tour DIR`: drives the real main window through what a new user does
// (open the demo dataset, pick a record, run a short demo job, look at every view, open that AF
// record as a file and assess it, write its patient report) and saves one PNG per view, then
// assessment.png and patient-report.png (page 1 of the PDF at 80 dpi, rendered by pdftoppm). Used for the README screenshots and as an end-to-end smoke test of the desktop.
#include <QSize>
#include <QString>
#include <QStringList>

namespace dacl::ui {

class MainWindow;

struct TourResult {
    bool ok = false;
    QString error;           // why the tour stopped (empty when ok)
    QStringList written;     // the PNG files, in tour order
    // How the GUI thread kept up while the demo job trained (LatencyProbe::summary()): the
    // desktop's responsiveness benchmark (BENCHMARKS.md).
    QString responsiveness;
};

// Runs on the GUI thread; it spins the event loop while it waits, so the window stays live and
// worker threads deliver their results. Every window shot is at least 1280×800 (the report page is
// A4 at 80 dpi): `size` 1280×800 shows what a small laptop screen shows (the clipping check).
TourResult runScreenshotTour(MainWindow& window, const QString& directory, QSize size = QSize(1440, 900));

}  // namespace dacl::ui
