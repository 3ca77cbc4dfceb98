import { watchLoopLag } from '../../src/main/util/loop-lag';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { testDispatcher } from '../helpers/dispatch';
import { livePlan, makeEncounter, makePatient, makeUsers, planDef } from '../helpers/followup';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// A sync started from the UI runs in the server's own process, beside the nurses. Their writes
// must neither wait for the sync's whole run nor freeze the event loop (better-sqlite3 waits for
// a lock synchronously): the sync commits in short transactions and steps aside between them.

const PATIENTS = 4000;
const his = makeDemoHis(PATIENTS, 5);
const dataDir = tempDir('followup-sync-nurses');
afterAll(() => {
  fs.rmSync(his.dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Each store kind syncs (and edits) its own copy.
const hisFile = (kind: string) => his.file.replace(/\.sqlite$/, `-${kind}.sqlite`);

/** Every patient and stay of the HIS changed, so a re-read rewrites them rather than skipping them. */
function touchEveryRow(file: string, stamp: string) {
  const db = new Database(file);
  db.prepare("update V_BRXX set xzz = coalesce(xzz, '') || '号', xgsj = ?").run(stamp);
  db.prepare("update V_ZY_CYBR set zzys = coalesce(zzys, '') || '甲', xgsj = ?").run(stamp);
  db.close();
}

describe.each(STORE_KINDS)('a sync beside nurses at work, store on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let nurses: User[];
  const clock = fixedClock('2026-07-01 09:00:00');

  beforeAll(async () => {
    t = await createTestStore(kind);
    fs.copyFileSync(his.file, hisFile(kind));
    store = await t.open();
    // The store already holds the HIS: the measured run is a UI-started re-sync, not a first load.
    expect((await syncOnce(store, hisFile(kind), clock)).status).toBe('ok');
    nurses = await makeUsers(store.knex, 3);
    await livePlan(
      store.knex,
      clock,
      planDef({
        enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 30 },
        tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'phq9' }, points: [{ at: { days: 7 } }] }],
      }),
    );
    for (let i = 0; i < 300; i++) {
      const patientId = await makePatient(store.knex, { name: `病人${i}`, phones: [`1390000${String(i).padStart(4, '0')}`] });
      await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-26' });
    }
    await runFollowupCycle(store, clock, shippedLibrary());
    expect(Number((await store.knex('tasks').where({ status: 'pending' }).count({ n: '*' }))[0].n)).toBeGreaterThan(300);
    touchEveryRow(hisFile(kind), '2026-07-01 09:30:00');
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('lets nurses claim, dial and save drafts while it runs, each within a second, and never blocks the event loop', async () => {
    const d = testDispatcher(store, clock, dataDir);
    const call = async (user: User, method: string, input: unknown) => {
      const started = performance.now();
      const out = await d.dispatch({ user, token: null, transport: 'http' }, method, input);
      return { out, ms: performance.now() - started };
    };

    // The event loop's lag: a 10 ms timer that fires late measures how long something held the thread.
    const lag = watchLoopLag();

    clock.set('2026-07-01 10:00:00');
    let running = true;
    const syncStarted = performance.now();
    const syncing = syncOnce(store, hisFile(kind), clock, { full: true }).finally(() => (running = false));
    const calls: { method: string; ms: number; ok: boolean; error?: unknown }[] = [];
    const nurseAtWork = async (nurse: User, n: number) => {
      for (let seq = 1; running; seq++) {
        const claimed = await call(nurse, 'tasks.claimNext', {});
        calls.push({ method: 'tasks.claimNext', ms: claimed.ms, ok: claimed.out.ok, error: claimed.out.ok ? undefined : claimed.out.error });
        // A refused write ends this nurse's shift: the test fails on it, and must not spin meanwhile.
        if (!claimed.out.ok) break;
        const task = (claimed.out.result as { task: { id: number; phone: string | null } | null }).task;
        if (!task) break;
        const steps: [string, unknown][] = [
          ['followup.logAttempt', { taskId: task.id, phoneNumber: task.phone ?? `1380000${String(n).padStart(4, '0')}`, outcome: 'no_answer' }],
          ['followup.saveDraft', { taskId: task.id, answers: { phq9_1: '1' }, seq }],
        ];
        for (const [method, input] of steps) {
          const r = await call(nurse, method, input);
          calls.push({ method, ms: r.ms, ok: r.out.ok, error: r.out.ok ? undefined : r.out.error });
          if (!r.out.ok) return;
        }
        // A nurse's next task comes a moment later, at no particular point of the sync's work.
        await new Promise((r) => setTimeout(r, 10 + ((seq * 37 + n * 11) % 40)));
      }
    };
    await Promise.all(nurses.map((nurse, n) => nurseAtWork(nurse, n)));
    const run = await syncing;
    const syncMs = performance.now() - syncStarted;
    lag.stop();
    const maxLag = lag.max();

    expect(run.status, run.error ?? '').toBe('ok');
    expect(run.counts.patients.updated).toBeGreaterThan(PATIENTS / 2);
    const failed = calls.filter((c) => !c.ok);
    expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
    // Enough calls to be sure they met the sync's transactions, not only the gaps between them.
    const summary = `${calls.length} calls during a ${Math.round(syncMs)} ms sync; event loop held up to ${Math.round(maxLag)} ms`;
    expect(calls.length, summary).toBeGreaterThanOrEqual(30);
    const slowest = calls.reduce((a, b) => (b.ms > a.ms ? b : a));
    expect(slowest.ms, `slowest: ${slowest.method}; ${summary}`).toBeLessThan(1000);
    expect(maxLag, summary).toBeLessThan(1000);
    // The writes are all there.
    expect(Number((await store.knex('attempts').count({ n: '*' }))[0].n)).toBe(calls.filter((c) => c.method === 'followup.logAttempt').length);
  });
});
