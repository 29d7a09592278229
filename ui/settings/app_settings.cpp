#include "ui/settings/app_settings.h"

#include "core/common/settings.h"

#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <thread>

namespace dacl::ui {

namespace {
const QString kDataDirs = QStringLiteral("data/directories");
const QString kRecent = QStringLiteral("data/recent");
const QString kResults = QStringLiteral("results/file");
const QString kSessionDataset = QStringLiteral("session/dataset");
const QString kSessionRecord = QStringLiteral("session/record");
const QString kSessionRun = QStringLiteral("session/run");
const QString kSessionTab = QStringLiteral("session/tab");
const QString kThreads = QStringLiteral("compute/threads");
const QString kDevice = QStringLiteral("compute/device");
const QString kDotsPerMm = QStringLiteral("display/dotsPerMm");
const QString kLanguage = QStringLiteral("ui/language");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");

// Window state version: bump when docks change so that an old layout is not applied.
constexpr int kStateVersion = 1;
}  // namespace

AppSettings::AppSettings(QObject* parent) : QObject(parent), s_(std::make_unique<QSettings>()) {}

AppSettings::AppSettings(const QString& iniFile, QObject* parent)
    : QObject(parent), s_(std::make_unique<QSettings>(iniFile, QSettings::IniFormat)) {}

AppSettings::~AppSettings() { s_->sync(); }

QString AppSettings::fileName() const { return s_->fileName(); }
void AppSettings::sync() { s_->sync(); }

QStringList AppSettings::dataDirectories() const { return s_->value(kDataDirs).toStringList(); }

void AppSettings::setDataDirectories(const QStringList& directories) {
    if (directories == dataDirectories()) return;
    s_->setValue(kDataDirs, directories);
    Q_EMIT dataDirectoriesChanged(directories);
}

QStringList AppSettings::recentDatasets() const { return s_->value(kRecent).toStringList(); }

void AppSettings::addRecentDataset(const QString& directory) {
    if (directory.isEmpty()) return;
    QStringList recent = recentDatasets();
    recent.removeAll(directory);
    recent.prepend(directory);
    while (recent.size() > kMaxRecent) recent.removeLast();
    if (recent == recentDatasets()) return;
    s_->setValue(kRecent, recent);
    Q_EMIT recentDatasetsChanged(recent);
}

void AppSettings::clearRecentDatasets() {
    if (recentDatasets().isEmpty()) return;
    s_->remove(kRecent);
    Q_EMIT recentDatasetsChanged({});
}

QString AppSettings::sessionDataset() const { return s_->value(kSessionDataset).toString(); }

void AppSettings::setSessionDataset(const QString& directory) {
    if (directory == sessionDataset()) return;
    s_->setValue(kSessionDataset, directory);
    s_->remove(kSessionRecord);  // a record name of another dataset means nothing here
}

QString AppSettings::sessionRecord() const { return s_->value(kSessionRecord).toString(); }
void AppSettings::setSessionRecord(const QString& record) { s_->setValue(kSessionRecord, record); }

qint64 AppSettings::sessionRun() const {
    bool ok = false;
    const qint64 run = s_->value(kSessionRun).toLongLong(&ok);
    return ok && run > 0 ? run : -1;
}

void AppSettings::setSessionRun(qint64 runId) { s_->setValue(kSessionRun, runId > 0 ? runId : -1); }
QString AppSettings::sessionTab() const { return s_->value(kSessionTab).toString(); }
void AppSettings::setSessionTab(const QString& tab) { s_->setValue(kSessionTab, tab); }

QString AppSettings::defaultResultsFile() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/results.sqlite");
}

QString AppSettings::resultsFile() const {
    const QString path = s_->value(kResults).toString();
    return path.isEmpty() ? defaultResultsFile() : path;
}

void AppSettings::setResultsFile(const QString& path) {
    const QString before = resultsFile();
    if (path.isEmpty() || path == defaultResultsFile()) s_->remove(kResults);
    else s_->setValue(kResults, path);
    if (resultsFile() != before) Q_EMIT resultsFileChanged(resultsFile());
}

int AppSettings::threads() const { return std::max(0, s_->value(kThreads, 0).toInt()); }

void AppSettings::setThreads(int threads) {
    threads = std::max(0, threads);
    if (threads == this->threads()) return;
    s_->setValue(kThreads, threads);
    Q_EMIT threadsChanged(threads);
}

int AppSettings::jobThreads() const {
    // A value stored by an older version may exceed what the job settings accept: cap it.
    if (threads() > 0) return std::min(threads(), dacl::maxThreads());
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
}

QStringList AppSettings::devices() { return {QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")}; }

QString AppSettings::device() const {
    const QString d = s_->value(kDevice).toString();
    return devices().contains(d) ? d : QStringLiteral("auto");
}

bool AppSettings::setDevice(const QString& device) {
    if (!devices().contains(device)) return false;
    if (device != this->device()) {
        s_->setValue(kDevice, device);
        Q_EMIT deviceChanged(device);
    }
    return true;
}

double AppSettings::screenDotsPerMm() {
    // Physical DPI over the device pixel ratio: logical pixels per inch of the real screen.
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const double dpi = screen->physicalDotsPerInch() / std::max(1.0, screen->devicePixelRatio());
        if (std::isfinite(dpi) && dpi > 25.4 * kMinDotsPerMm && dpi < 25.4 * kMaxDotsPerMm) return dpi / 25.4;
    }
    return 96.0 / 25.4;
}

double AppSettings::dotsPerMm() const {
    bool ok = false;
    const double v = s_->value(kDotsPerMm).toDouble(&ok);
    return ok && v >= kMinDotsPerMm && v <= kMaxDotsPerMm ? v : screenDotsPerMm();
}

bool AppSettings::dotsPerMmCalibrated() const { return s_->contains(kDotsPerMm); }

void AppSettings::setDotsPerMm(double dotsPerMm) {
    if (!std::isfinite(dotsPerMm)) return;
    dotsPerMm = std::clamp(dotsPerMm, kMinDotsPerMm, kMaxDotsPerMm);
    const double before = this->dotsPerMm();
    const bool wasCalibrated = dotsPerMmCalibrated();
    s_->setValue(kDotsPerMm, dotsPerMm);
    if (!wasCalibrated || std::abs(before - dotsPerMm) > 1e-9) Q_EMIT dotsPerMmChanged(dotsPerMm);
}

void AppSettings::resetDotsPerMm() {
    const double before = dotsPerMm();
    s_->remove(kDotsPerMm);
    if (std::abs(before - dotsPerMm()) > 1e-9) Q_EMIT dotsPerMmChanged(dotsPerMm());
}

QStringList AppSettings::languages() { return {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("de")}; }

QString AppSettings::language() const {
    const QString l = s_->value(kLanguage).toString();
    return languages().contains(l) ? l : QStringLiteral("system");
}

bool AppSettings::setLanguage(const QString& language) {
    if (!languages().contains(language)) return false;
    if (language != this->language()) {
        s_->setValue(kLanguage, language);
        Q_EMIT languageChanged(language);
    }
    return true;
}

void AppSettings::saveWindow(const QMainWindow& window) {
    s_->setValue(kGeometry, window.saveGeometry());
    s_->setValue(kState, window.saveState(kStateVersion));
}

bool AppSettings::restoreWindow(QMainWindow& window) const {
    const QByteArray geometry = s_->value(kGeometry).toByteArray();
    const QByteArray state = s_->value(kState).toByteArray();
    bool restored = false;
    if (!geometry.isEmpty()) restored = window.restoreGeometry(geometry);
    if (!state.isEmpty()) restored = window.restoreState(state, kStateVersion) || restored;
    return restored;
}

void AppSettings::applyTo(Settings& settings) const {
    settings.set("threads", jobThreads());
    settings.set("device", device().toStdString());
}

}  // namespace dacl::ui
