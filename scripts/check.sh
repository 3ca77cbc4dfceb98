#!/usr/bin/env bash
# The fast check (`npm run check`): types, lint, formatting and unit tests, in under two minutes on two cores.
# The three run side by side (tsc and ESLint use one core each), each printed when it is done.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

npm run -s typecheck >"$logs/types" 2>&1 & types=$!
npm run -s lint >"$logs/lint" 2>&1 & lint=$!
npx prettier --check --log-level warn "**/*.{ts,tsx,mts,cts,js,mjs,cjs}" >"$logs/format" 2>&1 & format=$!
npx vitest run --project 'unit*' >"$logs/unit" 2>&1 & unit=$!

failed=()
wait $types || failed+=(types)
echo "== types (tsc -b: main, renderer, preload, tests)"; cat "$logs/types"
wait $lint || failed+=(lint)
echo "== lint (ESLint, import cycles)"; cat "$logs/lint"
wait $format || failed+=(format)
echo "== format (Prettier; \`npm run format\` fixes it)"; cat "$logs/format"
wait $unit || failed+=('unit tests')
echo "== unit tests"; cat "$logs/unit"

if [ ${#failed[@]} -gt 0 ]; then
  echo "check failed: ${failed[*]}" >&2
  exit 1
fi
