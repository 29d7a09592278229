#pragma once
// Export of any QCustomPlot as PNG, SVG or PDF at a chosen physical size and resolution, and the
// small dialog (plus context-menu entry) the views use for it.
//
// Sizes are physical: text set in points keeps its point size whatever size or DPI is chosen, so
// a 9 pt tick label is 9 pt in the exported figure (what journals ask for). The plot is laid out
// at the chosen size (not scaled from its on-screen size) so that larger figures get more room.
#include <QDialog>
#include <QRectF>
#include <QString>

class QCustomPlot;
class QCPPainter;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QMenu;

namespace dacl::ui {

enum class PlotFormat { Png, Svg, Pdf };
enum class SizeUnit { Pixels, Millimetres };

struct PlotExportOptions {
    PlotFormat format = PlotFormat::Png;
    double width = 160;   // in `unit`
    double height = 100;
    SizeUnit unit = SizeUnit::Millimetres;
    int dpi = 300;        // raster resolution; with Pixels also what converts px to physical size
};

// The format a file name's suffix asks for (png, svg, pdf; case-insensitive), or nullopt-like
// false when the suffix is none of them.
bool formatFromSuffix(const QString& path, PlotFormat* format);
QString suffixOf(PlotFormat format);

// Size of the exported figure in inches.
QSizeF physicalSizeInches(const PlotExportOptions& options);

// Paints `plot` filling `target` (in the painter's device units), laid out as a figure of
// target.size()/deviceDpi inches. `fontDpi` is the resolution at which the plot's point-size
// fonts are converted to pixels: the painter's device must use the same one (exportPlot sees to
// it). Plots whose fonts are all pixel-sized (the report's) may pass any consistent value.
void paintPlot(QCustomPlot& plot, QCPPainter& painter, const QRectF& target, double deviceDpi,
               double fontDpi);

// Writes the plot; throws std::runtime_error naming the file and the reason on failure
// (unwritable path, size out of range).
void exportPlot(QCustomPlot& plot, const QString& path, const PlotExportOptions& options);

// Dialog: file, format, width × height in px or mm, DPI; remembers the last choices (QSettings).
class PlotExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit PlotExportDialog(QCustomPlot* plot, const QString& suggestedName = {},
                              QWidget* parent = nullptr);

    PlotExportOptions options() const;
    QString path() const;
    void setPath(const QString& path);
    void setOptions(const PlotExportOptions& options);

    // Exports with the current choices; on failure shows the reason and returns false.
    bool exportNow();

private:
    void browse();
    void syncSuffix();

    QCustomPlot* plot_;
    QLineEdit* path_;
    QComboBox* format_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QComboBox* unit_;
    QSpinBox* dpi_;
};

// Adds "Export plot…" to `menu` (for views with their own context menu).
void addPlotExportAction(QMenu* menu, QCustomPlot* plot, const QString& suggestedName = {});
// Gives `plot` a context menu holding only "Export plot…".
void installPlotExportMenu(QCustomPlot* plot, const QString& suggestedName = {});

}  // namespace dacl::ui
