#pragma once
// The Morlet/Gabor filter bank of the 1-D scattering transform, in the Fourier domain, exactly as
// kymatio 0.4.0.dev0 builds it (see shared/reference/scattering1d/README.md, "Filter-bank
// frequencies", "Filters in the Fourier domain", "Levels" and "Padding").
// All frequencies are in cycles per sample (0.5 = Nyquist).
#include <vector>

namespace dacl::dsp {

// The filter bank's constants (kymatio's defaults; not user settings).
inline constexpr double kScatterSigma0 = 0.1;  // phi width: sigma0 / T
inline constexpr double kScatterAlpha = 5.0;   // support factor in the subsampling rule

struct WaveletParams {
    double xi = 0;     // centre frequency
    double sigma = 0;  // Gaussian width in frequency
    int j = 0;         // maximal dyadic subsampling after filtering
};

// Centre frequencies and widths for Q wavelets per octave down to scale 2^J, in emission
// order (decreasing xi). Q >= 1.
std::vector<WaveletParams> morletBankParams(int J, int Q);

// j = floor(-log2(min(|xi| + alpha*sigma, 0.5))) - 1.
int maxDyadicSubsampling(double xi, double sigma);

// DFT (length L, standard FFT order, real-valued) of the periodised, L1-normalised Morlet
// wavelet (xi > 0) or Gaussian low-pass (xi == 0).
std::vector<double> morletFourier(int L, double xi, double sigma);
inline std::vector<double> gaussFourier(int L, double sigma) { return morletFourier(L, 0.0, sigma); }

// Coarser-resolution copy: h_l[m] = sum_{i < 2^level} h[m + i*L/2^level] (a sum, not a mean).
std::vector<double> periodizeSum(const std::vector<double>& h, int level);

// Half temporal support of a centred filter given by its DFT: the smallest m+1 such that
// sum_{k=m}^{L/2-1} |IDFT(h)[k]| <= criterion, or L/2 when no m qualifies (filter wider than L).
int temporalHalfSupport(const std::vector<double>& hf, double criterion = 1e-3);

}  // namespace dacl::dsp
