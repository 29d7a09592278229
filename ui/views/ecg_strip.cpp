#include "ui/views/ecg_strip.h"

#include "core/common/error.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/rpeaks.h"

#include <exception>

namespace dacl::ui {

double millivoltsPerUnit(const std::string& units) {
    if (units.empty() || units == "mV") return 1.0;
    if (units == "uV" || units == "\xC2\xB5V" || units == "microvolt") return 1e-3;
    if (units == "V") return 1e3;
    return 0.0;
}

std::vector<double> evaluationWindowStarts(const std::vector<double>& lead, double fs,
                                           const features::FeatureSettings& settings) {
    const auto clean = dsp::preprocess(lead, fs, settings.preprocess);
    const int hop = settings.evalHop > 0 ? settings.evalHop : dsp::windowHop(settings.window.samples, false);
    const auto windows = dsp::makeWindows({}, clean, settings.preprocess.targetFs, hop, settings.window);
    std::vector<double> starts;
    starts.reserve(windows.size());
    for (const auto& w : windows) starts.push_back(w.startS);
    return starts;
}

EcgStrip loadEcgStrip(const Dataset& dataset, std::size_t recordIndex, int lead,
                      const features::FeatureSettings& settings) {
    EcgStrip s;
    s.recordIndex = static_cast<int>(recordIndex);
    s.lead = lead;
    try {
        const RecordEntry& entry = dataset.records().at(recordIndex);
        s.name = entry.name;
        s.label = entry.label;
        s.errorFile = entry.headerPath;
        const RecordHeader& header = dataset.header(recordIndex);
        for (std::size_t i = 0; i < header.signalSpecs().size(); ++i) {
            const std::string& d = header.signalSpecs()[i].description;
            s.leadNames.push_back(d.empty() ? "signal " + std::to_string(i + 1) : d);
        }
        const auto rec = dataset.signal(recordIndex);
        if (lead < 0 || static_cast<std::size_t>(lead) >= rec->channels.size())
            throw std::invalid_argument("record has no lead " + std::to_string(lead + 1) + " (it has " +
                                        std::to_string(rec->channels.size()) + ")");
        const std::string units = static_cast<std::size_t>(lead) < rec->units.size() ? rec->units[lead] : "mV";
        const double toMv = millivoltsPerUnit(units);
        if (toMv == 0) throw std::invalid_argument("lead is in '" + units + "', not a voltage");
        s.fs = rec->fs;
        s.millivolts = rec->channels[lead];
        if (toMv != 1.0)
            for (double& v : s.millivolts) v *= toMv;
        // The method's band, applied at the record's own rate so samples stay where they were.
        s.filtered = dsp::bandpass(s.millivolts, s.fs, settings.preprocess);
        s.rPeaks = dsp::detectRPeaks(s.millivolts, s.fs);
        s.heartRateBpm = dsp::heartRateBpm(s.rPeaks, s.fs);
        s.windowStartS = evaluationWindowStarts(s.millivolts, s.fs, settings);
        s.windowLengthS = settings.window.samples / settings.preprocess.targetFs;
        s.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, s.error, s.errorFile);
    }
    return s;
}

}  // namespace dacl::ui
