#!/usr/bin/env bash
# Installs ffmpeg (ffprobe included) when it is missing: the simulator tests read its generated videos back with
# ffprobe and decode them with ffmpeg, as a browser would. The simulator itself needs no encoder or decoder.
# Does nothing when both are there. Debian/Ubuntu (apt-get, as root or through sudo).
set -euo pipefail
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-ffmpeg: install ffmpeg (with ffprobe) for the simulator's video tests" >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "ensure-ffmpeg: installing ffmpeg with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
