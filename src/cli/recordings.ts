import type { Command } from 'commander';
import { createApp } from '../main/app';
import { purgeRecordings, retentionDays } from '../main/calls/recordings';
import { loadConfig } from '../main/config';
import { dataDirOf, positiveInt, withDataOption } from './common';

// For a scheduled job (cron, Windows Task Scheduler): recordings also go as new ones arrive,
// but a workstation that stops recording still has to let old ones expire.
export function registerRecordings(program: Command): void {
  const cmd = program.command('recordings').description('call recordings');
  withDataOption(cmd.command('purge').description('delete recordings older than the retention period ($FOLLOWUP_RECORDING_RETENTION_DAYS, default 365 days)'))
    .option('--days <n>', 'keep this many days instead', positiveInt('days'))
    .action(async (f: { data?: string; days?: number }) => {
      const dataDir = dataDirOf(f);
      const app = await createApp(loadConfig(dataDir));
      try {
        const days = f.days ?? retentionDays();
        const purged = await purgeRecordings(app.store.knex, app.clock, app.config.recordingsDir, days);
        console.log(`purged ${purged} recording(s) older than ${days} days`);
      } finally {
        await app.close();
      }
    });
}
