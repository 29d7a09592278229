#!/usr/bin/env bash
# Tests the Debian package as a user gets it: unpacked with dpkg-deb -x into a temporary folder
# and run from there, with no build tree on PATH, in an empty home:
#   `dacl --version`, `dacl info`, `dacl demo-data`, a short `dacl pipeline`, `dacl runs list`,
#   `dacl-studio --version` (no display), `dacl-studio --screenshot-tour` (offscreen),
# plus the package's name, dependencies and files, desktop-file-validate, appstreamcli validate,
# the man pages and the bash completion.
#   packaging/test-deb.sh --build DIR   cpack in an existing full build (CTest: test_deb_package)
#   packaging/test-deb.sh --deb FILE    an existing package (packaging/build-deb.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="" DEB=""
case "${1:-}" in
  --build) BUILD="$(cd "$2" && pwd)" ;;
  --deb) DEB="$(readlink -f "$2")" ;;
  *) echo "usage: $0 --build DIR | --deb FILE" >&2; exit 2 ;;
esac
APP_ID=org.daclstudio.DaclStudio
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
step() { echo "test-deb: [$(( SECONDS ))s] $*"; }

if [ -n "$BUILD" ]; then
  for f in app/cli/dacl app/gui/dacl-studio packaging/cli-docs/man1/dacl.1.gz CPackConfig.cmake; do
    [ -e "$BUILD/$f" ] || fail "$BUILD/$f is missing: build everything first (cmake --build $BUILD)"
  done
  step "cpack -G DEB in $BUILD"
  rm -rf "$BUILD/packages"
  (cd "$BUILD" && cpack -G DEB -B "$BUILD/packages" > "$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log" >&2; fail "cpack"; }
  DEB="$(ls "$BUILD"/packages/*.deb)"
fi
[ -f "$DEB" ] || fail "no package at $DEB"

# --- The package ---------------------------------------------------------------------------------
VERSION="$(dpkg-deb -f "$DEB" Version)"
ARCH="$(dpkg-deb -f "$DEB" Architecture)"
step "$(basename "$DEB"): $(du -h "$DEB" | cut -f1), version $VERSION, $ARCH"
[ "$(basename "$DEB")" = "dacl-studio_${VERSION}_${ARCH}.deb" ] || fail "file name $(basename "$DEB")"
[ "$ARCH" = "$(dpkg --print-architecture)" ] || fail "architecture $ARCH"
[ "$(dpkg-deb -f "$DEB" Package)" = dacl-studio ] || fail "package name"
DEPENDS="$(dpkg-deb -f "$DEB" Depends)"
# Found by dpkg-shlibdeps from the binaries, so a missing one means the binaries were not scanned.
for lib in libc6 libqt6widgets6 libqt6svg6 libtorch libfftw3 libmatio libsqlite3 libxgboost; do
  [[ "$DEPENDS" == *"$lib"* ]] || fail "Depends lacks $lib: $DEPENDS"
done

PKG="$WORK/root"
dpkg-deb -x "$DEB" "$PKG"
for f in usr/bin/dacl usr/bin/dacl-studio \
         usr/share/applications/$APP_ID.desktop usr/share/metainfo/$APP_ID.metainfo.xml \
         usr/share/mime/packages/$APP_ID.xml usr/share/icons/hicolor/scalable/apps/$APP_ID.svg \
         usr/share/man/man1/dacl.1.gz usr/share/man/man1/dacl-studio.1.gz \
         usr/share/bash-completion/completions/dacl; do
  [ -s "$PKG/$f" ] || fail "package lacks /$f"
done
for size in 16 22 24 32 48 64 128 256 512; do
  png="$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  [ -s "$png" ] || fail "package lacks the ${size} px icon"
  [[ "$(file -b "$png")" == "PNG image data, $size x $size,"* ]] || fail "$png: $(file -b "$png")"
done

# --- Desktop integration -------------------------------------------------------------------------
step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$PKG/usr/share/applications/$APP_ID.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml" || fail "appstreamcli validate"
grep -q "<release version=\"$VERSION\"" "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml" ||
  fail "the metainfo has no release $VERSION"
# Its screenshots are the screenshot tour's pictures in docs/screenshots (the README's).
for shot in $(sed -n 's#.*<image>.*/\([^/<]*\)</image>.*#\1#p' "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"); do
  [ -f "$ROOT/docs/screenshots/$shot" ] || fail "metainfo screenshot $shot is not in docs/screenshots"
done
# Every MIME type the desktop entry names is defined, by the package or by shared-mime-info.
mimes="$(sed -n 's/^MimeType=//p' "$PKG/usr/share/applications/$APP_ID.desktop" | tr ';' ' ')"
for m in $mimes; do
  grep -q "type=\"$m\"" "$PKG/usr/share/mime/packages/$APP_ID.xml" /usr/share/mime/packages/freedesktop.org.xml ||
    fail "MIME type $m is defined nowhere"
done
# The MIME package compiles (update-mime-database refuses bad XML) and maps the file names.
mkdir -p "$WORK/mime/packages"
cp "$PKG/usr/share/mime/packages/$APP_ID.xml" "$WORK/mime/packages/"
update-mime-database "$WORK/mime" > "$WORK/mime.log" 2>&1 ||
  { cat "$WORK/mime.log" >&2; fail "update-mime-database rejects the MIME package"; }
for glob in "application/x-edf:\*.edf" "application/x-biosemi-bdf:\*.bdf" "text/x-wfdb-header:\*.hea"; do
  grep -q ":$glob\$" "$WORK/mime/globs2" || fail "MIME database lacks $glob"
done

# --- Installed programs, from the extracted paths only -------------------------------------------
for bin in dacl dacl-studio; do
  runpath="$(readelf -d "$PKG/usr/bin/$bin" | grep -E 'RPATH|RUNPATH' || true)"
  [ -z "$runpath" ] || fail "$bin has a run path into the build: $runpath"
  missing="$(ldd "$PKG/usr/bin/$bin" | grep 'not found' || true)"
  [ -z "$missing" ] || fail "$bin: libraries not found: $missing"
done
mkdir -p "$WORK/home" "$WORK/run" && chmod 700 "$WORK/run"
# A clean environment: the extracted bin/ and the system's, nothing of the build or the caller.
installed() {
  (cd "$WORK" && env -i HOME="$WORK/home" PATH="$PKG/usr/bin:/usr/bin:/bin" LANG=C.UTF-8 \
     XDG_RUNTIME_DIR="$WORK/run" OMP_NUM_THREADS=2 "$@")
}
[ "$(installed sh -c 'command -v dacl')" = "$PKG/usr/bin/dacl" ] || fail "dacl on PATH is not the package's"
[ "$(installed dacl --version)" = "dacl $VERSION" ] || fail "dacl --version: $(installed dacl --version)"
# No display and no QT_QPA_PLATFORM: --version and --help must still answer.
[ "$(installed dacl-studio --version)" = "DACL Studio $VERSION" ] || fail "dacl-studio --version"
installed dacl-studio --help | grep -q -- "--screenshot-tour" || fail "dacl-studio --help"
installed dacl --help | grep -q "pipeline" || fail "dacl --help"

step "dacl info"
installed dacl info | tee "$WORK/info.txt"
grep -qi "libtorch" "$WORK/info.txt" || fail "dacl info names no LibTorch"
step "dacl demo-data"
installed dacl demo-data --output "$WORK/demo" --records 120 --quiet
[ "$(wc -l < "$WORK/demo/RECORDS")" -eq 120 ] || fail "demo-data wrote $(wc -l < "$WORK/demo/RECORDS") records"
step "dacl pipeline (short)"
# The demo's short settings (packaging/run-demo.sh), on fewer records and without the final model.
installed dacl pipeline --data "$WORK/demo" --task af_vs_rest --folds 1 --db "$WORK/results.db" \
  --set vae.epochs=5 --set train.epochs=2 \
  --set seq.vae_epochs=2 --set seq.epochs=1 --set seq.finetune_epochs=1 --set seq.steps_per_epoch=4 \
  --no-final-model --name installed-test > "$WORK/pipeline.txt" 2>&1 || { cat "$WORK/pipeline.txt" >&2; fail "dacl pipeline"; }
tail -n 5 "$WORK/pipeline.txt"
installed dacl runs list --db "$WORK/results.db" | tee "$WORK/runs.txt"
grep "installed-test" "$WORK/runs.txt" | grep -q "finished" || fail "the pipeline run is not listed as finished"
step "dacl-studio --screenshot-tour (offscreen)"
installed env QT_QPA_PLATFORM=offscreen dacl-studio --screenshot-tour "$WORK/shots" > "$WORK/tour.txt" 2>&1 ||
  { cat "$WORK/tour.txt" >&2; fail "dacl-studio --screenshot-tour"; }
shots=$(find "$WORK/shots" -name '*.png' -size +10k | wc -l)
[ "$shots" -ge 9 ] || fail "the tour wrote $shots pictures"
echo "tour: $shots pictures"

# --- Man pages and completion ----------------------------------------------------------------------
step "man pages, bash completion"
for page in dacl dacl-studio; do
  MANWIDTH=80 man -l "$PKG/usr/share/man/man1/$page.1.gz" > "$WORK/$page.txt" 2> "$WORK/$page.err" || fail "man $page"
  [ ! -s "$WORK/$page.err" ] || { cat "$WORK/$page.err" >&2; fail "man $page: warnings"; }
done
for cmd in "dacl info" "dacl pipeline" "dacl runs list" "dacl bench tsne" "dacl demo-data"; do
  grep -q "^   $cmd\$" "$WORK/dacl.txt" || fail "dacl(1) has no section for $cmd"
done
grep -q -- "--screenshot-tour" "$WORK/dacl-studio.txt" || fail "dacl-studio(1) lacks --screenshot-tour"
complete_dacl() {  # the words bash offers after "dacl $*"
  bash --norc --noprofile -c 'source "$1"; shift; COMP_WORDS=(dacl "$@"); COMP_CWORD=$#; _dacl; echo "${COMPREPLY[*]}"' \
    _ "$PKG/usr/share/bash-completion/completions/dacl" "$@"
}
[ "$(complete_dacl runs l)" = "list" ] || fail "completion of 'dacl runs l': $(complete_dacl runs l)"
[ "$(complete_dacl pipeline --task af_vs_)" = "af_vs_rest af_vs_normal" ] || fail "completion of --task"
[[ " $(complete_dacl demo-data --)" == *" --records "* ]] || fail "completion of demo-data options"
step "package OK"
