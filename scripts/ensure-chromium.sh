#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core never downloads a browser of its
# own). Installs the chromium package when /usr/bin/chromium (or CHROMIUM_PATH) is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Chromium not found at $CHROMIUM; installing Debian's chromium package" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
"$CHROMIUM" --version 2>/dev/null | head -1 || true
