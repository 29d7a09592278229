// Preferences survive a restart (a real QSettings file in the test-mode config folder), the
// Settings dialog writes what the user chose (including the ruler calibration), the window
// layout comes back as it was left, choosing German turns the main window German, and every
// entry of the shipped translations is translated with the same placeholders as its source.
#include "core/common/settings.h"
#include "ui/jobs/job_queue.h"
#include "ui/main_window.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/dpi_ruler.h"
#include "ui/settings/language.h"
#include "ui/settings/settings_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QThread>
#include <QXmlStreamReader>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using dacl::ui::AppSettings;
using dacl::ui::MainWindow;

namespace {

QString translationsDir() {
    // The test is built from the source tree: tests/ui/settings/ is three folders below the root.
    return QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/../../../translations");
}

QStringList menuTitles(const MainWindow& w) {
    QStringList titles;
    for (const QAction* a : w.menuBar()->actions()) titles << a->text();
    return titles;
}

// %1, %n, ... of a text (sorted, so that translations may reorder them).
QStringList placeholders(const QString& text) {
    QStringList out;
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    for (auto it = re.globalMatch(text); it.hasNext();) out << it.next().captured(0);
    out.sort();
    return out;
}

struct TsEntry {
    QString context, source;
    bool numerus = false;
    QString type;            // the translation's type attribute ("unfinished", ...)
    QStringList translations;  // one, or one per numerus form
};

QList<TsEntry> readTs(const QString& path, QString* error) {
    QList<TsEntry> entries;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": cannot open");
        return entries;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsEntry current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                current = TsEntry{context, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}, {}};
            } else if (name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus) current.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                current.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            entries << current;
        }
    }
    if (xml.hasError()) *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return entries;
}

}  // namespace

class TestSettingsLanguage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(AppSettings().fileName());
        dacl::ui::installLanguage(QStringLiteral("en"));
    }

    void cleanup() {
        dacl::ui::installLanguage(QStringLiteral("en"));
        QFile::remove(AppSettings().fileName());
    }

    void settingsSurviveARestart() {
        QString file;
        {
            AppSettings s;
            file = s.fileName();
            QVERIFY2(file.contains(QStringLiteral("qttest")), qPrintable(file));  // never the user's own file
            QCOMPARE(s.resultsFile(), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                          QStringLiteral("/results.sqlite"));
            QCOMPARE(s.language(), QStringLiteral("system"));
            QCOMPARE(s.device(), QStringLiteral("auto"));
            QVERIFY(!s.dotsPerMmCalibrated());
            QCOMPARE(s.dotsPerMm(), AppSettings::screenDotsPerMm());

            QSignalSpy dots(&s, &AppSettings::dotsPerMmChanged);
            QSignalSpy threads(&s, &AppSettings::threadsChanged);
            s.setDataDirectories({QStringLiteral("/data/physionet"), QStringLiteral("/data/other")});
            for (int i = 0; i < 12; ++i) s.addRecentDataset(QStringLiteral("/data/set%1").arg(i));
            s.addRecentDataset(QStringLiteral("/data/set5"));  // again: moves to the front
            s.setResultsFile(QStringLiteral("/results/runs.sqlite"));
            s.setThreads(3);
            s.setThreads(3);  // unchanged: no second signal
            QVERIFY(s.setDevice(QStringLiteral("cpu")));
            QVERIFY(!s.setDevice(QStringLiteral("tpu")));
            s.setDotsPerMm(4.25);
            QVERIFY(s.setLanguage(QStringLiteral("de")));
            QVERIFY(!s.setLanguage(QStringLiteral("xx")));
            QCOMPARE(threads.size(), 1);
            QCOMPARE(dots.size(), 1);
            QCOMPARE(dots.at(0).at(0).toDouble(), 4.25);
        }
        QVERIFY(QFile::exists(file));
        AppSettings s;  // a new process would read exactly this file
        QCOMPARE(s.dataDirectories(), (QStringList{QStringLiteral("/data/physionet"), QStringLiteral("/data/other")}));
        const QStringList recent = s.recentDatasets();
        QCOMPARE(recent.size(), AppSettings::kMaxRecent);
        QCOMPARE(recent.front(), QStringLiteral("/data/set5"));
        QCOMPARE(recent.at(1), QStringLiteral("/data/set11"));
        QCOMPARE(recent.count(QStringLiteral("/data/set5")), 1);
        QVERIFY(!recent.contains(QStringLiteral("/data/set0")));  // the oldest fell off
        QCOMPARE(s.resultsFile(), QStringLiteral("/results/runs.sqlite"));
        QCOMPARE(s.threads(), 3);
        QCOMPARE(s.device(), QStringLiteral("cpu"));
        QVERIFY(s.dotsPerMmCalibrated());
        QCOMPARE(s.dotsPerMm(), 4.25);
        QCOMPARE(s.language(), QStringLiteral("de"));

        // What jobs get from it; automatic threads leave a core to the window.
        dacl::Settings pipeline;
        s.applyTo(pipeline);
        QCOMPARE(pipeline.getInt("threads"), 3);
        QCOMPARE(pipeline.getString("device"), std::string("cpu"));
        s.setThreads(0);
        s.applyTo(pipeline);
        QCOMPARE(pipeline.getInt("threads"), std::max(1LL, static_cast<long long>(QThread::idealThreadCount()) - 1));

        // Out-of-range calibrations are clamped, and a reset follows the screen again.
        s.setDotsPerMm(1000);
        QCOMPARE(s.dotsPerMm(), AppSettings::kMaxDotsPerMm);
        s.resetDotsPerMm();
        QVERIFY(!s.dotsPerMmCalibrated());
        s.setResultsFile(QString());
        QCOMPARE(s.resultsFile(), AppSettings::defaultResultsFile());
    }

    void settingsDialogWritesTheUsersChoice() {
        AppSettings s;
        s.setDotsPerMm(4.0);
        dacl::ui::SettingsDialog dialog(&s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.dotsPerMm()->value(), 4.0);
        QCOMPARE(dialog.ruler()->dotsPerMm(), 4.0);

        // Drag the ruler's 100 mm end to where a real ruler says 100 mm is: 480 px -> 4.8 px/mm.
        dacl::ui::DpiRuler* ruler = dialog.ruler();
        const int y = 40;
        QTest::mousePress(ruler, Qt::LeftButton, {}, QPoint(qRound(ruler->endX()), y));
        QMouseEvent move(QEvent::MouseMove, QPointF(ruler->startX() + 480, y), ruler->mapToGlobal(QPointF(ruler->startX() + 480, y)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(ruler, &move);
        QTest::mouseRelease(ruler, Qt::LeftButton, {}, QPoint(qRound(ruler->startX() + 480), y));
        QCOMPARE(ruler->dotsPerMm(), 4.8);
        QCOMPARE(dialog.dotsPerMm()->value(), 4.8);  // the number follows the ruler
        QCOMPARE(ruler->endX() - ruler->startX(), 480.0);
        // Arrow keys: one pixel of the 100 mm ruler per press.
        ruler->setFocus();
        QTest::keyClick(ruler, Qt::Key_Right);
        QCOMPARE(ruler->dotsPerMm(), 4.81);

        dialog.threads()->setValue(5);
        dialog.device()->setCurrentIndex(dialog.device()->findData(QStringLiteral("cpu")));
        dialog.language()->setCurrentIndex(dialog.language()->findData(QStringLiteral("de")));
        QCOMPARE(s.threads(), 0);  // nothing is written before Apply/OK
        QSignalSpy dots(&s, &AppSettings::dotsPerMmChanged);
        QSignalSpy language(&s, &AppSettings::languageChanged);
        dialog.apply();
        QCOMPARE(s.threads(), 5);
        QCOMPARE(s.device(), QStringLiteral("cpu"));
        QCOMPARE(s.dotsPerMm(), 4.81);
        QCOMPARE(dots.size(), 1);  // the ECG view hears about it once
        QCOMPARE(language.size(), 1);
        QCOMPARE(language.at(0).at(0).toString(), QStringLiteral("de"));
    }

    void windowLayoutIsRestored() {
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(1400, 900);
            auto* dock = w.findChild<QDockWidget*>(QStringLiteral("problemsDock"));
            QVERIFY(dock);
            w.addDockWidget(Qt::RightDockWidgetArea, dock);  // the user moved the problems to the right
            QTest::qWait(50);
            AppSettings().saveWindow(w);
        }
        MainWindow w;
        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("problemsDock"));
        QCOMPARE(w.dockWidgetArea(dock), Qt::BottomDockWidgetArea);  // the default
        QVERIFY(AppSettings().restoreWindow(w));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1400, 900));
        QCOMPARE(w.dockWidgetArea(dock), Qt::RightDockWidgetArea);
        // A fresh store has no layout to restore.
        QFile::remove(AppSettings().fileName());
        MainWindow fresh;
        QVERIFY(!AppSettings().restoreWindow(fresh));
    }

    void germanMakesTheWindowGerman() {
        QVERIFY(QFile::exists(dacl::ui::translationResource(QStringLiteral("de"))));
        {
            MainWindow w;
            QCOMPARE(menuTitles(w), (QStringList{QStringLiteral("&File"), QStringLiteral("&Help")}));
        }
        const dacl::ui::LanguageStatus status = dacl::ui::installLanguage(QStringLiteral("de"));
        QVERIFY(status.appTranslation);
        QCOMPARE(status.locale, QStringLiteral("de_DE"));
        // Qt's own dialogs and buttons follow where the system has Qt's translations.
        if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm"))) {
            QVERIFY(status.qtTranslation);
            QDialogButtonBox buttons(QDialogButtonBox::Cancel);
            QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text().remove(u'&'), QStringLiteral("Abbrechen"));
        }
        MainWindow w;
        QCOMPARE(menuTitles(w), (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Hilfe")}));
        QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Datensatz"));
        QStringList fileMenu;
        for (const QAction* a : w.menuBar()->actions().front()->menu()->actions())
            if (!a->isSeparator()) fileMenu << a->text();
        QVERIFY2(fileMenu.contains(QStringLiteral("&Einstellungen…")), qPrintable(fileMenu.join(u'|')));
        QCOMPARE(dacl::ui::JobQueue::stateText(dacl::ui::JobQueue::State::Cancelled), QStringLiteral("abgebrochen"));
        // Plural forms: German and English each say "1 record" and "2 records" properly.
        QCOMPARE(QCoreApplication::translate("dacl::ui::MainWindow", "%1: %n record(s)", nullptr, 1),
                 QStringLiteral("%1: 1 Aufnahme"));
        QCOMPARE(QCoreApplication::translate("dacl::ui::MainWindow", "%1: %n record(s)", nullptr, 2),
                 QStringLiteral("%1: 2 Aufnahmen"));
        QVERIFY(dacl::ui::installLanguage(QStringLiteral("en")).appTranslation);
        QCOMPARE(QCoreApplication::translate("dacl::ui::MainWindow", "%1: %n record(s)", nullptr, 1),
                 QStringLiteral("%1: 1 record"));
        MainWindow english;
        QCOMPARE(menuTitles(english), (QStringList{QStringLiteral("&File"), QStringLiteral("&Help")}));
        // A language without a translation falls back to English, plural forms included.
        QVERIFY(dacl::ui::installLanguage(QStringLiteral("fr")).appTranslation);
        QCOMPARE(QCoreApplication::translate("dacl::ui::MainWindow", "%1: %n record(s)", nullptr, 3),
                 QStringLiteral("%1: 3 records"));
    }

    void languageAskedForOnTheCommandLine() {
        using dacl::ui::languageFromArguments;
        QCOMPARE(languageFromArguments({QStringLiteral("dacl-studio"), QStringLiteral("--language"), QStringLiteral("de")}),
                 QStringLiteral("de"));
        QCOMPARE(languageFromArguments({QStringLiteral("dacl-studio"), QStringLiteral("--language=en"), QStringLiteral("x.edf")}),
                 QStringLiteral("en"));
        QCOMPARE(languageFromArguments({QStringLiteral("dacl-studio"), QStringLiteral("--data"), QStringLiteral("de")}), QString());
        // The real program, whatever its Settings say: `--language de --help` prints German.
        const QString exe = QStringLiteral(DACL_BINARY_DIR "/app/gui/dacl-studio");
        if (!QFile::exists(exe)) QSKIP("dacl-studio is not built in this build folder");
        QTemporaryDir home;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(exe, {QStringLiteral("--language"), QStringLiteral("de"), QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("EKG und seine DACL-Repräsentationen erkunden")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("--language")), qPrintable(out));
    }

    void shippedTranslationsAreComplete_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("minimumEntries");
        QTest::newRow("German") << QStringLiteral("dacl_studio_de.ts") << 100;
        QTest::newRow("English plurals") << QStringLiteral("dacl_studio_en.ts") << 3;
    }

    void shippedTranslationsAreComplete() {
        QFETCH(QString, file);
        QFETCH(int, minimumEntries);
        QString error;
        const QList<TsEntry> entries = readTs(translationsDir() + u'/' + file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(entries.size() >= minimumEntries, qPrintable(QString::number(entries.size())));
        QStringList problems;
        for (const TsEntry& e : entries) {
            const QString where = e.context + QStringLiteral(": \"") + e.source + u'"';
            if (!e.type.isEmpty()) problems << where + QStringLiteral(" is ") + e.type;
            if (e.translations.isEmpty()) problems << where + QStringLiteral(" has no translation");
            for (const QString& t : e.translations) {
                if (t.isEmpty()) problems << where + QStringLiteral(" has an empty translation");
                else if (placeholders(t) != placeholders(e.source))
                    problems << where + QStringLiteral(" -> \"") + t + QStringLiteral("\" changes the placeholders");
            }
            if (e.numerus && e.translations.size() < 2) problems << where + QStringLiteral(" lacks plural forms");
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

QTEST_MAIN(TestSettingsLanguage)
#include "test_settings_language.moc"
