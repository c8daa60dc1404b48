#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing: the console's browser tests drive it with Playwright, which
# cannot download its own browsers here. Does nothing when /usr/bin/chromium (or $VIDEOVAULT_CHROMIUM) is
# there. Debian/Ubuntu (apt-get, as root or through sudo).
set -euo pipefail
if [ -x "${VIDEOVAULT_CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: install Chromium (or set VIDEOVAULT_CHROMIUM to one) for the console's browser tests" >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "ensure-chromium: installing chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
