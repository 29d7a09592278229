#!/usr/bin/env bash
# README command 1: builds (installing what is missing) and starts DACL Studio on the built-in
# demo dataset. Without a display it says so and runs the same demo job headless through the CLI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DACL_BUILD_DIR:-$ROOT/build}"
"$ROOT/packaging/build.sh" --target dacl dacl-studio
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$BUILD/app/gui/dacl-studio" "$@"
fi
echo "No display found (DISPLAY and WAYLAND_DISPLAY unset): running the headless demo job through the CLI."
DATA="${XDG_DATA_HOME:-$HOME/.local/share}/DACL/DACL Studio/demo-dataset"
DACL="$BUILD/app/cli/dacl"
"$DACL" info
if [ ! -f "$DATA/RECORDS" ]; then
  "$DACL" demo-data --output "$DATA"
fi
"$DACL" dataset info --data "$DATA"
# The short demo run: one stratified 80/20 split, brief training, results in a SQLite file.
DB="${XDG_DATA_HOME:-$HOME/.local/share}/DACL/DACL Studio/demo-results.db"
"$DACL" pipeline --data "$DATA" --task af_vs_rest --folds 1 --db "$DB" \
  --set vae.epochs=20 --set train.epochs=5 \
  --set seq.vae_epochs=5 --set seq.epochs=3 --set seq.finetune_epochs=3 --set seq.steps_per_epoch=10 \
  --baselines st_lr
