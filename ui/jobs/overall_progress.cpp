#include "ui/jobs/overall_progress.h"

#include <QCoreApplication>

#include <algorithm>

namespace dacl::ui {

namespace {

constexpr double kFeatures = 0.20, kTraining = 0.75;  // final metrics: the remaining 5 %
constexpr double kMinFractionForEta = 0.03;

QString tr(const char* text) { return QCoreApplication::translate("dacl::ui::OverallProgress", text); }

}  // namespace

void OverallProgress::start(bool finalModel) {
    *this = OverallProgress();
    finalModel_ = finalModel;
}

void OverallProgress::onEvent(const PipelineEvent& event) {
    if (const auto* s = std::get_if<event::StageStarted>(&event)) {
        stage_ = s->stage;
        started_ = true;
        inner_ = 0;
    } else if (const auto* s = std::get_if<event::StageFinished>(&event)) {
        if (s->stage == PipelineStage::FinalMetrics) finished_ = true;
        inner_ = 1;
    } else if (const auto* f = std::get_if<event::FoldStarted>(&event)) {
        folds_ = std::max(folds_, f->folds);
        running_.insert(f->fold);
        inner_ = 0;
    } else if (const auto* f = std::get_if<event::FoldFinished>(&event)) {
        folds_ = std::max(folds_, f->folds);
        running_.erase(f->fold);
        done_.insert(f->fold);
    } else {
        return;
    }
    update();
}

void OverallProgress::onStageProgress(long long done, long long total) {
    if (total <= 0) return;
    inner_ = std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
    update();
}

void OverallProgress::update() {
    double f = 0;
    if (finished_) {
        f = 1;
    } else if (started_) {
        switch (stage_) {
        case PipelineStage::Features: f = kFeatures * inner_; break;
        case PipelineStage::Training: {
            const int units = std::max(1, folds_ + (finalModel_ ? 1 : 0));
            // A running fold's counter restarts per training stage (VAE, encoder): count it at
            // most half, so that the next stage of the same fold does not have to go back.
            const double within = static_cast<double>(done_.size()) + 0.5 * inner_ * static_cast<double>(running_.size());
            f = kFeatures + kTraining * std::min(1.0, within / units);
            break;
        }
        case PipelineStage::FinalMetrics: f = kFeatures + kTraining + (1 - kFeatures - kTraining) * inner_; break;
        }
    }
    fraction_ = std::max(fraction_, std::min(f, 1.0));
}

double OverallProgress::etaSeconds(double elapsedSeconds) const {
    if (fraction_ >= 1) return 0;
    if (fraction_ < kMinFractionForEta || elapsedSeconds <= 0) return -1;
    return elapsedSeconds * (1 - fraction_) / fraction_;
}

QString OverallProgress::stageText() const {
    if (finished_) return tr("Finished");
    if (!started_) return tr("Opening the dataset");
    switch (stage_) {
    case PipelineStage::Features: return tr("Features");
    case PipelineStage::Training: {
        QStringList parts;
        for (int fold : running_)
            parts << (fold == kFinalModelFold ? tr("final model") : tr("fold %1 of %2").arg(fold + 1).arg(folds_));
        return parts.isEmpty() ? tr("Training") : tr("Training · %1").arg(parts.join(QStringLiteral(", ")));
    }
    case PipelineStage::FinalMetrics: return tr("Final metrics");
    }
    return {};
}

}  // namespace dacl::ui
