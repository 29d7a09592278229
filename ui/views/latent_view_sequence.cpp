// LatentView for repr = sequence runs: the record's latent sequence under its ECG strip
// (LatentTimeline). Kept apart from latent_view.cpp, which draws the pooled windows.
#include "ui/views/latent_timeline.h"
#include "ui/views/latent_view.h"

#include <QLabel>

#include <cmath>
#include <utility>

namespace dacl::ui {

namespace {

struct SequenceRecord {
    SequenceLatent latent;
    EcgStrip strip;
};

QString number(double v, int digits = 3) { return QLocale().toString(v, 'g', digits); }

}  // namespace

bool LatentView::isSequence() const { return model_ && model_->isSequence(); }

int LatentView::windowCount() const {
    return isSequence() ? static_cast<int>(sequence_.spanStartS.size()) : static_cast<int>(latent_.windows());
}

void LatentView::startSequenceRecord() {
    recordLoader_.start([model = model_, dataset = *dataset_, record = static_cast<std::size_t>(requestedRecord_)] {
        SequenceRecord r;
        r.latent = computeSequenceLatent(*model, dataset, record);
        // The strip the ECG view would show for this run (same lead, band and span rule).
        r.strip = loadEcgStrip(dataset, record, model->defaultLead(),
                               features::FeatureSettings::fromSettings(model->settings()));
        return r;
    }, [this](SequenceRecord r) { showSequence(std::move(r.latent), std::move(r.strip)); });
}

void LatentView::showSequence(SequenceLatent latent, EcgStrip strip) {
    recordBusy_ = false;
    sequence_ = std::move(latent);
    if (!sequence_.error.empty()) {
        const QString file = QString::fromStdString(sequence_.errorFile);
        const QString reason = QString::fromStdString(sequence_.error);
        clearAll(tr("Cannot show %1: %2").arg(file.isEmpty() ? tr("the record") : file, reason));
        info_->setStyleSheet(QStringLiteral("color: #b00020;"));
        Q_EMIT loadFailed(file, reason);
        return;
    }
    timeline_->setData(sequence_, strip);
    setWindow(window_);
    updateProjectionPlot();
}

void LatentView::updateSequenceWindow() {
    const int spans = windowCount();
    if (!model_ || !dataset_ || requestedRecord_ < 0 || spans == 0) return;
    const double length = model_->windowSamples() / model_->sampleRate();
    const double a = sequence_.spanStartS[static_cast<std::size_t>(window_)];
    // Shade the span only when there is more than one: a single span is the whole record.
    if (spans > 1) timeline_->setHighlight(a, std::min(a + length, sequence_.durationS));
    else timeline_->setHighlight(0, 0);
    const auto& entry = dataset_->records()[static_cast<std::size_t>(requestedRecord_)];
    info_->setStyleSheet(QString());
    info_->setText(tr("Run %1 (%2, frame sequence) · record %3%4 · %5 frames of %6 s · d = %7 · span %8 of %9 · "
                      "mean reconstruction MSE = %10")
                       .arg(model_->runId())
                       .arg(QString::fromStdString(model_->task()))
                       .arg(QString::fromStdString(entry.name))
                       .arg(entry.label.empty() ? QString() : tr(" (label %1)").arg(QString::fromStdString(entry.label)))
                       .arg(sequence_.frames)
                       .arg(number(sequence_.frameS, 3))
                       .arg(sequence_.dim)
                       .arg(window_ + 1)
                       .arg(spans)
                       .arg(number(sequence_.meanReconError)));
}

}  // namespace dacl::ui
