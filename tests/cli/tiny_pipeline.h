#pragma once
// `dacl pipeline` arguments of the tiny run (tests/common/tiny_run.h: a demo dataset of a few
// records, small models, a few steps) for the CLI tests of distributed training. The global
// batches stay those of one process (seq.batch 8, vae.batch 16), split between `ranks` ranks.
#include "common/tiny_run.h"

#include <QString>
#include <QStringList>

namespace dacl::testcli {

inline QStringList tinyPipeline(const QString& data, const QString& db, int ranks, int folds = 1) {
    QStringList args{"pipeline", "--data", data, "--db", db, "--folds", QString::number(folds), "--no-cache",
                     "--no-final-model", "--json"};
    for (const auto& s : dacl::testing::tinyRunSettings()) args << "--set" << QString::fromStdString(s);
    args << "--set" << QStringLiteral("seq.batch=%1").arg(8 / ranks) << "--set" << QStringLiteral("vae.batch=%1").arg(16 / ranks)
         << "--set" << "seq.steps_per_epoch=4";
    return args;
}

}  // namespace dacl::testcli
