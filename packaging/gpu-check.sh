#!/usr/bin/env bash
# The CUDA build path, end to end, on a machine with an NVIDIA GPU:
#   1. builds the `dacl` CLI (no Qt) against the CUDA LibTorch of this machine's PyTorch
#      (`torch.utils.cmake_prefix_path`), into build-gpu/;
#   2. runs the 5-fold af_vs_rest pipeline with its final model on PhysioNet 2017 with
#      device=cuda, then the same with device=cpu (same binary, same feature cache);
#   3. prints AUROC (mean ± std over the folds) and wall time of both.
# Where there is no GPU, no CUDA-enabled PyTorch or no data it builds nothing and exits 2, saying why.
#
#   packaging/gpu-check.sh [--data DIR] [--build DIR] [--out DIR] [--torch PREFIX] [--skip-cpu]
#                          [-- more `dacl pipeline` arguments, e.g. --set seq.epochs=2]
# --torch PREFIX: a CUDA LibTorch of your own (its folder holding share/cmake/Torch) instead of
# PyTorch's. The figures also go to OUT/summary.txt (default build-gpu/gpu-check).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DACL_SHARED_DIR:-$ROOT/../shared}/data/physionet2017"
BUILD="$ROOT/build-gpu"
OUT=""
TORCH_PREFIX="${DACL_TORCH_PREFIX:-}"
SKIP_CPU=0
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --build) BUILD="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --torch) TORCH_PREFIX="$2"; shift 2 ;;
    --skip-cpu) SKIP_CPU=1; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
OUT="${OUT:-$BUILD/gpu-check}"

fail() { echo "gpu-check: $*" >&2; exit 2; }

# --- 1. What this machine has: a GPU, PyTorch with CUDA (Python also reads the results) ---------
command -v nvidia-smi >/dev/null 2>&1 ||
  fail "no NVIDIA GPU here: nvidia-smi is not on PATH (run this on a machine with a GPU and its driver)"
GPU="$(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>&1)" ||
  fail "nvidia-smi finds no GPU: $(printf '%s' "$GPU" | head -n1)"
GPU="$(printf '%s' "$GPU" | head -n1)"
[ -n "$GPU" ] || fail "nvidia-smi lists no GPU"
PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null 2>&1 || fail "no $PY: it reads PyTorch's LibTorch location and the results"
NCCL_HINT=""
if [ -z "$TORCH_PREFIX" ]; then
  TORCH_PREFIX="$("$PY" -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>&1)" ||
    fail "$PY cannot import torch ($(printf '%s' "$TORCH_PREFIX" | tail -n1)): install a CUDA build of PyTorch, or pass --torch PREFIX"
  read -r TV TC TA <<<"$("$PY" -c 'import torch; print(torch.__version__, torch.version.cuda, torch.cuda.is_available())' 2>&1 | tail -n1)"
  [ "${TC:-None}" != "None" ] || fail "PyTorch ${TV:-?} is a CPU-only build (torch.version.cuda is None): install a CUDA build"
  [ "${TA:-False}" = "True" ] || fail "PyTorch $TV (CUDA $TC) sees no GPU (torch.cuda.is_available() is False)"
  # nccl.h of PyTorch's own NCCL (the nvidia-nccl wheel), for distributed training on GPUs.
  NCCL_HINT="$("$PY" -c 'import nvidia.nccl as n; print(list(n.__path__)[0])' 2>/dev/null || true)"
fi
[ -d "$TORCH_PREFIX" ] || fail "no LibTorch at $TORCH_PREFIX"
[ -d "$DATA" ] || fail "no PhysioNet 2017 data at $DATA (--data DIR)"
echo "gpu-check: $GPU; LibTorch from $TORCH_PREFIX" >&2

# --- 2. The CLI alone, against that LibTorch. Gloo stays out: Debian's libgloo is not the one
# inside PyTorch's LibTorch (NCCL serves distributed runs on GPUs).
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DDACL_BUILD_GUI=OFF -DDACL_BUILD_TESTS=OFF \
  -DDACL_DISTRIBUTED=OFF -DCMAKE_PREFIX_PATH="$TORCH_PREFIX" ${NCCL_HINT:+-DDACL_NCCL_HINTS="$NCCL_HINT"} >&2
cmake --build "$BUILD" --target dacl -j"$(nproc)" >&2
DACL="$BUILD/app/cli/dacl"
INFO="$("$DACL" info --json)"
"$PY" -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["cuda"] else 1)' "$INFO" ||
  fail "the dacl just built does not see CUDA: $INFO"

# --- 3. The pipeline on each device: fresh results files, one feature cache ---------------------
mkdir -p "$OUT"
run() {  # device -> OUT/<device>.json, .log; prints "AUROC mean std", wall s, training s
  local device="$1" db="$OUT/$1.sqlite" t0 t1
  rm -f "$db" "$db"-*
  t0=$(date +%s.%N)
  "$DACL" pipeline --data "$DATA" --task af_vs_rest --folds 5 --db "$db" --cache "$OUT/cache" \
    --set device="$device" --json "${EXTRA[@]}" >"$OUT/$device.json" 2>"$OUT/$device.log" ||
    fail "the $device pipeline failed; its log: $OUT/$device.log ($(tail -n1 "$OUT/$device.log"))"
  t1=$(date +%s.%N)
  "$PY" - "$OUT/$device.json" "$OUT/$device.log" "$device" "$t0" "$t1" <<'EOF'
import json, re, sys
out, log, device, t0, t1 = sys.argv[1:6]
s = json.loads(open(out).read().strip().splitlines()[-1])
a = s["auroc"]
stage = lambda name: (re.findall(r"\b%s: ([0-9.]+) s" % name, open(log).read()) or ["-"])[-1]
print("%-6s %.4f ± %.4f   %8.1f %11s %11s" % (device, a["mean"], a["std"], float(t1) - float(t0),
                                             stage("features"), stage("training")))
EOF
}
# The features are computed (on the CPU) by the first run and read from the cache by the second:
# compare the training column.
{
  echo "GPU: $GPU"
  echo "dacl: $("$DACL" info)"
  echo "device AUROC (5 folds)     wall s  features s  training s"
  run cuda
  [ "$SKIP_CPU" = 1 ] || run cpu
} | tee "$OUT/summary.txt"
