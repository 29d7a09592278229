#!/usr/bin/env bash
# Installs every Debian package DACL Studio needs to build, test and run.
# Idempotent and quiet: packages already present are skipped by apt.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache git
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite qt6-translations-l10n
  qt6-svg-dev
  libqcustomplot-dev libfftw3-dev libtorch-dev libsqlite3-dev libopenblas0-pthread
  libgloo-dev libmatio-dev libcli11-dev nlohmann-json3-dev libbenchmark-dev libxgboost-dev
  libedf-dev
  xvfb xauth poppler-utils
  help2man file desktop-file-utils appstream shared-mime-info man-db
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
