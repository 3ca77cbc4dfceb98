#!/usr/bin/env node
require('../dist/src/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`followup: ${err && err.message ? err.message : err}`); process.exitCode = 1; },
);
