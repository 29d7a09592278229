#pragma once
// Bridges core's ProgressSink to Qt: a worker thread reports, the GUI thread receives queued
// signals. Cancellation is an atomic flag that the GUI sets and core polls.
//
// Core reports as often as it likes (the trainer reports every batch, thousands of times a
// second for a small model); every report would be one queued event for the GUI thread, enough
// to freeze the window. So reports of the same stage are coalesced to one every `interval`;
// a new stage and the last step of a stage (done == total) always go through. Typed pipeline
// events are rare (a few per epoch) and always go through.
#include "core/common/progress.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <mutex>

namespace dacl::ui {

class QtProgress : public QObject, public ProgressSink {
    Q_OBJECT
public:
    explicit QtProgress(QObject* parent = nullptr,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(50))
        : QObject(parent), interval_(interval) {}

    void report(const std::string& stage, std::size_t done, std::size_t total) override {
        const auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            const bool sameStage = stage == lastStage_;
            if (sameStage && done != total && now - lastEmit_ < interval_) return;
            if (!sameStage) lastStage_ = stage;
            lastEmit_ = now;
        }
        Q_EMIT progressed(QString::fromStdString(stage), static_cast<qint64>(done),
                          static_cast<qint64>(total));
    }
    void log(const std::string& message) override { Q_EMIT logged(QString::fromStdString(message)); }
    void pipelineEvent(const PipelineEvent& event) override { Q_EMIT eventOccurred(event); }
    bool cancelled() const override { return cancelled_.load(); }
    void cancel() { cancelled_.store(true); }

Q_SIGNALS:
    void progressed(const QString& stage, qint64 done, qint64 total);
    void logged(const QString& message);
    void eventOccurred(const dacl::PipelineEvent& event);

private:
    std::atomic<bool> cancelled_{false};
    const std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::string lastStage_;
    std::chrono::steady_clock::time_point lastEmit_{};
};

}  // namespace dacl::ui
