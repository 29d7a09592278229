#include "ui/jobs/latency_probe.h"

#include <algorithm>
#include <cstdio>

#include <time.h>
#if defined(__linux__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace dacl::ui {

LatencyProbe::LatencyProbe(QObject* parent, int intervalMs) : QObject(parent), intervalMs_(intervalMs) {
    // Precise: a coarse timer may legitimately fire 5 % late, which would read as a stall.
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMs_);
    connect(&timer_, &QTimer::timeout, this, &LatencyProbe::tick);
    histogram_.fill(0, binEdgesMs().size());
}

LatencyProbe::~LatencyProbe() {
#if defined(__linux__)
    if (schedFd_ >= 0) ::close(schedFd_);
#endif
}

const QVector<double>& LatencyProbe::binEdgesMs() {
    static const QVector<double> edges = {0, 5, 10, 20, 50, 100, 200, 500, 1000};
    return edges;
}

void LatencyProbe::threadTimes(double& cpuMs, double& waitMs) const {
    cpuMs = waitMs = 0;
#if defined(__linux__)
    // "<ns on CPU> <ns waiting on a run queue> <timeslices>"; the file is regenerated per read.
    if (schedFd_ >= 0) {
        char buf[128];
        const ssize_t n = ::pread(schedFd_, buf, sizeof buf - 1, 0);
        unsigned long long cpu = 0, wait = 0;
        if (n > 0) {
            buf[n] = '\0';
            if (std::sscanf(buf, "%llu %llu", &cpu, &wait) == 2) {
                cpuMs = static_cast<double>(cpu) * 1e-6;
                waitMs = static_cast<double>(wait) * 1e-6;
                return;
            }
        }
    }
#endif
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) cpuMs = static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
#endif
}

void LatencyProbe::start() {
#if defined(__linux__)
    // Opened by the thread that runs the timer: /proc/thread-self names that thread.
    if (schedFd_ < 0) schedFd_ = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#endif
    maxStallMs_ = maxOwnStallMs_ = 0;
    ticks_ = 0;
    histogram_.fill(0, binEdgesMs().size());
    worst_.clear();
    threadTimes(lastCpuMs_, lastWaitMs_);
    clock_.start();
    lastNs_ = 0;
    timer_.start();
}

void LatencyProbe::stop() { timer_.stop(); }

void LatencyProbe::tick() {
    const qint64 now = clock_.nsecsElapsed();
    const double stall = std::max(0.0, static_cast<double>(now - lastNs_) * 1e-6 - intervalMs_);
    double cpu = 0, wait = 0;
    threadTimes(cpu, wait);
    const Stall s{static_cast<double>(now) * 1e-6, stall, cpu - lastCpuMs_, wait - lastWaitMs_};
    lastNs_ = now;
    lastCpuMs_ = cpu;
    lastWaitMs_ = wait;
    ++ticks_;
    maxStallMs_ = std::max(maxStallMs_, stall);
    maxOwnStallMs_ = std::max(maxOwnStallMs_, std::max(0.0, stall - s.waitMs));
    const auto& edges = binEdgesMs();
    int bin = static_cast<int>(edges.size()) - 1;
    while (bin > 0 && stall < edges[bin]) --bin;
    ++histogram_[bin];
    if (worst_.size() < kWorst || stall > worst_.back().ms) {
        worst_.insert(std::upper_bound(worst_.begin(), worst_.end(), s,
                                       [](const Stall& a, const Stall& b) { return a.ms > b.ms; }),
                      s);
        if (worst_.size() > kWorst) worst_.removeLast();
    }
}

QString LatencyProbe::summary() const {
    QStringList parts;
    const auto& edges = binEdgesMs();
    for (int i = 0; i < histogram_.size(); ++i) {
        if (!histogram_[i]) continue;
        const QString range = i + 1 < edges.size() ? QStringLiteral("%1-%2 ms").arg(edges[i]).arg(edges[i + 1])
                                                   : QStringLiteral(">=%1 ms").arg(edges[i]);
        parts << QStringLiteral("%1: %2").arg(range).arg(histogram_[i]);
    }
    QStringList worst;
    for (const Stall& w : worst_)
        worst << QStringLiteral("%1 ms at %2 ms (on CPU %3, waiting for a CPU %4)")
                     .arg(w.ms, 0, 'f', 1)
                     .arg(w.atMs, 0, 'f', 0)
                     .arg(w.cpuMs, 0, 'f', 1)
                     .arg(w.waitMs, 0, 'f', 1);
    return QStringLiteral("max stall %1 ms (own %2 ms) over %3 ticks (%4); worst: %5")
        .arg(maxStallMs_, 0, 'f', 1)
        .arg(maxOwnStallMs_, 0, 'f', 1)
        .arg(ticks_)
        .arg(parts.join(QStringLiteral(", ")), worst.join(QStringLiteral("; ")));
}

}  // namespace dacl::ui
