import { watchLoopLag } from '../src/main/util/loop-lag';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../src/main/api/dispatcher';
import { buildHandlers } from '../src/main/api/handlers';
import type { Services } from '../src/main/api/services';
import { loadConfig } from '../src/main/config';
import type { HisProfile } from '../src/main/his/profile';
import { openSqliteSource } from '../src/main/his/sources/sqlite-source';
import { runSync } from '../src/main/his/sync-runner';
import { runFollowupCycle } from '../src/main/plans/cycle';
import { activatePlan, savePlan } from '../src/main/plans/repo';
import { shippedLibrary } from '../src/main/questionnaires/questionnaire-library';
import type { Store } from '../src/main/store/store';
import type { Clock } from '../src/main/util/clock';
import type { User } from '../src/shared/model';
import { planDefinitionSchema } from '../src/shared/plans/schema';
import { type BenchRow, percentile, rng } from './stats';

const NURSES = 4;
/** Each nurse's pause between two tasks: 100–300 ms, so writes arrive at any point of the sync's work. */
const PAUSE_MS = [100, 300];
const STAMP = '2026-11-01 08:00:00';

/**
 * Nurses at work while an admin re-reads the whole HIS (a full sync, the longest a UI-started
 * sync gets on a loaded store): each claims the next task, logs a dial, saves a draft and puts
 * the task back, through the app's dispatcher as the UI's calls go. Every call is timed.
 */
export async function benchSyncBesideNurses(store: Store, hisFile: string, profile: HisProfile, dataDir: string, clock: Clock): Promise<BenchRow[]> {
  const { knex } = store;
  const def = planDefinitionSchema.parse({
    code: 'bench-beside-sync',
    name: '出院随访 (bench)',
    enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 30 },
    tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'phq9' }, points: [{ at: { days: 3 } }, { at: { days: 7 } }] }],
  });
  const { planId, version } = await savePlan(knex, clock, 'bench', def);
  await activatePlan(knex, clock, planId, version);
  await runFollowupCycle(store, clock, shippedLibrary());
  const nurses: User[] = [];
  for (let i = 1; i <= NURSES; i++) {
    const username = `bench-nurse-${i}`;
    const [row] = await knex('users')
      .insert({ username, display_name: `护士${i}`, role: 'nurse', password_hash: 'x', active: 1, created_at: STAMP })
      .returning('id');
    nurses.push({ id: Number(row.id ?? row), username, displayName: `护士${i}`, role: 'nurse' });
  }
  const services = { store, clock, config: loadConfig(dataDir, {}), sync: null } as unknown as Services;
  const d = createDispatcher(buildHandlers(services), () => {});

  const calls: { method: string; ms: number; ok: boolean }[] = [];
  const call = async (user: User, method: string, input: unknown) => {
    const started = performance.now();
    const out = await d.dispatch({ user, token: null, transport: 'http' }, method, input);
    calls.push({ method, ms: performance.now() - started, ok: out.ok });
    return out;
  };
  const lag = watchLoopLag();

  let running = true;
  const started = performance.now();
  const source = openSqliteSource(hisFile);
  const syncing = runSync(store, source, profile, clock, { full: true, triggeredBy: 'bench' }).finally(() => (running = false));
  const nurseAtWork = async (nurse: User, n: number) => {
    const next = rng(n + 1);
    for (let seq = 1; running; seq++) {
      await new Promise((r) => setTimeout(r, PAUSE_MS[0] + next() * (PAUSE_MS[1] - PAUSE_MS[0])));
      if (!running) break;
      const claimed = await call(nurse, 'tasks.claimNext', {});
      const task = claimed.ok ? (claimed.result as { task: { id: number; phone: string | null } | null }).task : null;
      if (!task) continue;
      await call(nurse, 'followup.logAttempt', { taskId: task.id, phoneNumber: task.phone ?? '13800000000', outcome: 'no_answer' });
      await call(nurse, 'followup.saveDraft', { taskId: task.id, answers: { phq9_1: '1' }, seq });
      await call(nurse, 'tasks.release', { taskId: task.id });
    }
  };
  await Promise.all(nurses.map((nurse, n) => nurseAtWork(nurse, n)));
  const run = await syncing;
  await source.close();
  const seconds = (performance.now() - started) / 1000;
  lag.stop();
  if (run.status !== 'ok') throw new Error(`full sync beside nurses failed: ${run.error}`);

  const failed = calls.filter((c) => !c.ok).length;
  const p95 = calls.length
    ? percentile(
        calls.map((c) => c.ms),
        95,
      )
    : NaN;
  const byMethod = (m: string) =>
    percentile(
      calls.filter((c) => c.method === m).map((c) => c.ms),
      95,
    );
  return [
    { name: 'full re-sync with nurses at work: seconds', value: +seconds.toFixed(1), unit: 's' },
    { name: `nurse writes during it (${NURSES} nurses: claim, dial, draft, release): calls / failed`, value: calls.length, unit: `/ ${failed}` },
    {
      name: 'nurse writes during a full sync: p95 (all failed calls count as misses)',
      value: +p95.toFixed(1),
      unit: 'ms',
      target: '≤ 250 ms',
      pass: calls.length > 0 && failed === 0 && p95 <= 250,
    },
    {
      name: 'nurse writes during it: p95 claim / dial / draft',
      value: +byMethod('tasks.claimNext').toFixed(1),
      unit: `/ ${byMethod('followup.logAttempt').toFixed(1)} / ${byMethod('followup.saveDraft').toFixed(1)} ms`,
    },
    { name: 'nurse writes during it: slowest', value: +Math.max(...calls.map((c) => c.ms)).toFixed(1), unit: 'ms' },
    { name: 'event loop: longest stall during the full re-sync', value: Math.round(lag.max()), unit: 'ms' },
  ];
}
