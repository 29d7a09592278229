#!/usr/bin/env bash
# Builds the Debian package from a clean tree: installs what is missing, configures a fresh build
# folder (no tests), builds, runs cpack, then tests the package (packaging/test-deb.sh).
#   packaging/build-deb.sh [--no-test] [OUTDIR]      (default OUTDIR: ./out, git-ignored)
# Result: OUTDIR/dacl-studio_<version>_<arch>.deb; install it with
#   sudo apt-get install ./out/dacl-studio_<version>_<arch>.deb
# CI does not use this script: test_deb_package (CTest) packages the build it already has.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEST=1
if [ "${1:-}" = "--no-test" ]; then TEST=0; shift; fi
OUT="$(mkdir -p "${1:-$ROOT/out}" && cd "${1:-$ROOT/out}" && pwd)"
"$ROOT/packaging/install-deps.sh"
BUILD="$(mktemp -d "${TMPDIR:-/tmp}/dacl-deb-build.XXXXXX")"
trap 'rm -rf "$BUILD"' EXIT
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DDACL_BUILD_TESTS=OFF > /dev/null
cmake --build "$BUILD" -j"$(nproc)"
(cd "$BUILD" && cpack -G DEB -B "$BUILD/packages")
DEB="$(ls "$BUILD"/packages/dacl-studio_*.deb)"
cp "$DEB" "$OUT/"
echo "build-deb: $OUT/$(basename "$DEB")"
if [ "$TEST" = 1 ]; then "$ROOT/packaging/test-deb.sh" --deb "$OUT/$(basename "$DEB")"; fi
