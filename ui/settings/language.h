#pragma once
// Loads the interface language: DACL Studio's own translation (compiled into the program as
// :/i18n/dacl_studio_<lang>.qm) and Qt's translation of its standard dialogs and buttons
// (qtbase_<lang>.qm from QLibraryInfo::TranslationsPath, where the system has it installed).
//
// Widgets take their texts when they are built, so a language chosen in the settings applies to
// windows created afterwards (the app asks for a restart).
#include <QString>
#include <QStringList>

namespace dacl::ui {

struct LanguageStatus {
    QString language;     // what was asked ("system", "en", "de")
    QString locale;       // the locale used ("de_DE", "en_US", ...)
    bool appTranslation;  // DACL Studio's .qm was loaded
    bool qtTranslation;   // Qt's own qtbase .qm was loaded
};

// Replaces the translators an earlier call installed. "system" follows the user's locale;
// English is the source language, so "en" (and any language without a translation, or the C
// locale) loads dacl_studio_en, which holds only the plural forms. Also makes the locale the default one (number formats).
LanguageStatus installLanguage(const QString& language);

// The language asked for on the command line ("--language de" or "--language=de"), for this
// session only; "" when none was asked for.
QString languageFromArguments(const QStringList& arguments);

// The resource path of a shipped translation (for tests): ":/i18n/dacl_studio_de.qm".
QString translationResource(const QString& languageCode);

// "English", "Deutsch": each language in its own name, for the settings.
QString nativeLanguageName(const QString& languageCode);

}  // namespace dacl::ui
