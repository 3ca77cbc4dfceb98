#!/usr/bin/env bash
# Runs a test command with the product's clock moved to another Beijing date and time, to prove
# that no suite depends on the calendar. Every process the command starts (vitest workers,
# `followup serve`, the CLI) inherits the same offset, so they all agree on "now".
#   bash scripts/test-on-date.sh 2028-02-29            # npm test at 09:30 Beijing that day
#   bash scripts/test-on-date.sh 2026-12-31T23:40 npx vitest run
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: test-on-date.sh YYYY-MM-DD[THH:MM] [command ...]}"
shift
[[ "$target" == *T* ]] || target="${target}T09:30"
target_ms=$(date -d "${target/T/ } +0800" +%s%3N) || { echo "test-on-date: cannot read '$target'" >&2; exit 2; }
export FOLLOWUP_CLOCK_OFFSET_MS=$(( target_ms - $(date +%s%3N) ))
echo "== product clock set to ${target} Beijing (offset ${FOLLOWUP_CLOCK_OFFSET_MS} ms)"
if [ $# -eq 0 ]; then set -- npm test; fi
exec "$@"
