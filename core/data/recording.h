#pragma once
// One ECG record in physical units, as readers return it (WFDB, MAT, EDF/EDF+/BDF, CSV).
#include <cstddef>
#include <string>
#include <vector>

namespace dacl {

// An event of the record's own annotation list (EDF+ annotations): times in seconds from the
// start of the record; durationS < 0 when the file gives no duration.
struct EventAnnotation {
    double onsetS = 0;
    double durationS = -1;
    std::string text;  // UTF-8 as the file stores it
};

// A stretch of an EDF+D (discontinuous) file that was recorded without a gap. `channels` hold the
// stretches one after another; this says where each one lies on the recording's clock.
struct TimeSegment {
    double startS = 0;     // onset on the recording's clock (seconds after the start time)
    double durationS = 0;
};

struct Recording {
    std::string name;
    double fs = 0;                                 // samples per second (of every channel unless channelFs says otherwise)
    std::vector<std::vector<double>> channels;     // [signal][sample], physical units (e.g. mV)
    std::vector<std::string> units;                // one per channel
    std::vector<std::string> labels;               // one per channel ("II", "V1", "EEG Fpz-Cz"); may be empty
    // Per-channel rates for files whose signals differ (EDF); empty when all run at `fs`.
    // `fs` is then the rate of the default (ECG) lead.
    std::vector<double> channelFs;
    std::vector<EventAnnotation> events;           // EDF+ annotations (not WFDB .atr, see annotations.h)
    std::vector<TimeSegment> segments;             // EDF+D only; empty = one continuous stretch

    double fsOf(std::size_t channel) const {
        return channel < channelFs.size() && channelFs[channel] > 0 ? channelFs[channel] : fs;
    }
    std::string labelOf(std::size_t channel) const {
        return channel < labels.size() && !labels[channel].empty() ? labels[channel]
                                                                   : "signal " + std::to_string(channel + 1);
    }
    std::size_t nSamples() const { return channels.empty() ? 0 : channels.front().size(); }
    double durationS() const { return fsOf(0) > 0 ? static_cast<double>(nSamples()) / fsOf(0) : 0.0; }
    // Memory held by the samples: what the dataset's signal cache counts.
    std::size_t sampleBytes() const {
        std::size_t n = 0;
        for (const auto& c : channels) n += c.size() * sizeof(double);
        return n;
    }
};

// Time in seconds of sample `i` of `channel` on the recording's clock (EDF+D gaps included).
double sampleTimeS(const Recording& rec, std::size_t channel, std::size_t i);

// One channel as a one-channel recording at its own rate (units, label, events kept): what code
// that reads `channels[k]` at `fs` should get for a file whose signals have different rates.
Recording singleChannel(const Recording& rec, std::size_t channel);

}  // namespace dacl
