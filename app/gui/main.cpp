// `dacl-studio`: the DACL Studio desktop application.
#include "core/ml/runtime_info.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DACL"));
    QApplication::setApplicationName(QStringLiteral("DACL Studio"));
    QApplication::setApplicationVersion(QStringLiteral(DACL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("DACL Studio: explore ECG and its DACL representations"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Dataset folder to open (default: built-in demo dataset)."), QStringLiteral("DIR"));
    QCommandLineOption threadsOpt(QStringLiteral("threads"), QStringLiteral("Compute threads (0 = all cores)."), QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({dataOpt, threadsOpt});
    parser.process(app);

    dacl::configureThreads(parser.value(threadsOpt).toInt());
    std::printf("%s\n", dacl::describe(dacl::runtimeInfo()).c_str());
    std::fflush(stdout);

    dacl::ui::MainWindow window;
    window.show();
    if (parser.isSet(dataOpt))
        window.openDataset(parser.value(dataOpt));
    else
        window.openDemoDataset();
    return app.exec();
}
