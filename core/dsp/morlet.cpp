#include "core/dsp/morlet.h"

#include "core/dsp/fft.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

namespace dacl::dsp {

namespace {

// Ratio sigma/xi that makes neighbouring wavelets cross at r_psi = sqrt(0.5) of their peak.
double sigmaOfXi(double xi, int Q) {
    const double rPsi = std::sqrt(0.5);
    const double factor = 1.0 / std::pow(2.0, 1.0 / Q);
    const double term1 = (1 - factor) / (1 + factor);
    const double term2 = 1.0 / std::sqrt(2 * std::log(1.0 / rPsi));
    return xi * term1 * term2;
}

// Number of periods needed so that the Gaussian's tails are below 1e-7 when folded, capped at 5.
int periodsFor(double sigma) {
    const double val = std::sqrt(-2.0 * sigma * sigma * std::log(1e-7));
    return std::min(static_cast<int>(std::ceil(val + 1)), 5);
}

// NumPy's pairwise summation (what ndarray.sum() does on a contiguous array): the reference
// normalises filters with it, and a plain running sum differs from it by up to ~1e-13 at
// L = 8192, visible at the golden files' 1e-12 tolerance.
double pairwiseSum(const double* a, std::size_t n) {
    if (n < 8) {
        double s = 0;
        for (std::size_t i = 0; i < n; ++i) s += a[i];
        return s;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; ++j) r[j] = a[j];
        std::size_t i = 8;
        for (; i < n - n % 8; i += 8)
            for (int j = 0; j < 8; ++j) r[j] += a[i + j];
        double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) s += a[i];
        return s;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwiseSum(a, n2) + pairwiseSum(a + n2, n - n2);
}

double l1NormInTime(const std::vector<double>& hf) {
    const int L = static_cast<int>(hf.size());
    std::vector<std::complex<double>> in(hf.begin(), hf.end()), out(L);
    fft::inverseDft(in.data(), out.data(), L);
    std::vector<double> mag(L);
    for (int t = 0; t < L; ++t) mag[t] = std::abs(out[t]);
    return pairwiseSum(mag.data(), mag.size());
}

}  // namespace

int maxDyadicSubsampling(double xi, double sigma) {
    const double upper = std::min(std::abs(xi) + kScatterAlpha * sigma, 0.5);
    return static_cast<int>(std::floor(-std::log2(upper))) - 1;
}

std::vector<WaveletParams> morletBankParams(int J, int Q) {
    if (Q < 1) throw std::invalid_argument("Q must be >= 1 (got " + std::to_string(Q) + ")");
    const double sigmaMin = kScatterSigma0 / std::pow(2.0, J);
    const double xiMax = std::max(1.0 / (1.0 + std::pow(2.0, 3.0 / Q)), 0.35);
    const double sigmaMax = sigmaOfXi(xiMax, Q);
    const double step = std::pow(2.0, 1.0 / Q);

    std::vector<double> xis, sigmas;
    double elbowXi;
    if (sigmaMax <= sigmaMin) {
        elbowXi = sigmaMax;
    } else {
        // Constant-Q region: geometric progression.
        xis.push_back(xiMax);
        sigmas.push_back(sigmaMax);
        while (sigmas.back() > sigmaMin * step) {
            xis.push_back(xis.back() / step);
            sigmas.push_back(sigmas.back() / step);
        }
        elbowXi = xis.back();
    }
    // Constant-bandwidth region: arithmetic progression down towards 0.
    for (int q = 1; q < Q; ++q) {
        xis.push_back(elbowXi - static_cast<double>(q) / Q * elbowXi);
        sigmas.push_back(sigmaMin);
    }
    std::vector<WaveletParams> out(xis.size());
    for (std::size_t i = 0; i < xis.size(); ++i)
        out[i] = {xis[i], sigmas[i], maxDyadicSubsampling(xis[i], sigmas[i])};
    return out;
}

std::vector<double> morletFourier(int L, double xi, double sigma) {
    if (L < 1) throw std::invalid_argument("filter length must be >= 1");
    const int P = periodsFor(sigma);
    const int periods = 2 * P - 1;
    const double twoS2 = 2 * sigma * sigma;
    // f = i / L for i = (1-P)L ... PL-1, folded onto L bins by averaging the periods. With P = 1
    // the low-pass uses the centred FFT frequencies instead, so that it is continuous around 0.
    std::vector<double> low(L, 0.0), gabor(L, 0.0);
    for (int p = 0; p < periods; ++p) {
        for (int k = 0; k < L; ++k) {
            const double f = static_cast<double>(k + static_cast<long long>(p + 1 - P) * L) / L;
            double fl = f;
            if (P == 1) {
                const int kk = k < (L + 1) / 2 ? k : k - L;  // numpy.fft.fftfreq
                fl = kk * (1.0 / L);
            }
            low[k] += std::exp(-(fl * fl) / twoS2);
            if (xi != 0.0) gabor[k] += std::exp(-((f - xi) * (f - xi)) / twoS2);
        }
    }
    for (int k = 0; k < L; ++k) {
        low[k] /= periods;
        gabor[k] /= periods;
    }
    std::vector<double> h;
    if (xi != 0.0) {
        // Subtract a scaled low-pass so that the wavelet has zero mean (h[0] = 0).
        const double kappa = gabor[0] / low[0];
        h.resize(L);
        for (int k = 0; k < L; ++k) h[k] = gabor[k] - kappa * low[k];
    } else {
        h = std::move(low);
    }
    const double norm = l1NormInTime(h);
    for (double& v : h) v /= norm;
    return h;
}

std::vector<double> periodizeSum(const std::vector<double>& h, int level) {
    const std::size_t L = h.size();
    const std::size_t copies = std::size_t{1} << level;
    if (level < 0 || L % copies != 0)
        throw std::invalid_argument("cannot periodise a filter of length " + std::to_string(L) + " to level " +
                                    std::to_string(level));
    const std::size_t M = L / copies;
    std::vector<double> out(M, 0.0);
    for (std::size_t i = 0; i < copies; ++i)
        for (std::size_t m = 0; m < M; ++m) out[m] += h[m + i * M];
    return out;
}

int temporalHalfSupport(const std::vector<double>& hf, double criterion) {
    const int L = static_cast<int>(hf.size());
    std::vector<std::complex<double>> in(hf.begin(), hf.end()), h(L);
    fft::inverseDft(in.data(), h.data(), L);
    const int half = L / 2;
    // r[m] = sum_{k=m}^{half-1} |h[k]| is non-increasing, so the first m with r[m] <= criterion
    // is found by accumulating from the far end.
    std::vector<double> r(half);
    double acc = 0;
    for (int k = half - 1; k >= 0; --k) {
        acc += std::abs(h[k]);
        r[k] = acc;
    }
    for (int m = 0; m < half; ++m)
        if (r[m] <= criterion) return m + 1;
    return half;
}

}  // namespace dacl::dsp
