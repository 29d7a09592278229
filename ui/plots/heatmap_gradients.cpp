#include "ui/plots/heatmap_gradients.h"

#include <QCoreApplication>

#include <array>

namespace dacl::ui {

namespace {
QCPColorGradient fromSamples(const std::array<const char*, 9>& hex) {
    QCPColorGradient g;
    g.clearColorStops();
    for (std::size_t i = 0; i < hex.size(); ++i)
        g.setColorStopAt(static_cast<double>(i) / (hex.size() - 1), QColor(QString::fromLatin1(hex[i])));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    return g;
}
}  // namespace

QCPColorGradient makeGradient(HeatmapGradient which) {
    switch (which) {
    case HeatmapGradient::Viridis:
        return fromSamples({"#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d", "#27ad81", "#5cc863",
                            "#aadc32", "#fde725"});
    case HeatmapGradient::Magma:
        return fromSamples({"#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55064", "#fb8761",
                            "#fec287", "#fcfdbf"});
    case HeatmapGradient::Grey:
        break;
    }
    QCPColorGradient g(QCPColorGradient::gpGrayscale);
    g.setLevelCount(256);
    return g;
}

QStringList heatmapGradientNames() {
    return {QCoreApplication::translate("dacl::ui::HeatmapGradient", "Viridis"),
            QCoreApplication::translate("dacl::ui::HeatmapGradient", "Magma"),
            QCoreApplication::translate("dacl::ui::HeatmapGradient", "Grey")};
}

}  // namespace dacl::ui
