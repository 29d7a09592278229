// Plot export writes PNG, SVG and PDF at the requested physical size and resolution (what a
// journal asks for), and fails with the file name and reason when it cannot write.
#include "ui/plots/plot_export.h"

#include "ui/plots/custom_plot.h"

#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace dacl::ui;

class TestPlotExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

    static void fill(QCustomPlot& plot) {
        QVector<double> x, y;
        for (int i = 0; i < 50; ++i) {
            x << i;
            y << std::sin(i / 5.0);
        }
        plot.addGraph()->setData(x, y);
        plot.graph(0)->setPen(QPen(QColor(0, 114, 178), 2));
        plot.xAxis->setLabel(QStringLiteral("Time (s)"));
        plot.yAxis->setLabel(QStringLiteral("Amplitude (mV)"));
        plot.rescaleAxes();
        plot.resize(600, 400);
    }

private Q_SLOTS:
    void pngHasTheRequestedPixelsAndDpi() {
        QCustomPlot plot;
        fill(plot);
        PlotExportOptions o;
        o.format = PlotFormat::Png;
        o.width = 160;
        o.height = 100;
        o.unit = SizeUnit::Millimetres;
        o.dpi = 300;
        const QString path = dir_.filePath(QStringLiteral("a.png"));
        exportPlot(plot, path, o);
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), static_cast<int>(std::round(160 / 25.4 * 300)));
        QCOMPARE(image.height(), static_cast<int>(std::round(100 / 25.4 * 300)));
        QVERIFY(std::abs(image.dotsPerMeterX() * 0.0254 - 300) < 1);
        // The curve is drawn: many blue pixels.
        int blue = 0;
        for (int yy = 0; yy < image.height(); yy += 2)
            for (int xx = 0; xx < image.width(); xx += 2) {
                const QColor c = image.pixelColor(xx, yy);
                blue += c.blue() > 140 && c.red() < 60;
            }
        QVERIFY2(blue > 500, qPrintable(QString::number(blue)));

        o.unit = SizeUnit::Pixels;
        o.width = 800;
        o.height = 500;
        o.dpi = 100;
        exportPlot(plot, path, o);
        QCOMPARE(QImage(path).size(), QSize(800, 500));
    }

    void svgHasThePhysicalSize() {
        QCustomPlot plot;
        fill(plot);
        PlotExportOptions o;
        o.format = PlotFormat::Svg;
        o.width = 120;
        o.height = 80;
        const QString path = dir_.filePath(QStringLiteral("a.svg"));
        exportPlot(plot, path, o);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        const auto w = QRegularExpression(QStringLiteral("width=\"([0-9.]+)mm\"")).match(svg);
        QVERIFY2(w.hasMatch(), qPrintable(svg.left(400)));
        QVERIFY2(std::abs(w.captured(1).toDouble() - 120) < 1.0, qPrintable(w.captured(1)));
        QVERIFY(svg.contains(QStringLiteral("Amplitude (mV)")));  // text stays text
    }

    void pdfPageHasThePhysicalSize() {
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfinfo.isEmpty()) QSKIP("pdfinfo (poppler-utils) not installed");
        QCustomPlot plot;
        fill(plot);
        PlotExportOptions o;
        o.format = PlotFormat::Pdf;
        o.width = 90;
        o.height = 60;
        const QString path = dir_.filePath(QStringLiteral("a.pdf"));
        exportPlot(plot, path, o);
        QProcess p;
        p.start(pdfinfo, {path});
        QVERIFY(p.waitForFinished(30000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const auto m = QRegularExpression(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")).match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        QVERIFY(std::abs(m.captured(1).toDouble() - 90 / 25.4 * 72) < 1.5);
        QVERIFY(std::abs(m.captured(2).toDouble() - 60 / 25.4 * 72) < 1.5);
    }

    void formatsFollowTheSuffix() {
        PlotFormat f;
        QVERIFY(formatFromSuffix(QStringLiteral("x/fig.SVG"), &f) && f == PlotFormat::Svg);
        QVERIFY(formatFromSuffix(QStringLiteral("fig.pdf"), &f) && f == PlotFormat::Pdf);
        QVERIFY(!formatFromSuffix(QStringLiteral("fig.jpg"), &f));
    }

    void unwritablePathNamesTheFile() {
        QCustomPlot plot;
        fill(plot);
        for (PlotFormat format : {PlotFormat::Png, PlotFormat::Svg, PlotFormat::Pdf}) {
            PlotExportOptions o;
            o.format = format;
            const QString path = QStringLiteral("/nonexistent-dir/fig.") + suffixOf(format);
            try {
                exportPlot(plot, path, o);
                QFAIL("no error for an unwritable path");
            } catch (const std::runtime_error& e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(path), e.what());
            }
        }
        PlotExportOptions huge;
        huge.width = 5000;
        huge.height = 5000;
        huge.dpi = 1200;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportPlot(plot, dir_.filePath(QStringLiteral("huge.png")), huge));
    }
};

QTEST_MAIN(TestPlotExport)
#include "test_plot_export.moc"
