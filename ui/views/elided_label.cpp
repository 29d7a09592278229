#include "ui/views/elided_label.h"

#include <QPainter>
#include <QStyle>

namespace dacl::ui {

ElidedLabel::ElidedLabel(QWidget* parent) : QLabel(parent) {
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

QSize ElidedLabel::minimumSizeHint() const { return {40, QLabel::minimumSizeHint().height()}; }

QString ElidedLabel::shownText() const {
    return fontMetrics().elidedText(text(), Qt::ElideMiddle, contentsRect().width());
}

void ElidedLabel::setToolTipDetail(const QString& detail) {
    detail_ = detail;
    setToolTip(toolTipFor(elided_));
}

QString ElidedLabel::toolTipFor(bool elided) const {
    QStringList lines;
    if (elided) lines << text();
    if (!detail_.isEmpty()) lines << detail_;
    return lines.join(QLatin1Char('\n'));
}

// Elided at paint time, so that every resize (and every new text) is shown at the width it gets.
void ElidedLabel::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QString shown = shownText();
    const bool elided = shown != text();
    if (elided != elided_ || toolTip() != toolTipFor(elided)) {
        elided_ = elided;
        setToolTip(toolTipFor(elided));
    }
    style()->drawItemText(&painter, contentsRect(), static_cast<int>(alignment()), palette(), isEnabled(), shown,
                          foregroundRole());
}

}  // namespace dacl::ui
