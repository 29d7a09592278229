// EcgView: what is drawn over the traces (method windows, annotations, cursors) and the mouse.
// Items come from pools and only what is in view gets one, so a 24-h record with thousands
// of windows and ~100,000 beat labels costs what a 10-s strip does.
#include "ui/plots/palette.h"
#include "ui/views/ecg_overview.h"
#include "ui/views/ecg_view.h"
#include "ui/views/ecg_view_helpers.h"

#include "ui/plots/custom_plot.h"

#include <QLabel>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

using namespace ecgview;

namespace {

constexpr int kMaxWindowsInView = 60;  // more would be a blue haze: the overview shows them then

QColor episodeColour(const std::string& text, int alpha) {
    static const QColor colours[4] = {QColor(0, 158, 115), QColor(213, 94, 0), QColor(204, 121, 167),
                                      QColor(120, 120, 120)};
    QColor c = colours[std::clamp(annotationFamily(text), 0, 3)];
    c.setAlpha(alpha);
    return c;
}

// Grows `pool` to `n` items made by `make`; hides every item (callers show what they use).
template <typename Item, typename Make>
void grow(QList<Item*>& pool, int n, Make make) {
    while (pool.size() < n) pool.push_back(make());
    for (Item* it : pool) it->setVisible(false);
}

}  // namespace

// ---------------------------------------------------------------- method windows

QVector<double> EcgView::windowBoundaryTimes() const {
    QVector<double> t;
    for (double s : strip_.windowStartS) t.push_back(s);
    if (!strip_.windowStartS.empty()) t.push_back(strip_.windowStartS.back() + strip_.windowLengthS);
    return t;
}

void EcgView::placeWindowItems() {
    // Each window: dashed boundaries on the paper and a labelled band along the top edge (the
    // paper itself stays clean). The last window may overlap its predecessor: its band sits in
    // a second row so that the two never hide each other.
    const auto [t0, t1] = visibleTimeRange();
    const int n = windowCount();
    QVector<int> inView;
    for (int w = 0; w < n; ++w)
        if (strip_.windowStartS[w] < t1 && strip_.windowStartS[w] + strip_.windowLengthS > t0) inView.push_back(w);
    if (inView.size() > kMaxWindowsInView) inView.clear();
    const int m = static_cast<int>(inView.size());
    grow(windowLines_, m + 1, [this] {
        auto* line = new QCPItemStraightLine(plot_);
        line->setLayer(QStringLiteral("windows"));
        line->setClipAxisRect(traceRect_);
        line->setPen(QPen(QColor(0, 114, 178, 150), 1.0, Qt::DashLine));
        placeXData(line->point1, traceRect_, 0, 0);
        placeXData(line->point2, traceRect_, 0, 1);
        return line;
    });
    grow(windowBands_, m, [this] {
        auto* band = new QCPItemRect(plot_);
        band->setLayer(QStringLiteral("cursors"));
        band->setClipAxisRect(traceRect_);
        band->setPen(QPen(QColor(0, 114, 178), 1.0));
        placeXData(band->topLeft, traceRect_, 0, 0);
        placeXData(band->bottomRight, traceRect_, 0, 0);
        return band;
    });
    grow(windowLabels_, m, [this] {
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("cursors"));
        label->setClipAxisRect(traceRect_);
        label->setPadding(QMargins(4, 0, 4, 0));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        placeXData(label->position, traceRect_, 0, 0);
        return label;
    });
    // Bands are a fixed number of pixels high: convert to the axis rect's height ratio.
    const double h = std::max(1, traceRect_->height());
    const double bandPx = QFontMetrics(font()).height() + 4;
    auto setX = [](QCPItemPosition* p, double x, double y) { p->setCoords(x, y); };
    for (int i = 0; i < m; ++i) {
        const int w = inView[i];
        const double a = strip_.windowStartS[w];
        const bool overlaps = w > 0 && a < strip_.windowStartS[w - 1] + strip_.windowLengthS - 1e-9;
        const int row = overlaps ? 1 : 0;
        const double top = row * bandPx / h, bottom = (row + 1) * bandPx / h;
        setX(windowLines_[i]->point1, a, 0);
        setX(windowLines_[i]->point2, a, 1);
        windowLines_[i]->setVisible(true);
        const bool current = w == highlight_;
        QCPItemRect* band = windowBands_[i];
        setX(band->topLeft, a, top);
        setX(band->bottomRight, a + strip_.windowLengthS, bottom);
        band->setBrush(current ? QColor(0, 114, 178, 220) : QColor(0, 114, 178, 40));
        band->setVisible(true);
        QCPItemText* label = windowLabels_[i];
        label->setText(overlaps ? tr("Window %1 (overlaps %2)").arg(w + 1).arg(w) : tr("Window %1").arg(w + 1));
        setX(label->position, std::max(a, t0), (top + bottom) / 2);
        label->setColor(current ? Qt::white : QColor(0, 70, 120));
        QFont f = font();
        f.setBold(current);
        label->setFont(f);
        label->setVisible(true);
    }
    if (m > 0) {
        const double end = strip_.windowStartS[inView.back()] + strip_.windowLengthS;
        setX(windowLines_[m]->point1, end, 0);
        setX(windowLines_[m]->point2, end, 1);
        windowLines_[m]->setVisible(true);
    }
}

void EcgView::setWindowHighlight(int windowIndex) {
    highlight_ = windowIndex;
    updateHighlight();
    if (strip_.recordIndex >= 0 && windowIndex >= 0 && windowIndex < windowCount()) {
        // Bring the window into view when none of it is visible.
        const double a = strip_.windowStartS[windowIndex], b = a + strip_.windowLengthS;
        const auto [v0, v1] = visibleTimeRange();
        if (b <= v0 || a >= v1) setVisibleStart(a);
    }
    replot();
}

void EcgView::updateHighlight() {
    // The strip's bands are coloured as they are placed (placeWindowItems); the overview here.
    if (overview_ && strip_.recordIndex >= 0 && highlight_ >= 0 && highlight_ < windowCount())
        overview_->setHighlight(strip_.windowStartS[highlight_], strip_.windowStartS[highlight_] + strip_.windowLengthS);
    else if (overview_)
        overview_->setHighlight(0, 0);
}

int EcgView::windowAt(double seconds) const {
    // The latest window that contains the time: the last, overlapping window owns its tail.
    for (int w = windowCount() - 1; w >= 0; --w)
        if (seconds >= strip_.windowStartS[w] && seconds < strip_.windowStartS[w] + strip_.windowLengthS) return w;
    return -1;
}

// ---------------------------------------------------------------- annotations

void EcgView::placeAnnotationItems() {
    // Episodes: coloured bands along the bottom edge with their text; marks (beat labels,
    // events): their text just above, at their time, while they do not crowd each other.
    const auto [t0, t1] = visibleTimeRange();
    const double h = std::max(1, traceRect_->height());
    const QFontMetrics fm(font());
    const double bandPx = fm.height() + 4;
    QVector<const EcgAnnotation*> episodes;
    for (const auto& e : episodes_)
        if (e.onsetS < t1 && e.onsetS + e.durationS > t0) episodes.push_back(&e);
    const auto first = std::lower_bound(marks_.begin(), marks_.end(), t0,
                                        [](const EcgAnnotation& a, double t) { return a.onsetS < t; });
    QVector<const EcgAnnotation*> marks;
    const int maxMarks = std::max(1, stripWidthPixels() / (fm.horizontalAdvance(QLatin1Char('N')) * 2 + 6));
    for (auto it = first; it != marks_.end() && it->onsetS <= t1; ++it) {
        marks.push_back(&*it);
        if (marks.size() > maxMarks) {
            marks.clear();  // too dense at this zoom: the labels would be one smear
            break;
        }
    }
    grow(episodeBands_, static_cast<int>(episodes.size()), [this] {
        auto* r = new QCPItemRect(plot_);
        r->setLayer(QStringLiteral("windows"));
        r->setClipAxisRect(traceRect_);
        r->setPen(Qt::NoPen);
        placeXData(r->topLeft, traceRect_, 0, 0);
        placeXData(r->bottomRight, traceRect_, 0, 1);
        return r;
    });
    auto makeText = [this] {
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("cursors"));
        label->setClipAxisRect(traceRect_);
        label->setPadding(QMargins(3, 0, 3, 0));
        placeXData(label->position, traceRect_, 0, 1);
        return label;
    };
    grow(episodeLabels_, static_cast<int>(episodes.size()), makeText);
    grow(markLabels_, static_cast<int>(marks.size()), makeText);
    // Above the row of cursor labels at the very bottom.
    const double bandBottom = 1 - bandPx / h, bandTop = bandBottom - bandPx / h;
    for (int i = 0; i < episodes.size(); ++i) {
        const EcgAnnotation& e = *episodes[i];
        episodeBands_[i]->topLeft->setCoords(e.onsetS, bandTop);
        episodeBands_[i]->bottomRight->setCoords(e.onsetS + e.durationS, bandBottom);
        episodeBands_[i]->setBrush(episodeColour(e.text, 150));
        episodeBands_[i]->setVisible(true);
        QCPItemText* label = episodeLabels_[i];
        label->setText(QString::fromStdString(e.text));
        label->setColor(Qt::white);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->position->setCoords(std::max(e.onsetS, t0), (bandTop + bandBottom) / 2);
        label->setVisible(true);
    }
    const double markY = (episodes_.empty() ? bandBottom : bandTop) - bandPx / h / 2;
    for (int i = 0; i < marks.size(); ++i) {
        QCPItemText* label = markLabels_[i];
        label->setText(QString::fromStdString(marks[i]->text));
        label->setColor(QColor(0, 70, 120));
        label->setBrush(QColor(255, 250, 246, 200));
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignVCenter);
        label->position->setCoords(marks[i]->onsetS, markY);
        label->setVisible(true);
    }
}

QStringList EcgView::visibleAnnotationTexts() const {
    QStringList texts;
    for (const auto* l : episodeLabels_)
        if (l->visible()) texts << l->text();
    for (const auto* l : markLabels_)
        if (l->visible()) texts << l->text();
    return texts;
}

// ---------------------------------------------------------------- cursors

double EcgView::valueAt(double seconds) const {
    const auto& x = shownSamples();
    if (x.empty()) return 0;
    const long i = std::clamp(std::lround(seconds * strip_.fs), 0L, static_cast<long>(x.size()) - 1);
    return x[static_cast<std::size_t>(i)];
}

void EcgView::placeDefaultCursors() {
    // The first RR interval wholly in view with a physiological rate (30–250 bpm): a
    // missed or extra beat never yields "607 bpm". Without one: 1 s apart, interval only.
    // A record loaded while the view is hidden (another tab) has no strip width yet: place
    // the cursors once it has one (applyScale), on the beats the user will see.
    cursorsPending_ = stripWidthPixels() < 50;
    const auto [a, b] = visibleTimeRange();
    const double fs = strip_.fs;
    for (std::size_t i = 0; !cursorsPending_ && fs > 0 && i + 1 < strip_.rPeaks.size(); ++i) {
        const double p = strip_.rPeaks[i] / fs, q = strip_.rPeaks[i + 1] / fs;
        if (p < a) continue;
        if (q > b) break;
        if (q - p >= kMinDefaultRr && q - p <= kMaxDefaultRr) {
            cursor_[0] = p;
            cursor_[1] = q;
            rateApplies_ = true;
            updateCursorItems();
            return;
        }
    }
    const double span = b > a ? b - a : 10;
    cursor_[0] = a + std::min(0.5, span / 4);
    cursor_[1] = cursor_[0] + 1;
    rateApplies_ = false;
    updateCursorItems();
}

void EcgView::setCursorTimes(double t1, double t2) {
    cursor_[0] = t1;
    cursor_[1] = t2;
    rateApplies_ = true;
    cursorsPending_ = false;
    updateCursorItems();
    replot();
}

EcgView::CursorReadout EcgView::cursorReadout() const {
    CursorReadout r;
    r.t1 = cursor_[0];
    r.t2 = cursor_[1];
    const double dt = std::abs(r.t2 - r.t1);
    r.dtMs = dt * 1000;
    r.dMv = valueAt(r.t2) - valueAt(r.t1);
    r.bpm = rateApplies_ && dt >= kMinRateInterval && dt <= kMaxRateInterval ? 60 / dt : 0;
    return r;
}

QString EcgView::cursorReadoutText() const {
    const CursorReadout r = cursorReadout();
    const QLocale l;
    const QString dMv = (r.dMv >= 0 ? QStringLiteral("+") : QString()) + l.toString(r.dMv, 'f', 2);
    if (r.bpm <= 0) return tr("Δt %1 ms   ΔmV %2").arg(l.toString(r.dtMs, 'f', 0), dMv);
    return tr("Δt %1 ms   ΔmV %2   %3 bpm").arg(l.toString(r.dtMs, 'f', 0), dMv, l.toString(r.bpm, 'f', 1));
}

void EcgView::updateCursorItems() {
    const bool on = strip_.recordIndex >= 0;
    for (int k = 0; k < 2; ++k) {
        cursorLines_[k]->setVisible(on);
        cursorLabels_[k]->setVisible(on);
        cursorLines_[k]->point1->setCoords(cursor_[k], 0);
        cursorLines_[k]->point2->setCoords(cursor_[k], 1);
        cursorLabels_[k]->position->setCoords(cursor_[k], 1);
    }
    readout_->setText(on ? cursorReadoutText() : QString());
}

// ---------------------------------------------------------------- mouse

void EcgView::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || strip_.recordIndex < 0) return;
    const QPointF p = event->position();
    if (!traceRect_->rect().contains(p.toPoint())) return;
    pressPos_ = p;
    pressT0_ = t0_;
    pressYPan_ = yPan_;
    moved_ = false;
    drag_ = Drag::Pan;
    double best = kCursorGrabPixels + 1;
    for (int k = 0; k < 2; ++k) {
        const double d = std::abs(timeAxis()->coordToPixel(cursor_[k]) - p.x());
        if (d <= kCursorGrabPixels && d < best) {
            best = d;
            drag_ = k == 0 ? Drag::Cursor0 : Drag::Cursor1;
        }
    }
}

void EcgView::onMouseMove(QMouseEvent* event) {
    const QPointF p = event->position();
    if (drag_ == Drag::None) {
        // Hint that cursors can be grabbed.
        bool near = false;
        for (int k = 0; k < 2 && strip_.recordIndex >= 0; ++k)
            near = near || std::abs(timeAxis()->coordToPixel(cursor_[k]) - p.x()) <= kCursorGrabPixels;
        plot_->setCursor(near ? Qt::SizeHorCursor : Qt::ArrowCursor);
        return;
    }
    if ((p - pressPos_).manhattanLength() >= 3) moved_ = true;
    if (!moved_) return;
    if (drag_ == Drag::Pan) {
        const double dpmm = dotsPerMm();
        t0_ = pressT0_ - (p.x() - pressPos_.x()) / dpmm / mmPerSecond_;
        yPan_ = pressYPan_ + (p.y() - pressPos_.y()) / dpmm / mmPerMv_;
    } else {
        const int k = drag_ == Drag::Cursor0 ? 0 : 1;
        cursor_[k] = timeAxis()->pixelToCoord(p.x());
        rateApplies_ = true;
        cursorsPending_ = false;
        updateCursorItems();
    }
    replot(true);
}

void EcgView::onMouseRelease(QMouseEvent* event) {
    if (drag_ == Drag::None) return;
    const bool click = !moved_ && drag_ == Drag::Pan;
    drag_ = Drag::None;
    if (!click) return;
    const int w = windowAt(timeAxis()->pixelToCoord(event->position().x()));
    if (w < 0) return;
    highlight_ = w;
    updateHighlight();
    replot();
    Q_EMIT windowSelected(w);
}

void EcgView::onMouseWheel(QWheelEvent* event) {
    if (strip_.recordIndex < 0) return;
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    zoomTime(std::pow(1.25, steps), timeAxis()->pixelToCoord(event->position().x()));
    event->accept();
}

}  // namespace dacl::ui
