// CSV fields: names from files and users may hold , " CR or LF; a row written with csvField reads
// back into the same fields with an RFC 4180 reader (as spreadsheets and pandas read it), and
// plain fields stay unquoted so that existing outputs do not change.
#include "core/common/csv.h"

#include <QtTest>

#include <string>
#include <vector>

namespace {

// A strict RFC 4180 reader for one record (the test's independent check).
std::vector<std::string> readRow(const std::string& row) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const char c = row[i];
        if (quoted) {
            if (c == '"' && i + 1 < row.size() && row[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\r' || c == '\n') {
            break;  // end of the record
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

}  // namespace

class TestCsvField : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainFieldsStayAsTheyAre() {
        QCOMPARE(dacl::csvField("A00001"), std::string("A00001"));
        QCOMPARE(dacl::csvField(""), std::string());
        QCOMPARE(dacl::csvField("0.25 mV; lead II"), std::string("0.25 mV; lead II"));
    }

    void awkwardNamesReadBackUnchanged() {
        const std::vector<std::string> names = {"a,b", "say \"AF\"", "two\nlines", "carriage\rreturn", "\r\n", "\"", ","};
        std::string row;
        for (const auto& n : names) row += (row.empty() ? "" : ",") + dacl::csvField(n);
        row += "\r\n";
        QCOMPARE(readRow(row), names);
        QCOMPARE(dacl::csvField("carriage\rreturn"), std::string("\"carriage\rreturn\""));
    }
};

QTEST_APPLESS_MAIN(TestCsvField)
#include "test_csv_field.moc"
