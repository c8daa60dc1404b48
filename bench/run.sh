#!/usr/bin/env bash
# Runs every benchmark (archive copy, table and queue operations, webhook, submit, completed webhook
# to archived, scaling, event delivery) side by side with its baselines and writes
# bench/results/latest.md and latest.json. `--quick` for a smaller smoke run; `scaling [--quick]` for
# the task-index benchmark alone, `events [--quick]` for the event delivery benchmark alone,
# `floors [--quick]` for the webhook and submit benchmarks against their storage floors alone,
# `completion [--quick]` for PiAPI's completed webhook to archived against the bare copy alone,
# `tracing [--quick]` for the webhook and submit benchmarks without and with OpenTelemetry, and
# `console [--quick]` for the operator console in Chromium (scripts/ensure-chromium.sh installs it),
# each printed, results left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
[ "${1:-}" != console ] || bash scripts/ensure-chromium.sh
dotnet build bench/VideoVault.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet bench/VideoVault.Benchmarks/bin/Release/net10.0/VideoVault.Benchmarks.dll "$@"
