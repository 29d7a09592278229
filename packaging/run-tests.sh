#!/usr/bin/env bash
# README command 2: builds everything and runs every test (CTest). Exit code = test result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DACL_BUILD_DIR:-$ROOT/build}"
"$ROOT/packaging/build.sh"
cd "$BUILD"
ctest --output-on-failure --timeout 1200 -j"$(nproc)"
