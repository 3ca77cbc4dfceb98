#!/usr/bin/env bash
# Sets up a fresh Debian machine and runs every suite: the fast check (types, lint, unit), integration
# (SQLite + PostgreSQL), end-to-end in Chromium. Idempotent; safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-machine.sh

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "== check: types, lint, unit tests"
npm run -s check
echo "== build"
npm run -s build
echo "== integration (SQLite and PostgreSQL)"
npx vitest run --project integration
echo "== end-to-end (Chromium)"
npx playwright test
echo "== real SIP calls (kamailio + rtpengine + sipp/baresip, loopback-only namespace)"
bash scripts/test-sip.sh
