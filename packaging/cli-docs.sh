#!/usr/bin/env bash
# Build step (target dacl_cli_docs): the man pages dacl(1) and dacl-studio(1) and the bash
# completion of dacl, all made from the programs' own --help, every subcommand's included, so
# they follow the code instead of drifting from it.
#   packaging/cli-docs.sh OUTDIR DACL [DACL_STUDIO]
# writes OUTDIR/man1/dacl.1.gz, OUTDIR/man1/dacl-studio.1.gz (with DACL_STUDIO) and
# OUTDIR/completions/dacl. Needs help2man (packaging/install-deps.sh).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUTDIR DACL [DACL_STUDIO]" >&2; exit 2; }
OUT="$1"; DACL="$(readlink -f "$2")"; STUDIO="${3:+$(readlink -f "$3")}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v help2man >/dev/null || { echo "cli-docs: help2man is not installed (packaging/install-deps.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The programs run as `dacl` and `dacl-studio` found on PATH, so usage lines name the command and
# not the build path; in an empty home and the C locale, so that no user's settings or language
# reach the pages; offscreen, so that dacl-studio needs no display.
mkdir -p "$WORK/bin" "$WORK/home" "$WORK/help" "$WORK/run" "$OUT/man1" "$OUT/completions"
chmod 700 "$WORK/run"
ln -s "$DACL" "$WORK/bin/dacl"
[ -z "$STUDIO" ] || ln -s "$STUDIO" "$WORK/bin/dacl-studio"
export PATH="$WORK/bin:$PATH" HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" \
  XDG_DATA_HOME="$WORK/home/.local/share" XDG_CACHE_HOME="$WORK/home/.cache" XDG_RUNTIME_DIR="$WORK/run" \
  LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen

# Every command path ("", "bench", "bench scatter", ...) and its help text.
subcommands() { awk '/^Subcommands:/ { s = 1; next } /^[^ ]/ { s = 0 } s && /^  [a-z]/ { print $1 }' "$1"; }
walk() {
  local path="$1" file="$WORK/help/$(echo "cmd $1" | tr ' ' '_')"
  # shellcheck disable=SC2086  # the path is words
  dacl $path --help > "$file"
  echo "$path" >> "$WORK/commands"
  local s
  for s in $(subcommands "$file"); do walk "${path:+$path }$s"; done
}
walk ""
helpfile() { echo "$WORK/help/$(echo "cmd $1" | tr ' ' '_')"; }

# roff for verbatim text: backslashes and minus signs escaped, no line read as a request.
roff_verbatim() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

{
  echo "[DESCRIPTION]"
  echo "dacl is the command line of DACL Studio: it reads ECG datasets (PhysioNet 2017 layout,"
  echo "WFDB records), computes wavelet-scattering features, runs the DACL protocol (k-fold"
  echo "training and evaluation with baselines), applies a run's final model to new records and"
  echo "writes reports. Results go into a SQLite results file that the desktop application"
  echo "dacl-studio(1) opens too. On error it prints \"dacl: error: ...\" and exits with status 1."
  echo "[COMMANDS]"
  tail -n +2 "$WORK/commands" | while read -r path; do
    echo ".SS \"dacl $path\""
    echo ".nf"
    # The usage line and description, then the options; "-h,--help" is the same everywhere (and
    # a group's "Options:" holds nothing else).
    grep -v -e '^ *-h,--help ' "$(helpfile "$path")" | sed -e '/./,$!d' | awk '
      { line[NR] = $0 }
      END {
        for (i = 1; i <= NR; i++) {
          if (line[i] == "Options:") {
            for (j = i + 1; j <= NR && line[j] == ""; j++) {}
            if (j > NR || line[j] !~ /^  -/) { i = j - 1; continue }
          }
          print line[i]
        }
      }' | roff_verbatim
    echo ".fi"
  done
  echo "[FILES]"
  echo ".TP"
  echo ".I ~/.cache/dacl/features"
  echo "Feature cache of dacl features and dacl pipeline (--cache, --no-cache)."
  echo "[SEE ALSO]"
  echo "dacl-studio(1)"
} > "$WORK/dacl.h2m"
help2man --no-info --section 1 --name "Diffusion-Augmented Contrastive Learning for ECG (command line)" \
  --include "$WORK/dacl.h2m" --output "$WORK/dacl.1" dacl
gzip -9n < "$WORK/dacl.1" > "$OUT/man1/dacl.1.gz"

if [ -n "$STUDIO" ]; then
  cat > "$WORK/studio.h2m" <<'H2M'
[DESCRIPTION]
DACL Studio is the desktop application of DACL (Diffusion-Augmented Contrastive Learning for
ECG). It opens the built-in demo dataset on first start, or the dataset folder given with
\-\-data; one current record links the Dataset, ECG, Scattering, Latent and Diffusion views, one
current run feeds Latent, Diffusion, Embedding and ROC. Training and evaluation jobs run in a
queue; File \(-> Export report writes a PDF or HTML report of a run. The command line of the
same methods is dacl(1).
[FILES]
.TP
.I ~/.config/DACL/DACL Studio.conf
Settings: data folders, results file, threads, device, screen calibration, language.
.TP
.I ~/.local/share/DACL/DACL Studio/
The demo dataset and the default results file (results.sqlite).
[ENVIRONMENT]
.TP
.B QT_QPA_PLATFORM=offscreen
Run without a display (with \-\-screenshot\-tour).
[SEE ALSO]
dacl(1)
H2M
  # Its --version says "DACL Studio X"; help2man would name the page "DACL" after it.
  help2man --no-info --section 1 --name "desktop application for DACL on ECG" \
    --version-string "dacl-studio $(dacl-studio --version | awk '{ print $NF }')" \
    --include "$WORK/studio.h2m" --output "$WORK/dacl-studio.1" dacl-studio
  gzip -9n < "$WORK/dacl-studio.1" > "$OUT/man1/dacl-studio.1.gz"
fi

"$HERE/completion.sh" "$WORK/help" "$WORK/commands" > "$OUT/completions/dacl"
