// Scattering1D against the kymatio golden files: geometry, path table, filters (all levels) and
// outputs in double and float, for every case in shared/reference/scattering1d.
#include "core/dsp/scattering.h"
#include "test_scattering_golden.h"

#include <QtTest>

#include <cmath>
#include <memory>

using dacl::dsp::Scattering1D;
using dacl::dsp::ScatteringConfig;

namespace {

ScatteringConfig configOf(const nlohmann::json& m) {
    ScatteringConfig c;
    c.N = m.at("N");
    c.J = m.at("J");
    c.Q1 = m.at("Q").at(0);
    c.Q2 = m.at("Q").at(1);
    c.maxOrder = m.at("max_order");
    return c;
}

// One transform object per case, shared by the test functions (building costs FFT planning).
Scattering1D& transformFor(const std::string& name) {
    static std::map<std::string, std::unique_ptr<Scattering1D>> cache;
    auto& p = cache[name];
    if (!p) p = std::make_unique<Scattering1D>(configOf(golden::meta(name)));
    return *p;
}

bool sameRel(double a, double b, double tol) { return std::abs(a - b) <= tol * std::abs(b); }

}  // namespace

class TestScattering : public QObject {
    Q_OBJECT
private:
    static void addCases() {
        QTest::addColumn<QString>("name");
        for (const auto& c : golden::cases()) QTest::newRow(c.c_str()) << QString::fromStdString(c);
    }

private Q_SLOTS:
    void geometry_data() { addCases(); }
    void geometry() {
        QFETCH(QString, name);
        const auto m = golden::meta(name.toStdString());
        const Scattering1D& s = transformFor(name.toStdString());
        QCOMPARE(s.paddedLength(), m["padding"]["N_padded"].get<int>());
        QCOMPARE(s.padLeft(), m["padding"]["pad_left"].get<int>());
        QCOMPARE(s.padRight(), m["padding"]["pad_right"].get<int>());
        QCOMPARE(s.frameStartIndex(), m["frames"]["unpad_start_index_at_stride"].get<int>());
        QCOMPARE(s.nFrames(), m["frames"]["n_frames"].get<int>());
        QCOMPARE(s.framePosition(0), m["frames"]["first_frame_position"].get<int>());
        QCOMPARE(s.framePosition(s.nFrames() - 1), m["frames"]["last_frame_position"].get<int>());
        QCOMPARE(s.nPaths(), m["n_paths"].get<int>());
        QCOMPARE(static_cast<int>(s.psi1Params().size()), m["n_psi1"].get<int>());
        if (s.config().maxOrder == 2) QCOMPARE(static_cast<int>(s.psi2Params().size()), m["n_psi2"].get<int>());
        // Filter table: xi, sigma, j of phi and of every wavelet.
        for (const auto& f : m["filters"]) {
            const std::string fname = f["name"];
            dacl::dsp::WaveletParams p;
            if (fname == "phi") p = s.phiParams();
            else if (fname.rfind("psi1_", 0) == 0) p = s.psi1Params().at(std::stoi(fname.substr(5)));
            else p = s.psi2Params().at(std::stoi(fname.substr(5)));
            QVERIFY2(sameRel(p.xi, f["xi"], 1e-15), fname.c_str());
            QVERIFY2(sameRel(p.sigma, f["sigma"], 1e-15), fname.c_str());
            QCOMPARE(p.j, f["j"].get<int>());
        }
    }

    void pathTable_data() { addCases(); }
    void pathTable() {
        QFETCH(QString, name);
        const Scattering1D& s = transformFor(name.toStdString());
        const auto rows = golden::lines(golden::dir() + name.toStdString() + ".paths.csv");
        QCOMPARE(rows.at(0), std::string("index,order,j1,j2,xi1,sigma1,xi2,sigma2,n1,n2"));
        QCOMPARE(static_cast<int>(rows.size()) - 1, s.nPaths());
        for (int r = 0; r < s.nPaths(); ++r) {
            const auto f = golden::splitComma(rows[r + 1]);
            QCOMPARE(static_cast<int>(f.size()), 10);
            const auto& p = s.paths()[r];
            QCOMPARE(std::stoi(f[0]), r);
            QCOMPARE(p.order, std::stoi(f[1]));
            QCOMPARE(p.j1, std::stoi(f[2]));
            QCOMPARE(p.j2, std::stoi(f[3]));
            QCOMPARE(p.n1, std::stoi(f[8]));
            QCOMPARE(p.n2, std::stoi(f[9]));
            const double vals[4] = {p.xi1, p.sigma1, p.xi2, p.sigma2};
            for (int k = 0; k < 4; ++k) {
                if (f[4 + k].empty()) QVERIFY(std::isnan(vals[k]));
                else QVERIFY(sameRel(vals[k], golden::num(f[4 + k]), 1e-15));
            }
        }
    }

    void filters_data() { addCases(); }
    void filters() {
        QFETCH(QString, name);
        const Scattering1D& s = transformFor(name.toStdString());
        const auto ref = golden::filters(name.toStdString(), false);
        int checked = 0;
        double worst = 0;
        for (const auto& [fname, v] : ref) {
            const std::vector<double>* mine = nullptr;
            if (fname == "phi") mine = &s.phi();
            else if (fname.rfind("psi1_", 0) == 0) mine = &s.psi1(std::stoi(fname.substr(5)));
            else mine = &s.psi2(std::stoi(fname.substr(5)));
            QCOMPARE(mine->size(), v.size());
            for (std::size_t k = 0; k < v.size(); ++k) worst = std::max(worst, std::abs((*mine)[k] - v[k]));
            ++checked;
        }
        QCOMPARE(checked, 1 + static_cast<int>(s.psi1Params().size() + s.psi2Params().size()));
        qInfo("%s: worst filter difference %.3g", qPrintable(name), worst);
        QVERIFY(worst <= 1e-12);
    }

    void filterLevels_data() { addCases(); }
    void filterLevels() {
        QFETCH(QString, name);
        const Scattering1D& s = transformFor(name.toStdString());
        const auto ref = golden::filters(name.toStdString(), true);
        QVERIFY(!ref.empty());
        double worst = 0;
        for (const auto& [key, v] : ref) {
            const std::string fname = key.substr(0, key.find('@'));
            const int level = std::stoi(key.substr(key.find('@') + 1));
            const std::vector<double> mine =
                fname == "phi" ? s.phiLevel(level) : s.psi2Level(std::stoi(fname.substr(5)), level);
            QCOMPARE(mine.size(), v.size());
            for (std::size_t k = 0; k < v.size(); ++k) worst = std::max(worst, std::abs(mine[k] - v[k]));
        }
        qInfo("%s: %zu level rows, worst difference %.3g", qPrintable(name), ref.size(), worst);
        QVERIFY(worst <= 1e-12);
    }

    void outputDouble_data() { addCases(); }
    void outputDouble() {
        QFETCH(QString, name);
        const Scattering1D& s = transformFor(name.toStdString());
        const auto x = golden::input(name.toStdString());
        QCOMPARE(static_cast<int>(x.size()), s.config().N);
        const auto ref = golden::matrix(golden::dir() + name.toStdString() + ".output.csv");
        QCOMPARE(static_cast<int>(ref.size()), s.nPaths());
        QCOMPARE(static_cast<int>(ref[0].size()), s.nFrames());
        std::vector<double> out(s.outputSize());
        s.transform(x.data(), out.data());
        const double err = golden::worstRowRelative(out, ref, s.nFrames());
        qInfo("%s: worst row-relative error (double) %.3g", qPrintable(name), err);
        QVERIFY(err <= 1e-10);
    }

    void outputFloat_data() { addCases(); }
    void outputFloat() {
        QFETCH(QString, name);
        const Scattering1D& s = transformFor(name.toStdString());
        const auto xd = golden::input(name.toStdString());
        const std::vector<float> x(xd.begin(), xd.end());
        const auto ref = golden::matrix(golden::dir() + name.toStdString() + ".output.csv");
        std::vector<float> out(s.outputSize());
        s.transform(x.data(), out.data());
        const double err = golden::worstRowRelative(out, ref, s.nFrames());
        qInfo("%s: worst row-relative error (float32) %.3g", qPrintable(name), err);
        QVERIFY(err <= 1e-4);
    }
};

QTEST_APPLESS_MAIN(TestScattering)
#include "test_scattering.moc"
