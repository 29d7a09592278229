#include "core/assess/lead_scoring.h"

#include "core/common/error.h"
#include "core/data/lead_choice.h"

#include <algorithm>
#include <stdexcept>

namespace dacl::assess {

std::vector<std::size_t> leadsToScore(const Recording& rec, int lead, const std::string& file) {
    if (rec.channels.empty() || rec.nSamples() == 0) throw InputError(file, "record has no samples");
    if (lead >= 0 && static_cast<std::size_t>(lead) >= rec.channels.size())
        throw InputError(file, "record has no lead " + std::to_string(lead) + " (it has " +
                                   std::to_string(rec.channels.size()) + "; leads are 0-based)");
    if (lead >= 0) return {static_cast<std::size_t>(lead)};
    std::vector<std::string> labels = rec.labels;
    labels.resize(rec.channels.size());
    return ecgLeadIndices(labels);
}

std::vector<ScoredLead> scoreLeads(const ml::RunModel& model, const Recording& rec, const std::vector<std::size_t>& leads) {
    std::vector<ScoredLead> out;
    for (std::size_t k : leads) {
        ScoredLead s;
        s.index = static_cast<int>(k);
        // A lead whose rate differs from rec.fs (EDF) goes alone, at its own rate.
        s.prediction = rec.channelFs.empty() ? model.predict(rec, s.index) : model.predict(singleChannel(rec, k), 0);
        s.quality = dsp::assessLeadQuality(rec, k);
        out.push_back(std::move(s));
    }
    return out;
}

CombinedScore combineLeads(const ml::RunModel& model, const std::vector<ScoredLead>& leads) {
    if (leads.empty()) throw std::invalid_argument("combineLeads: no leads");
    CombinedScore c;
    double sum = 0;
    std::vector<double> classSum;
    for (const ScoredLead& l : leads) {
        const ml::RecordPrediction& p = l.prediction;
        if (!c.flagged && !l.quality.ok()) c.flagged = &l.quality;
        sum += p.score;
        classSum.resize(p.classMean.size(), 0.0);
        for (std::size_t i = 0; i < p.classMean.size(); ++i) classSum[i] += p.classMean[i];
        c.spans += p.spans.size();
    }
    // Sum, then divide: the arithmetic `dacl predict` has always written (its CSVs compare exactly).
    const double n = static_cast<double>(leads.size());
    c.score = sum / n;
    for (double& v : classSum) v /= n;
    c.predicted = model.predictedClass(classSum);
    c.classMean = std::move(classSum);
    return c;
}

}  // namespace dacl::assess
