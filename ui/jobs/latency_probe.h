#pragma once
// Event-loop latency probe: a timer that should fire every `intervalMs` on the GUI thread; how
// late each tick arrives is how long the event loop was blocked (a stall the user feels as a
// frozen window). Keeps the longest stall, a histogram of all of them and the worst few.
//
// Where the kernel tells (Linux /proc/thread-self/schedstat), each stall is split into the GUI
// thread's own CPU time, the time it was ready to run but waited for a CPU (the machine was busy
// with other processes or with our own lower-priority job threads), and the rest (sleeping in
// a blocking call or on a lock). The part that is not CPU waiting is the app's own stall.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVector>

namespace dacl::ui {

class LatencyProbe : public QObject {
    Q_OBJECT
public:
    explicit LatencyProbe(QObject* parent = nullptr, int intervalMs = 10);
    ~LatencyProbe() override;

    void start();  // clears the statistics
    void stop();
    bool isRunning() const { return timer_.isActive(); }

    // Longest delay of a tick beyond its interval, in ms, since start().
    double maxStallMs() const { return maxStallMs_; }
    // Longest stall less the time the GUI thread waited for a CPU: what the app itself caused.
    // Equals maxStallMs() where the platform cannot tell.
    double maxOwnStallMs() const { return maxOwnStallMs_; }
    bool knowsCpuWait() const { return schedFd_ >= 0; }
    long long ticks() const { return ticks_; }
    // Ticks whose stall fell in [edge[i], edge[i+1]) ms; the last bin is open-ended.
    static const QVector<double>& binEdgesMs();
    const QVector<long long>& histogram() const { return histogram_; }

    struct Stall {
        double atMs;    // when the late tick came (ms since start())
        double ms;      // how late it was
        double cpuMs;   // CPU time the GUI thread used between the two ticks
        double waitMs;  // time it was ready to run but got no CPU
    };
    // The longest stalls, longest first (at most kWorst).
    static constexpr int kWorst = 5;
    const QVector<Stall>& worstStalls() const { return worst_; }
    // "max stall 12.5 ms (own 3.1 ms) over 812 ticks (0-5 ms: 800, ...); worst: ...".
    QString summary() const;

private:
    void tick();
    // CPU and run-queue wait of this thread so far, in ms.
    void threadTimes(double& cpuMs, double& waitMs) const;

    QTimer timer_;
    QElapsedTimer clock_;
    int intervalMs_;
    int schedFd_ = -1;
    qint64 lastNs_ = 0;
    double lastCpuMs_ = 0, lastWaitMs_ = 0;
    double maxStallMs_ = 0, maxOwnStallMs_ = 0;
    long long ticks_ = 0;
    QVector<long long> histogram_;
    QVector<Stall> worst_;
};

}  // namespace dacl::ui
