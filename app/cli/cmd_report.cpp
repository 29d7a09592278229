// `dacl report --db FILE --run ID --output report.pdf|report.html [--record NAME] [--data DIR]`:
// the same report as the desktop's "Export report…", headless.
// `dacl report --db FILE [--run ID | --task T] --input RECORDING --output patient.pdf [--lead L]
// [--set predict.k=v]`: the one-page patient report of one recording file (in a dataset or not),
// from the single-recording assessment (core/assess) and ui/report/patient_report.h.
// Only this command starts Qt (on the offscreen platform when there is no display: a
// QApplication for the run report's widget figures, a QGuiApplication for the patient report);
// every other command stays Qt-free at run time.
#include "app/cli/assess_options.h"
#include "app/cli/commands.h"

#ifdef DACL_HAVE_REPORT
#include "core/common/progress.h"
#include "core/assess/assessment.h"
#include "core/ml/runtime_info.h"
#include "core/store/results_store.h"
#include "ui/report/patient_report.h"
#include "ui/report/report_data.h"
#include "ui/report/report_writer.h"

#include <QApplication>
#include <QGuiApplication>
#include <QFile>
#include <QFileInfo>
#endif

#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::cli {

#ifdef DACL_HAVE_REPORT
namespace {

struct ReportArgs {
    std::string db, output, record, data;
    std::int64_t run = 0;
    int tsneIterations = 1000;
    // Patient report of one recording file:
    std::string input, lead, task = "af_vs_rest";
    std::vector<std::string> settings;
};

class StderrStages final : public ProgressSink {
public:
    void report(const std::string& stage, std::size_t, std::size_t) override {
        if (stage == last_) return;
        last_ = stage;
        std::cerr << "report: " << stage << "\n";
    }

private:
    std::string last_;
};

// Qt needs a platform plugin even to draw into a file.
void headlessPlatform() {
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
}

// Fails before any work when `output` cannot be written (and leaves no empty file behind).
void requireWritable(const std::string& output) {
    QFile probe(QString::fromStdString(output));
    const bool existed = probe.exists();
    if (!probe.open(QIODevice::WriteOnly | QIODevice::Append))
        throw std::runtime_error(output + ": cannot write the report (" + probe.errorString().toStdString() + ")");
    probe.close();
    if (!existed) probe.remove();
}

void runPatientReport(const ReportArgs& a) {
    const QString output = QString::fromStdString(a.output);
    if (QFileInfo(output).suffix().toLower() != QLatin1String("pdf"))
        throw std::runtime_error(a.output + ": the patient report file must end in .pdf");
    requireWritable(a.output);  // before the assessment: a day-long file takes a while
    configureThreads(0);  // every core, and the allocator and BLAS set up as `dacl assess` has them
    StderrStages progress;
    const assess::Assessment result =
        assess::assessRecording(a.input, assessOptions(a.db, a.run, a.task, a.lead, a.settings), &progress);
    headlessPlatform();
    static int argc = 1;
    static char name[] = "dacl";
    static char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    ui::writePatientReport(result, output);
    std::cerr << "Wrote the patient report of " << result.recordName << " (run " << result.run.runId << ") to " << a.output
              << "\n";
}

void runReport(const ReportArgs& a) {
    if (!a.input.empty()) return runPatientReport(a);
    if (a.run <= 0) throw std::runtime_error("--run is required for the report of a run (or give --input for a patient report)");
    const QString output = QString::fromStdString(a.output);
    const QString suffix = QFileInfo(output).suffix().toLower();
    if (suffix != QLatin1String("pdf") && suffix != QLatin1String("html") && suffix != QLatin1String("htm"))
        throw std::runtime_error(a.output + ": the report file must end in .pdf, .html or .htm");
    requireWritable(a.output);
    store::OpenOptions options;
    options.create = false;
    store::ResultsStore st(a.db, options);
    if (!st.findRun(a.run)) throw std::runtime_error(a.db + ": no run with id " + std::to_string(a.run));

    // The figures are Qt widgets: they need a QApplication, which needs a platform plugin.
    headlessPlatform();
    static int argc = 1;
    static char name[] = "dacl";
    static char* argv[] = {name, nullptr};
    QApplication app(argc, argv);

    ui::ReportOptions o;
    o.recordName = a.record;
    o.dataDir = a.data;
    o.tsneIterations = a.tsneIterations;
    StderrStages progress;
    const ui::ReportData data = ui::loadReportData(st, a.run, o, progress);
    ui::writeReport(data, output);
    std::cerr << "Wrote the report of run " << a.run << " to " << a.output << "\n";
}

}  // namespace
#endif

void registerReportCommands(CLI::App& app) {
    auto* cmd = app.add_subcommand("report", "Report of a run as PDF or self-contained HTML (metrics, curves, t-SNE, ECG), "
                                             "or with --input the one-page patient report of a recording file");
#ifdef DACL_HAVE_REPORT
    auto a = std::make_shared<ReportArgs>();
    cmd->add_option("--db", a->db, "Results file")->required();
    cmd->add_option("--run", a->run, "Run id (with --input: default the best finished run of --task)");
    cmd->add_option("--output", a->output, "report.pdf or report.html (patient report: patient.pdf)")->required();
    cmd->add_option("--input", a->input, "Recording file (WFDB, MAT, EDF/BDF, CSV): write its one-page patient report");
    cmd->add_option("--lead", a->lead, "Patient report: only this lead (0-based index or label; default every ECG lead)");
    cmd->add_option("--task", a->task, "Patient report: task of the best run when --run is not given")->capture_default_str();
    cmd->add_option("--set", a->settings, "Patient report: prediction setting key=value (predict.span_s, predict.hop_s, ...)");
    cmd->add_option("--record", a->record, "Record for the ECG strip (default: the positive test record with the highest probability)");
    cmd->add_option("--data", a->data, "Dataset folder (default: the folder the run was trained on)");
    cmd->add_option("--tsne-iterations", a->tsneIterations, "t-SNE iterations of the embedding map")->check(CLI::Range(250, 100000));
    cmd->callback([a] { runReport(*a); });
#else
    cmd->callback([] { throw std::runtime_error("this dacl was built without the Qt GUI (DACL_BUILD_GUI=OFF): no reports"); });
#endif
}

}  // namespace dacl::cli
