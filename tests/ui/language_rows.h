#pragma once
// Data rows for a UI test that runs once per interface language: column "language", rows "en" and
// "de" (German has the longest texts).
#include <QtTest>

namespace dacl::testing {

inline void addLanguageRows() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
}

}  // namespace dacl::testing
