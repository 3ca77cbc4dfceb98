#!/usr/bin/env bash
# Starts the workstation on its embedded defaults (SQLite store + a generated demo HIS, synced
# on first start). With the Electron binary present it opens the desktop app; without it (an
# offline build server, say) it serves the same UI to a browser and prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ "${FOLLOWUP_BROWSER:-0}" != "1" ] && node -e "require('fs').accessSync(require('electron'))" >/dev/null 2>&1; then
  exec npx electron-forge start
fi

echo "Electron binary not available: serving the workstation to the browser instead." >&2
npm run -s build
exec node bin/followup.js serve --data "${FOLLOWUP_DATA:-data}" "$@"
