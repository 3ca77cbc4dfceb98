import type { Command } from 'commander';
import { audit } from '../main/auth/audit';
import { sealAudit, verifyAuditChain } from '../main/auth/audit-chain';
import { loadConfig } from '../main/config';
import { openStore } from '../main/store/store';
import { systemClock } from '../main/util/clock';
import { cliContext, dataDirOf, withDataOption } from './common';

// `followup audit verify`: checks the audit log's hash chain on the server (the admin's
// "verify" button does the same) and exits 1 naming the first edited or deleted row.

export function registerAudit(program: Command): void {
  const cmd = program.command('audit').description('the audit log: check its hash chain');
  withDataOption(cmd.command('verify').description('walk the hash chain of the audit log; exit 1 naming the first edited or deleted row'))
    .option('--seal', 'first seal the rows not sealed yet (a running workstation does so within seconds)')
    .option('--json', 'print the whole result as JSON')
    .action(async (opts: { data?: string; seal?: boolean; json?: boolean }) => {
      const store = await openStore(loadConfig(dataDirOf(opts)).store);
      try {
        if (opts.seal) await sealAudit(store.knex, systemClock, { sweep: true });
        const r = await verifyAuditChain(store.knex);
        await audit(store.knex, systemClock, cliContext(), 'audit.verify', null, {
          ok: r.ok,
          sealed: r.sealed,
          unsealed: r.unsealed,
          problemCount: r.problemCount,
          head: r.head,
        });
        if (opts.json) console.log(JSON.stringify(r));
        else {
          for (const p of r.problems) console.log(p.message);
          if (r.problemCount > r.problems.length) console.log(`…共 ${r.problemCount} 处问题 (${r.problemCount} problems in all)`);
          if (r.head) console.log(`最新封存 (newest seal): ${r.head.seq} ${r.head.hash}`);
          if (r.ok) console.log(r.message);
        }
        if (!r.ok) throw new Error(r.message);
      } finally {
        await store.close();
      }
    });
}
