// The embedding view's lasso, driven with the mouse as a user draws it: a free-form, non-convex
// outline selects exactly the points inside it (not those of its bounding box), the outline is
// drawn while dragging and goes when the button is released, the records reach the list beside
// the map, and the rectangle stays available (Shift adds to a selection).
#include "ui/views/embedding_view.h"

#include "ui/plots/custom_plot.h"
#include "ui/views/record_list_panel.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using dacl::ui::EmbeddingPoint;
using dacl::ui::EmbeddingView;

namespace {

constexpr int kGrid = 9;  // points on a 9 × 9 grid at integer coordinates 0..8

QString recordAt(int x, int y) { return QStringLiteral("R%1_%2").arg(x).arg(y); }

// A map of kGrid² records laid out on the grid; the embedding is the position itself (2-D).
void showGrid(EmbeddingView& view) {
    std::vector<EmbeddingPoint> pts;
    std::vector<double> values;
    for (int y = 0; y < kGrid; ++y)
        for (int x = 0; x < kGrid; ++x) {
            EmbeddingPoint p;
            p.record = recordAt(x, y);
            p.label = (x + y) % 4;
            p.predicted = p.label;
            p.probability = 0.5;
            pts.push_back(p);
            values.push_back(x);
            values.push_back(y);
        }
    view.setAutoRun(false);
    view.setEmbeddings(pts, 2, values, {"N", "A", "O", "~"});
    view.setLayout(values);
}

QPoint pixel(const EmbeddingView& view, QPointF plot) {
    return QPointF(view.plot()->xAxis->coordToPixel(plot.x()), view.plot()->yAxis->coordToPixel(plot.y())).toPoint();
}

// Curves of the plot that hold data: the lasso outline is the only QCPCurve of the map.
int drawnOutlines(const EmbeddingView& view) {
    int n = 0;
    for (int i = 0; i < view.plot()->plottableCount(); ++i)
        if (auto* c = qobject_cast<QCPCurve*>(view.plot()->plottable(i)); c && c->visible() && c->dataCount() > 0) ++n;
    return n;
}

// Drags the left button along `outline` (plot coordinates), moving every few pixels as a hand
// does, and releases on its first vertex. Returns how many outlines were drawn halfway.
int dragOutline(EmbeddingView& view, const QPolygonF& outline, Qt::KeyboardModifiers modifiers = {}) {
    QTest::mousePress(view.plot(), Qt::LeftButton, modifiers, pixel(view, outline.first()));
    int halfway = -1;
    for (int i = 1; i <= outline.size(); ++i) {
        const QPointF a = outline[i - 1], b = outline[i % outline.size()];
        for (int s = 1; s <= 8; ++s) QTest::mouseMove(view.plot(), pixel(view, a + (b - a) * s / 8.0));
        if (i == outline.size() / 2) halfway = drawnOutlines(view);
    }
    QTest::mouseRelease(view.plot(), Qt::LeftButton, modifiers, pixel(view, outline.first()));
    return halfway;
}

// The grid on screen with the Select tool on, as a user starts a selection.
bool showForSelecting(EmbeddingView& view) {
    view.resize(1100, 700);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return false;
    showGrid(view);
    view.plot()->replot();
    view.setSelectMode(true);
    return true;
}

}  // namespace

class TestEmbeddingLasso : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lassoSelectsInsideTheOutlineOnly() {
        EmbeddingView view;
        QVERIFY(showForSelecting(view));

        // An L: the bottom three rows and the left three columns. Its bounding box is the whole
        // grid; the upper right block (x, y >= 3) lies inside the box but outside the outline.
        const QPolygonF ell({{-0.5, -0.5}, {8.5, -0.5}, {8.5, 2.5}, {2.5, 2.5}, {2.5, 8.5}, {-0.5, 8.5}});
        QSignalSpy selection(&view, &EmbeddingView::selectionChanged);
        const int halfway = dragOutline(view, ell);
        QCOMPARE(halfway, 1);                // the outline follows the mouse while dragging
        QCOMPARE(drawnOutlines(view), 0);    // ... and goes with the release
        QCOMPARE(selection.count(), 1);

        QStringList expected;  // in point order (row by row)
        for (int y = 0; y < kGrid; ++y)
            for (int x = 0; x < kGrid; ++x)
                if (x <= 2 || y <= 2) expected << recordAt(x, y);
        QCOMPARE(expected.size(), 45);
        QCOMPARE(selection.first().first().toStringList(), expected);
        QCOMPARE(view.selectedRecords(), expected);
        QVERIFY(!view.selectedRecords().contains(recordAt(5, 5)));  // in the box, not in the lasso
        QVERIFY(!view.selectedRecords().contains(recordAt(3, 3)));
        QVERIFY(view.selectedRecords().contains(recordAt(8, 0)));
        QVERIFY(view.selectedRecords().contains(recordAt(0, 8)));

        // The records reach the list beside the map.
        QVERIFY(view.selectionList()->isVisible());
        QStringList listed;
        for (const auto& row : view.selectionList()->rows()) listed << row.record;
        QCOMPARE(listed, expected);

        // A click (no outline) still opens the point under it rather than selecting.
        QSignalSpy activated(&view, &EmbeddingView::recordActivated);
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, pixel(view, {6, 6}));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), recordAt(6, 6));
        QCOMPARE(view.selectedRecords(), expected);
    }

    // The rectangle stays a choice; Shift adds a second outline to the selection.
    void rectangleAndShiftAdd() {
        EmbeddingView view;
        QVERIFY(showForSelecting(view));
        QCOMPARE(view.selectShape(), EmbeddingView::SelectShape::Lasso);

        // A triangle over the lower left corner: x + y <= 2 (six points)...
        dragOutline(view, QPolygonF({{-0.5, -0.5}, {3.2, -0.5}, {-0.5, 3.2}}));
        QCOMPARE(view.selectedRecords(), (QStringList{recordAt(0, 0), recordAt(1, 0), recordAt(2, 0), recordAt(0, 1),
                                                      recordAt(1, 1), recordAt(0, 2)}));
        // ... and with Shift a second one over the opposite corner: x + y >= 14.
        dragOutline(view, QPolygonF({{8.5, 8.5}, {4.8, 8.5}, {8.5, 4.8}}), Qt::ShiftModifier);
        QCOMPARE(view.selectedRecords().size(), 12);
        QVERIFY(view.selectedRecords().contains(recordAt(8, 8)) && view.selectedRecords().contains(recordAt(0, 0)));

        // The rectangle: everything between its corners, the upper right block included.
        view.setSelectShape(EmbeddingView::SelectShape::Rectangle);
        const QPoint a = pixel(view, {2.5, 2.5}), b = pixel(view, {8.5, 8.5});
        QTest::mousePress(view.plot(), Qt::LeftButton, {}, a);
        QTest::mouseMove(view.plot(), (a + b) / 2);
        QTest::mouseMove(view.plot(), b);
        QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, b);
        QCOMPARE(view.selectedRecords().size(), 36);
        QVERIFY(view.selectedRecords().contains(recordAt(5, 5)));

        // Out of select mode a drag pans again.
        view.setSelectMode(false);
        const QCPRange before = view.plot()->xAxis->range();
        QTest::mousePress(view.plot(), Qt::LeftButton, {}, a);
        QTest::mouseMove(view.plot(), a + QPoint(60, 0));
        QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, a + QPoint(60, 0));
        QVERIFY(std::abs(view.plot()->xAxis->range().lower - before.lower) > 1e-6);
        QCOMPARE(view.selectedRecords().size(), 36);
    }
};

QTEST_MAIN(TestEmbeddingLasso)
#include "test_embedding_lasso.moc"
