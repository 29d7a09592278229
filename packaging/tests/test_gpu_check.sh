#!/usr/bin/env bash
# packaging/gpu-check.sh refuses, before building anything, where the machine lacks what it needs,
# and says what: fake `nvidia-smi` and `python3` (first on PATH) stand in for each machine.
set -euo pipefail
CHECK="$1"
FAKE="$(mktemp -d)"
trap 'rm -rf "$FAKE"' EXIT
failures=0

# expect "what" "fake nvidia-smi body" "fake python3 body" "message" [gpu-check args...]
expect() {
  local what="$1" smi="$2" py="$3" message="$4"
  shift 4
  rm -f "$FAKE"/*
  if [ -n "$smi" ]; then printf '#!/bin/sh\n%s\n' "$smi" >"$FAKE/nvidia-smi"; chmod +x "$FAKE/nvidia-smi"; fi
  if [ -n "$py" ]; then printf '#!/bin/sh\n%s\n' "$py" >"$FAKE/python3"; chmod +x "$FAKE/python3"; fi
  local err code=0
  # Without a fake nvidia-smi, PATH holds only the basic tools (a real GPU driver is not visible).
  err="$(PATH="$FAKE:/usr/bin:/bin" DACL_TORCH_PREFIX= "$CHECK" --build "$FAKE/build" "$@" 2>&1 >/dev/null)" || code=$?
  if [ "$code" = 2 ] && printf '%s' "$err" | grep -qF "$message" && [ ! -e "$FAKE/build" ]; then
    echo "ok: $what"
  else
    echo "FAILED: $what: exit $code, wanted 2 and '$message'; it said: $err"
    failures=$((failures + 1))
  fi
}

GPU='echo "NVIDIA H100 80GB HBM3, 81559 MiB"'
if ! PATH=/usr/bin:/bin command -v nvidia-smi >/dev/null; then
  expect "no driver" "" "" "no NVIDIA GPU here: nvidia-smi is not on PATH"
fi
expect "driver without a GPU" 'echo "No devices were found"; exit 6' "" "nvidia-smi finds no GPU: No devices were found"
expect "no PyTorch" "$GPU" 'echo "ModuleNotFoundError: No module named torch" >&2; exit 1' \
  "python3 cannot import torch (ModuleNotFoundError: No module named torch)"
expect "CPU-only PyTorch" "$GPU" 'case "$2" in *cmake_prefix_path*) echo /;; *) echo "2.5.1+cpu None False";; esac' \
  "PyTorch 2.5.1+cpu is a CPU-only build"
expect "PyTorch that sees no GPU" "$GPU" 'case "$2" in *cmake_prefix_path*) echo /;; *) echo "2.5.1 12.4 False";; esac' \
  "PyTorch 2.5.1 (CUDA 12.4) sees no GPU"
expect "no data" "$GPU" 'case "$2" in *cmake_prefix_path*) echo /;; *nccl*) exit 1;; *) echo "2.5.1 12.4 True";; esac' \
  "no PhysioNet 2017 data at /nonexistent" --data /nonexistent
exit "$failures"
