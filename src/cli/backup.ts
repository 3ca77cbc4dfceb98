import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../main/config';
import { ALL_PAGES, assertSqliteStore, backupStore, takeBackup } from '../main/store/backup';
import { restoreStore } from '../main/store/restore';
import { openStore } from '../main/store/store';
import { systemClock } from '../main/util/clock';
import { dataDirOf, withDataOption } from './common';

export function registerBackup(program: Command): void {
  withDataOption(
    program
      .command('backup')
      .description(
        'online backup of the SQLite store (safe while the workstation runs) into <data>/backups, keeping the last backup.keep; prints the file as JSON. PostgreSQL: use pg_dump',
      ),
  )
    .option('--out <file>', 'write the backup to this file instead (not pruned)')
    .action(async (opts: { data?: string; out?: string }) => {
      const config = loadConfig(dataDirOf(opts));
      assertSqliteStore(config.store);
      const store = await openStore(config.store);
      try {
        // Another process may be writing: copy in one step rather than restart step by step.
        const out = opts.out
          ? { ...(await backupStore(store, path.resolve(opts.out), { pagesPerStep: ALL_PAGES })), pruned: [] }
          : await takeBackup(store, config.dataDir, systemClock, config.backup?.keep ?? 7, { pagesPerStep: ALL_PAGES });
        console.log(JSON.stringify(out));
      } finally {
        await store.close();
      }
    });

  withDataOption(
    program
      .command('restore <file>')
      .description(
        'replace the SQLite store with a backup, after checking it (SQLite, integrity_check, migrations this version knows); stop the workstation first; the replaced store is kept in <data>/backups. PostgreSQL: use pg_restore',
      ),
  ).action(async (file: string, opts: { data?: string }) => {
    const config = loadConfig(dataDirOf(opts));
    console.log(JSON.stringify(await restoreStore(config, file, systemClock)));
  });
}
