#pragma once
// One ECG record in physical units, as readers return it.
#include <cstddef>
#include <string>
#include <vector>

namespace dacl {

struct Recording {
    std::string name;
    double fs = 0;                                 // samples per second
    std::vector<std::vector<double>> channels;     // [signal][sample], physical units (e.g. mV)
    std::vector<std::string> units;                // one per channel

    std::size_t nSamples() const { return channels.empty() ? 0 : channels.front().size(); }
    double durationS() const { return fs > 0 ? static_cast<double>(nSamples()) / fs : 0.0; }
    // Memory held by the samples: what the dataset's signal cache counts.
    std::size_t sampleBytes() const {
        std::size_t n = 0;
        for (const auto& c : channels) n += c.size() * sizeof(double);
        return n;
    }
};

}  // namespace dacl
