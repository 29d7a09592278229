#include "ui/views/ecg_strip.h"

#include "core/dsp/signal_quality.h"
#include "core/common/error.h"
#include "core/dsp/preprocess.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/dsp/rpeaks.h"

#include <algorithm>
#include <cmath>
#include <exception>

namespace dacl::ui {

double millivoltsPerUnit(const std::string& units) {
    return dsp::isVoltageUnit(units) ? dsp::millivoltsPerUnit(units) : 0.0;
}

std::vector<double> evaluationWindowStarts(const std::vector<double>& lead, double fs,
                                           const features::FeatureSettings& settings) {
    // Where makeWindows() cuts depends only on the preprocessed length, which resampling fixes
    // at round(n · target / fs): no need to filter a 24-h record (seconds) to know it. The
    // rule is makeWindows()'s: every hop while a full window fits, plus one window ending at
    // the end; a record shorter than a window is one (padded) window.
    const double target = settings.preprocess.targetFs;
    const long N = settings.window.samples;
    const int hop = settings.evalHop > 0 ? settings.evalHop : dsp::windowHop(settings.window.samples, false);
    std::vector<double> starts;
    if (lead.empty() || !(fs > 0) || !(target > 0) || N < 1 || hop < 1) return starts;
    const long n = std::lround(static_cast<double>(lead.size()) * target / fs);
    for (long start : dsp::windowStarts(n, N, hop)) starts.push_back(static_cast<double>(start) / target);
    return starts;
}

void robustRange(const std::vector<double>& x, double& centre, double& span, double& median) {
    centre = span = median = 0;
    // A subsample is plenty for two percentiles and keeps a 24-h record cheap.
    const std::size_t step = std::max<std::size_t>(1, x.size() / 1000000);
    std::vector<double> v;
    v.reserve(x.size() / step + 1);
    for (std::size_t i = 0; i < x.size(); i += step)
        if (std::isfinite(x[i])) v.push_back(x[i]);
    if (v.empty()) return;
    const auto lo = v.begin() + static_cast<long>(0.005 * static_cast<double>(v.size() - 1));
    const auto hi = v.begin() + static_cast<long>(0.995 * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), lo, v.end());
    const double a = *lo;
    std::nth_element(v.begin(), hi, v.end());
    centre = (a + *hi) / 2;
    span = *hi - a;
    const auto mid = v.begin() + static_cast<long>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    median = *mid;
}

const std::vector<double>& rowSamples(const EcgStrip& strip, const EcgLeadRow& row, bool filtered) {
    if (row.lead == strip.lead) return filtered ? strip.filtered : strip.millivolts;
    return filtered ? row.filtered : row.millivolts;
}

const dsp::MinMaxPyramid& rowPyramid(const EcgStrip& strip, const EcgLeadRow& row, bool filtered) {
    if (row.lead == strip.lead) return filtered ? strip.filteredPyramid : strip.pyramid;
    return filtered ? row.filteredPyramid : row.pyramid;
}

namespace {

void describeRow(EcgLeadRow& row, const std::vector<double>& mv, const std::vector<double>& filtered) {
    robustRange(mv, row.centreMv, row.spanMv, row.medianMv);
    robustRange(filtered, row.filteredCentreMv, row.filteredSpanMv, row.filteredMedianMv);
}

}  // namespace

EcgStrip loadEcgStrip(const Dataset& dataset, std::size_t recordIndex, int lead,
                      const features::FeatureSettings& settings, const EcgStripOptions& options) {
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
        s.fs = rec->fsOf(static_cast<std::size_t>(lead));  // EDF signals may each have their own rate
        s.millivolts = rec->channels[lead];
        if (toMv != 1.0)
            for (double& v : s.millivolts) v *= toMv;
        // The method's band, applied at the record's own rate so samples stay where they were.
        s.filtered = dsp::bandpass(s.millivolts, s.fs, settings.preprocess);
        // The robust detector (one record-wide threshold) never derails on a noisy start; a
        // rate it refuses (fs < 50 Hz) just leaves the record without peaks.
        try {
            s.rPeaks = dsp::detectRPeaksRobust(s.millivolts, s.fs);
        } catch (const std::invalid_argument&) {
            s.rPeaks.clear();
        }
        s.heartRateBpm = dsp::heartRateBpm(s.rPeaks, s.fs);
        s.windowStartS = evaluationWindowStarts(s.millivolts, s.fs, settings);
        s.windowLengthS = settings.window.samples / settings.preprocess.targetFs;
        if (options.allLeads) {
            s.pyramid = dsp::MinMaxPyramid(s.millivolts);
            s.filteredPyramid = dsp::MinMaxPyramid(s.filtered);
            for (std::size_t k = 0; k < rec->channels.size(); ++k) {
                const double scale = millivoltsPerUnit(k < rec->units.size() ? rec->units[k] : "mV");
                // Stacked rows share the time axis: voltage leads at the chosen lead's rate only.
                if (scale == 0 || rec->channels[k].size() != s.millivolts.size() || rec->fsOf(k) != s.fs) continue;
                EcgLeadRow row;
                row.lead = static_cast<int>(k);
                row.name = k < s.leadNames.size() ? s.leadNames[k] : "signal " + std::to_string(k + 1);
                if (row.lead == lead) {
                    describeRow(row, s.millivolts, s.filtered);
                } else {
                    row.millivolts = rec->channels[k];
                    if (scale != 1.0)
                        for (double& v : row.millivolts) v *= scale;
                    row.filtered = dsp::bandpass(row.millivolts, s.fs, settings.preprocess);
                    row.pyramid = dsp::MinMaxPyramid(row.millivolts);
                    row.filteredPyramid = dsp::MinMaxPyramid(row.filtered);
                    describeRow(row, row.millivolts, row.filtered);
                }
                s.rows.push_back(std::move(row));
            }
        }
        if (options.annotations) {
            try {
                s.annotations = readAnnotationsBeside(entry.headerPath, static_cast<long>(s.millivolts.size()), s.fs);
            } catch (const std::exception& e) {
                s.annotationError = e.what();
            }
            // The file's own annotation list (EDF+): no duration given counts as a mark.
            for (const EventAnnotation& e : rec->events)
                s.annotations.push_back({e.onsetS, std::max(0.0, e.durationS), e.text});
            std::stable_sort(s.annotations.begin(), s.annotations.end(),
                             [](const EcgAnnotation& a, const EcgAnnotation& b) { return a.onsetS < b.onsetS; });
        }
        s.errorFile.clear();
    } catch (const std::exception& e) {
        describeError(e, s.error, s.errorFile);
    }
    return s;
}

}  // namespace dacl::ui
