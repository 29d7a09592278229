#!/usr/bin/env bash
# README command 2 (and CI, .ci/run): builds everything and runs every test (CTest), then builds
# the unit tests a second time with AddressSanitizer + UndefinedBehaviorSanitizer and runs them
# (issue 18 §9). Exit code: non-zero when any test failed in either step.
#   packaging/run-tests.sh                   everything, then the sanitizer step
#   packaging/run-tests.sh --fast            only the unit tests (ctest -L unit), built alone; no sanitizers
#   packaging/run-tests.sh --sanitizers-only only the sanitizer step
# Environment: DACL_BUILD_DIR (default ./build), DACL_SANITIZE_BUILD_DIR (default ./build-asan),
# DACL_SKIP_SANITIZERS=1 (skip the sanitizer step), DACL_JOBS (build and test jobs, default nproc).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DACL_BUILD_DIR:-$ROOT/build}"
SAN_BUILD="${DACL_SANITIZE_BUILD_DIR:-$ROOT/build-asan}"
JOBS="${DACL_JOBS:-$(nproc)}"
MODE=all
for arg in "$@"; do
  case "$arg" in
    --fast) MODE=fast ;;
    --sanitizers-only) MODE=sanitizers ;;
    *) echo "usage: $0 [--fast | --sanitizers-only]" >&2; exit 2 ;;
  esac
done

# Names of the tests (= their executables) that carry label $2 but not label $3, in build dir $1.
tests_labelled() {
  local exclude=()
  [ -n "${3:-}" ] && exclude=(-LE "$3")
  ctest --test-dir "$1" -N -L "$2" "${exclude[@]}" | sed -n 's/^ *Test *#[0-9]*: *//p'
}

# The unit tests that do not link LibTorch (label ml: uninstrumented LibTorch makes them slow and
# noisy under ASan, and their compile time would double CI's), built with -fsanitize=address,undefined.
# halt_on_error: the first report fails the test instead of scrolling past in the log.
sanitizer_step() {
  echo "run-tests: sanitizer step (ASan + UBSan) in $SAN_BUILD"
  local start=$SECONDS
  cmake -S "$ROOT" -B "$SAN_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDACL_SANITIZE=address,undefined \
    -DDACL_BUILD_GUI=OFF ${DACL_SHARED_DIR:+-DDACL_SHARED_DIR="$DACL_SHARED_DIR"} >/dev/null
  local targets
  targets=$(tests_labelled "$SAN_BUILD" unit ml)
  # shellcheck disable=SC2086  # one target per word
  cmake --build "$SAN_BUILD" -j"$JOBS" --target $targets >/dev/null
  local rc=0
  ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:${ASAN_OPTIONS:-}" \
  LSAN_OPTIONS="suppressions=$ROOT/cmake/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}" \
    ctest --test-dir "$SAN_BUILD" -L unit -LE ml --output-on-failure --timeout 1200 -j"$JOBS" || rc=$?
  echo "run-tests: sanitizer step took $((SECONDS - start)) s (exit $rc)"
  return $rc
}

if [ "$MODE" = sanitizers ]; then
  "$ROOT/packaging/install-deps.sh"
  sanitizer_step
  exit $?
fi

if [ "$MODE" = fast ]; then
  # `--target help` only configures (the build tool lists its targets), so that CTest can name
  # the unit tests; then only those and what they link are built.
  "$ROOT/packaging/build.sh" --target help >/dev/null
  # shellcheck disable=SC2046
  cmake --build "$BUILD" -j"$JOBS" --target $(tests_labelled "$BUILD" unit)
  ctest --test-dir "$BUILD" -L unit --output-on-failure --timeout 1200 -j"$JOBS"
  exit $?
fi

"$ROOT/packaging/build.sh"
rc=0
ctest --test-dir "$BUILD" --output-on-failure --timeout 1200 -j"$JOBS" || rc=$?
if [ "${DACL_SKIP_SANITIZERS:-0}" != 1 ]; then
  sanitizer_step || rc=$?
fi
exit $rc
