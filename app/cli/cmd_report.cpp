// `dacl report --db FILE --run ID --output report.pdf|report.html [--record NAME] [--data DIR]`:
// the same report as the desktop's "Export report…", headless. Only this command starts Qt (a
// QApplication on the offscreen platform when there is no display); every other command stays
// Qt-free at run time.
#include "app/cli/commands.h"

#ifdef DACL_HAVE_REPORT
#include "core/common/progress.h"
#include "core/store/results_store.h"
#include "ui/report/report_data.h"
#include "ui/report/report_writer.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#endif

#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

namespace dacl::cli {

#ifdef DACL_HAVE_REPORT
namespace {

struct ReportArgs {
    std::string db, output, record, data;
    std::int64_t run = 0;
    int tsneIterations = 1000;
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

void runReport(const ReportArgs& a) {
    const QString output = QString::fromStdString(a.output);
    const QString suffix = QFileInfo(output).suffix().toLower();
    if (suffix != QLatin1String("pdf") && suffix != QLatin1String("html") && suffix != QLatin1String("htm"))
        throw std::runtime_error(a.output + ": the report file must end in .pdf, .html or .htm");
    {
        // Fail before any work when the output cannot be written.
        QFile probe(output);
        const bool existed = probe.exists();
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Append))
            throw std::runtime_error(a.output + ": cannot write the report (" + probe.errorString().toStdString() + ")");
        probe.close();
        if (!existed) probe.remove();
    }
    store::OpenOptions options;
    options.create = false;
    store::ResultsStore st(a.db, options);
    if (!st.findRun(a.run)) throw std::runtime_error(a.db + ": no run with id " + std::to_string(a.run));

    // The figures are Qt widgets: they need a QApplication, which needs a platform plugin.
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
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
    auto* cmd = app.add_subcommand("report", "Report of a run as PDF or self-contained HTML (metrics, curves, t-SNE, ECG)");
#ifdef DACL_HAVE_REPORT
    auto a = std::make_shared<ReportArgs>();
    cmd->add_option("--db", a->db, "Results file")->required();
    cmd->add_option("--run", a->run, "Run id")->required();
    cmd->add_option("--output", a->output, "report.pdf or report.html")->required();
    cmd->add_option("--record", a->record, "Record for the ECG strip (default: the positive test record with the highest probability)");
    cmd->add_option("--data", a->data, "Dataset folder (default: the folder the run was trained on)");
    cmd->add_option("--tsne-iterations", a->tsneIterations, "t-SNE iterations of the embedding map")->check(CLI::Range(250, 100000));
    cmd->callback([a] { runReport(*a); });
#else
    cmd->callback([] { throw std::runtime_error("this dacl was built without the Qt GUI (DACL_BUILD_GUI=OFF): no reports"); });
#endif
}

}  // namespace dacl::cli
