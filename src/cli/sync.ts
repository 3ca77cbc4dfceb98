import type { Command } from 'commander';
import type { SyncProgress } from '../shared/model';
import { createApp } from '../main/app';
import { ensureDemoHis } from '../main/bootstrap';
import { systemClock } from '../main/util/clock';
import { loadConfig } from '../main/config';
import { dataDirOf, withDataOption } from './common';

export function registerSync(program: Command): void {
  withDataOption(program.command('sync').description('read new and changed rows from the HIS into the store (safe to rerun)'))
    .option('--quiet', 'no progress lines')
    .option('--full', 'ignore watermarks and re-read everything')
    .action(async (opts: { data?: string; quiet?: boolean; full?: boolean }) => {
      const config = loadConfig(dataDirOf(opts));
      ensureDemoHis(config, 2000, systemClock, (m) => console.error(m));
      const app = await createApp(config);
      try {
        const started = Date.now();
        let last = 0;
        let entity = '';
        app.events.subscribe((event, payload) => {
          if (event !== 'sync.progress') return;
          const p = payload as SyncProgress;
          // At most five lines a second, but each view's first batch always shows: a short view
          // would otherwise pass unseen between two lines.
          if (opts.quiet || p.done || (p.entity === entity && Date.now() - last < 200)) return;
          last = Date.now();
          entity = p.entity;
          console.error(`  ${p.entity}: ${p.read} read, ${p.rejected} rejected`);
        });
        const { done } = await app.sync.start('cli', { full: opts.full });
        const run = await done;
        // Per entity, with a patient's bad phones and ID numbers apart from rejected patients.
        if (!opts.quiet)
          for (const [e, c] of Object.entries(run.counts)) {
            const flagged = Object.entries(c.flagged ?? {}).map(([sub, n]) => `, ${n} ${sub} flagged`);
            console.error(`  ${e}: ${c.read} read, ${c.rejected} rejected${flagged.join('')}`);
          }
        console.log(JSON.stringify({ ...run, seconds: (Date.now() - started) / 1000 }));
        if (run.status !== 'ok') process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
