#pragma once
// The desktop app's preferences, typed, over QSettings: data folders and recent datasets, the
// results file, compute threads and device, the screen's dots per millimetre (so that the ECG
// view draws true 25 mm/s paper), the language, and the main window's layout.
//
// Setters emit a change signal only when the value really changes; every AppSettings object of
// the process reads and writes the same store, so views listen to the one the main window owns.
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QMainWindow;
class QSettings;

namespace dacl {
class Settings;
}

namespace dacl::ui {

class AppSettings : public QObject {
    Q_OBJECT
public:
    // The application's store (organisation/application name; a test-mode folder under
    // QStandardPaths::setTestModeEnabled).
    explicit AppSettings(QObject* parent = nullptr);
    // An INI file of one's own (portable installs, tests).
    explicit AppSettings(const QString& iniFile, QObject* parent = nullptr);
    ~AppSettings() override;

    QString fileName() const;
    void sync();  // writes pending changes to disk now (also done on destruction)

    QStringList dataDirectories() const;
    void setDataDirectories(const QStringList& directories);
    // Most recent first, without duplicates, at most kMaxRecent.
    static constexpr int kMaxRecent = 10;
    QStringList recentDatasets() const;
    void addRecentDataset(const QString& directory);
    void clearRecentDatasets();

    // What was open when the app last ran, restored at the next start: the dataset folder (""
    // before any was opened: a first start), its selected record's name, the current run of
    // the results file (-1: none) and the current tab's object name.
    QString sessionDataset() const;
    void setSessionDataset(const QString& directory);  // also forgets the record
    QString sessionRecord() const;
    void setSessionRecord(const QString& record);
    qint64 sessionRun() const;
    void setSessionRun(qint64 runId);
    QString sessionTab() const;
    void setSessionTab(const QString& tab);

    static QString defaultResultsFile();  // <AppDataLocation>/results.sqlite
    QString resultsFile() const;
    void setResultsFile(const QString& path);  // "" = the default

    int threads() const;  // 0 = automatic
    void setThreads(int threads);
    // Threads a job gets: the setting, or when automatic all cores but one, which keeps the
    // window responsive (LibTorch's OpenMP threads spin while they wait for each other).
    int jobThreads() const;
    static QStringList devices();  // "auto", "cpu", "cuda"
    QString device() const;
    bool setDevice(const QString& device);  // false (and nothing changes) for an unknown device

    // Logical (device-independent) pixels per millimetre of the screen: what the ECG view needs
    // to draw 1 mm as 1 mm. Until calibrated, what the screen reports.
    static double screenDotsPerMm();
    static constexpr double kMinDotsPerMm = 1.0, kMaxDotsPerMm = 40.0;
    double dotsPerMm() const;
    bool dotsPerMmCalibrated() const;
    void setDotsPerMm(double dotsPerMm);  // clamped to [kMinDotsPerMm, kMaxDotsPerMm]
    void resetDotsPerMm();                // back to the screen's value

    static QStringList languages();  // "system", "en", "de"
    QString language() const;
    bool setLanguage(const QString& language);  // false for an unknown code

    // Geometry, toolbars and docks (docks need an objectName).
    void saveWindow(const QMainWindow& window);
    bool restoreWindow(QMainWindow& window) const;  // false when nothing was saved

    // Job threads and device into the pipeline's settings.
    void applyTo(Settings& settings) const;

Q_SIGNALS:
    void dataDirectoriesChanged(const QStringList& directories);
    void recentDatasetsChanged(const QStringList& recent);
    void resultsFileChanged(const QString& path);
    void threadsChanged(int threads);
    void deviceChanged(const QString& device);
    void dotsPerMmChanged(double dotsPerMm);
    void languageChanged(const QString& language);

private:
    std::unique_ptr<QSettings> s_;
};

}  // namespace dacl::ui
