import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { createApp } from '../src/main/app';
import { PG_POOL_MAX } from '../src/main/store/store';
import { createUser } from '../src/main/auth/users';
import { ensureDemoHis } from '../src/main/bootstrap';
import { loadConfig } from '../src/main/config';
import { runFollowupCycle } from '../src/main/plans/cycle';
import { activatePlan, savePlan } from '../src/main/plans/repo';
import { questionnairesOf } from '../src/main/questionnaires/store-library';
import { systemClock } from '../src/main/util/clock';
import { planDefinitionSchema } from '../src/shared/plans/schema';
import { checkSoak, sampleLockWaits } from './soak-checks';
import type { SoakReport } from './soak-worker';

// `npm run soak [-- --workstations 20 --seconds 60 --patients 20000]`: a call centre on one
// PostgreSQL. N workstation processes work one queue (claim, dial, draft, complete or put back)
// while this process runs full HIS syncs back to back, under the sync lease. Then it checks:
// no task held by two nurses at once, no saved answer lost, every action in the audit log, no
// request over 1 s. Needs PostgreSQL at $FOLLOWUP_TEST_PG (default postgres@127.0.0.1:5432).

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main() {
  const workstations = arg('--workstations', 20);
  const seconds = arg('--seconds', 60);
  const patients = arg('--patients', 20_000);
  const pgAdmin = process.env.FOLLOWUP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = `followup_soak_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: pgAdmin, pool: { min: 0, max: 1 } });
  // Each workstation holds up to PG_POOL_MAX connections and its LISTEN one; this process its
  // own app's, the lock sampler's and this admin one. Refuse at once rather than fail midway.
  const needed = workstations * (PG_POOL_MAX + 1) + PG_POOL_MAX + 3;
  const { rows } = await admin.raw(
    "select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - (select count(*) from pg_stat_activity where backend_type = 'client backend')::int as free",
  );
  if (rows[0].free < needed) {
    await admin.destroy();
    throw new Error(
      `${workstations} workstations need about ${needed} PostgreSQL connections and ${rows[0].free} are free: raise max_connections (ALTER SYSTEM SET max_connections = ${needed + 30}; then restart PostgreSQL)`,
    );
  }
  await admin.raw(`create database ${db}`);
  const url = new URL(pgAdmin);
  url.pathname = `/${db}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-soak-'));
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ store: { client: 'pg', connection: url.toString() } }), { mode: 0o600 });
  const config = loadConfig(dataDir);
  try {
    console.log(`# team soak: ${workstations} workstations × ${seconds} s on PostgreSQL ${db}, demo HIS of ${patients} patients, syncs back to back`);
    ensureDemoHis(config, patients, systemClock, console.log);
    const app = await createApp(config, { log: () => {} });
    const first = await app.sync.start('soak');
    if ((await first.done).status !== 'ok') throw new Error('first sync failed');
    const knex = app.store.knex;
    const def = planDefinitionSchema.parse({
      code: 'soak',
      name: '出院随访（压力测试）',
      enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 60 },
      tracks: [
        { id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'phq9' }, points: [1, 3, 7, 14, 21, 30, 45].map((days) => ({ at: { days } })) },
      ],
    });
    const { planId, version } = await savePlan(knex, systemClock, 'soak', def);
    await activatePlan(knex, systemClock, planId, version);
    await runFollowupCycle(app.store, systemClock, await questionnairesOf(knex));
    const open = Number((await knex('tasks').where({ status: 'pending' }).count({ n: '*' }))[0].n);
    const nurses = [];
    for (let i = 1; i <= workstations; i++)
      nurses.push(await createUser(knex, systemClock, { username: `soak${i}`, displayName: `护士${i}`, role: 'nurse', password: `Soak-pass-${i}-x` }));
    console.log(`${open} open tasks, ${nurses.length} nurses`);

    // Opening twenty apps on two cores takes a while (each migrates under the lock, publishes, seals).
    const t0 = Date.now() + 10_000 + workstations * 1500;
    let syncing = true;
    const syncs: string[] = [];
    const at = () => `+${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const syncLoop = (async () => {
      await new Promise((r) => setTimeout(r, t0 - Date.now()));
      while (syncing) {
        const from = at();
        const run = await (await app.sync.start('soak', { full: true })).done;
        if (run.status === 'cancelled' && !syncing) break;
        if (run.status !== 'ok') throw new Error(`sync during the soak: ${run.status} ${run.error}`);
        syncs.push(`${from} → ${at()}`);
      }
    })();
    // Held until the workstations are done: a failed sync fails the soak, after they finish.
    const syncFailed = syncLoop.then(
      () => null,
      (err: Error) => err,
    );
    const waits = sampleLockWaits(knex, () => syncing);
    const appLog: string[] = [];
    // What the sync got through while the workstations worked: rows read per entity, latest run.
    const syncRead = new Map<string, number>();
    let syncRun = 0;
    app.events.subscribe((event, payload) => {
      const p = payload as { runId: number; entity: string; read: number };
      if (event !== 'sync.progress' || !syncing || !p.entity) return;
      if (p.runId !== syncRun) syncRead.clear();
      syncRun = p.runId;
      syncRead.set(p.entity, p.read);
    });
    const worker = path.join(__dirname, 'soak-worker.js');
    const run = promisify(execFile);
    const reports = await Promise.all(
      nurses.map(async (n, i) => {
        const { stdout, stderr } = await run(process.execPath, [worker, dataDir, String(n.id), n.username, String(seconds), String(i), String(t0)], {
          maxBuffer: 64 << 20,
        });
        for (const line of stderr.split('\n')) if (/failed, error/.test(line)) appLog.push(`${n.username}: ${line}`);
        return JSON.parse(stdout.trim().split('\n').pop()!) as SoakReport;
      }),
    );
    syncing = false;
    await app.sync.cancelAll(); // the sync under way when the workstations stop is not waited for
    const syncError = await syncFailed;
    if (syncError) console.log(`soak: FAILED: ${syncError.message}`);
    const checks = await checkSoak(knex, reports, t0);
    console.log(`full syncs (with enrolment and task generation after each): ${syncs.length ? syncs.join(', ') : 'none finished; one ran the whole time'}`);
    console.log(`the sync under way at the end had read: ${[...syncRead].map(([e, n]) => `${e} ${n}`).join(', ') || 'nothing yet'}`);
    for (const line of checks.lines) console.log(line);
    for (const line of await waits) console.log(line);
    if (appLog.length) console.log(["unexpected failures in the workstations' logs (first 10):", ...appLog.slice(0, 10)].join('\n  '));
    await app.close();
    if (!checks.ok || syncError) process.exitCode = 1;
  } finally {
    await admin.raw(`drop database if exists ${db} with (force)`);
    await admin.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
