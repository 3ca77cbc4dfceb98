#!/usr/bin/env node
require('../dist/src/cli/main.js')
  .main(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`followup: ${err && err.message ? err.message : err}`);
      process.exitCode = 1;
      // A command that failed half-way may leave a connection open; it must not keep the process.
      setTimeout(() => process.exit(1), 2000).unref();
    },
  );
