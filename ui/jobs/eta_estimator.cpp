#include "ui/jobs/eta_estimator.h"

#include <cmath>

namespace dacl::ui {

void EtaEstimator::reset() {
    total_ = -1;
    done_ = 0;
    rate_ = 0;
    haveRate_ = false;
}

double EtaEstimator::now() const {
    return clock_.isValid() ? static_cast<double>(clock_.nsecsElapsed()) * 1e-9 : 0.0;
}

void EtaEstimator::update(long long done, long long total, double nowSeconds) {
    if (nowSeconds < 0) {
        if (!clock_.isValid()) clock_.start();
        nowSeconds = now();
    }
    if (total != total_ || done < done_) {  // a new stage
        total_ = total;
        done_ = done;
        lastT_ = nowSeconds;
        rate_ = 0;
        haveRate_ = false;
        return;
    }
    const double dt = nowSeconds - lastT_;
    if (done == done_ || dt <= 0) return;
    const double instant = static_cast<double>(done - done_) / dt;
    // Irregular intervals: weight the new sample by how much time it covers.
    const double w = haveRate_ ? 1.0 - std::exp(-dt / tau_) : 1.0;
    rate_ = w * instant + (1.0 - w) * rate_;
    haveRate_ = true;
    done_ = done;
    lastT_ = nowSeconds;
}

double EtaEstimator::etaSeconds() const {
    if (!haveRate_ || rate_ <= 0 || total_ <= 0) return -1;
    return static_cast<double>(total_ - done_) / rate_;
}

}  // namespace dacl::ui
