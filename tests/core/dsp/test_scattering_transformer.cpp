// Scattering Transformer: shapes, the L = 0 baseline, a hand-worked layer, attention rows, and
// finite output on degenerate windows.
#include "core/dsp/scattering.h"
#include "core/dsp/scattering_transformer.h"
#include "test_scattering_golden.h"

#include <QtTest>

#include <cmath>

using namespace dacl::dsp;

namespace {

// Log-scattering tokens (24 x 176) of the golden ECG window.
std::vector<double> ecgTokens(int& T, int& C) {
    ScatteringConfig c;
    c.effort = fft::Effort::Estimate;
    const Scattering1D s(c);
    const auto x = golden::input("ecg_N3072_J7_Q8");
    std::vector<double> S(s.outputSize());
    s.transform(x.data(), S.data());
    T = s.nFrames();
    C = s.nPaths();
    return logScatteringTokens(S.data(), C, T, 1e-6);
}

bool allFinite(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

// The layer as method.md writes it, one dot product at a time: the optimised forward must give
// these values to the last bit (stored features and trained models depend on them).
std::vector<double> referenceForward(const double* tokens, int T, int C, int layers) {
    std::vector<double> X(tokens, tokens + static_cast<std::size_t>(T) * C);
    const auto pe = sinusoidalPositionalEncoding(T, C);
    for (std::size_t i = 0; i < X.size(); ++i) X[i] += pe[i];
    const double scale = 1.0 / std::sqrt(static_cast<double>(C));
    for (int l = 0; l < layers; ++l) {
        std::vector<double> A(static_cast<std::size_t>(T) * T), AX(X.size(), 0.0);
        for (int i = 0; i < T; ++i) {
            double mx = -INFINITY, sum = 0;
            for (int j = 0; j < T; ++j) {
                double dot = 0;
                for (int c = 0; c < C; ++c) dot += X[i * C + c] * X[j * C + c];
                A[i * T + j] = dot * scale;
                mx = std::max(mx, A[i * T + j]);
            }
            for (int j = 0; j < T; ++j) sum += (A[i * T + j] = std::exp(A[i * T + j] - mx));
            for (int j = 0; j < T; ++j) A[i * T + j] /= sum;
        }
        for (int i = 0; i < T; ++i)
            for (int j = 0; j < T; ++j)
                for (int c = 0; c < C; ++c) AX[i * C + c] += A[i * T + j] * X[j * C + c];
        for (std::size_t i = 0; i < X.size(); ++i) X[i] += AX[i];
        for (int t = 0; t < T; ++t) {
            double mean = 0, var = 0;
            for (int c = 0; c < C; ++c) mean += X[t * C + c];
            mean /= C;
            for (int c = 0; c < C; ++c) var += (X[t * C + c] - mean) * (X[t * C + c] - mean);
            var /= C;
            const double inv = 1.0 / std::sqrt(var + 1e-5);
            for (int c = 0; c < C; ++c) X[t * C + c] = (X[t * C + c] - mean) * inv;
        }
    }
    return X;
}

}  // namespace

class TestScatteringTransformer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shapes() {
        int T = 0, C = 0;
        const auto tok = ecgTokens(T, C);
        QCOMPARE(T, 24);
        QCOMPARE(C, 176);
        for (int L : {0, 1, 3}) {
            const ScatteringTransformer st({L});
            std::vector<std::vector<double>> attn;
            QCOMPARE(st.forward(tok.data(), T, C, &attn).size(), std::size_t(24 * 176));
            QCOMPARE(static_cast<int>(attn.size()), L);
            const auto f = st.pooled(tok.data(), T, C);
            QCOMPARE(f.size(), std::size_t(352));
            QVERIFY(allFinite(f));
        }
    }

    // Tokens are log(|S| + eps), frame-major.
    void tokensAreLogScatteringTransposed() {
        const double S[6] = {1.0, -2.0, 0.0, 3.0, 4.0, 5.0};  // 2 paths x 3 frames
        const auto tok = logScatteringTokens(S, 2, 3, 1e-6);
        QCOMPARE(tok.size(), std::size_t(6));
        QCOMPARE(tok[0 * 2 + 0], std::log(1.0 + 1e-6));
        QCOMPARE(tok[1 * 2 + 0], std::log(2.0 + 1e-6));
        QCOMPARE(tok[2 * 2 + 0], std::log(1e-6));
        QCOMPARE(tok[2 * 2 + 1], std::log(5.0 + 1e-6));
    }

    // L = 0 is the plain baseline: mean and population std of the log-scattering over frames.
    void zeroLayersIsPooledLogScattering() {
        int T = 0, C = 0;
        const auto tok = ecgTokens(T, C);
        const auto f = ScatteringTransformer({0}).pooled(tok.data(), T, C);
        for (int c = 0; c < C; ++c) {
            double m = 0, v = 0;
            for (int t = 0; t < T; ++t) m += tok[t * C + c];
            m /= T;
            for (int t = 0; t < T; ++t) v += (tok[t * C + c] - m) * (tok[t * C + c] - m);
            QVERIFY(std::abs(f[c] - m) <= 1e-12 * std::abs(m));
            QVERIFY(std::abs(f[C + c] - std::sqrt(v / T)) <= 1e-12 * (1 + std::sqrt(v / T)));
        }
    }

    // One layer on a 2 x 2 input, worked by hand from the formulas.
    void oneLayerByHand() {
        const double tok[4] = {1.0, 0.0, 0.0, 1.0};
        // + PE: t=0 -> (sin 0, cos 0) = (0, 1); t=1 -> (sin 1, cos 1).
        const double x[2][2] = {{1.0, 1.0}, {std::sin(1.0), 1.0 + std::cos(1.0)}};
        double a[2][2];
        for (int i = 0; i < 2; ++i) {
            double s[2];
            for (int j = 0; j < 2; ++j) s[j] = (x[i][0] * x[j][0] + x[i][1] * x[j][1]) / std::sqrt(2.0);
            const double z = std::exp(s[0]) + std::exp(s[1]);
            for (int j = 0; j < 2; ++j) a[i][j] = std::exp(s[j]) / z;
        }
        std::vector<std::vector<double>> attn;
        const auto out = ScatteringTransformer({1}).forward(tok, 2, 2, &attn);
        for (int i = 0; i < 2; ++i) {
            double y[2];
            for (int c = 0; c < 2; ++c) y[c] = x[i][c] + a[i][0] * x[0][c] + a[i][1] * x[1][c];
            const double m = (y[0] + y[1]) / 2, var = ((y[0] - m) * (y[0] - m) + (y[1] - m) * (y[1] - m)) / 2;
            for (int c = 0; c < 2; ++c) {
                QVERIFY(std::abs(attn[0][i * 2 + c] - a[i][c]) < 1e-14);
                QVERIFY(std::abs(out[i * 2 + c] - (y[c] - m) / std::sqrt(var + 1e-5)) < 1e-12);
            }
        }
    }

    // Every attention row is a probability distribution; every output token is layer-normalised.
    void attentionRowsSumToOne() {
        int T = 0, C = 0;
        const auto tok = ecgTokens(T, C);
        std::vector<std::vector<double>> attn;
        const auto X = ScatteringTransformer({3}).forward(tok.data(), T, C, &attn);
        QCOMPARE(static_cast<int>(attn.size()), 3);
        for (const auto& A : attn) {
            QCOMPARE(A.size(), std::size_t(T * T));
            for (int i = 0; i < T; ++i) {
                double sum = 0;
                for (int j = 0; j < T; ++j) {
                    QVERIFY(A[i * T + j] >= 0 && A[i * T + j] <= 1);
                    sum += A[i * T + j];
                }
                QVERIFY(std::abs(sum - 1) < 1e-12);
            }
        }
        for (int t = 0; t < T; ++t) {
            double m = 0, v = 0;
            for (int c = 0; c < C; ++c) m += X[t * C + c];
            m /= C;
            for (int c = 0; c < C; ++c) v += (X[t * C + c] - m) * (X[t * C + c] - m);
            QVERIFY(std::abs(m) < 1e-9);
            QVERIFY(std::abs(v / C - 1) < 1e-3);
        }
    }

    // Constant, all-zero (log eps everywhere) and one- or two-frame windows stay finite.
    // Bit-identical to the textbook layer on real ECG tokens and on odd shapes (T not a multiple
    // of the tiles, T = 1, two layers).
    void forwardEqualsTextbookLayerExactly() {
        int T = 0, C = 0;
        const auto tok = ecgTokens(T, C);
        for (int L : {1, 2}) {
            const ScatteringTransformer st({L});
            QVERIFY(st.forward(tok.data(), T, C) == referenceForward(tok.data(), T, C, L));
        }
        // Widths and lengths that use every tile of the kernels (32, 8, 4 and single columns).
        std::vector<double> odd(70 * 45);
        for (std::size_t i = 0; i < odd.size(); ++i) odd[i] = std::sin(0.37 * static_cast<double>(i)) * 3.0;
        const ScatteringTransformer one({1});
        for (int c : {13, 45})
            for (int t : {1, 2, 5, 8, 37, 70})
                QVERIFY2(one.forward(odd.data(), t, c) == referenceForward(odd.data(), t, c, 1),
                         qPrintable(QString("T = %1, C = %2").arg(t).arg(c)));
    }

    void degenerateInputsStayFinite() {
        for (int L : {0, 1, 4}) {
            const ScatteringTransformer st({L});
            const std::vector<double> constant(24 * 176, -3.0);
            QVERIFY(allFinite(st.pooled(constant.data(), 24, 176)));
            const std::vector<double> zeroS(176 * 24, 0.0);
            const auto tok = logScatteringTokens(zeroS.data(), 176, 24, 1e-6);
            const auto f = st.pooled(tok.data(), 24, 176);
            QVERIFY(allFinite(f));
            for (int c = 0; c < 176; ++c) QVERIFY(std::abs(f[176 + c]) < 1e-6 || L > 0);  // no spread at L = 0
            for (int T : {1, 2}) {
                std::vector<double> shortTok(T * 176);
                for (std::size_t i = 0; i < shortTok.size(); ++i) shortTok[i] = std::sin(0.1 * i);
                std::vector<std::vector<double>> attn;
                const auto X = st.forward(shortTok.data(), T, 176, &attn);
                QVERIFY(allFinite(X));
                const auto p = st.pooled(shortTok.data(), T, 176);
                QVERIFY(allFinite(p));
                if (T == 1)
                    for (int c = 0; c < 176; ++c) QCOMPARE(p[176 + c], 0.0);
            }
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ScatteringTransformer({1}).pooled(nullptr, 0, 176));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ScatteringTransformer({-1}));
    }
};

QTEST_APPLESS_MAIN(TestScatteringTransformer)
#include "test_scattering_transformer.moc"
