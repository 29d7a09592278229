#include "ui/report/run_csv_export.h"

#include "core/common/csv.h"
#include "ui/report/fold_number.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace dacl::ui {

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

std::ofstream openCsv(const std::string& path) {
    std::ofstream out(path);
    if (!out) throw std::runtime_error(path + ": cannot write the CSV file");
    return out;
}

void finish(std::ofstream& out, const std::string& path) {
    out.flush();
    if (!out) throw std::runtime_error(path + ": write failed (disk full?)");
}

}  // namespace

std::size_t writePredictionsCsv(store::ResultsStore& st, std::int64_t run, const std::string& path) {
    st.run(run);  // StoreError for an unknown run, before the file is created
    const auto predictions = st.predictions(run);
    std::size_t classes = 0;
    for (const auto& p : predictions) classes = std::max(classes, p.probabilities.size());
    std::ofstream out = openCsv(path);
    out << "fold,record,label,score,predicted";
    for (std::size_t c = 0; c < classes; ++c) out << ",p" << c;
    out << "\n";
    for (const auto& p : predictions) {
        out << (p.fold ? foldNumberCsv(*p.fold) : "") << ',' << csvField(p.record) << ',' << p.label << ','
            << number(p.score) << ',' << (p.predicted ? std::to_string(*p.predicted) : "");
        for (std::size_t c = 0; c < classes; ++c)
            out << ',' << (c < p.probabilities.size() ? number(p.probabilities[c]) : "");
        out << "\n";
    }
    finish(out, path);
    return predictions.size();
}

std::size_t writeEmbeddingsCsv(store::ResultsStore& st, std::int64_t run, const std::string& path,
                               std::optional<int> t) {
    st.run(run);
    const auto embeddings = st.embeddings(run, t);
    std::size_t dim = 0;
    for (const auto& e : embeddings) dim = std::max(dim, e.vector.size());
    std::ofstream out = openCsv(path);
    out << "fold,record,window,t,label";
    for (std::size_t d = 0; d < dim; ++d) out << ",e" << d;
    out << "\n";
    for (const auto& e : embeddings) {
        out << (e.fold ? foldNumberCsv(*e.fold) : "") << ',' << csvField(e.record) << ','
            << (e.window ? std::to_string(*e.window) : "") << ',' << e.t << ','
            << (e.label ? std::to_string(*e.label) : "");
        for (std::size_t d = 0; d < dim; ++d) out << ',' << (d < e.vector.size() ? number(e.vector[d]) : "");
        out << "\n";
    }
    finish(out, path);
    return embeddings.size();
}

}  // namespace dacl::ui
