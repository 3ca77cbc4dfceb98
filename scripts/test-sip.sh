#!/usr/bin/env bash
# Real SIP calls: kamailio, rtpengine, sipp, baresip and the workstation in Chromium, all inside
# a fresh network namespace that holds nothing but the loopback interface, so no test can reach
# (or be reached from) the machine's real network. Expects `npm run build` to have run (the
# test command does it); builds if the output is missing. Extra arguments go to Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in kamailio rtpengine sipp baresip unshare; do
  command -v "$tool" >/dev/null 2>&1 || { echo "test-sip: $tool is missing; run scripts/setup-machine.sh" >&2; exit 1; }
done
[ -f dist/src/cli/main.js ] && [ -f dist/renderer/index.html ] || npm run -s build

# As root a plain network namespace; otherwise a user namespace maps us to root inside it.
if [ "$(id -u)" -eq 0 ]; then NS=(unshare --net); else NS=(unshare --map-root-user --net); fi
exec "${NS[@]}" sh -c 'ip link set lo up && exec npx playwright test --config playwright.sip.config.ts "$@"' test-sip "$@"
