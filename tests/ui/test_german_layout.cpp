// No clipped text in German at 1280×800: the main window with a dataset and a trained run open,
// every tab shown in turn, and every label, button, check box, spin box and combo box that the
// user can see must have the width its text needs (its size hint). German words run 20–40 %
// longer than English ones, so this is where a layout that only fits English shows.
#include "common/tiny_run.h"
#include "ui/main_window.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/language.h"
#include "ui/views/runs_view.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using dacl::ui::MainWindow;

namespace {

QString describe(const QWidget* w, const QString& text) {
    return QStringLiteral("%1 '%2' (%3 px of %4)")
        .arg(QString::fromLatin1(w->metaObject()->className()), text)
        .arg(w->width())
        .arg(w->sizeHint().width());
}

// Widgets on screen whose text does not fit: each named with its class, text and widths.
QStringList clippedWidgets(QWidget* root, const QWidget* skip = nullptr) {
    QStringList out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root) || w->width() <= 0 || (skip && skip->isAncestorOf(w))) continue;
        // Widgets that let their text go (elided on purpose, tooltip holds the rest).
        if (w->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored) continue;
        const int need = w->sizeHint().width();
        if (auto* label = qobject_cast<QLabel*>(w)) {
            if (label->wordWrap() || label->text().isEmpty() || label->pixmap().isNull() == false) continue;
            if (w->width() + 1 < need) out << describe(w, label->text());
        } else if (qobject_cast<QCheckBox*>(w) || qobject_cast<QRadioButton*>(w) || qobject_cast<QPushButton*>(w)) {
            const auto* button = static_cast<QAbstractButton*>(w);
            if (!button->text().isEmpty() && w->width() + 1 < need) out << describe(w, button->text());
        } else if (auto* spin = qobject_cast<QAbstractSpinBox*>(w)) {
            if (w->width() + 1 < need) out << describe(w, spin->text());
        } else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
            // An empty line edit's placeholder says what to type: it must be readable.
            const int text = edit->fontMetrics().horizontalAdvance(edit->placeholderText());
            if (edit->text().isEmpty() && !edit->placeholderText().isEmpty() && edit->width() < text + 12 &&
                !qobject_cast<QAbstractSpinBox*>(edit->parentWidget()) && !qobject_cast<QComboBox*>(edit->parentWidget()))
                out << describe(w, edit->placeholderText());
        } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
            // The shown item must fit (a combo may be narrower than its longest item).
            const int text = combo->fontMetrics().horizontalAdvance(combo->currentText());
            if (!combo->isEditable() && combo->width() < text + 28) out << describe(w, combo->currentText());
        }
    }
    return out;
}

}  // namespace

class TestGermanLayout : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    dacl::testing::TinyRun run_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        run_ = dacl::testing::makeTinyRun(dir_.path(), 12, "af_vs_rest");
    }
    void cleanupTestCase() { dacl::ui::installLanguage(QStringLiteral("en")); }

    void everyTabFitsAt1280x800_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("German") << QStringLiteral("de");
        QTest::newRow("English") << QStringLiteral("en");
    }
    void everyTabFitsAt1280x800() {
        QFETCH(QString, language);
        QVERIFY(dacl::ui::installLanguage(language).appTranslation);
        MainWindow w;
        w.appSettings()->setResultsFile(run_.dbPath);
        w.resize(1280, 800);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(run_.dataDir);
        QVERIFY(loaded.wait(60000));
        w.runsView()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(w.runsView()->visibleRunIds().contains(run_.runId), 30000);
        w.runsView()->selectRuns({run_.runId});

        // The window itself fits a 1280×800 screen: no minimum size pushes it wider or taller.
        QVERIFY2(w.width() <= 1280 && w.height() <= 800,
                 qPrintable(QStringLiteral("%1×%2").arg(w.width()).arg(w.height())));
        QStringList problems;
        QTabWidget* tabs = w.tabs();
        if (tabs->tabBar()->sizeHint().width() > tabs->width()) problems << QStringLiteral("the tab titles do not fit");
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(300);  // layouts settle, lazy views build their widgets
            for (const QString& p : clippedWidgets(tabs->currentWidget()))
                problems << tabs->tabText(i) + QStringLiteral(": ") + p;
            if (w.width() > 1280 || w.height() > 800)
                problems << tabs->tabText(i) + QStringLiteral(": the window grew to %1×%2").arg(w.width()).arg(w.height());
        }
        problems << clippedWidgets(&w, tabs);  // context line, status bar, problems panel

        // The runs table shows each run's AUROC without scrolling sideways.
        tabs->setCurrentWidget(w.runsView());
        QTest::qWait(100);
        QTableView* table = w.runsView()->table();
        const int right = table->columnViewportPosition(dacl::ui::RunsModel::Auroc) + table->columnWidth(dacl::ui::RunsModel::Auroc);
        if (right > table->viewport()->width())
            problems << QStringLiteral("Runs: the AUROC column ends at %1 px of %2").arg(right).arg(table->viewport()->width());
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestGermanLayout)
#include "test_german_layout.moc"
