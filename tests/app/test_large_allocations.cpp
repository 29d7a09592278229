// The executables' operator new asks for huge pages on large blocks (app/large_allocations.cpp):
// a 64-MB whole-record array is backed by 2-MB pages once written, and small allocations and
// their release work as before.
#include "app/large_allocations.h"

#include <QFile>
#include <QtTest>

#include <cstdint>
#include <memory>
#include <vector>

namespace {

// AnonHugePages (kB) of the mapping that holds `address`, from /proc/self/smaps (-1: not found).
long hugePagesKbAt(const void* address) {
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
    const auto a = reinterpret_cast<std::uintptr_t>(address);
    bool inside = false;
    for (const QByteArray& line : smaps.readAll().split('\n')) {
        const int dash = line.indexOf('-'), space = line.indexOf(' ');
        if (dash > 0 && space > dash && !line.left(dash).contains(':')) {  // "lo-hi perms offset dev inode path"
            bool ok1 = false, ok2 = false;
            const auto lo = line.left(dash).toULongLong(&ok1, 16), hi = line.mid(dash + 1, space - dash - 1).toULongLong(&ok2, 16);
            inside = ok1 && ok2 && a >= lo && a < hi;
        } else if (inside && line.startsWith("AnonHugePages:")) {
            return line.mid(14).trimmed().split(' ').front().toLong();
        }
    }
    return -1;
}

QString transparentHugePages() {
    QFile f(QStringLiteral("/sys/kernel/mm/transparent_hugepage/enabled"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).trimmed() : QString();
}

}  // namespace

class TestLargeAllocations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void largeArraysGetHugePages() {
        if (!dacl::app::largeAllocationsUseHugePages()) QSKIP("built with a sanitizer: operator new is the sanitizer's");
        const QString thp = transparentHugePages();
        if (thp.isEmpty() || thp.contains(QStringLiteral("[never]"))) QSKIP("transparent huge pages are off on this system");
        std::vector<double> day(8 * 1024 * 1024, 0.0);  // 64 MB, written by the constructor
        for (std::size_t i = 0; i < day.size(); i += 512) day[i] = static_cast<double>(i);
        const long kb = hugePagesKbAt(day.data() + day.size() / 2);
        QVERIFY2(kb > 0, qPrintable(QStringLiteral("AnonHugePages %1 kB (THP: %2)").arg(kb).arg(thp)));
        QCOMPARE(day[512 * 1000], 512000.0);
    }

    void smallAllocationsWorkAsBefore() {
        std::vector<std::unique_ptr<int[]>> blocks;
        for (int i = 0; i < 1000; ++i) {
            blocks.emplace_back(new int[static_cast<std::size_t>(i + 1)]);
            blocks.back()[static_cast<std::size_t>(i)] = i;
        }
        for (int i = 0; i < 1000; ++i) QCOMPARE(blocks[static_cast<std::size_t>(i)][static_cast<std::size_t>(i)], i);
        blocks.clear();
        auto* nothrow = new (std::nothrow) double[1 << 23];  // 64 MB through the nothrow form
        QVERIFY(nothrow);
        nothrow[(1 << 23) - 1] = 1.5;
        QCOMPARE(nothrow[(1 << 23) - 1], 1.5);
        delete[] nothrow;
    }
};

QTEST_GUILESS_MAIN(TestLargeAllocations)
#include "test_large_allocations.moc"
