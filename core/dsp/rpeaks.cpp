#include "core/dsp/rpeaks.h"

#include "core/dsp/butterworth.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dacl::dsp {
namespace {

double medianOf(std::vector<double> v) {
    if (v.empty()) return 0;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    return v[mid];
}

struct Candidate {
    long pos;
    double value;
};

}  // namespace

std::vector<double> detail::detectorInput(const std::vector<double>& input, double fs) {
    if (!(fs >= 50) || !std::isfinite(fs))
        throw std::invalid_argument("R-peak detection needs a sampling rate of at least 50 Hz, got " +
                                    std::to_string(fs));
    std::vector<double> x = input;
    double last = 0;
    for (double& v : x) {
        if (std::isfinite(v)) last = v;
        else v = last;
    }
    return x;
}

std::vector<long> detectRPeaks(const std::vector<double>& input, double fs) {
    const std::vector<double> x = detail::detectorInput(input, fs);
    const long n = static_cast<long>(x.size());
    if (n < static_cast<long>(0.5 * fs)) return {};

    const auto ms = [fs](double m) { return static_cast<long>(std::lround(m * 1e-3 * fs)); };

    // Pan–Tompkins feature signal: the band where QRS energy dominates P/T waves and drift.
    // Pan & Tompkins used 5–15 Hz; we start at 3 Hz because wide ventricular beats have most
    // of their energy below 5 Hz and were otherwise missed (T waves are rejected below by
    // the slope rule, not by the band).
    const std::vector<double> qrsBand = filtfilt(butterworthBandpass(2, 3.0, 15.0, fs), x);
    std::vector<double> slope(static_cast<std::size_t>(n), 0.0);
    for (long i = 2; i + 2 < n; ++i)
        slope[i] = (2 * qrsBand[i + 2] + qrsBand[i + 1] - qrsBand[i - 1] - 2 * qrsBand[i - 2]) * fs / 8;
    std::vector<double> mwi(static_cast<std::size_t>(n), 0.0);
    {
        const long w = std::max(1L, ms(150)), half = w / 2;
        std::vector<double> cum(static_cast<std::size_t>(n + 1), 0.0);
        for (long i = 0; i < n; ++i) cum[i + 1] = cum[i] + slope[i] * slope[i];
        for (long i = 0; i < n; ++i) {
            const long a = std::max(0L, i - half), b = std::min(n, i - half + w);
            mwi[i] = (cum[b] - cum[a]) / double(w);
        }
    }

    // Candidates: local maxima of the integrated signal that are the largest within 200 ms
    // (no two ventricular depolarisations are closer: the refractory period).
    const long refractory = ms(200);
    std::vector<Candidate> cands;
    for (long i = 1; i + 1 < n; ++i) {
        if (!(mwi[i] > mwi[i - 1] && mwi[i] >= mwi[i + 1])) continue;
        bool best = true;
        for (long k = std::max(0L, i - refractory); k <= std::min(n - 1, i + refractory) && best; ++k)
            if (mwi[k] > mwi[i] || (mwi[k] == mwi[i] && k < i)) best = false;
        if (best) cands.push_back({i, mwi[i]});
    }
    if (cands.empty()) return {};

    // Robust starting estimate of the QRS peak height: median of 2-s maxima.
    std::vector<double> segMax;
    for (long s = 0; s < n; s += ms(2000)) {
        const long e = std::min(n, s + ms(2000));
        if (e - s < ms(1000) && !segMax.empty()) break;
        segMax.push_back(*std::max_element(mwi.begin() + s, mwi.begin() + e));
    }
    double spki = medianOf(segMax);
    double npki = 0.1 * spki;
    const auto th1 = [&] { return npki + 0.25 * (spki - npki); };

    auto maxSlope = [&](long c) {
        double m = 0;
        for (long k = std::max(0L, c - ms(75)); k <= std::min(n - 1, c + ms(75)); ++k)
            m = std::max(m, std::abs(slope[k]));
        return m;
    };

    std::vector<long> qrs;
    std::vector<double> qrsSlope;
    std::vector<Candidate> noise;  // rejected candidates since the last beat, for search-back
    auto rrAverage = [&] {
        if (qrs.size() < 2) return 1.0 * fs;  // assume 60 bpm until two beats are known
        std::vector<double> rr;
        for (std::size_t i = qrs.size() - 1; i > 0 && rr.size() < 8; --i)
            rr.push_back(double(qrs[i] - qrs[i - 1]));
        return medianOf(rr);
    };
    auto accept = [&](const Candidate& c, double weight) {
        qrs.push_back(c.pos);
        qrsSlope.push_back(maxSlope(c.pos));
        // Clamped so that one huge artefact accepted as a beat cannot lift the threshold
        // above every real QRS for the rest of the record.
        spki = weight * std::min(c.value, 2 * spki) + (1 - weight) * spki;
        noise.clear();
    };
    // A gap of more than 1.66 average RR means a beat was probably missed: take the largest
    // rejected candidate in it that clears half the threshold.
    auto searchBack = [&](long now) {
        while (!qrs.empty() && now - qrs.back() > 1.66 * rrAverage()) {
            const Candidate* best = nullptr;
            for (const Candidate& c : noise)
                if (c.pos - qrs.back() >= refractory && now - c.pos >= refractory && c.value > 0.5 * th1() &&
                    (!best || c.value > best->value))
                    best = &c;
            if (!best) break;
            const Candidate found = *best;
            std::vector<Candidate> later;
            for (const Candidate& c : noise)
                if (c.pos > found.pos) later.push_back(c);
            accept(found, 0.25);
            noise = later;
        }
    };

    for (const Candidate& c : cands) {
        searchBack(c.pos);
        bool isQrs = c.value > th1();
        if (isQrs && !qrs.empty()) {
            const long gap = c.pos - qrs.back();
            if (gap < refractory) isQrs = false;
            // Within 360 ms a candidate with less than half the previous QRS's steepest slope
            // is a T wave.
            else if (gap < ms(360) && maxSlope(c.pos) < 0.5 * qrsSlope.back()) isQrs = false;
        }
        if (isQrs) {
            accept(c, 0.125);
        } else {
            npki = 0.125 * std::min(c.value, spki) + 0.875 * npki;
            noise.push_back(c);
        }
    }
    searchBack(n);

    // Locate each R peak on the diagnostic-band ECG, at the record's dominant polarity.
    const std::vector<double> ecg = filtfilt(butterworthBandpass(2, 0.5, std::min(40.0, 0.45 * fs), fs), x);
    const long reach = ms(100);
    std::vector<double> ups, downs;
    for (long c : qrs) {
        double hi = -1e300, lo = 1e300;
        for (long k = std::max(0L, c - reach); k <= std::min(n - 1, c + reach); ++k) {
            hi = std::max(hi, ecg[k]);
            lo = std::min(lo, ecg[k]);
        }
        ups.push_back(hi);
        downs.push_back(-lo);
    }
    const double sign = medianOf(ups) >= medianOf(downs) ? 1.0 : -1.0;
    std::vector<long> peaks;
    for (long c : qrs) {
        long best = c, opposite = c;
        for (long k = std::max(0L, c - reach); k <= std::min(n - 1, c + reach); ++k) {
            if (sign * ecg[k] > sign * ecg[best]) best = k;
            if (sign * ecg[k] < sign * ecg[opposite]) opposite = k;
        }
        // A beat whose main deflection clearly points the other way (e.g. a ventricular
        // ectopic beat) is located at that deflection.
        if (-sign * ecg[opposite] > 1.5 * std::max(0.0, sign * ecg[best])) best = opposite;
        if (!peaks.empty() && best - peaks.back() < refractory) {
            if (std::abs(ecg[best]) > std::abs(ecg[peaks.back()])) peaks.back() = best;
            continue;
        }
        peaks.push_back(best);
    }
    return peaks;
}

std::vector<double> rrIntervals(const std::vector<long>& peaks, double fs) {
    std::vector<double> rr;
    for (std::size_t i = 1; i < peaks.size(); ++i) rr.push_back(double(peaks[i] - peaks[i - 1]) / fs);
    return rr;
}

double heartRateBpm(const std::vector<long>& peaks, double fs) {
    const std::vector<double> rr = rrIntervals(peaks, fs);
    if (rr.empty()) return 0;
    std::vector<double> v = rr;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) m = (m + *std::max_element(v.begin(), v.begin() + mid)) / 2;
    return m > 0 ? 60.0 / m : 0;
}

}  // namespace dacl::dsp
