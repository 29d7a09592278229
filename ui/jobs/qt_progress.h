#pragma once
// Bridges core's ProgressSink to Qt: a worker thread reports, the GUI thread receives queued
// signals. Cancellation is an atomic flag that the GUI sets and core polls.
#include "core/common/progress.h"

#include <QObject>

#include <atomic>

namespace dacl::ui {

class QtProgress : public QObject, public ProgressSink {
    Q_OBJECT
public:
    explicit QtProgress(QObject* parent = nullptr) : QObject(parent) {}

    void report(const std::string& stage, std::size_t done, std::size_t total) override {
        Q_EMIT progressed(QString::fromStdString(stage), static_cast<qint64>(done),
                          static_cast<qint64>(total));
    }
    void log(const std::string& message) override { Q_EMIT logged(QString::fromStdString(message)); }
    bool cancelled() const override { return cancelled_.load(); }
    void cancel() { cancelled_.store(true); }

Q_SIGNALS:
    void progressed(const QString& stage, qint64 done, qint64 total);
    void logged(const QString& message);

private:
    std::atomic<bool> cancelled_{false};
};

}  // namespace dacl::ui
