#!/usr/bin/env bash
# One shot: starts the local stack, submits one task, waits for it to be archived, prints the task
# id, final status, blob name and a SAS URL, then stops everything. Extra arguments go to the demo
# (e.g. --prompt "a cat surfing", --model sora2).
source "$(dirname "$0")/stack-lib.sh"
stack_start
dotnet run --no-build --project "$ROOT/src/VideoVault.Demo" -- --base-url http://127.0.0.1:7071 "$@"
