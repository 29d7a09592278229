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

// The i-th colour, cycling.
inline QColor colour(int i) {
    const auto& c = okabeIto();
    return c[static_cast<std::size_t>((i % static_cast<int>(c.size()) + static_cast<int>(c.size())) %
                                      static_cast<int>(c.size()))];
}

}  // namespace dacl::ui::palette
