#!/usr/bin/env bash
# apt-install.sh WHAT PACKAGE...: installs Debian packages for the scripts that need them (as root or through
# sudo), or fails saying WHAT needs them where there is no apt-get.
set -euo pipefail
what="$1"
shift
if ! command -v apt-get >/dev/null; then
  echo "install $* yourself: $what" >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "installing $* with apt-get ($what)"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
