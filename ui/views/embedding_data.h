#pragma once
// The embedding view's data, free of widgets: a point of the map, the record embeddings of a run
// read from a results file, and the layout written as CSV.
#include <QString>
#include <QStringList>

#include <limits>
#include <vector>

namespace dacl::ui {

struct EmbeddingPoint {
    QString record;
    int label = -1;       // class code (index into the class names); -1 unknown
    int predicted = -1;   // predicted class code; -1 unknown
    double probability = std::numeric_limits<double>::quiet_NaN();  // P(positive class); NaN unknown
    int fold = -1;        // test fold that produced it; -1 unknown
    int timestep = 0;     // diffusion step t of the view the embedding was taken from (0 = clean)
};

// What EmbeddingView::loadRun reads on its worker thread.
struct RunEmbeddings {
    std::vector<EmbeddingPoint> points;
    std::vector<double> values;  // points.size() rows of `dims`
    int dims = 0;
    QStringList classNames;
    QString error;
};

// Record-level embeddings (no window) of a run with their labels, predictions and folds; throws
// std::runtime_error naming the file when it cannot be read or the vectors differ in length.
RunEmbeddings readRunEmbeddings(const QString& dbPath, qint64 runId);

// Writes record,label,predicted,probability,fold,t,x,y (layout: points.size() x 2; fold 1-based);
// false and *error (naming the file) on failure.
bool writeEmbeddingLayoutCsv(const QString& path, const std::vector<EmbeddingPoint>& points, const std::vector<double>& layout,
                             const QStringList& classNames, QString* error = nullptr);

}  // namespace dacl::ui
