#include "ui/views/sequence_heatmap.h"

#include <algorithm>
#include <cmath>

namespace dacl::ui {

QCPColorGradient divergingGradient() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(5, 48, 97));
    g.setColorStopAt(0.25, QColor(67, 147, 195));
    g.setColorStopAt(0.5, QColor(247, 247, 247));
    g.setColorStopAt(0.75, QColor(214, 96, 77));
    g.setColorStopAt(1.0, QColor(103, 0, 31));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

namespace {

std::vector<double> finite(const std::vector<double>& values, bool absolute) {
    std::vector<double> v;
    v.reserve(values.size());
    for (double x : values)
        if (std::isfinite(x)) v.push_back(absolute ? std::abs(x) : x);
    return v;
}

double quantile(std::vector<double>& v, double q) {
    const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

}  // namespace

double symmetricRange(const std::vector<double>& values) {
    std::vector<double> v = finite(values, true);
    if (v.empty()) return 1.0;
    return std::max(1e-6, quantile(v, 0.99));
}

QCPRange robustRange(const std::vector<double>& values) {
    std::vector<double> v = finite(values, false);
    if (v.empty()) return {0, 1};
    const double lo = quantile(v, 0.01), hi = quantile(v, 0.99);
    return hi > lo ? QCPRange(lo, hi) : QCPRange(lo - 0.5, lo + 0.5);
}

void fillHeatmap(QCPColorMap* map, const double* values, int rows, int cols, double x0, double dx) {
    QCPColorMapData* data = map->data();
    data->setSize(std::max(cols, 1), std::max(rows, 1));
    // A single column or row still needs a non-empty range.
    data->setRange(QCPRange(x0, cols > 1 ? x0 + (cols - 1) * dx : x0 + dx), QCPRange(1, rows > 1 ? rows : 1.5));
    for (int r = 0; r < rows; ++r)
        for (int k = 0; k < cols; ++k) data->setCell(k, r, values[static_cast<std::size_t>(r) * cols + k]);
}

QCPColorMap* addHeatmap(QCPAxisRect* rect, const QCPColorGradient& gradient) {
    auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    map->setGradient(gradient);
    map->setInterpolate(false);
    map->setTightBoundary(false);
    return map;
}

}  // namespace dacl::ui
