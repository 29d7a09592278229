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

    // The language first: everything after it (including --help) is translated. --language
    // overrides the Settings' choice for this session (the parser below only documents it).
    dacl::ui::AppSettings settings;
    const QString askedLanguage = dacl::ui::languageFromArguments(app.arguments());
    dacl::ui::installLanguage(askedLanguage.isEmpty() ? settings.language() : askedLanguage);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "DACL Studio: explore ECG and its DACL representations"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOpt(QStringLiteral("data"), QCoreApplication::translate("main", "Dataset folder to open (default: the last one, or the built-in demo dataset)."), QStringLiteral("DIR"));
    QCommandLineOption threadsOpt(QStringLiteral("threads"), QCoreApplication::translate("main", "Compute threads (0 = all cores; default: the Settings value)."), QStringLiteral("N"));
    QCommandLineOption tourOpt(QStringLiteral("screenshot-tour"), QCoreApplication::translate("main", "Open the demo dataset, run a short demo job, save one PNG per view into DIR and exit."), QStringLiteral("DIR"));
    QCommandLineOption openOpt(QStringLiteral("open"), QCoreApplication::translate("main", "Recording file to open (EDF/EDF+/BDF, WFDB .hea or .mat, CSV)."), QStringLiteral("FILE"));
    QCommandLineOption languageOpt(QStringLiteral("language"), QCoreApplication::translate("main", "Interface language for this session: en, de or system (default: the Settings value)."), QStringLiteral("LANG"));
    QCommandLineOption tourSizeOpt(QStringLiteral("tour-size"), QCoreApplication::translate("main", "Window size of the screenshot tour, WIDTHxHEIGHT (default 1440x900; at least 1280x800)."), QStringLiteral("WxH"));
    parser.addPositionalArgument(QStringLiteral("file"), QCoreApplication::translate("main", "Recording file or dataset folder to open (as the desktop's Open With passes it)."), QStringLiteral("[FILE]"));
    parser.addOptions({dataOpt, threadsOpt, tourOpt, openOpt, languageOpt, tourSizeOpt});
    parser.process(app);

    const int threads = parser.isSet(threadsOpt) ? parser.value(threadsOpt).toInt() : settings.threads();
    dacl::configureThreads(threads);
    std::printf("%s\n", dacl::describe(dacl::runtimeInfo()).c_str());
    std::fflush(stdout);

    dacl::ui::MainWindow window;
    if (tour) {
        QSize size(1440, 900);
        if (parser.isSet(tourSizeOpt)) {
            const QStringList wh = parser.value(tourSizeOpt).split(QLatin1Char('x'));
            size = wh.size() == 2 ? QSize(wh[0].toInt(), wh[1].toInt()) : QSize();
            if (size.width() < 1280 || size.height() < 800) {
                std::fprintf(stderr, "dacl-studio: --tour-size %s: give WIDTHxHEIGHT of at least 1280x800\n",
                             qPrintable(parser.value(tourSizeOpt)));
                return 2;
            }
        }
        const dacl::ui::TourResult r = dacl::ui::runScreenshotTour(window, parser.value(tourOpt), size);
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
