#pragma once
// Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"): distinguishable with every
// common form of colour-vision deficiency. Ordered for lines on white; yellow comes last because
// it is hard to see on white paper.
#include <QColor>

#include <array>

namespace dacl::ui::palette {

inline const std::array<QColor, 8>& okabeIto() {
    static const std::array<QColor, 8> colours = {
        QColor(0x00, 0x72, 0xB2),  // blue
        QColor(0xE6, 0x9F, 0x00),  // orange
        QColor(0x00, 0x9E, 0x73),  // bluish green
        QColor(0xD5, 0x5E, 0x00),  // vermillion
        QColor(0xCC, 0x79, 0xA7),  // reddish purple
        QColor(0x56, 0xB4, 0xE9),  // sky blue
        QColor(0x00, 0x00, 0x00),  // black
        QColor(0xF0, 0xE4, 0x42),  // yellow
    };
    return colours;
}

// The i-th colour: the eight Okabe–Ito colours, then the same eight darker, then lighter, so
// that 24 runs in one plot get 24 different colours (a ninth run no longer repeats the first);
// beyond 24 the cycle repeats. Black, which has no darker shade, turns dark and light grey.
inline QColor colour(int i) {
    const auto& c = okabeIto();
    const int n = static_cast<int>(c.size());
    const int k = ((i % (3 * n)) + 3 * n) % (3 * n);
    const QColor base = c[static_cast<std::size_t>(k % n)];
    const int shade = k / n;  // 0 as is, 1 darker, 2 lighter
    if (shade == 0) return base;
    if (base.lightnessF() < 0.05) return shade == 1 ? QColor(90, 90, 90) : QColor(160, 160, 160);
    const float h = base.hslHueF(), sat = base.hslSaturationF(), l = base.lightnessF();
    return QColor::fromHslF(h, sat, shade == 1 ? l * 0.55f : l + (1.0f - l) * 0.3f);
}

}  // namespace dacl::ui::palette
