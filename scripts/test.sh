#!/usr/bin/env bash
# The project's test command: installs Azurite from the lock file when missing, then runs
# every test project of the offline build (everything but src/VideoVault.Functions).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
dotnet test VideoVault.Offline.slnf --logger "console;verbosity=minimal" "$@"
