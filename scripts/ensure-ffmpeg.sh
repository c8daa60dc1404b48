#!/usr/bin/env bash
# Installs what the PiAPI simulator encodes its videos with: ffmpeg (libx264, the drawtext filter, and ffprobe,
# which the tests read the videos back with) and the DejaVu fonts it writes the task id in. Does nothing when
# they are there already, so every script can call it. Debian/Ubuntu (apt-get, as root or through sudo).
set -euo pipefail
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null && [ -f "$font" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-ffmpeg: install ffmpeg (with libx264) and the DejaVu fonts, or point Simulator__FfmpegPath and Simulator__FontFile at them" >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "ensure-ffmpeg: installing ffmpeg and fonts-dejavu-core with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends ffmpeg fonts-dejavu-core >/dev/null
