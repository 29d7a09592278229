#!/usr/bin/env bash
# How far can a probe get on the pooled Scattering-Transformer features that every DACL method
# starts from? (issue 4: the AUROC targets.) Under the method's protocol (5-fold stratified by
# record, seeded; window probabilities averaged per record; everything fitted on training records
# only) it scores, per fold, the task's headline (AUROC; challenge4: mean F1 of N, A, O) of:
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
# Usage: tools/feature-ceiling.sh [--task T] [--folds K] [--set key=value ...]   (env: DACL = dacl binary)
#   T: af_vs_rest (default), af_vs_normal, normal_vs_abnormal, challenge4
#   e.g. tools/feature-ceiling.sh --set scatter.J=9
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DACL="${DACL:-${DACL_BUILD_DIR:-$ROOT/build}/app/cli/dacl}"
DATA="${DACL_SHARED_DIR:-$ROOT/../shared}/data/physionet2017"
PY="${PYTHON:-/usr/bin/python3}"
FOLDS=5
TASK=af_vs_rest
SETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --folds) FOLDS="$2"; shift ;;
    --task) TASK="$2"; shift ;;
    --set) SETS+=(--set "$2"); shift ;;
    *) echo "usage: $0 [--task T] [--folds K] [--set key=value ...]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$DACL" ] || { echo "dacl not found at $DACL (build first, or set DACL=...)" >&2; exit 1; }
[ -f "$DATA/REFERENCE.csv" ] || { echo "no PhysioNet 2017 data at $DATA" >&2; exit 1; }
"$PY" -c 'import sklearn' 2>/dev/null || { echo "$PY has no scikit-learn (apt-get install python3-sklearn)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$DACL" features --data "$DATA" --output "$WORK/f.npy" "${SETS[@]}" --quiet --json
OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" "$PY" - "$WORK/f.npy" "$FOLDS" "$TASK" <<'EOF'
import csv, sys
import numpy as np
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

path, folds, task = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# The task's classes (method.md §8): label letter -> class; letters not listed are not in the task.
CLASSES = {"af_vs_rest": {"N": 0, "O": 0, "~": 0, "A": 1}, "af_vs_normal": {"N": 0, "A": 1},
           "normal_vs_abnormal": {"N": 0, "A": 1, "O": 1, "~": 1},
           "challenge4": {"N": 0, "A": 1, "O": 2, "~": 3}}
if task not in CLASSES:
    sys.exit(f"unknown task {task} (known: {', '.join(CLASSES)})")
X = np.load(path)
rows = list(csv.DictReader(open(path + ".rows.csv")))
label = np.array([CLASSES[task].get(r["label"], -1) for r in rows])
keep = label >= 0
X, label = X[keep], label[keep]
rec = np.array([r["record"] for r in rows])[keep]
grid = np.array([r["eval"] == "1" for r in rows])[keep]    # evaluation windows (hop N)
records, first = np.unique(rec, return_index=True)
record_y = label[first]
binary = task != "challenge4"

def record_score(p, test):
    """Record probabilities = mean of its window probabilities; then AUROC or the Challenge F1."""
    names, inv = np.unique(rec[test], return_inverse=True)
    proba = np.stack([np.bincount(inv, p[:, c]) for c in range(p.shape[1])], 1) / np.bincount(inv)[:, None]
    truth = np.zeros(len(names), dtype=int)
    truth[inv] = label[test]
    if binary:
        return roc_auc_score(truth, proba[:, 1])
    return f1_score(truth, proba.argmax(1), labels=[0, 1, 2], average="macro")

def lr(train, test, d=None):
    sc = StandardScaler().fit(X[train])
    f = lambda m: sc.transform(X[m])
    if d:
        pca = PCA(d, random_state=0).fit(f(train))
        f = lambda m, g=f: pca.transform(g(m))
    clf = LogisticRegression(max_iter=3000, class_weight="balanced").fit(f(train), label[train])
    return clf.predict_proba(f(test))

def gbm(train, test):
    clf = HistGradientBoostingClassifier(max_iter=300, class_weight="balanced", random_state=0)
    return clf.fit(X[train], label[train]).predict_proba(X[test])

print(f"{task}: {X.shape[0]} windows x {X.shape[1]} features, {len(records)} records, {folds} folds, "
      f"{'AUROC' if binary else 'mean F1 (N, A, O)'}")
print("fold    lr  pca32    gbm")
scores = []
for k, (tr, te) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=2017).split(records, record_y)):
    train = np.isin(rec, records[tr])
    test = np.isin(rec, records[te]) & grid
    row = [record_score(lr(train, test), test), record_score(lr(train, test, 32), test),
           record_score(gbm(train, test), test)]
    scores.append(row)
    print(f"{k + 1:4d} " + " ".join(f"{v:6.4f}" for v in row), flush=True)
m = np.array(scores)
print("mean " + " ".join(f"{v:6.4f}" for v in m.mean(0)))
print(" std " + " ".join(f"{v:6.4f}" for v in m.std(0)))
EOF
