#!/usr/bin/env bash
# t-SNE speed and quality against scikit-learn (issue 6 §2), on one 8,528 x 50 input, in one run:
#   `dacl tsne` (Barnes-Hut, 2 threads) vs scikit-learn 1.2's TSNE(method="barnes_hut", n_jobs=2),
# both at perplexity 30, 1000 iterations, PCA initialisation, learning rate 'auto'.
# Input: PCA-50 of the per-record pooled Scattering-Transformer features of PhysioNet 2017
# (`dacl features --per-record`; ~25 s once, then cached) when the data is present, otherwise (or
# with --synthetic) 8,528 points of 10 seeded Gaussian clusters in 50-D (`dacl bench tsne --write-input`).
# Prints both times, scikit-learn's own kl_divergence_ (its Z is a Barnes-Hut estimate) and the KL of
# both layouts under one evaluator (scikit-learn's P, Z summed exactly over all pairs).
# scikit-learn is NOT a dependency of DACL Studio: install it by hand for this comparison only
# (Debian: apt-get install python3-sklearn, for /usr/bin/python3). Without it only dacl runs.
#
# Usage: tools/bench-tsne.sh [--synthetic] [--threads N]     (env: DACL = path of the dacl binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DACL="${DACL:-${DACL_BUILD_DIR:-$ROOT/build}/app/cli/dacl}"
DATA="${DACL_SHARED_DIR:-$ROOT/../shared}/data/physionet2017"
PY="${PYTHON:-/usr/bin/python3}"
SYNTHETIC=0
THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --synthetic) SYNTHETIC=1 ;;
    --threads) THREADS="$2"; shift ;;
    *) echo "usage: $0 [--synthetic] [--threads N]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$DACL" ] || { echo "dacl not found at $DACL (build first, or set DACL=...)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ "$SYNTHETIC" = 0 ] && [ -d "$DATA" ]; then
  "$DACL" features --data "$DATA" --per-record --output "$WORK/features.csv" --quiet >/dev/null
  tail -n +2 "$WORK/features.csv" | cut -d, -f4- > "$WORK/features-num.csv"   # drop header, record,label,windows
  "$DACL" bench tsne --input "$WORK/features-num.csv" --pca 50 --write-input "$WORK/input.csv" >/dev/null
  WHAT="PCA-50 of the pooled ST features of $(wc -l < "$WORK/input.csv") PhysioNet 2017 records"
else
  "$DACL" bench tsne --n 8528 --dim 50 --write-input "$WORK/input.csv" >/dev/null
  WHAT="8528 synthetic points (10 Gaussian clusters, 50-D)"
fi

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input:   $WHAT"
"$DACL" tsne --input "$WORK/input.csv" --output "$WORK/dacl.csv" --threads "$THREADS" --json --quiet > "$WORK/dacl.json"
DACL_S=$(printf '%.2f' "$(sed -E 's/.*"seconds":([0-9.e+-]+).*/\1/' "$WORK/dacl.json")")
DACL_KL=$(sed -E 's/.*"kl_divergence":([0-9.e+-]+).*/\1/' "$WORK/dacl.json")
DACL_METHOD=$(sed -E 's/.*"method":"([a-z]+)".*/\1/' "$WORK/dacl.json")
echo "dacl tsne ($DACL_METHOD, $THREADS threads): ${DACL_S} s, KL $DACL_KL (dacl's evaluator: exact Z)"

if ! "$PY" -c 'import sklearn' 2>/dev/null; then
  echo "scikit-learn is not importable by $PY: comparison skipped (apt-get install python3-sklearn)"
  exit 0
fi
"$PY" - "$WORK/input.csv" "$WORK/dacl.csv" "$WORK/sklearn.csv" "$THREADS" <<'PYEOF'
import sys, time
import numpy as np
import sklearn
from sklearn.manifold import TSNE
from sklearn.neighbors import NearestNeighbors
from sklearn.manifold._t_sne import _joint_probabilities_nn

inp, dacl_csv, sk_csv, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
X = np.loadtxt(inp, delimiter=",")
t0 = time.time()
tsne = TSNE(n_components=2, perplexity=30.0, n_iter=1000, init="pca", learning_rate="auto",
            method="barnes_hut", angle=0.5, n_jobs=threads, random_state=0)
Y = tsne.fit_transform(X)
seconds = time.time() - t0
np.savetxt(sk_csv, Y, delimiter=",", fmt="%.17g")
print("scikit-learn %s TSNE (barnes_hut, n_jobs=%d): %.2f s, kl_divergence_ %.6f (its own Barnes-Hut Z)"
      % (sklearn.__version__, threads, seconds, tsne.kl_divergence_))

# One evaluator for both layouts: scikit-learn's sparse P (3*perplexity+1 neighbours), Z exact.
n = X.shape[0]
k = min(n - 1, int(3.0 * 30.0 + 1))
D = NearestNeighbors(n_neighbors=k).fit(X).kneighbors_graph(mode="distance")
D.data **= 2
P = _joint_probabilities_nn(D, 30.0, 0).tocoo()
def kl(Y):
    Y = Y.astype(np.float64)
    Z = 0.0
    for b in range(0, n, 1024):
        d2 = ((Y[b:b + 1024, None, :] - Y[None, :, :]) ** 2).sum(-1)
        Z += (1.0 / (1.0 + d2)).sum() - min(1024, n - b)   # minus the diagonal (w_ii = 1)
    d2 = ((Y[P.row] - Y[P.col]) ** 2).sum(-1)
    p = P.data.astype(np.float64)
    return float(np.sum(p * (np.log(p) + np.log1p(d2))) + p.sum() * np.log(Z))
Yd = np.loadtxt(dacl_csv, delimiter=",")
print("same evaluator (scikit-learn's P, exact Z): dacl KL %.6f, scikit-learn KL %.6f" % (kl(Yd), kl(Y)))
PYEOF
SK_UNDER_DACL=$("$DACL" tsne --input "$WORK/input.csv" --score "$WORK/sklearn.csv" --threads "$THREADS" --quiet --json |
                sed -E 's/.*"kl_divergence":([0-9.e+-]+).*/\1/')
echo "dacl's evaluator on scikit-learn's layout: KL $SK_UNDER_DACL"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
