// DiffusionView for repr = sequence runs: one span's latent sequence diffused over t
// (SequenceDiffusionPlots). Kept apart from diffusion_view.cpp, which draws pooled windows.
#include "ui/views/diffusion_view.h"
#include "ui/views/sequence_diffusion_plots.h"

#include <QLabel>

namespace dacl::ui {

namespace {

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

}  // namespace

bool DiffusionView::isSequence() const { return model_ && model_->isSequence(); }

void DiffusionView::startSequenceWalk() {
    const std::vector<int> extra(multiples_.begin(), multiples_.end());
    loader_.start([model = model_, dataset = *dataset_, record = static_cast<std::size_t>(requestedRecord_),
                   span = requestedWindow_, kind = kind_,
                   extra] { return computeSequenceWalk(*model, dataset, record, span, kind, extra); },
                  [this](SequenceWalk walk) { showSequenceWalk(std::move(walk)); });
}

void DiffusionView::showSequenceWalk(SequenceWalk walk) {
    busy_ = false;
    sequenceWalk_ = std::move(walk);
    const SequenceWalk& w = sequenceWalk_;
    if (!w.error.empty()) {
        const QString file = QString::fromStdString(w.errorFile);
        const QString reason = QString::fromStdString(w.error);
        clearPlots(tr("Cannot show %1: %2").arg(file.isEmpty() ? tr("the record") : file, reason));
        info_->setStyleSheet(QStringLiteral("color: #b00020;"));
        Q_EMIT loadFailed(file, reason);
        return;
    }
    requestedWindow_ = w.spanIndex;
    const auto& entry = dataset_->records()[static_cast<std::size_t>(w.recordIndex)];
    const int tMax = static_cast<int>(model_->settings().getInt("diffusion.t_max"));
    info_->setStyleSheet(QString());
    info_->setText(tr("Run %1 · record %2%3 · span %4 of %5 (%6–%7 s, %8 frames) · d = %9 · T = %10 · "
                      "the encoder was trained on views with t ≤ %11 (%12 schedule)")
                       .arg(model_->runId())
                       .arg(QString::fromStdString(entry.name))
                       .arg(entry.label.empty() ? QString() : tr(" (label %1)").arg(QString::fromStdString(entry.label)))
                       .arg(w.spanIndex + 1)
                       .arg(w.spanCount)
                       .arg(number(w.startS, 4))
                       .arg(number(w.endS, 4))
                       .arg(w.valid)
                       .arg(w.dim)
                       .arg(w.steps)
                       .arg(tMax)
                       .arg(model_->scheduleKind() == ml::ScheduleKind::Linear ? tr("linear") : tr("cosine")));
    sequencePlots_->setWalk(sequenceWalk_, tMax);
    updateForTimestep();
    Q_EMIT windowShown(w.recordIndex, w.spanIndex);
}

}  // namespace dacl::ui
