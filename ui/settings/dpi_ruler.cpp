#include "ui/settings/dpi_ruler.h"

#include "ui/settings/app_settings.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace dacl::ui {

namespace {
constexpr double kMargin = 12;     // px left of 0 mm
constexpr double kHandleGrab = 12;  // px around the end mark that start a drag
}  // namespace

DpiRuler::DpiRuler(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::SizeHorCursor);
    setToolTip(tr("Drag the right end until the ruler measures 100 mm on a real ruler (arrow keys: fine steps)"));
}

void DpiRuler::setDotsPerMm(double dotsPerMm) {
    if (!std::isfinite(dotsPerMm)) return;
    dotsPerMm = std::clamp(dotsPerMm, AppSettings::kMinDotsPerMm, AppSettings::kMaxDotsPerMm);
    if (std::abs(dotsPerMm - dotsPerMm_) < 1e-9) return;
    dotsPerMm_ = dotsPerMm;
    updateGeometry();
    update();
    Q_EMIT dotsPerMmChanged(dotsPerMm_);
}

double DpiRuler::startX() const { return kMargin; }

QSize DpiRuler::sizeHint() const {
    return {static_cast<int>(std::ceil(endX() + 4 * kMargin)), 90};
}

QSize DpiRuler::minimumSizeHint() const { return {200, 70}; }

void DpiRuler::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(rect(), palette().base());
    const double top = 10, x0 = startX();
    p.fillRect(QRectF(x0, top, kLengthMm * dotsPerMm_, 50), QColor(255, 248, 220));
    p.setPen(palette().text().color());
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    for (int mm = 0; mm <= static_cast<int>(kLengthMm); ++mm) {
        const double x = x0 + mm * dotsPerMm_;
        const double len = mm % 10 == 0 ? 24 : mm % 5 == 0 ? 16 : 9;
        p.drawLine(QPointF(x, top), QPointF(x, top + len));
        if (mm % 10 == 0)
            p.drawText(QRectF(x - 20, top + 26, 40, 16), Qt::AlignCenter, QString::number(mm / 10));
    }
    p.drawText(QRectF(x0, top + 40, 200, 16), Qt::AlignLeft, tr("cm"));
    // The handle the user drags: the 100 mm end.
    const double xe = endX();
    p.setBrush(hasFocus() ? palette().highlight() : palette().mid());
    p.setPen(Qt::NoPen);
    p.drawPolygon(QPolygonF({QPointF(xe, top + 52), QPointF(xe - 7, top + 66), QPointF(xe + 7, top + 66)}));
}

void DpiRuler::dragTo(double x) {
    setDotsPerMm((x - startX()) / kLengthMm);
}

void DpiRuler::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const double x = event->position().x();
    // Grabbing the end (or anywhere to the right of 0 mm) moves the end there.
    dragging_ = x > startX() + kHandleGrab || std::abs(x - endX()) < kHandleGrab;
    if (dragging_) dragTo(x);
}

void DpiRuler::mouseMoveEvent(QMouseEvent* event) {
    if (dragging_) dragTo(event->position().x());
}

void DpiRuler::mouseReleaseEvent(QMouseEvent*) { dragging_ = false; }

void DpiRuler::keyPressEvent(QKeyEvent* event) {
    // One pixel of the 100 mm ruler per press, ten with Shift.
    const double step = (event->modifiers() & Qt::ShiftModifier ? 10.0 : 1.0) / kLengthMm;
    if (event->key() == Qt::Key_Right) setDotsPerMm(dotsPerMm_ + step);
    else if (event->key() == Qt::Key_Left) setDotsPerMm(dotsPerMm_ - step);
    else QWidget::keyPressEvent(event);
}

}  // namespace dacl::ui
