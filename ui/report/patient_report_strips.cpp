#include "ui/report/patient_report_strips.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

namespace dacl::ui::report {

QFont mmFont(double points, int dpi, bool bold, bool italic) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    // The painter already scales millimetres to device pixels: undo the device's own point scaling.
    f.setPointSizeF(points * 25.4 / dpi);
    f.setBold(bold);
    f.setItalic(italic);
    return f;
}

QColor probabilityColour(double p) {
    if (!std::isfinite(p)) return QColor(200, 200, 200);
    p = std::clamp(p, 0.0, 1.0);
    return QColor::fromHsvF(static_cast<float>((1.0 - p) * 0.33), 0.85f, 0.92f);
}

QString clockText(double s) {
    const long t = std::lround(s);
    if (t < 60) return QStringLiteral("%1 s").arg(t);
    if (t < 3600) return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3").arg(t / 3600).arg(t / 60 % 60, 2, 10, QLatin1Char('0')).arg(t % 60, 2, 10, QLatin1Char('0'));
}

void drawEcgStrip(QPainter& p, const QRectF& rect, const std::vector<double>& mv, double fs) {
    p.save();
    p.setClipRect(rect);
    p.fillRect(rect, QColor(255, 250, 250));
    // The grid: 1-mm lines faint, every fifth line stronger, as on ECG paper.
    const QPen minor(QColor(250, 200, 200), 0.05), major(QColor(235, 140, 140), 0.15);
    for (int i = 0; rect.left() + i <= rect.right() + 1e-6; ++i) {
        p.setPen(i % 5 == 0 ? major : minor);
        p.drawLine(QPointF(rect.left() + i, rect.top()), QPointF(rect.left() + i, rect.bottom()));
    }
    for (int i = 0; rect.top() + i <= rect.bottom() + 1e-6; ++i) {
        p.setPen(i % 5 == 0 ? major : minor);
        p.drawLine(QPointF(rect.left(), rect.top() + i), QPointF(rect.right(), rect.top() + i));
    }
    // Isoelectric line on a 5-mm line near the middle, so that the pulse sits on the grid.
    const double y0 = rect.top() + 5.0 * std::round(rect.height() / 10.0 + 0.2);
    QPen trace(Qt::black, 0.25);
    trace.setJoinStyle(Qt::RoundJoin);
    p.setPen(trace);
    // 1 mV for 200 ms: 10 mm high, 5 mm wide.
    const double x0 = rect.left() + 1.0;
    const QPolygonF pulse({QPointF(x0, y0), QPointF(x0 + 1, y0), QPointF(x0 + 1, y0 - kMmPerMv),
                           QPointF(x0 + 1 + 0.2 * kMmPerSecond, y0 - kMmPerMv), QPointF(x0 + 1 + 0.2 * kMmPerSecond, y0),
                           QPointF(x0 + kCalibrationMm - 0.5, y0)});
    p.drawPolyline(pulse);
    if (!mv.empty() && fs > 0) {
        std::vector<double> finite;
        for (double v : mv)
            if (std::isfinite(v)) finite.push_back(v);
        double baseline = 0;
        if (!finite.empty()) {
            std::nth_element(finite.begin(), finite.begin() + static_cast<long>(finite.size() / 2), finite.end());
            baseline = finite[finite.size() / 2];
        }
        QPolygonF line;
        line.reserve(static_cast<int>(mv.size()));
        const double left = rect.left() + kCalibrationMm;
        for (std::size_t i = 0; i < mv.size(); ++i) {
            const double v = std::isfinite(mv[i]) ? mv[i] - baseline : 0.0;
            line << QPointF(left + static_cast<double>(i) / fs * kMmPerSecond, y0 - v * kMmPerMv);
        }
        p.drawPolyline(line);
    }
    p.restore();
    p.save();
    p.setPen(QPen(QColor(200, 120, 120), 0.2));
    p.drawRect(rect);
    p.restore();
}

void drawProbabilityBand(QPainter& p, const QRectF& rect, const std::vector<assess::SpanProbability>& spans,
                         double durationS, const std::vector<std::pair<double, double>>& strips, int dpi) {
    p.save();
    p.fillRect(rect, QColor(200, 200, 200));
    const double duration = std::max(durationS, 1e-9);
    const auto cellsMax = static_cast<std::size_t>(std::max(1.0, rect.width() * 4));  // 0.25-mm cells
    if (spans.size() <= cellsMax) {
        // Each span over its own time (overlapping spans: the later one shows).
        for (const auto& s : spans) {
            const double a = rect.left() + s.startS / duration * rect.width();
            const double b = rect.left() + std::min(s.endS, duration) / duration * rect.width();
            p.fillRect(QRectF(a, rect.top(), std::max(b - a, 0.25), rect.height()), probabilityColour(s.p));
        }
    } else {
        // A day has ~17,000 spans, more than the paper can show: a cell shows the mean p of the
        // spans centred in it.
        const int cells = static_cast<int>(cellsMax);
        std::vector<double> sum(cellsMax, 0.0);
        std::vector<int> count(cellsMax, 0);
        for (const auto& s : spans) {
            if (!std::isfinite(s.p)) continue;
            const double centre = 0.5 * (s.startS + std::min(s.endS, duration));
            const auto c = static_cast<std::size_t>(std::clamp(static_cast<int>(centre / duration * cells), 0, cells - 1));
            sum[c] += s.p;
            ++count[c];
        }
        const double cellW = rect.width() / cells;
        for (std::size_t c = 0; c < cellsMax; ++c)
            if (count[c] > 0)
                p.fillRect(QRectF(rect.left() + static_cast<double>(c) * cellW, rect.top(), cellW + 0.02, rect.height()),
                           probabilityColour(sum[c] / count[c]));
    }
    p.setPen(QPen(Qt::black, 0.15));
    p.drawRect(rect);
    // Where the two strips come from.
    p.setFont(mmFont(6.5, dpi, true));
    for (std::size_t k = 0; k < strips.size(); ++k) {
        const double a = rect.left() + strips[k].first / duration * rect.width();
        const double b = rect.left() + std::min(strips[k].second, duration) / duration * rect.width();
        p.setPen(QPen(Qt::black, 0.35));
        p.drawRect(QRectF(a, rect.top() - 0.6, std::max(b - a, 0.4), rect.height() + 1.2));
        p.drawText(QRectF(a - 5, rect.top() - 4.2, std::max(b - a, 0.4) + 10, 3.4), Qt::AlignHCenter | Qt::AlignBottom,
                   QString::number(k + 1));
    }
    // Time axis: about eight ticks at a round step.
    static const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600};
    double step = steps[sizeof steps / sizeof steps[0] - 1];
    for (double s : steps)
        if (duration / s <= 8) {
            step = s;
            break;
        }
    p.setFont(mmFont(6, dpi));
    p.setPen(QPen(Qt::black, 0.15));
    for (double t = 0; t <= duration + 1e-9; t += step) {
        const double x = rect.left() + t / duration * rect.width();
        p.drawLine(QPointF(x, rect.bottom()), QPointF(x, rect.bottom() + 1));
        p.drawText(QRectF(x - 10, rect.bottom() + 1, 20, 3), Qt::AlignHCenter | Qt::AlignTop, clockText(t));
    }
    p.restore();
}

}  // namespace dacl::ui::report
