#!/usr/bin/env bash
# How far can a probe get on the pooled Scattering-Transformer features that every DACL method
# starts from? (issue 4: the AUROC targets.) Under the method's protocol (5-fold stratified by
# record, seeded; window probabilities averaged per record; everything fitted on training records
# only) it scores, per fold, af_vs_rest AUROC of:
#   lr      logistic regression on the standardised window features (as the st_lr baseline)
#   pca32   the same on the first 32 principal components (an unsupervised 32-d bottleneck, the
#           size of DACL's VAE latent)
#   gbm     histogram gradient boosting on the window features (a strong non-linear learner: an
#           estimate of what any representation of these features can reach)
# Folds come from scikit-learn's StratifiedKFold (seed 2017), not dacl's own: compare the columns
# with each other, and with dacl's figures as a level, not fold by fold.
# scikit-learn is NOT a dependency of DACL Studio: install it by hand for this analysis only
# (Debian: apt-get install python3-sklearn, for /usr/bin/python3).
#
# Usage: packaging/feature-ceiling.sh [--folds K] [--set key=value ...]   (env: DACL = dacl binary)
#   e.g. packaging/feature-ceiling.sh --set scatter.J=9
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DACL="${DACL:-${DACL_BUILD_DIR:-$ROOT/build}/app/cli/dacl}"
DATA="${DACL_SHARED_DIR:-$ROOT/../shared}/data/physionet2017"
PY="${PYTHON:-/usr/bin/python3}"
FOLDS=5
SETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --folds) FOLDS="$2"; shift ;;
    --set) SETS+=(--set "$2"); shift ;;
    *) echo "usage: $0 [--folds K] [--set key=value ...]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$DACL" ] || { echo "dacl not found at $DACL (build first, or set DACL=...)" >&2; exit 1; }
[ -f "$DATA/REFERENCE.csv" ] || { echo "no PhysioNet 2017 data at $DATA" >&2; exit 1; }
"$PY" -c 'import sklearn' 2>/dev/null || { echo "$PY has no scikit-learn (apt-get install python3-sklearn)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$DACL" features --data "$DATA" --output "$WORK/f.npy" "${SETS[@]}" --quiet --json
OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" "$PY" - "$WORK/f.npy" "$FOLDS" <<'EOF'
import csv, sys
import numpy as np
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

path, folds = sys.argv[1], int(sys.argv[2])
X = np.load(path)
rows = list(csv.DictReader(open(path + ".rows.csv")))
rec = np.array([r["record"] for r in rows])
y = np.array([r["label"] == "A" for r in rows], dtype=int)   # af_vs_rest
grid = np.array([r["eval"] == "1" for r in rows])            # evaluation windows (hop N)
records, first = np.unique(rec, return_index=True)
record_y = y[first]

def record_auroc(p, test):
    """Record score = mean of its window probabilities."""
    names, inv = np.unique(rec[test], return_inverse=True)
    score = np.bincount(inv, p) / np.bincount(inv)
    truth = np.zeros(len(names), dtype=int)
    truth[inv[y[test] == 1]] = 1
    return roc_auc_score(truth, score)

def lr(train, test, d=None):
    sc = StandardScaler().fit(X[train])
    f = lambda m: sc.transform(X[m])
    if d:
        pca = PCA(d, random_state=0).fit(f(train))
        f = lambda m, g=f: pca.transform(g(m))
    clf = LogisticRegression(max_iter=3000, class_weight="balanced").fit(f(train), y[train])
    return clf.predict_proba(f(test))[:, 1]

def gbm(train, test):
    clf = HistGradientBoostingClassifier(max_iter=300, class_weight="balanced", random_state=0)
    return clf.fit(X[train], y[train]).predict_proba(X[test])[:, 1]

print(f"{X.shape[0]} windows x {X.shape[1]} features, {len(records)} records, {folds} folds")
print("fold    lr  pca32    gbm")
scores = []
for k, (tr, te) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=2017).split(records, record_y)):
    train = np.isin(rec, records[tr])
    test = np.isin(rec, records[te]) & grid
    row = [record_auroc(lr(train, test), test), record_auroc(lr(train, test, 32), test),
           record_auroc(gbm(train, test), test)]
    scores.append(row)
    print(f"{k + 1:4d} " + " ".join(f"{v:6.4f}" for v in row), flush=True)
m = np.array(scores)
print("mean " + " ".join(f"{v:6.4f}" for v in m.mean(0)))
print(" std " + " ".join(f"{v:6.4f}" for v in m.std(0)))
EOF
