#include "core/dsp/preprocess.h"

#include "core/dsp/butterworth.h"
#include "core/dsp/resample.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dacl::dsp {

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    const double hi = v[mid];
    if (v.size() % 2) return hi;
    const double lo = *std::max_element(v.begin(), v.begin() + mid);
    return (lo + hi) / 2;
}

std::vector<double> robustStandardise(const std::vector<double>& x) {
    if (x.empty()) return {};
    const double med = median(x);
    std::vector<double> dev(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) dev[i] = std::abs(x[i] - med);
    double scale = 1.4826 * median(dev);
    if (!(scale > 1e-12)) {
        double mean = 0, ss = 0;
        for (double v : x) mean += v;
        mean /= double(x.size());
        for (double v : x) ss += (v - mean) * (v - mean);
        scale = std::sqrt(ss / double(x.size()));
    }
    std::vector<double> y(x.size());
    const double inv = scale > 1e-12 ? 1.0 / scale : 1.0;
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = (x[i] - med) * inv;
    return y;
}

std::vector<double> bandpass(const std::vector<double>& x, double fs, const PreprocessSettings& s) {
    if (!(fs > 0) || !std::isfinite(fs))
        throw std::invalid_argument("sampling rate must be positive, got " + std::to_string(fs));
    const bool high = s.lowHz > 0;
    const bool low = s.highHz > 0 && s.highHz < fs / 2;
    if (high && low && !(s.lowHz < s.highHz))
        throw std::invalid_argument("band-pass low edge " + std::to_string(s.lowHz) +
                                    " Hz must be below the high edge " + std::to_string(s.highHz) + " Hz");
    if (high && !(s.lowHz < fs / 2))
        throw std::invalid_argument("high-pass edge " + std::to_string(s.lowHz) +
                                    " Hz must be below fs/2 = " + std::to_string(fs / 2) + " Hz");
    Sos sos;
    if (high && low) sos = butterworthBandpass(s.filterOrder, s.lowHz, s.highHz, fs);
    else if (high) sos = butterworthHighpass(s.filterOrder, s.lowHz, fs);
    else if (low) sos = butterworthLowpass(s.filterOrder, s.highHz, fs);
    else return x;
    return filtfilt(sos, x);
}

std::vector<double> preprocess(const std::vector<double>& lead, double fs, const PreprocessSettings& s) {
    if (!(fs > 0) || !std::isfinite(fs))
        throw std::invalid_argument("sampling rate must be positive, got " + std::to_string(fs));
    if (!(s.targetFs > 0) || !std::isfinite(s.targetFs))
        throw std::invalid_argument("target sampling rate must be positive, got " + std::to_string(s.targetFs));
    std::vector<double> x = lead;
    double last = 0;
    for (double& v : x) {
        if (std::isfinite(v)) last = v;
        else v = last;
    }
    x = resample(x, fs, s.targetFs);
    x = bandpass(x, s.targetFs, s);
    if (s.robustStandardise) x = robustStandardise(x);
    return x;
}

std::vector<long> windowStarts(long n, long length, long hop) {
    if (length < 1 || hop < 1) throw std::invalid_argument("window length and hop must be at least 1 sample");
    std::vector<long> starts{0};
    if (n <= length) return starts;
    for (long a = hop; a + length <= n; a += hop) starts.push_back(a);
    if (starts.back() + length < n) starts.push_back(n - length);  // one more, ending at the end
    return starts;
}

std::vector<Window> makeWindows(const std::string& record, const std::vector<double>& x, double fs,
                                int hop, const WindowSettings& settings) {
    const long N = settings.samples;
    if (N < 1) throw std::invalid_argument("window length must be at least 1 sample");
    if (hop < 1) throw std::invalid_argument("window hop must be at least 1 sample");
    if (!(fs > 0)) throw std::invalid_argument("sampling rate must be positive");
    const long n = static_cast<long>(x.size());
    std::vector<Window> out;
    if (n == 0) return out;

    auto cut = [&](long start) {
        Window w;
        w.record = record;
        w.startS = double(start) / fs;
        w.samples.resize(static_cast<std::size_t>(N));
        for (long i = 0; i < N; ++i) {
            long k = start + i;
            double v;
            if (k < n) {
                v = x[k];
            } else if (settings.pad == PadMode::Zero || n == 1) {
                v = settings.pad == PadMode::Zero ? 0.0 : x[0];
            } else {
                // Reflect about the last sample, bouncing between the ends if needed.
                const long period = 2 * (n - 1);
                long m = k % period;
                if (m >= n) m = period - m;
                v = x[m];
            }
            w.samples[i] = static_cast<float>(v);
        }
        out.push_back(std::move(w));
    };

    for (long start : windowStarts(n, N, hop)) cut(start);
    return out;
}

}  // namespace dacl::dsp
