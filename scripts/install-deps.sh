#!/usr/bin/env bash
# Installs the system packages cnnviz needs when they are missing (Debian/Ubuntu):
# libcairo2-dev (Cairo headers, pkg-config), zlib1g-dev, libpng-dev (PNG decoding), libjpeg-dev (libjpeg-turbo, JPEG decoding), ffmpeg (video encoding),
# fonts-dejavu-core (label font), chromium (only for the test that drives tools/recorder.html
# headless; it skips without it). Uses apt-get as root, or sudo when not root.
set -euo pipefail

missing=()
pkg-config --exists cairo 2>/dev/null || missing+=(libcairo2-dev pkg-config)
pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
pkg-config --exists libpng 2>/dev/null || missing+=(libpng-dev)
pkg-config --exists libjpeg 2>/dev/null || missing+=(libjpeg-dev)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "cnnviz: installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "cnnviz: cannot install ${missing[*]}: not root and no sudo. Install them with your package manager, then run again." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cnnviz: apt-get not found; install the equivalents of ${missing[*]} with your package manager." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "cnnviz: system packages ready" >&2
