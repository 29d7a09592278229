#pragma once
// Event-loop latency probe: a timer that should fire every `intervalMs` on the GUI thread; how
// late each tick arrives is how long the event loop was blocked (a stall the user feels as a
// frozen window). Keeps the longest stall and a histogram of all of them.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVector>

namespace dacl::ui {

class LatencyProbe : public QObject {
    Q_OBJECT
public:
    explicit LatencyProbe(QObject* parent = nullptr, int intervalMs = 10);

    void start();  // clears the statistics
    void stop();
    bool isRunning() const { return timer_.isActive(); }

    // Longest delay of a tick beyond its interval, in ms, since start().
    double maxStallMs() const { return maxStallMs_; }
    long long ticks() const { return ticks_; }
    // Ticks whose stall fell in [edge[i], edge[i+1]) ms; the last bin is open-ended.
    static const QVector<double>& binEdgesMs();
    const QVector<long long>& histogram() const { return histogram_; }
    // The longest stalls (at most kWorst, longest first): when they ended (ms since start()) and
    // how long they were, to line them up with what the app did at that moment.
    static constexpr int kWorst = 5;
    // cpuMs: CPU time the GUI thread used between the two ticks. Close to `ms`: the thread was
    // busy (the app's own work); close to 0: it was runnable or blocked but got no CPU (an
    // overloaded machine) or waited on a lock.
    struct Stall {
        double atMs, ms, cpuMs;
    };
    const QVector<Stall>& worstStalls() const { return worst_; }
    // "max stall 12.5 ms over 812 ticks (0-5 ms: 800, ...); worst: 12.5 ms at 3051 ms, ...".
    QString summary() const;

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    int intervalMs_;
    qint64 lastNs_ = 0;
    double lastCpuMs_ = 0;
    double maxStallMs_ = 0;
    long long ticks_ = 0;
    QVector<long long> histogram_;
    QVector<Stall> worst_;
};

}  // namespace dacl::ui
