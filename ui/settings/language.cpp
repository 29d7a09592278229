#include "ui/settings/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace dacl::ui {

namespace {

struct Installed {
    std::unique_ptr<QTranslator> app, qt;
};

Installed& installed() {
    static Installed i;
    return i;
}

QLocale localeFor(const QString& language) {
    if (language == QLatin1String("system")) return QLocale::system();
    return QLocale(language);
}

}  // namespace

QString languageFromArguments(const QStringList& arguments) {
    const QString option = QStringLiteral("--language");
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == option && i + 1 < arguments.size()) return arguments[i + 1];
        if (arguments[i].startsWith(option + QLatin1Char('='))) return arguments[i].mid(option.size() + 1);
    }
    return {};
}

QString translationResource(const QString& languageCode) {
    return QStringLiteral(":/i18n/dacl_studio_%1.qm").arg(languageCode);
}

QString nativeLanguageName(const QString& languageCode) {
    const QLocale locale(languageCode);
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty()) name[0] = name[0].toUpper();  // "deutsch" in some CLDR versions
    return name;
}

LanguageStatus installLanguage(const QString& language) {
    Installed& in = installed();
    for (auto* t : {in.app.get(), in.qt.get()})
        if (t) QCoreApplication::removeTranslator(t);
    in.app.reset();
    in.qt.reset();

    const QLocale locale = localeFor(language);
    QLocale::setDefault(locale);
    LanguageStatus status{language, locale.name(), false, false};

    auto app = std::make_unique<QTranslator>();
    // Tries dacl_studio_de_DE, dacl_studio_de, ... for each of the locale's UI languages; a
    // language without a translation (or the C locale) gets English, for its plural forms.
    if (app->load(locale, QStringLiteral("dacl_studio"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        app->load(translationResource(QStringLiteral("en")))) {
        QCoreApplication::installTranslator(app.get());
        in.app = std::move(app);
        status.appTranslation = true;
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        in.qt = std::move(qt);
        status.qtTranslation = true;
    }
    return status;
}

}  // namespace dacl::ui
