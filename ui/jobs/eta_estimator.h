#pragma once
// Remaining time of the current stage of a job, from a smoothed rate of progress.
//
// Core reports (stage, done, total) per stage; stage names carry counters ("VAE epoch 3/5"),
// so a stage is taken to continue while `total` stays the same and `done` does not go back.
// The rate is an exponential moving average over time (time constant `tau`), so one slow or
// fast batch does not make the ETA jump.
#include <QElapsedTimer>

namespace dacl::ui {

class EtaEstimator {
public:
    explicit EtaEstimator(double tauSeconds = 3.0) : tau_(tauSeconds) {}

    void reset();
    // `nowSeconds` < 0: use the estimator's own clock (tests pass explicit times).
    void update(long long done, long long total, double nowSeconds = -1);
    // Seconds until done == total of the current stage; < 0 while unknown.
    double etaSeconds() const;
    double rate() const { return rate_; }  // units per second (0 while unknown)

private:
    double now() const;

    double tau_;
    QElapsedTimer clock_;
    long long total_ = -1, done_ = 0;
    double lastT_ = 0, rate_ = 0;
    bool haveRate_ = false;
};

}  // namespace dacl::ui
