#!/usr/bin/env bash
# Configures and builds DACL Studio (GUI, CLI, tests) into ./build, installing what is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/packaging/install-deps.sh"
BUILD="${DACL_BUILD_DIR:-$ROOT/build}"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release ${DACL_SHARED_DIR:+-DDACL_SHARED_DIR="$DACL_SHARED_DIR"} >/dev/null
cmake --build "$BUILD" -j"$(nproc)" "$@"
