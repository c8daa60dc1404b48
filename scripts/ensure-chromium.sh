#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing: the console's browser tests and benchmark drive it with
# Playwright, which cannot download its own browsers here. Does nothing when /usr/bin/chromium (or
# $VIDEOVAULT_CHROMIUM) is there.
set -euo pipefail
if [ -x "${VIDEOVAULT_CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" "the console's browser tests drive it" chromium fonts-dejavu-core
