#pragma once
// Colour gradients for heat maps. Viridis and magma (van der Walt & Smith, matplotlib 2015) are
// perceptually uniform and readable in grey and by colour-blind viewers; QCustomPlot does not ship
// them, so they are rebuilt from nine samples of the published maps (linear RGB interpolation
// between samples is indistinguishable at heat-map sizes).
#include "ui/plots/custom_plot.h"

#include <QString>
#include <QStringList>

namespace dacl::ui {

enum class HeatmapGradient { Viridis, Magma, Grey };

QCPColorGradient makeGradient(HeatmapGradient which);
// Translated names, in enum order (for combo boxes).
QStringList heatmapGradientNames();

}  // namespace dacl::ui
