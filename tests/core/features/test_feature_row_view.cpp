// RowView, the fold's rows of the feature table read in place: indexing (order, repeats, views of
// views), bounds, slices, and the copy it gives to models that need a dense matrix.
#include "core/ml/row_view.h"

#include <QtTest>

using dacl::ml::Matrix;
using dacl::ml::RowView;

namespace {

// 6 x 3, value 10·row + column.
Matrix table() {
    Matrix m(6, 3);
    for (std::size_t r = 0; r < m.rows; ++r)
        for (std::size_t c = 0; c < m.cols; ++c) m(r, c) = static_cast<float>(10 * r + c);
    return m;
}

}  // namespace

class TestFeatureRowView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aMatrixIsViewedInPlace() {
        const Matrix m = table();
        const RowView all = m;
        QCOMPARE(all.rows(), std::size_t{6});
        QCOMPARE(all.cols(), std::size_t{3});
        for (std::size_t r = 0; r < 6; ++r) QCOMPARE(all.row(r), m.row(r));  // the same memory, not a copy
        QCOMPARE(all(4, 2), 42.0f);
        QVERIFY(RowView().empty());
    }

    void selectKeepsOrderAndRepeats() {
        const Matrix m = table();
        const RowView v = RowView(m).select({5, 1, 1, 3});
        QCOMPARE(v.rows(), std::size_t{4});
        QCOMPARE(v.row(0), m.row(5));
        QCOMPARE(v.row(1), m.row(1));
        QCOMPARE(v.row(2), m.row(1));
        QCOMPARE(v.tableRow(3), std::size_t{3});
        QCOMPARE(v.toMatrix().data, m.selectRows({5, 1, 1, 3}).data);
        QVERIFY(RowView(m).select({}).empty());
    }

    // Indices of a view's select are the view's own rows, not the table's.
    void viewsOfViewsCompose() {
        const Matrix m = table();
        const RowView v = RowView(m).select({4, 2, 0});
        const RowView w = v.select({2, 0});
        QCOMPARE(w.tableRow(0), std::size_t{0});
        QCOMPARE(w.tableRow(1), std::size_t{4});
        QCOMPARE(w(1, 1), 41.0f);
        const RowView s = v.slice(1, 3);
        QCOMPARE(s.rows(), std::size_t{2});
        QCOMPARE(s.tableRow(0), std::size_t{2});
        QCOMPARE(s.tableRow(1), std::size_t{0});
        QVERIFY(v.slice(3, 3).empty());
    }

    void outOfRangeThrows() {
        const Matrix m = table();
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, RowView(m).select({6}));
        const RowView v = RowView(m).select({0, 1});
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, v.select({2}));  // table row 2 exists, view row 2 does not
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, v.slice(1, 3));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, v.slice(2, 1));
    }

    // A view keeps its index when copied or when the view it came from goes.
    void aCopiedViewOutlivesItsParentView() {
        const Matrix m = table();
        RowView kept;
        {
            const RowView parent = RowView(m).select({3, 5});
            kept = parent.select({1});
        }
        QCOMPARE(kept.rows(), std::size_t{1});
        QCOMPARE(kept.row(0), m.row(5));
    }

    // Views made from a view ask the table's storage to let go of pages (a mapped table drops
    // them from resident memory); a view of a plain Matrix has nothing to release.
    void releaseReachesTheStorage() {
        struct Counting : dacl::ml::RowStorage {
            mutable int released = 0;
            void release() const override { ++released; }
        } storage;
        const Matrix m = table();
        const RowView all(m.data.data(), m.rows, m.cols, &storage);
        all.select({3, 1}).slice(1, 2).releasePages();
        all.releasePages();
        QCOMPARE(storage.released, 2);
        RowView(m).releasePages();
        QCOMPARE(storage.released, 2);
    }
};

QTEST_APPLESS_MAIN(TestFeatureRowView)
#include "test_feature_row_view.moc"
