#pragma once
// Screen calibration aid: a 100 mm ruler drawn with the current dots per millimetre. The user
// holds a real ruler against the screen and drags the ruler's right end (or uses the arrow keys)
// until both agree; the ruler's length in pixels / 100 is then the screen's true dots per mm.
#include <QWidget>

namespace dacl::ui {

class DpiRuler : public QWidget {
    Q_OBJECT
public:
    static constexpr double kLengthMm = 100.0;

    explicit DpiRuler(QWidget* parent = nullptr);

    double dotsPerMm() const { return dotsPerMm_; }
    void setDotsPerMm(double dotsPerMm);  // clamped to AppSettings' range; emits when it changes
    // x (widget pixels) of the ruler's 0 mm and 100 mm marks.
    double startX() const;
    double endX() const { return startX() + kLengthMm * dotsPerMm_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void dotsPerMmChanged(double dotsPerMm);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void dragTo(double x);

    double dotsPerMm_ = 96.0 / 25.4;
    bool dragging_ = false;
};

}  // namespace dacl::ui
