#!/usr/bin/env bash
# Runs VideoVault locally until Ctrl-C: Azurite (default ports, data in .azurite/), the PiAPI
# simulator and the dev host, configured by local.settings.json (created from the sample).
source "$(dirname "$0")/stack-lib.sh"
stack_start
echo "stack: submit with: curl -X POST http://127.0.0.1:7071/api/tasks -H 'Content-Type: application/json' -d '{\"model\":\"sora2\",\"task_type\":\"sora2-video\",\"input\":{\"prompt\":\"a cat surfing\"}}'"
echo "stack: press Ctrl-C to stop"
wait
