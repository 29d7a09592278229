#include "ui/jobs/latency_probe.h"

#include <algorithm>

#include <time.h>

namespace dacl::ui {

namespace {
// CPU time of the calling thread in ms (0 where the platform has no per-thread clock).
double threadCpuMs() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
#endif
    return 0;
}
}  // namespace

LatencyProbe::LatencyProbe(QObject* parent, int intervalMs) : QObject(parent), intervalMs_(intervalMs) {
    // Precise: a coarse timer may legitimately fire 5 % late, which would read as a stall.
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMs_);
    connect(&timer_, &QTimer::timeout, this, &LatencyProbe::tick);
    histogram_.fill(0, binEdgesMs().size());
}

const QVector<double>& LatencyProbe::binEdgesMs() {
    static const QVector<double> edges = {0, 5, 10, 20, 50, 100, 200, 500, 1000};
    return edges;
}

void LatencyProbe::start() {
    maxStallMs_ = 0;
    ticks_ = 0;
    histogram_.fill(0, binEdgesMs().size());
    worst_.clear();
    clock_.start();
    lastNs_ = 0;
    lastCpuMs_ = threadCpuMs();
    timer_.start();
}

void LatencyProbe::stop() { timer_.stop(); }

void LatencyProbe::tick() {
    const qint64 now = clock_.nsecsElapsed();
    const double stall = std::max(0.0, static_cast<double>(now - lastNs_) * 1e-6 - intervalMs_);
    const double cpu = threadCpuMs();
    const double cpuBetween = cpu - lastCpuMs_;
    lastNs_ = now;
    lastCpuMs_ = cpu;
    ++ticks_;
    maxStallMs_ = std::max(maxStallMs_, stall);
    const auto& edges = binEdgesMs();
    int bin = static_cast<int>(edges.size()) - 1;
    while (bin > 0 && stall < edges[bin]) --bin;
    ++histogram_[bin];
    if (worst_.size() < kWorst || stall > worst_.back().ms) {
        const Stall s{static_cast<double>(now) * 1e-6, stall, cpuBetween};
        worst_.insert(std::upper_bound(worst_.begin(), worst_.end(), s, [](const Stall& a, const Stall& b) { return a.ms > b.ms; }), s);
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
        worst << QStringLiteral("%1 ms at %2 ms (GUI thread on CPU %3 ms)")
                     .arg(w.ms, 0, 'f', 1)
                     .arg(w.atMs, 0, 'f', 0)
                     .arg(w.cpuMs, 0, 'f', 1);
    return QStringLiteral("max stall %1 ms over %2 ticks (%3); worst: %4")
        .arg(maxStallMs_, 0, 'f', 1)
        .arg(ticks_)
        .arg(parts.join(QStringLiteral(", ")), worst.join(QStringLiteral(", ")));
}

}  // namespace dacl::ui
