#pragma once
// What a grab of a widget shows, for UI tests that check pixels rather than internals.
#include <QColor>
#include <QImage>
#include <QSet>

#include <cstdlib>

namespace dacl::testing {

// Distinct colours of an image (every second pixel): a blank or single-colour grab has very few.
inline int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    return colours.size();
}

// The same colour up to `tolerance` per channel (antialiasing, colour-map quantisation).
inline bool closeColour(const QColor& a, const QColor& b, int tolerance = 12) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

}  // namespace dacl::testing
