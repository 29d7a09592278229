#include "core/data/recording.h"

namespace dacl {

double sampleTimeS(const Recording& rec, std::size_t channel, std::size_t i) {
    const double fs = rec.fsOf(channel);
    const double t = fs > 0 ? static_cast<double>(i) / fs : 0.0;  // time in the gapless sample stream
    if (rec.segments.empty()) return t;
    // Stretches lie back to back in the samples; find the one holding t.
    double before = 0;
    for (const TimeSegment& s : rec.segments) {
        if (t < before + s.durationS) return s.startS + (t - before);
        before += s.durationS;
    }
    const TimeSegment& last = rec.segments.back();
    return last.startS + last.durationS + (t - before);
}

Recording singleChannel(const Recording& rec, std::size_t channel) {
    Recording out;
    out.name = rec.name;
    out.fs = rec.fsOf(channel);
    out.channels.push_back(rec.channels.at(channel));
    if (channel < rec.units.size()) out.units.push_back(rec.units[channel]);
    if (channel < rec.labels.size()) out.labels.push_back(rec.labels[channel]);
    out.events = rec.events;
    out.segments = rec.segments;
    return out;
}

}  // namespace dacl
