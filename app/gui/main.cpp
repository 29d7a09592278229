// `dacl-studio`: the DACL Studio desktop application.
#include "core/ml/runtime_info.h"
#include "resources/app_icon.h"
#include "ui/main_window.h"
#include "ui/screenshot_tour.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/language.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    // --help and --version only print: they must work without a display (help2man, ssh).
    const bool display = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    for (int i = 1; i < argc && !display && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"); ++i)
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h") ||
            !std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setWindowIcon(dacl::resources::appIcon());  // title bar, task bar, About dialog
    QApplication::setDesktopFileName(QStringLiteral(DACL_APP_ID));  // Wayland finds the icon by it
    QApplication::setOrganizationName(QStringLiteral("DACL"));
    QApplication::setApplicationName(QStringLiteral("DACL Studio"));
    QApplication::setApplicationVersion(QStringLiteral(DACL_VERSION));
    // The screenshot tour keeps its settings, demo data and results apart from the user's.
    const bool tour = app.arguments().contains(QStringLiteral("--screenshot-tour"));
    if (tour) QApplication::setApplicationName(QStringLiteral("DACL Studio screenshot tour"));

    // The language first: everything after it (including --help) is translated.
    dacl::ui::AppSettings settings;
    dacl::ui::installLanguage(settings.language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "DACL Studio: explore ECG and its DACL representations"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOpt(QStringLiteral("data"), QCoreApplication::translate("main", "Dataset folder to open (default: the last one, or the built-in demo dataset)."), QStringLiteral("DIR"));
    QCommandLineOption threadsOpt(QStringLiteral("threads"), QCoreApplication::translate("main", "Compute threads (0 = all cores; default: the Settings value)."), QStringLiteral("N"));
    QCommandLineOption tourOpt(QStringLiteral("screenshot-tour"), QCoreApplication::translate("main", "Open the demo dataset, run a short demo job, save one PNG per view into DIR and exit."), QStringLiteral("DIR"));
    QCommandLineOption openOpt(QStringLiteral("open"), QCoreApplication::translate("main", "Recording file to open (EDF/EDF+/BDF, WFDB .hea or .mat, CSV)."), QStringLiteral("FILE"));
    parser.addPositionalArgument(QStringLiteral("file"), QCoreApplication::translate("main", "Recording file or dataset folder to open (as the desktop's Open With passes it)."), QStringLiteral("[FILE]"));
    parser.addOptions({dataOpt, threadsOpt, tourOpt, openOpt});
    parser.process(app);

    const int threads = parser.isSet(threadsOpt) ? parser.value(threadsOpt).toInt() : settings.threads();
    dacl::configureThreads(threads);
    std::printf("%s\n", dacl::describe(dacl::runtimeInfo()).c_str());
    std::fflush(stdout);

    dacl::ui::MainWindow window;
    if (tour) {
        const dacl::ui::TourResult r = dacl::ui::runScreenshotTour(window, parser.value(tourOpt));
        for (const QString& file : r.written) std::printf("wrote %s\n", qPrintable(file));
        if (!r.responsiveness.isEmpty()) std::printf("GUI thread during the demo job: %s\n", qPrintable(r.responsiveness));
        if (!r.ok) std::fprintf(stderr, "dacl-studio: screenshot tour failed: %s\n", qPrintable(r.error));
        return r.ok ? 0 : 1;
    }
    settings.restoreWindow(window);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, [&] { settings.saveWindow(window); });
    window.show();
    if (parser.isSet(openOpt))
        window.openDataset(parser.value(openOpt));
    else if (!parser.positionalArguments().isEmpty())
        window.openDataset(parser.positionalArguments().front());
    else if (parser.isSet(dataOpt))
        window.openDataset(parser.value(dataOpt));
    else
        window.restoreSession();
    return app.exec();
}
