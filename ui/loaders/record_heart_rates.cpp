#include "ui/loaders/record_heart_rates.h"

#include "core/data/signal_reader.h"
#include "core/dsp/rpeaks.h"

#include <QtConcurrent>

#include <cmath>
#include <limits>

namespace dacl::ui {

double recordHeartRate(const Dataset& dataset, std::size_t recordIndex, int lead) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    try {
        const Recording rec = readRecording(dataset.header(recordIndex));
        if (lead < 0 || static_cast<std::size_t>(lead) >= rec.channels.size()) return nan;
        const double bpm = dsp::heartRateBpm(dsp::detectRPeaks(rec.channels[lead], rec.fsOf(static_cast<std::size_t>(lead))), rec.fsOf(static_cast<std::size_t>(lead)));
        return bpm > 0 ? bpm : nan;
    } catch (const std::exception&) {
        return nan;  // the dataset's own problems list already names unreadable files
    }
}

RecordHeartRates::RecordHeartRates(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    flushTimer_.setInterval(200);
    connect(&flushTimer_, &QTimer::timeout, this, &RecordHeartRates::flush);
}

RecordHeartRates::~RecordHeartRates() {
    cancel();
    pool_.waitForDone();
}

void RecordHeartRates::cancel() {
    if (!watcher_) return;
    watcher_->disconnect(this);
    watcher_->cancel();
    watcher_->deleteLater();
    watcher_ = nullptr;
    flushTimer_.stop();
    pendingRecords_.clear();
    pendingBpm_.clear();
}

void RecordHeartRates::start(const Dataset& dataset, int lead) {
    cancel();
    total_ = static_cast<int>(dataset.size());
    done_ = 0;
    QVector<int> indices(total_);
    for (int i = 0; i < total_; ++i) indices[i] = i;
    watcher_ = new QFutureWatcher<double>(this);
    QFutureWatcher<double>* w = watcher_;
    connect(w, &QFutureWatcher<double>::resultsReadyAt, this, [this, w](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            pendingRecords_.push_back(i);
            pendingBpm_.push_back(w->resultAt(i));
        }
        done_ += end - begin;
    });
    connect(w, &QFutureWatcher<double>::finished, this, [this, w] {
        if (w != watcher_) return;
        flush();
        watcher_ = nullptr;
        w->deleteLater();
        flushTimer_.stop();
        Q_EMIT finished();
    });
    flushTimer_.start();
    Q_EMIT progressed(0, total_);
    w->setFuture(QtConcurrent::mapped(&pool_, indices, [dataset, lead](int i) {
        return recordHeartRate(dataset, static_cast<std::size_t>(i), lead);
    }));
}

void RecordHeartRates::flush() {
    if (pendingRecords_.isEmpty()) return;
    const QVector<int> records = std::move(pendingRecords_);
    const QVector<double> bpm = std::move(pendingBpm_);
    pendingRecords_.clear();
    pendingBpm_.clear();
    Q_EMIT computed(records, bpm);
    Q_EMIT progressed(done_, total_);
}

}  // namespace dacl::ui
