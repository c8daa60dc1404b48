#!/usr/bin/env bash
# Installs ffmpeg (ffprobe included) when it is missing: the simulator tests read its generated videos back with
# ffprobe and decode them with ffmpeg, as a browser would. The simulator itself needs no encoder or decoder.
set -euo pipefail
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" "the simulator's video tests decode with it" ffmpeg
