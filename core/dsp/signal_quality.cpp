#include "core/dsp/signal_quality.h"

#include "core/dsp/butterworth.h"
#include "core/dsp/fft.h"
#include "core/dsp/robust_rpeaks.h"
#include "core/dsp/rpeaks.h"

#include <cctype>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace dacl::dsp {

namespace {

// Thresholds, calibrated on the 8,528 PhysioNet/CinC 2017 training records (AliveCor, 300 Hz,
// lead I-like): `dacl quality --data DIR` gives the rates of each verdict there.
constexpr double kFlatMv = 0.05;            // ECG QRS complexes are 0.5-3 mV; a lead under 50 uV is off
constexpr double kImplausibleMv = 1e5;      // 100 V: no body surface potential; overflowing gains
constexpr double kMaxToneShare = 0.9;       // a sine holds ~100 %; ECG at most 85 % (N), 1 % above 67 %
constexpr double kMinBandShare = 0.5;       // white noise at 300 Hz holds 26 % in 0.5-40 Hz; ECG >= 71 %
constexpr double kMinHeartRate = 20, kMaxHeartRate = 250;  // lowest detected on N/A/O: 20.2 bpm
constexpr double kMinBeatAgreement = 0.5;   // N/A/O: 0.5 % below 0.71
constexpr double kConsistentCorrelation = 0.8;  // a complex "like the others"
constexpr double kMinConsistentShare = 0.45;    // the decisive figure: ~1 % of N/A/O below, ~48 % of "~"

double nan() { return std::numeric_limits<double>::quiet_NaN(); }

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f %%", 100.0 * share);
    return buf;
}

std::string number(double v, const char* format = "%.3g") {
    char buf[48];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

// Value at quantile q (0..1) of a copy of v.
double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

struct Spectrum {
    double bandShare = 0, toneShare = 0, toneHz = 0;
};

// Welch's estimate: Hann-windowed segments of ~4 s (a power of two), 50 % overlap, each with its
// mean removed; shares are of the power above 0.5 Hz (baseline wander is not signal).
Spectrum welchShares(const std::vector<double>& x, double fs) {
    const std::size_t n = x.size();
    std::size_t L = 1;
    while (L * 2 <= n && static_cast<double>(L) < 4 * fs) L *= 2;
    fft::Buffer<double> in(L);
    fft::Buffer<fft::Cpx<double>> out(L / 2 + 1);
    const fft::Plan<double> plan = fft::Plan<double>::r2c(static_cast<int>(L), fft::Effort::Estimate);
    std::vector<double> window(L), power(L / 2 + 1, 0.0);
    for (std::size_t i = 0; i < L; ++i) window[i] = 0.5 - 0.5 * std::cos(2 * M_PI * static_cast<double>(i) / static_cast<double>(L));
    for (std::size_t start = 0; start + L <= n; start += L / 2) {
        double mean = 0;
        for (std::size_t i = 0; i < L; ++i) mean += x[start + i];
        mean /= static_cast<double>(L);
        for (std::size_t i = 0; i < L; ++i) in[i] = (x[start + i] - mean) * window[i];
        fft::Traits<double>::execR2c(plan.get(), in.data(), fft::asFftw(out.data()));
        for (std::size_t k = 0; k < power.size(); ++k) power[k] += std::norm(out[k]);
    }
    const double binHz = fs / static_cast<double>(L);
    double total = 0, band = 0;
    std::size_t peak = 0;
    for (std::size_t k = 0; k < power.size(); ++k) {
        const double f = static_cast<double>(k) * binHz;
        if (f < 0.5) continue;
        total += power[k];
        if (f <= 40) band += power[k];
        if (peak == 0 || power[k] > power[peak]) peak = k;
    }
    Spectrum s;
    if (!(total > 0) || !std::isfinite(total)) return s;
    double tone = 0;
    for (std::size_t k = peak >= 2 ? peak - 2 : 0; k <= peak + 2 && k < power.size(); ++k)
        if (static_cast<double>(k) * binHz >= 0.5) tone += power[k];
    s.bandShare = band / total;
    s.toneShare = tone / total;
    s.toneHz = static_cast<double>(peak) * binHz;
    return s;
}

// F1 of two beat lists matched one to one within `tolerance` samples (both ascending).
double beatAgreement(const std::vector<long>& a, const std::vector<long>& b, long tolerance) {
    if (a.empty() && b.empty()) return 0;
    std::size_t i = 0, j = 0, matched = 0;
    while (i < a.size() && j < b.size()) {
        if (std::labs(a[i] - b[j]) <= tolerance) {
            ++matched, ++i, ++j;
        } else if (a[i] < b[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return 2.0 * static_cast<double>(matched) / static_cast<double>(a.size() + b.size());
}

struct TemplateFit {
    double meanCorrelation = 0;  // mean correlation of the complexes with the template
    double consistentShare = 0;  // share of complexes correlating above kConsistentCorrelation
};

// Each complex (peak +- half samples) against the median complex: the median, unlike the mean,
// is not pulled towards artefacts, so on a real ECG nearly every beat matches it closely.
TemplateFit templateFit(const std::vector<double>& x, const std::vector<long>& peaks, long half) {
    std::vector<long> usable;
    for (long p : peaks)
        if (p - half >= 0 && p + half < static_cast<long>(x.size())) usable.push_back(p);
    TemplateFit fit;
    if (usable.size() < 3) return fit;
    const std::size_t w = static_cast<std::size_t>(2 * half + 1);
    std::vector<double> tmpl(w), column(usable.size());
    for (std::size_t i = 0; i < w; ++i) {
        for (std::size_t b = 0; b < usable.size(); ++b) column[b] = x[static_cast<std::size_t>(usable[b] - half) + i];
        tmpl[i] = quantile(column, 0.5);
    }
    auto corr = [&](const double* a) {
        double ma = 0, mt = 0;
        for (std::size_t i = 0; i < w; ++i) ma += a[i], mt += tmpl[i];
        ma /= static_cast<double>(w), mt /= static_cast<double>(w);
        double sab = 0, saa = 0, stt = 0;
        for (std::size_t i = 0; i < w; ++i) {
            sab += (a[i] - ma) * (tmpl[i] - mt);
            saa += (a[i] - ma) * (a[i] - ma);
            stt += (tmpl[i] - mt) * (tmpl[i] - mt);
        }
        return saa > 0 && stt > 0 ? sab / std::sqrt(saa * stt) : 0.0;
    };
    for (long p : usable) {
        const double c = corr(&x[static_cast<std::size_t>(p - half)]);
        fit.meanCorrelation += c;
        if (c > kConsistentCorrelation) fit.consistentShare += 1;
    }
    fit.meanCorrelation /= static_cast<double>(usable.size());
    fit.consistentShare /= static_cast<double>(usable.size());
    return fit;
}

SignalQuality verdict(SignalQuality q, QualityVerdict v, std::string reason) {
    q.verdict = v;
    q.reason = std::move(reason);
    return q;
}

}  // namespace

const char* toString(QualityVerdict v) {
    switch (v) {
        case QualityVerdict::Ok: return "ok";
        case QualityVerdict::TooShort: return "too_short";
        case QualityVerdict::Flat: return "flat";
        case QualityVerdict::Noisy: return "noisy";
        case QualityVerdict::NotEcg: return "not_ecg";
    }
    return "unknown";
}

SignalQuality assessLeadQuality(const Recording& record, std::size_t lead) {
    std::vector<double> x = record.channels.at(lead);
    const double scale = millivoltsPerUnit(lead < record.units.size() ? record.units[lead] : std::string());
    if (scale != 1.0)
        for (double& v : x) v *= scale;
    return assessSignalQuality(x, record.fsOf(lead));
}

namespace {

std::string lowerCase(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isMicrovolt(const std::string& units) {
    return units == "uV" || units == "µV" || units == "μV" || lowerCase(units) == "microvolt";
}

}  // namespace

double millivoltsPerUnit(const std::string& units) {
    if (isMicrovolt(units)) return 1e-3;
    if (units == "V") return 1e3;
    return 1.0;
}

bool isVoltageUnit(const std::string& units) {
    return units.empty() || lowerCase(units) == "mv" || isMicrovolt(units) || units == "V";
}

SignalQuality assessSignalQuality(const std::vector<double>& leadMv, double fs) {
    if (!(fs > 0) || !std::isfinite(fs))
        throw std::invalid_argument("signal quality: sampling rate must be positive, got " + std::to_string(fs));
    SignalQuality q;
    q.seconds = static_cast<double>(leadMv.size()) / fs;
    q.amplitudeMv = q.ecgBandShare = q.toneShare = q.toneHz = q.heartRateBpm = q.beatAgreement =
        q.templateCorrelation = q.consistentBeats = nan();
    if (fs < 50)
        return verdict(q, QualityVerdict::NotEcg,
                       "sampled at " + number(fs) + " Hz, too slow to resolve QRS complexes (50 Hz or more needed)");
    if (q.seconds < kMinQualitySeconds)
        return verdict(q, QualityVerdict::TooShort,
                       number(q.seconds) + " s is too short to judge the signal (" + number(kMinQualitySeconds) +
                           " s or more needed)");

    // Non-finite samples continue the last finite value (as the R-peak detectors do).
    std::vector<double> x(leadMv.size());
    double last = 0, peakAbs = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(leadMv[i])) last = leadMv[i];
        x[i] = last;
        peakAbs = std::max(peakAbs, std::fabs(last));
    }
    if (peakAbs > kImplausibleMv)
        return verdict(q, QualityVerdict::NotEcg,
                       "samples reach " + number(peakAbs) + " mV, impossible for an ECG (check the gain in the header)");

    // Flat before anything else: the raw span, so that a tone far above the ECG band is called
    // a tone below, not a flat line.
    const double rawSpan = quantile(x, 0.99) - quantile(x, 0.01);
    if (!(rawSpan >= kFlatMv))
        return verdict(q, QualityVerdict::Flat,
                       "flat: the signal spans only " + number(rawSpan) + " mV (an ECG spans 0.5 mV or more)");
    const Spectrum s = welchShares(x, fs);
    q.ecgBandShare = s.bandShare;
    q.toneShare = s.toneShare;
    q.toneHz = s.toneHz;
    if (q.toneShare > kMaxToneShare)
        return verdict(q, QualityVerdict::NotEcg,
                       "not ECG: a single tone at " + number(q.toneHz) + " Hz carries " + percent(q.toneShare) +
                           " of the power");
    if (q.ecgBandShare < kMinBandShare)
        return verdict(q, QualityVerdict::Noisy,
                       "noise: only " + percent(q.ecgBandShare) + " of the power lies in the ECG band 0.5-40 Hz");

    const std::vector<double> band = filtfilt(butterworthBandpass(2, 0.5, std::min(40.0, 0.45 * fs), fs), x);
    q.amplitudeMv = quantile(band, 0.99) - quantile(band, 0.01);
    if (!(q.amplitudeMv >= kFlatMv))
        return verdict(q, QualityVerdict::Flat,
                       "flat: the ECG band 0.5-40 Hz spans only " + number(q.amplitudeMv) +
                           " mV (an ECG spans 0.5 mV or more)");
    const std::vector<long> robust = detectRPeaksRobust(band, fs);
    const std::vector<long> panTompkins = detectRPeaks(band, fs);
    q.beats = static_cast<int>(robust.size());
    q.heartRateBpm = heartRateBpm(robust, fs);
    q.beatAgreement = beatAgreement(robust, panTompkins, std::lround(0.15 * fs));
    const TemplateFit fit = templateFit(band, robust, std::lround(0.1 * fs));
    q.templateCorrelation = fit.meanCorrelation;
    q.consistentBeats = fit.consistentShare;

    if (q.beats < 2 || q.heartRateBpm < kMinHeartRate || q.heartRateBpm > kMaxHeartRate)
        return verdict(q, QualityVerdict::NotEcg,
                       "no plausible QRS rhythm: " + std::to_string(q.beats) + " beats in " + number(q.seconds) +
                           " s (heart rate " + number(q.heartRateBpm, "%.0f") + " bpm)");
    if (q.beatAgreement < kMinBeatAgreement || q.consistentBeats < kMinConsistentShare)
        return verdict(q, QualityVerdict::Noisy,
                       "noisy: no consistent beats (" + percent(q.consistentBeats) +
                           " of the QRS complexes match their median shape, two detectors agree on " +
                           percent(q.beatAgreement) + " of the beats)");
    return q;
}

}  // namespace dacl::dsp
