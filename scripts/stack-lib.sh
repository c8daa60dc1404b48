# Shared by dev-stack.sh and demo.sh: install, build, start Azurite + simulator + dev host, stop them on exit.
# Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOGS="$ROOT/.azurite/logs"
PIDS=()

stack_stop() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local port=$1 name=$2 log=$3
  for _ in $(seq 1 240); do
    if ! port_free "$port"; then return 0; fi
    sleep 0.5
  done
  echo "stack: $name did not start listening on 127.0.0.1:$port; its log ($log):" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}

stack_start() {
  cd "$ROOT"
  command -v dotnet >/dev/null || { echo "stack: the .NET SDK is required" >&2; exit 1; }
  command -v npm >/dev/null || { echo "stack: node and npm are required" >&2; exit 1; }
  for port in 10000 10001 10002 7080 7071; do
    port_free "$port" || { echo "stack: port $port is in use; stop whatever listens there (another dev stack?)" >&2; exit 1; }
  done
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
  [ -f local.settings.json ] || { cp local.settings.sample.json local.settings.json; echo "stack: created local.settings.json from local.settings.sample.json"; }
  dotnet build Functions.sln --nologo -v quiet -clp:ErrorsOnly

  mkdir -p "$LOGS"
  trap stack_stop EXIT INT TERM
  node node_modules/azurite/dist/src/azurite.js --location "$ROOT/.azurite" --silent --disableTelemetry >"$LOGS/azurite.log" 2>&1 &
  PIDS+=($!)
  dotnet run --no-build --project src/VideoVault.PiApiSimulator -- --urls http://127.0.0.1:7080 >"$LOGS/simulator.log" 2>&1 &
  PIDS+=($!)
  dotnet run --no-build --project src/VideoVault.DevHost -- --urls http://127.0.0.1:7071 >"$LOGS/devhost.log" 2>&1 &
  PIDS+=($!)
  wait_for_port 10002 Azurite "$LOGS/azurite.log"
  wait_for_port 7080 "the PiAPI simulator" "$LOGS/simulator.log"
  wait_for_port 7071 "the dev host" "$LOGS/devhost.log"
  echo "stack: Azurite on 127.0.0.1:10000-10002, PiAPI simulator on http://127.0.0.1:7080, VideoVault on http://127.0.0.1:7071 (logs in $LOGS)"
}
