#pragma once
// The report's figures: offscreen QCustomPlots styled for print (pixel-sized fonts ≥ 9 pt, so
// they paint identically on PDF, SVG and raster devices; see plot_export.h) and the ECG strip,
// drawn on ECG paper at true scale (25 mm/s, 10 mm/mV).
#include "ui/report/report_data.h"

#include <QRectF>

#include <memory>
#include <string>
#include <vector>

class QCustomPlot;
class QPainter;

namespace dacl::ui {

std::unique_ptr<QCustomPlot> makeRocFigure(const ReportData& data);
std::unique_ptr<QCustomPlot> makePrFigure(const ReportData& data);
// Scatter of the 2-D embedding map coloured by true class; misclassified records crossed.
std::unique_ptr<QCustomPlot> makeEmbeddingFigure(const ReportData& data);
// Names of the training curves worth a panel each (at most `limit`, most informative first).
std::vector<std::string> trainingCurveNames(const ReportData& data, std::size_t limit = 4);
// One panel: the curve per fold.
std::unique_ptr<QCustomPlot> makeTrainingFigure(const ReportData& data, const std::string& name);
// Human-readable title of a stored curve name ("dacl.loss" → "Contrastive loss of the encoder")
// and the short label of its value axis.
QString curveTitle(const std::string& name);
QString curveAxisLabel(const std::string& name);

// ECG paper layout: rows of `rowSeconds` at 25 mm/s, 10 mm/mV, at most `maxRows` rows.
struct EcgLayout {
    double rowSeconds = 6.8;
    int maxRows = 3;
    double rowHeightMm = 30;
};
// Size in mm of the strip for a given width (rows × row height).
double ecgStripHeightMm(const EcgStripData& ecg, double widthMm, EcgLayout layout = {});
// Paints the strip into `target` (device units, pxPerMm device units per mm): 1 mm / 5 mm grid,
// 1 mV calibration pulse, the trace, and a time axis label per row.
void paintEcgStrip(QPainter& painter, const QRectF& target, double pxPerMm, const EcgStripData& ecg,
                   EcgLayout layout = {});

}  // namespace dacl::ui
