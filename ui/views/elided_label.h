#pragma once
// A one-line label that never widens its window: a text longer than the room it gets is shown
// with "…" in the middle (paths keep their start and their file name), and the whole text is its
// tooltip. For status lines and context lines whose text (a folder path, a run's name) the user
// chooses. Plain text only.
#include <QLabel>

namespace dacl::ui {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);
    QSize minimumSizeHint() const override;
    // True when the last paint had to shorten the text.
    bool isElided() const { return elided_; }
    // The text as it fits the label's present width ("…" in the middle when it does not fit).
    QString shownText() const;
    // More for the tooltip (a folder path): shown always, under the whole text when that is elided.
    void setToolTipDetail(const QString& detail);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString toolTipFor(bool elided) const;

    bool elided_ = false;
    QString detail_;
};

}  // namespace dacl::ui
