#pragma once
// The plots of the diffusion view for a repr = sequence run: one span's latent sequence as heat
// maps (dimension × time). z_t at the slider's t; small multiples of z_t at chosen t; the span's
// frames f next to the VAE decoding of z_t (channel × time); the encoder's drift
// ‖h(z_t, t) − h(z0, 0)‖ and cosine over t with the band of training timesteps. Colour ranges
// are fixed per span (not per t), so that playing t shows the noise growing instead of a
// re-normalised picture. Pure display of a SequenceWalk computed on a worker thread.
#include "ui/views/sequence_latent.h"

#include <QVector>
#include <QWidget>

class QCPColorMap;
class QCPTextElement;
class QCustomPlot;

namespace dacl::ui {

class DriftPlot;

class SequenceDiffusionPlots : public QWidget {
    Q_OBJECT
public:
    explicit SequenceDiffusionPlots(QWidget* parent = nullptr);

    // `trainingTMax`: the encoder's views had t ≤ this (shaded on the drift plot).
    void setWalk(const SequenceWalk& walk, int trainingTMax);
    void clear();
    void setMultiples(const QVector<int>& steps);
    void setTimestep(int t);

    // What is shown (for tests): cells of the heat maps (dimension / channel from 1, frame
    // index within the span), the decoded grid step, the drift curve and its marker.
    double ztCell(int dimension, int frame) const;
    double multipleCell(int index, int dimension, int frame) const;
    QString multipleTitle(int index) const;
    int multipleCount() const { return static_cast<int>(multipleMaps_.size()); }
    int shownDecodedStep() const { return decodedStep_; }
    double decodedCell(int channel, int frame) const;
    double featureCell(int channel, int frame) const;
    QVector<double> shownDriftSteps() const;
    QVector<double> shownDrift() const;
    QVector<double> shownCosine() const;
    QPointF driftMarker() const;  // (t, drift) at the slider; NaN when nothing is shown

    QCustomPlot* ztPlot() const { return ztPlot_; }
    QCustomPlot* multiplesPlot() const { return multiplesPlot_; }
    QCustomPlot* decodedPlot() const { return decodedPlot_; }
    QCustomPlot* driftPlot() const;

private:
    void buildPlots();
    void rebuildMultiples();
    void fillMultiples();

    SequenceWalk walk_;
    bool have_ = false;
    int t_ = 0;
    int decodedStep_ = -1;
    double zRange_ = 1;
    QVector<int> multiples_ = {0, 50, 100, 200, 500};

    QCustomPlot* ztPlot_ = nullptr;
    QCPColorMap* ztMap_ = nullptr;
    QCPTextElement* ztTitle_ = nullptr;
    QCustomPlot* multiplesPlot_ = nullptr;
    QVector<QCPColorMap*> multipleMaps_;
    QVector<QCPTextElement*> multipleTitles_;
    QCustomPlot* decodedPlot_ = nullptr;
    QCPColorMap* featureMap_ = nullptr;
    QCPColorMap* decodedMap_ = nullptr;
    QCPTextElement* decodedTitle_ = nullptr;
    DriftPlot* driftPlot_ = nullptr;
};

}  // namespace dacl::ui
