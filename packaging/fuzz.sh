#!/usr/bin/env bash
# packaging/fuzz.sh TARGET SECONDS: builds one libFuzzer harness (tests/fuzz, issue 18 §8) with clang,
# ASan and UBSan, runs it for SECONDS on a corpus seeded from tests/fuzz/corpus/TARGET (plus real
# PhysioNet files when /work/shared is there), and prints executions, exec/s and coverage.
# Targets: wfdb_header dat atr mat edf csv settings.
# A finding (crash, sanitizer report, an error that does not name the file, a non-finite result) is
# written to $BUILD/fuzz-findings/TARGET/; fix the reader, then copy the file (small) into
# tests/fuzz/corpus/TARGET/ so that test_fuzz_corpus_replay replays it in every CI run.
# Environment: DACL_FUZZ_BUILD_DIR (default ./build-fuzz), DACL_FUZZ_JOBS (build jobs, default nproc),
# DACL_SHARED_DIR (real data, default ../shared or /work/shared).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGETS="wfdb_header dat atr mat edf csv settings"
if [ $# -lt 1 ] || [[ " $TARGETS " != *" $1 "* ]]; then
  echo "usage: $0 TARGET [SECONDS]   (TARGET: $TARGETS)" >&2
  exit 2
fi
TARGET="$1"
SECS="${2:-60}"
BUILD="${DACL_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"

# clang with libFuzzer's runtime, installed the way packaging/install-deps.sh installs packages.
if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "fuzz: installing clang"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends clang >/dev/null
fi
"$ROOT/packaging/install-deps.sh" >/dev/null || echo "fuzz: packaging/install-deps.sh failed; going on with what is installed" >&2

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDACL_FUZZ=ON \
    -DDACL_BUILD_GUI=OFF ${DACL_SHARED_DIR:+-DDACL_SHARED_DIR="$DACL_SHARED_DIR"} >/dev/null
fi
cmake --build "$BUILD" -j"${DACL_FUZZ_JOBS:-$(nproc)}" --target "fuzz_$TARGET" >/dev/null

# Working corpus (libFuzzer adds what it finds here) seeded from the committed corpus and real files.
WORK="$BUILD/fuzz-corpus/$TARGET"
FINDINGS="$BUILD/fuzz-findings/$TARGET"
mkdir -p "$WORK" "$FINDINGS"
cp -n "$ROOT/tests/fuzz/corpus/$TARGET/"* "$WORK/" 2>/dev/null || true
SHARED="${DACL_SHARED_DIR:-$ROOT/../shared}"
[ -d "$SHARED/data" ] || SHARED=/work/shared
REAL="$SHARED/data/physionet2017"
if [ -d "$REAL" ]; then
  for r in A00001 A00002 A00003; do
    case "$TARGET" in
      wfdb_header) cp -n "$REAL/$r.hea" "$WORK/real_$r.hea" 2>/dev/null || true ;;
      # The mat target's first byte picks the header's signal count (0 = one signal).
      mat) [ -f "$WORK/real_$r.mat" ] || { printf '\0' | cat - "$REAL/$r.mat" >"$WORK/real_$r.mat"; } ;;
    esac
  done
fi

LOG="$BUILD/fuzz-$TARGET.log"
# DACL_FUZZ_KEEP_GOING=1: libFuzzer's fork mode, which records a finding and goes on fuzzing (for
# long runs); otherwise the run stops at the first finding.
MODE=()
if [ "${DACL_FUZZ_KEEP_GOING:-0}" = 1 ]; then
  MODE=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
fi
set +e
"$BUILD/tests/fuzz/fuzz_$TARGET" "${MODE[@]}" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 -artifact_prefix="$FINDINGS/" "$WORK" >"$LOG" 2>&1
RC=$?
set -e
EXECS=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)
RATE=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)
COV=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$LOG" | tail -1 || true)
CORPUS=$(grep -o 'corp: [0-9]*/*[0-9a-zA-Z]*' "$LOG" | tail -1 || true)
if [ -z "$EXECS" ]; then  # fork mode prints "#EXECS: cov: .. exec/s: RATE .." lines instead of final stats
  EXECS=$(grep -o '^#[0-9]*: cov' "$LOG" | tail -1 | grep -o '[0-9]*' || true)
  RATE=$(grep -o 'exec/s:* [0-9]*' "$LOG" | tail -1 | grep -o '[0-9]*$' || true)
fi
echo "fuzz $TARGET: ${SECS}s, execs ${EXECS:-?}, exec/s ${RATE:-?}, ${COV:-cov ?}, ${CORPUS:-corp ?}, exit $RC"
echo "fuzz $TARGET: log $LOG; findings in $FINDINGS ($(find "$FINDINGS" -type f | wc -l) files)"
if [ $RC -ne 0 ]; then
  grep -E 'ERROR|dacl fuzz|SUMMARY|Test unit written' "$LOG" | head -20
fi
exit $RC
