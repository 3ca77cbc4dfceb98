import fs from 'node:fs';
import path from 'node:path';

/** The repository root, from the sources (test/sip/harness) or compiled (dist/test/sip/harness, for the bench). */
export const REPO = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'followup-workstation') return dir;
  }
  throw new Error(`no repository above ${__dirname}`);
})();

export const HARNESS = path.join(REPO, 'test', 'sip', 'harness');
