#pragma once
// Helpers for tests that build small WFDB datasets (good and deliberately broken) on disk.
// Headers are written as literal text here, not with formatHeader(), so that the reader is
// tested against the WFDB layout itself.
#include "core/data/signal_reader.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace dacl::testfiles {

inline void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
    f.write(text);
}

inline QByteArray readBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// A deterministic test signal in adu: a ramp with a per-record twist, within int16.
inline std::vector<std::int16_t> testSamples(int n, int seed) {
    std::vector<std::int16_t> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = static_cast<std::int16_t>(((i * 37 + seed * 101) % 2001) - 1000);
    return v;
}

// A PhysioNet-2017-style record: `name.hea` (format 16+24, gain 1000/mV) and `name.mat`.
inline void writeMatRecord(const QString& dir, const QString& name, int n, int seed = 1,
                           const QByteArray& fs = "300") {
    const QString base = QDir(dir).filePath(name);
    writeText(base + ".hea", name.toUtf8() + " 1 " + fs + " " + QByteArray::number(n) + " 05:05:15 1/05/2000 \n" +
                                 name.toUtf8() + ".mat 16+24 1000/mV 16 0 -127 0 0 ECG \n");
    writeMat4((base + ".mat").toStdString(), "val", testSamples(n, seed));
}

}  // namespace dacl::testfiles
