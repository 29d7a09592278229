#pragma once
// Median heart rate of every record of a dataset, computed in the background (core's R-peak
// detector on one lead), reported in batches with progress. Starting again, or destroying the
// object, cancels the previous computation; its late results are never delivered.
#include "core/data/dataset.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <QVector>

namespace dacl::ui {

// 60 / median RR of the record's lead in bpm; NaN when the record cannot be read or has fewer
// than two beats. Reads the signal file directly (a full pass must not flush the view cache).
double recordHeartRate(const Dataset& dataset, std::size_t recordIndex, int lead);

class RecordHeartRates : public QObject {
    Q_OBJECT
public:
    explicit RecordHeartRates(QObject* parent = nullptr);
    ~RecordHeartRates() override;

    void start(const Dataset& dataset, int lead = 0);
    void cancel();
    bool isRunning() const { return watcher_ != nullptr; }
    int done() const { return done_; }
    int total() const { return total_; }

Q_SIGNALS:
    // Results in batches (a few per second, not one signal per record).
    void computed(const QVector<int>& records, const QVector<double>& bpm);
    void progressed(int done, int total);
    void finished();

private:
    void flush();

    // Its own pool, leaving the global one free for what the user is looking at.
    QThreadPool pool_;
    QFutureWatcher<double>* watcher_ = nullptr;
    QTimer flushTimer_;
    QVector<int> pendingRecords_;
    QVector<double> pendingBpm_;
    int done_ = 0, total_ = 0;
};

}  // namespace dacl::ui
