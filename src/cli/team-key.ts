import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './common';

export function registerTeamKey(program: Command): void {
  program
    .command('team-key')
    .description(
      "writes a new key the call centre's workstations share for SIP passwords on one PostgreSQL; copy it to each workstation and set team.keyFile in config.json (or FOLLOWUP_TEAM_KEY to its base64)",
    )
    .requiredOption('--out <file>', 'where to write the key (never overwritten)')
    .action((opts: { out: string }) => {
      const file = path.resolve(opts.out);
      try {
        // Readable by this OS user only, and never over an existing key: passwords sealed under it would be lost.
        fs.writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`文件已存在，不会覆盖 (${file} exists; a key is never overwritten)`);
        throw err;
      }
      console.log(JSON.stringify({ keyFile: file, config: { team: { keyFile: file } } }));
    });
}
