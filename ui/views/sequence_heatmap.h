#pragma once
// Heat maps of latent and feature sequences (rows = dimensions or channels, columns = frames
// over time), shared by the latent and diffusion views of repr = sequence runs.
#include "ui/plots/custom_plot.h"

#include <vector>

namespace dacl::ui {

// Blue – white – red (ColorBrewer RdBu ends): standardised latents are signed, and a diverging
// map keeps 0 neutral and both signs readable for colour-blind viewers. NaN cells (frames no
// span covers) are transparent.
QCPColorGradient divergingGradient();

// A colour range that is symmetric around 0 and robust to a few extreme cells: the 99th
// percentile of |v| over the finite values (at least 1e-6).
double symmetricRange(const std::vector<double>& values);
// The 1st and 99th percentiles of the finite values (lo < hi).
QCPRange robustRange(const std::vector<double>& values);

// Fills `map` with `rows` x `cols` values (row-major: values[r * cols + k]); column k is centred
// at x0 + k * dx, row r at r + 1 (dimensions and channels are numbered from 1).
void fillHeatmap(QCPColorMap* map, const double* values, int rows, int cols, double x0, double dx);

// A colour map on `rect` with the gradient, interpolation off (each cell is one frame).
QCPColorMap* addHeatmap(QCPAxisRect* rect, const QCPColorGradient& gradient);

}  // namespace dacl::ui
