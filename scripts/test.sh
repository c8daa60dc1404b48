#!/usr/bin/env bash
# The project's test command: installs Azurite from the lock file, ffmpeg (the simulator's video tests decode
# with it) and Debian's Chromium (the console's browser tests drive it) when missing, then builds every project
# of Functions.sln (the Functions app and the Bicep check included, warnings as errors) and runs every test
# project. The browser tests' screenshots go to TestResults/console/.
# Arguments go to `dotnet test` (e.g. --filter "Category!=Chaos").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/ensure-ffmpeg.sh
bash scripts/ensure-chromium.sh
# Every in-process host would watch its appsettings files for changes: one inotify instance each, and a
# test run starts hundreds of hosts against a per-user limit of 128. Tests change settings in memory instead.
export DOTNET_hostBuilder__reloadConfigOnChange=false
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# -m:1 runs the test projects one after another: the publish test's Release build and the chaos run each
# keep both cores busy, which would make the timing assertions of a test project running beside them flaky.
dotnet test Functions.sln -m:1 --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over every test project, from dotnet test's own per-project summaries.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
echo "tests: $passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "tests: no test ran" >&2
  exit 1
fi
exit "$status"
