#include "core/assess/assessment_json.h"

#include <cmath>

namespace dacl::assess {

namespace {

using nlohmann::json;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json numbers(const std::vector<double>& v) {
    json out = json::array();
    for (double x : v) out.push_back(number(x));
    return out;
}

}  // namespace

nlohmann::json toJson(const Assessment& a) {
    json fields = json::array();
    for (const auto& [key, value] : a.headerFields) fields.push_back(json::array({key, value}));
    json leads = json::array();
    for (const LeadResult& l : a.leads) {
        json spans = json::array();
        for (const SpanProbability& s : l.spans) spans.push_back({{"start_s", s.startS}, {"end_s", s.endS}, {"p", number(s.p)}});
        leads.push_back({{"index", l.index},
                         {"name", l.name},
                         {"file_fs_hz", l.fileFsHz},
                         {"p_af", number(l.pAf)},
                         {"quality", l.quality},
                         {"quality_reason", l.qualityReason},
                         {"seen_in_training", l.seenInTraining},
                         {"spans", spans}});
    }
    const RhythmFigures& r = a.rhythm;
    const RunProvenance& p = a.run;
    return {{"file", a.file},
            {"record", a.recordName},
            {"format", a.format},
            {"header_fields", fields},
            {"duration_s", a.durationS},
            {"model_fs_hz", a.modelFsHz},
            {"leads", leads},
            {"combined_p_af", number(a.combinedPAf)},
            {"combined_rule", a.combinedRule},
            {"rhythm",
             {{"lead", r.lead},
              {"beats", r.beats},
              {"heart_rate_bpm", number(r.heartRateBpm)},
              {"rmssd_ms", number(r.rmssdMs)},
              {"pnn50", number(r.pnn50)},
              {"sample_entropy", number(r.sampleEntropy)},
              {"p_wave_coherence", number(r.pWaveCoherence)},
              {"r_peak_s", numbers(r.rPeakS)},
              {"rr_s", numbers(r.rrS)}}},
            {"threshold", number(a.threshold)},
            {"sensitivity", number(a.sensitivity)},
            {"specificity", number(a.specificity)},
            {"threshold_how", a.thresholdHow},
            {"positive", a.positive},
            {"run",
             {{"id", p.runId},
              {"name", p.name},
              {"task", p.task},
              {"created_at", p.createdAt},
              {"version", p.version},
              {"settings_digest", p.settingsDigest},
              {"chosen_how", p.chosenHow},
              {"auroc", number(p.runAuroc)}}},
            {"warnings", a.warnings}};
}

}  // namespace dacl::assess
