#pragma once
// A list of records that a view drilled down to (the points selected on the embedding map, the
// records of one confusion-matrix cell): record, label, prediction and probability, exported as
// CSV; double-click or Enter on a row asks for that record's ECG (recordActivated).
#include <QString>
#include <QVector>
#include <QWidget>

#include <limits>

class QLabel;
class QPushButton;
class QTableWidget;

namespace dacl::ui {

struct RecordListRow {
    QString record;
    QString label;      // empty: unknown
    QString predicted;  // empty: unknown
    double probability = std::numeric_limits<double>::quiet_NaN();  // NaN: unknown
};

class RecordListPanel : public QWidget {
    Q_OBJECT
public:
    explicit RecordListPanel(QWidget* parent = nullptr);

    // `title` says where the rows come from ("12 selected records", "FN at threshold 0.42").
    void setRows(const QString& title, QVector<RecordListRow> rows);
    void clear();
    const QVector<RecordListRow>& rows() const { return rows_; }
    QString title() const;
    QTableWidget* table() const { return table_; }

    // Writes record,label,predicted,probability; false (and *error naming the file) on failure.
    bool exportCsv(const QString& path, QString* error = nullptr) const;

Q_SIGNALS:
    void recordActivated(const QString& record);

private:
    void exportInteractive();

    QVector<RecordListRow> rows_;
    QLabel* title_;
    QTableWidget* table_;
    QPushButton* exportButton_;
};

}  // namespace dacl::ui
