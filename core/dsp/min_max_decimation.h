#pragma once
// Min/max decimation for drawing long signals: a pixel column shows the lowest and the highest
// sample that fall into it, so every spike stays visible while a 24-h record at 200 Hz
// (17 M samples) is drawn with two points per column instead of all samples. A pyramid of
// block minima and maxima (blocks of 16, 256, 4096, ... samples) makes a column cost a few
// block look-ups, whatever the zoom.
#include <cstddef>
#include <vector>

namespace dacl::dsp {

class MinMaxPyramid {
public:
    MinMaxPyramid() = default;
    // Summarises `x` (non-finite samples are ignored in the minima and maxima).
    explicit MinMaxPyramid(const std::vector<double>& x);

    std::size_t sampleCount() const { return n_; }
    std::size_t levelCount() const { return levels_.size(); }
    // Minimum and maximum of samples [begin, end) of the summarised signal `x` (the same
    // vector given to the constructor). lo > hi when the range holds no finite sample.
    void range(const std::vector<double>& x, std::size_t begin, std::size_t end, double& lo, double& hi) const;

private:
    struct Level {
        std::size_t block = 0;  // samples per entry
        std::vector<double> lo, hi;
    };
    std::size_t n_ = 0;
    std::vector<Level> levels_;  // finest first
};

// Points to draw samples [t0, t1] (seconds; sample i is at i / fs) into `columns` pixel
// columns. When there are fewer than four samples per column the samples themselves
// come back (raw = true), with one sample beyond each end so that the line reaches the edges.
// Otherwise each column gives two points at its centre time, its minimum then its maximum (a
// vertical stroke; which came first in time does not change the drawing).
struct DecimatedTrace {
    std::vector<double> t;
    std::vector<double> v;
    bool raw = true;
};
DecimatedTrace decimateMinMax(const std::vector<double>& x, const MinMaxPyramid* pyramid, double fs, double t0,
                              double t1, int columns);

}  // namespace dacl::dsp
