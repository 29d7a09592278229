// `dacl predict --db FILE --run ID --input PATH... --output FILE.csv [--lead K]`: the final model
// of a pipeline run applied to recordings: WFDB, EDF/BDF or CSV files, record names or folders (any
// sampling rate: resampled to the run's rate; by default every ECG-labelled lead, see lead_choice.h).
//
// Output (a stable interface; columns are only ever appended):
//   FILE.csv          record,lead,start_s,end_s,p            one row per span (the probability over
//                     time: predict.span_s spans every predict.hop_s; repr = pooled: the evaluation windows)
//   FILE.summary.csv  record,lead,duration_s,windows,p,predicted,predicted_class,quality,quality_reason
//                     (windows = spans; quality: ok, too_short, flat, noisy or not_ecg, see dsp/signal_quality.h)
// A record with several leads gets one more summary row, lead "combined": the mean of its leads' p
// (assess::combineLeads, shared with the single-recording assessment).
// p is the probability of the task's positive class (challenge4: of AF, class A, as the
// pipeline's stored predictions). For challenge4 both files append p_N,p_A,p_O,p_noisy.
// A record's p in the summary is the pipeline's record score: the mean over its 30.72-s spans,
// fused with the rhythm-feature booster when the run has rhythm fusion (span p are fused with the
// rhythm features of their own beats unless predict.span_fusion=false);
// `predicted` is 1 when p >= the validation threshold stored with the run (final_threshold),
// for challenge4 the class code of the largest mean class probability times its class weight
// (fitted on the final model's validation records, pipeline/class_decision.h).
// Leads are 0-based. A record that cannot be read is skipped with the file and the reason.
//
// `dacl bench run-model --db FILE --run ID --data DIR [--records N]`: what the final model costs
// per record and per window in predict and in the desktop's latent and diffusion views.
#include "app/cli/cli_format.h"
#include "app/cli/commands.h"
#include "core/common/csv.h"
#include "app/cli/terminal_progress.h"
#include "core/common/json_text.h"
#include "core/dsp/signal_quality.h"
#include "core/common/error.h"
#include "core/data/dataset.h"
#include "core/data/record_file.h"
#include "core/data/signal_reader.h"
#include "core/data/wfdb_header.h"
#include "core/assess/lead_scoring.h"
#include "core/pipeline/latent_views.h"
#include "core/pipeline/run_model.h"
#include "core/ml/runtime_info.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

namespace dacl::cli {

namespace {

namespace fs = std::filesystem;

struct Input {
    std::string header;  // .hea path
    std::string name;    // record name for messages before the header is read
};

struct Scored {
    std::string record;
    double durationS = 0;
    std::vector<assess::ScoredLead> leads;  // each with its quality: a flat, noisy or non-ECG lead is flagged
    std::string skipped;  // non-empty: why the record was skipped (with its file)
};

// Every input as a list of record headers; folders through Dataset (bad records reported there).
std::vector<Input> expandInputs(const std::vector<std::string>& paths, ProgressSink& progress, int& skipped) {
    std::vector<Input> out;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            try {
                DatasetOptions options;
                options.requireRecords = false;
                const Dataset d = Dataset::open(p, options);
                for (const auto& s : d.skipped()) {
                    progress.log("skipped " + s.file + ": " + s.reason);
                    ++skipped;
                }
                for (const auto& r : d.records()) out.push_back({r.headerPath, r.name});
            } catch (const std::exception& e) {
                progress.log(std::string("skipped ") + e.what());
                ++skipped;
            }
            continue;
        }
        // One recording file (WFDB .hea/.mat/.dat, EDF/BDF, CSV) or a record base name.
        std::string header;
        try {
            header = recordFilePath(p);
        } catch (const InputError& e) {
            progress.log(std::string("skipped ") + e.what());
            ++skipped;
            continue;
        }
        out.push_back({header, fs::path(header).stem().string()});
    }
    return out;
}

std::string num(double v, const char* format = "%.7g") {
    char buf[48];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string summaryPath(const std::string& output) {
    fs::path p(output);
    if (p.extension() == ".csv") return (p.parent_path() / (p.stem().string() + ".summary.csv")).string();
    return output + ".summary.csv";
}

// CSV column suffixes of the challenge4 classes ('~' spelled out).
const std::vector<std::string>& challengeColumns() {
    static const std::vector<std::string> c = {"p_N", "p_A", "p_O", "p_noisy"};
    return c;
}

Scored scoreRecord(const ml::RunModel& model, const Input& in, int lead) {
    Scored s;
    s.record = in.name;
    try {
        const Recording rec = readRecordFile(in.header);
        s.record = rec.name.empty() ? in.name : rec.name;
        s.durationS = rec.durationS();
        s.leads = assess::scoreLeads(model, rec, assess::leadsToScore(rec, lead, in.header));
    } catch (const InputError& e) {
        s.skipped = e.what();
    } catch (const std::exception& e) {
        s.skipped = in.header + ": " + e.what();
    }
    return s;
}

void run(const std::string& db, std::int64_t runId, const std::vector<std::string>& inputs, const std::string& output,
         int lead, int threads, const std::vector<std::string>& predictSettings) {
    TerminalProgress progress;
    const auto t0 = std::chrono::steady_clock::now();
    // Records are scored in parallel; each model call is a handful of windows, for which
    // LibTorch's intra-op threads only add synchronisation (measured with `dacl bench run-model`:
    // 10 ms/record with 1 thread, 100-600 ms/record with 2 on a loaded 2-core machine).
    configureThreads(1);
    progress.report("loading model", 0, 1);
    ml::RunModel model = ml::RunModel::load(db, runId);
    for (const std::string& a : predictSettings) model.setPredictSetting(a);
    const bool challenge = model.numClasses() > 2;
    progress.log("run " + std::to_string(runId) + " (" + model.task() + "), records resampled to " +
                 num(model.sampleRate(), "%g") + " Hz" +
                 (challenge ? std::string() : ", threshold " + num(model.threshold(), "%.4f") + " (validation, Youden)"));

    int skipped = 0;
    const std::vector<Input> records = expandInputs(inputs, progress, skipped);

    std::ofstream windowsOut(output), summaryOut(summaryPath(output));
    if (!windowsOut) throw std::runtime_error(output + ": cannot write");
    if (!summaryOut) throw std::runtime_error(summaryPath(output) + ": cannot write");

    // Records in parallel (feature extraction dominates; model calls are serialised inside).
    std::vector<Scored> scored(records.size());
    std::atomic<std::size_t> next{0}, done{0};
    const int workers = std::max(1, std::min<int>(threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency()),
                                                   static_cast<int>(std::max<std::size_t>(records.size(), 1))));
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w)
        pool.emplace_back([&] {
            for (std::size_t k; (k = next++) < records.size();) {
                scored[k] = scoreRecord(model, records[k], lead);
                ++done;
            }
        });
    while (done < records.size()) {
        progress.report("predict", done, records.size());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto& t : pool) t.join();
    progress.report("predict", records.size(), records.size());

    windowsOut << "record,lead,start_s,end_s,p";
    summaryOut << "record,lead,duration_s,windows,p";
    if (challenge)
        for (const auto& c : challengeColumns()) {
            windowsOut << ',' << c;
            summaryOut << ',' << c;
        }
    summaryOut << ",predicted,predicted_class,quality,quality_reason\n";
    windowsOut << '\n';
    int ok = 0;
    std::size_t windows = 0;
    for (const Scored& s : scored) {
        if (!s.skipped.empty()) {
            progress.log("skipped " + s.skipped);
            ++skipped;
            continue;
        }
        ++ok;
        for (const assess::ScoredLead& lead : s.leads) {
            const ml::RecordPrediction& p = lead.prediction;
            const dsp::SignalQuality& q = lead.quality;
            const std::string head = csvField(s.record) + ',' + std::to_string(lead.index);
            const ml::SpanProbabilities& spans = p.spans;
            for (std::size_t w = 0; w < spans.size(); ++w) {
                windowsOut << head << ',' << num(spans.startS[w], "%.3f") << ',' << num(spans.endS[w], "%.3f") << ','
                           << num(spans.score[w]);
                if (challenge)
                    for (std::size_t c = 0; c < spans.proba.cols; ++c) windowsOut << ',' << num(spans.proba(w, c));
                windowsOut << '\n';
            }
            windows += spans.size();
            summaryOut << head << ',' << num(s.durationS, "%.3f") << ',' << spans.size() << ',' << num(p.score);
            if (challenge)
                for (double v : p.classMean) summaryOut << ',' << num(v);
            summaryOut << ',' << p.predicted << ',' << csvField(model.classNames()[static_cast<std::size_t>(p.predicted)])
                       << ',' << dsp::toString(q.verdict) << ',' << csvField(q.reason) << '\n';
        }
        // Several leads: one more row, lead "combined" (assess::combineLeads, the one rule).
        if (s.leads.size() > 1) {
            const assess::CombinedScore c = assess::combineLeads(model, s.leads);
            summaryOut << csvField(s.record) << ",combined," << num(s.durationS, "%.3f") << ',' << c.spans << ','
                       << num(c.score);
            if (challenge)
                for (double v : c.classMean) summaryOut << ',' << num(v);
            summaryOut << ',' << c.predicted << ',' << csvField(model.classNames()[static_cast<std::size_t>(c.predicted)])
                       << ',' << (c.flagged ? dsp::toString(c.flagged->verdict) : "ok") << ','
                       << csvField(c.flagged ? c.flagged->reason : "") << '\n';
        }
    }
    windowsOut.close();
    summaryOut.close();
    if (!windowsOut || !summaryOut) throw std::runtime_error(output + ": write failed (disk full?)");
    progress.finish();
    if (ok == 0) {
        std::error_code ec;
        fs::remove(output, ec);
        fs::remove(summaryPath(output), ec);
        throw std::runtime_error("no record could be scored (" + std::to_string(skipped) + " skipped; see the messages above)");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress.log("scored " + std::to_string(ok) + " records (" + std::to_string(windows) + " windows) in " +
                 num(seconds, "%.1f") + " s; " + std::to_string(skipped) + " skipped; wrote " + output + " and " +
                 summaryPath(output));
}

// Times each step on the first `records` readable records of a dataset (one thread unless the
// step is parallel itself: the projection uses the cores).
void benchRunModel(const std::string& db, std::int64_t runId, const std::string& data, std::size_t records,
                   int threads, bool json) {
    configureThreads(threads);
    auto t0 = std::chrono::steady_clock::now();
    const ml::RunModel model = ml::RunModel::load(db, runId);
    const double loadS = secondsSince(t0);
    const Dataset dataset = Dataset::open(data);
    const std::size_t n = std::min(records, dataset.size());
    if (n == 0) throw std::runtime_error(data + ": no records");
    std::vector<std::shared_ptr<const Recording>> recs;
    for (std::size_t i = 0; i < n; ++i) recs.push_back(dataset.signal(i));

    model.windowFeatures(*recs.front(), model.defaultLead());  // first use plans the FFTs: not timed
    double featuresS = 0, modelS = 0, latentS = 0;
    std::size_t windows = 0;
    for (const auto& r : recs) {
        t0 = std::chrono::steady_clock::now();
        const ml::WindowFeatures w = model.windowFeatures(*r, model.defaultLead());
        featuresS += secondsSince(t0);
        windows += w.size();
        t0 = std::chrono::steady_clock::now();
        model.windowProbabilities(w.features);
        modelS += secondsSince(t0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        t0 = std::chrono::steady_clock::now();
        ml::computeRecordLatent(model, dataset, i);
        latentS += secondsSince(t0);
    }
    const std::size_t walks = model.isSequence() ? 0 : std::min<std::size_t>(n, 5);  // pooled windows only
    t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < walks; ++i) ml::computeDiffusionWalk(model, dataset, i, 0, model.scheduleKind());
    const double walkS = walks ? secondsSince(t0) / static_cast<double>(walks) : 0.0;
    std::atomic<bool> cancel{false};
    t0 = std::chrono::steady_clock::now();
    const ml::LatentProjection projection = ml::computeLatentProjection(model, dataset, cancel);
    const double projectionS = secondsSince(t0);

    const nlohmann::json j{{"run_id", runId},
                           {"records", n},
                           {"windows", windows},
                           {"latent_dim", model.latentDim()},
                           {"timesteps", model.timesteps()},
                           {"load_s", loadS},
                           {"features_ms_per_record", 1e3 * featuresS / static_cast<double>(n)},
                           {"probabilities_ms_per_record", 1e3 * modelS / static_cast<double>(n)},
                           {"record_latent_ms_per_record", 1e3 * latentS / static_cast<double>(n)},
                           {"diffusion_walk_ms_per_window", 1e3 * walkS},
                           {"projection_records", projection.size()},
                           {"projection_s", projectionS}};
    if (json) {
        std::cout << dacl::jsonText(j) << std::endl;
        return;
    }
    std::printf("run %lld: d = %d, T = %d, %zu records, %zu windows\n", static_cast<long long>(runId), model.latentDim(),
                model.timesteps(), n, windows);
    std::printf("  load model                  %8.3f s\n", loadS);
    std::printf("  window features             %8.1f ms/record\n", j["features_ms_per_record"].get<double>());
    std::printf("  VAE + encoder + probe       %8.1f ms/record\n", j["probabilities_ms_per_record"].get<double>());
    std::printf("  latent view, one record     %8.1f ms\n", j["record_latent_ms_per_record"].get<double>());
    std::printf("  diffusion view, one window  %8.1f ms (every t = 0..T)\n", 1e3 * walkS);
    std::printf("  projection of %zu records   %8.2f s\n", projection.size(), projectionS);
}

}  // namespace

void registerPredictCommands(CLI::App& app) {
    auto* cmd = app.add_subcommand("predict", "Apply the final model of a run to WFDB records (any sampling rate)");
    auto db = std::make_shared<std::string>();
    auto runId = std::make_shared<std::int64_t>(0);
    auto inputs = std::make_shared<std::vector<std::string>>();
    auto output = std::make_shared<std::string>();
    auto lead = std::make_shared<int>(-1);
    auto threads = std::make_shared<int>(0);
    cmd->add_option("--db", *db, "SQLite results file")->required();
    cmd->add_option("--run", *runId, "Run id (see `dacl runs list`)")->required();
    cmd->add_option("--input", *inputs,
                    "Recording files (WFDB .hea/.mat, EDF/BDF, CSV with '# fs='), record base names, or folders of records")
        ->required()
        ->expected(1, -1);
    cmd->add_option("--output", *output, "Window CSV; the per-record summary goes to <name>.summary.csv")->required();
    cmd->add_option("--lead", *lead, "Only this lead (0-based); default: every lead");
    cmd->add_option("--threads", *threads, "Records scored in parallel (0 = all cores)")
        ->capture_default_str()
        ->check(CLI::Range(0, 1024));
    auto predictSettings = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--set", *predictSettings,
                    "Prediction setting key=value: predict.span_s (10), predict.hop_s (5), predict.span_fusion (true: each "
                    "span fused with the rhythm features of its own beats)");
    cmd->callback([=] {
        if (*lead < -1) throw std::invalid_argument("--lead must be 0 or more");
        run(*db, *runId, *inputs, *output, *lead, *threads, *predictSettings);
    });

    CLI::App* b = app.get_subcommand("bench")->add_subcommand(
        "run-model", "Final model of a run: cost per record (predict) and per window (latent and diffusion views)");
    auto data = std::make_shared<std::string>();
    auto records = std::make_shared<std::size_t>(50);
    auto bThreads = std::make_shared<int>(1);
    auto json = std::make_shared<bool>(false);
    b->add_option("--db", *db, "SQLite results file")->required();
    b->add_option("--run", *runId, "Run id")->required();
    b->add_option("--data", *data, "Dataset folder")->required();
    b->add_option("--records", *records, "Records to time (the projection uses the whole dataset)")->capture_default_str();
    b->add_option("--threads", *bThreads, "LibTorch threads")->capture_default_str();
    b->add_flag("--json", *json, "One JSON object on stdout");
    b->callback([=] { benchRunModel(*db, *runId, *data, *records, *bThreads, *json); });
}

}  // namespace dacl::cli
