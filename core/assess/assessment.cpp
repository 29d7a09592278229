#include "core/assess/assessment.h"

#include "core/common/error.h"
#include "core/common/parallel_for.h"
#include "core/common/task_pool.h"
#include "core/data/lead_choice.h"
#include "core/data/record_file.h"
#include "core/features/feature_job.h"
#include "core/assess/assessment_warnings.h"
#include "core/assess/header_fields.h"
#include "core/assess/lead_scoring.h"
#include "core/assess/rhythm_figures.h"
#include "core/assess/run_choice.h"
#include "core/pipeline/run_model.h"
#include "core/ml/runtime_info.h"

#include <cmath>
#include <filesystem>
#include <functional>

namespace dacl::assess {

namespace {

void checkCancelled(ProgressSink& progress) {
    if (progress.cancelled()) throw Cancelled();
}

// The lead option: "" = every ECG-like lead (-1), else a 0-based index or a label.
int requestedLead(const Recording& rec, const std::string& lead, const std::string& file) {
    if (lead.empty()) return -1;
    std::vector<std::string> labels(rec.channels.size());
    for (std::size_t k = 0; k < labels.size(); ++k) labels[k] = rec.labelOf(k);
    try {
        return static_cast<int>(resolveLead(labels, lead));
    } catch (const std::invalid_argument& e) {
        throw InputError(file, e.what());
    }
}

// The model's span for the "shorter than" warning: the probability-over-time span of a sequence
// run, the evaluation window of a pooled one (shorter records are padded to it).
double modelSpanS(const ml::RunModel& model) {
    if (model.isSequence()) return model.settings().getDouble("predict.span_s");
    return model.windowSamples() / model.sampleRate();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> settingPairs(const std::vector<std::string>& assignments) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& s : assignments) {
        const auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--set '" + s + "': expected key=value");
        out.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    }
    return out;
}

Assessment assessRecording(const std::string& file, const AssessOptions& options, ProgressSink* sink) {
    NullProgress quiet;
    ProgressSink& progress = sink ? *sink : quiet;
    Assessment a;
    a.file = file;

    progress.report("reading " + std::filesystem::path(file).filename().string(), 0, 1);
    const std::string path = recordFilePath(file);  // InputError for a path that is no recording
    const RecordHeader header = readRecordHeader(path);
    const Recording rec = readRecordFile(path);
    a.recordName = rec.name.empty() ? std::filesystem::path(path).stem().string() : rec.name;
    a.format = formatName(header);
    a.headerFields = headerFields(header, rec);
    a.durationS = rec.durationS();
    checkCancelled(progress);

    progress.report("loading model", 0, 1);
    RunFacts facts = runFacts(options.resultsFile, chooseRun(options.resultsFile, options.runId, options.task));
    ml::RunModel model = ml::RunModel::load(options.resultsFile, facts.provenance.runId);
    for (const auto& [key, value] : options.predictSettings) model.setPredictSetting(key + "=" + value);
    if (options.threads > 0) configureThreads(options.threads);
    a.modelFsHz = model.sampleRate();
    a.run = facts.provenance;
    a.threshold = facts.threshold;
    a.sensitivity = facts.sensitivity;
    a.specificity = facts.specificity;
    a.thresholdHow = facts.thresholdHow;
    checkCancelled(progress);

    // Leads are scored side by side (a day-long two-lead file: each lead's features, model and
    // signal quality on its own core); the threads left over go to the spans of each lead.
    const std::vector<std::size_t> indices = leadsToScore(rec, requestedLead(rec, options.lead, path), path);
    const int threads = resolveThreads(options.threads);
    const int workers = std::min<int>(threads, static_cast<int>(indices.size()));
    model.setFeatureThreads(std::max(1, threads / std::max(1, workers)));
    std::vector<ScoredLead> scored(indices.size());
    SharedProgress shared(progress);
    std::vector<std::function<void()>> tasks;
    for (std::size_t i = 0; i < indices.size(); ++i)
        tasks.push_back([&, i] {
            shared.report("scoring lead " + rec.labelOf(indices[i]), i, indices.size());
            try {
                scored[i] = std::move(scoreLeads(model, rec, {indices[i]}).front());
            } catch (const std::invalid_argument& e) {
                throw InputError(path, e.what());
            }
        });
    runTasks(tasks, workers, shared);
    checkCancelled(progress);
    progress.report("scoring", indices.size(), indices.size());

    const std::size_t positive = static_cast<std::size_t>(model.positiveClass());
    for (const ScoredLead& s : scored) {
        LeadResult l;
        l.index = s.index;
        l.name = rec.labelOf(static_cast<std::size_t>(s.index));
        l.fileFsHz = rec.fsOf(static_cast<std::size_t>(s.index));
        l.pAf = model.numClasses() > 2 ? s.prediction.classMean[positive] : s.prediction.score;
        l.fused = s.prediction.fused;
        l.quality = dsp::toString(s.quality.verdict);
        l.qualityReason = s.quality.reason;
        const ml::SpanProbabilities& spans = s.prediction.spans;
        for (std::size_t k = 0; k < spans.size(); ++k) l.spans.push_back({spans.startS[k], spans.endS[k], spans.score[k]});
        l.seenInTraining = leadSeenInTraining(l.name, facts.trainedLeadLabel);
        a.leads.push_back(std::move(l));
    }
    const CombinedScore combined = combineLeads(model, scored);
    a.combinedPAf = model.numClasses() > 2 ? combined.classMean[positive] : combined.score;
    a.combinedRule = scored.size() == 1 ? "one lead: its own p" : std::string(kCombinedRule) + " (" +
                                                                      std::to_string(scored.size()) + " leads)";
    a.positive = model.numClasses() > 2 ? combined.predicted == model.positiveClass()
                                        : std::isfinite(a.threshold) && a.combinedPAf >= a.threshold;

    // Rhythm from the first scored lead of good quality (else the first): the model's own R peaks
    // when it kept them (sequence runs), else the same detector on the lead prepared the same way.
    progress.report("rhythm", 0, 1);
    std::size_t r = 0;
    for (std::size_t i = 0; i < scored.size(); ++i)
        if (scored[i].quality.ok()) {
            r = i;
            break;
        }
    const std::size_t lead = static_cast<std::size_t>(scored[r].index);
    const dsp::PreprocessSettings prep = features::FeatureSettings::fromSettings(model.settings()).preprocess;
    const ml::WindowFeatures& w = scored[r].prediction.windows;
    if (model.isSequence()) {
        a.rhythm = rhythmFigures(rec.labelOf(lead), w.peakS, prep.targetFs, w.beats);
    } else {
        const ModelBeats beats = modelBeats(rec.channels[lead], rec.fsOf(lead), prep);
        a.rhythm = rhythmFigures(rec.labelOf(lead), beats.peakS, prep.targetFs, beats.windows);
    }

    addWarnings(a, {modelSpanS(model), facts.trainedLead, facts.trainedLeadLabel});
    progress.report("done", 1, 1);
    return a;
}

}  // namespace dacl::assess
