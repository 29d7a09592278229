// The application icon as the user meets it: rendered at every size the desktop asks for, set as
// the window icon, and shown in Help -> About DACL Studio. With DACL_ABOUT_SCREENSHOT=file.png the
// About dialog is also saved (QWidget::grab; offscreen, so without the title bar).
#include "resources/app_icon.h"
#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

using dacl::ui::MainWindow;

class TestAboutIcon : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void iconHasEveryDesktopSize() {
        const QIcon icon = dacl::resources::appIcon();
        QVERIFY(!icon.isNull());
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
            QVERIFY2(icon.availableSizes().contains(QSize(size, size)), qPrintable(QString::number(size)));
            const QImage image = icon.pixmap(QSize(size, size)).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            // Drawn: the middle is the opaque dark paper; the rounded corner is transparent.
            QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
            QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        }
        // The embedding's orange (AF) dots survive at 48 px: some pixel is clearly orange.
        const QImage i48 = icon.pixmap(QSize(48, 48)).toImage().convertToFormat(QImage::Format_ARGB32);
        bool orange = false;
        for (int y = 0; y < 48 && !orange; ++y)
            for (int x = 0; x < 48 && !orange; ++x) {
                const QColor c = i48.pixelColor(x, y);
                orange = c.red() > 200 && c.green() > 110 && c.green() < 190 && c.blue() < 110;
            }
        QVERIFY(orange);
    }

    void aboutDialogShowsTheIcon() {
        QApplication::setWindowIcon(dacl::resources::appIcon());  // as dacl-studio's main() does
        MainWindow w;
        w.show();
        QCOMPARE(w.windowIcon().cacheKey(), QApplication::windowIcon().cacheKey());
        QAction* about = nullptr;
        for (QAction* a : w.menuBar()->findChildren<QAction*>())
            if (a->text() == MainWindow::tr("&About DACL Studio")) about = a;
        QVERIFY(about);

        QImage shown, dialog;
        QTimer::singleShot(0, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            shown = box->iconPixmap().toImage();
            dialog = box->grab().toImage();
            box->accept();
        });
        about->trigger();
        QVERIFY2(!shown.isNull(), "the About dialog has no icon");
        const QImage expected = dacl::resources::appIcon().pixmap(shown.size()).toImage();
        QCOMPARE(shown.convertToFormat(QImage::Format_ARGB32), expected.convertToFormat(QImage::Format_ARGB32));
        QVERIFY(shown.width() >= 48);
        const QString file = qEnvironmentVariable("DACL_ABOUT_SCREENSHOT");
        if (!file.isEmpty()) QVERIFY(dialog.save(file));
    }
};

QTEST_MAIN(TestAboutIcon)
#include "test_about_icon.moc"
