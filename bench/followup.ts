import { queueInput } from '../src/shared/contract/followup';
import type { User } from '../src/shared/model';
import { generateTasks } from '../src/main/plans/generate';
import { libraryOf } from '../src/main/questionnaires/questionnaire-library';
import { listQuery, queue, queueCounts } from '../src/main/tasks/queue';
import { BENCH_TODAY, freshStore, rawGenerationLimit, rawSetBasedLimit, seedBasics, seedEnrolments, seedTasks } from './followup-data';
import { type BenchRow, percentile, rng, timeCpu, timeMs } from './stats';
import { beijingInstant } from '../src/shared/beijing-time';

const clockAt = (beijing: string) => ({ now: () => beijingInstant(beijing) });

/** Task generation for 200k fresh enrolments (SQLite): the first run creates their due tasks. */
export async function benchTaskGeneration(enrolments = 200_000): Promise<BenchRow[]> {
  const size = { plans: 5, patients: 100_000, depts: 30, users: 20 };
  const seeded = async (name: string) => {
    const s = await freshStore(name);
    seedBasics(s.store, size);
    seedEnrolments(s.store, enrolments, { ...size, spreadDays: 10 });
    return s;
  };
  const raw = await seeded('gen-raw');
  const limit = await timeCpu(() => rawGenerationLimit(raw.store, BENCH_TODAY));
  await raw.cleanup();
  const rawSet = await seeded('gen-raw-set');
  const setLimit = await timeCpu(() => rawSetBasedLimit(rawSet.store, BENCH_TODAY));
  await rawSet.cleanup();
  const { store, cleanup } = await seeded('gen');
  try {
    const clock = clockAt(`${BENCH_TODAY} 09:00:00`);
    const lib = libraryOf([]);
    const first = await timeCpu(() => generateTasks(store, clock, lib));
    const again = await timeCpu(() => generateTasks(store, clock, lib));
    const later = await timeCpu(() => generateTasks(store, clockAt('2026-07-25 09:00:00'), lib));
    return [
      {
        name: `task generation, ${enrolments / 1000}k enrolments (${first.out.tasksCreated} tasks)`,
        value: +(first.wallMs / 1000).toFixed(2),
        unit: 's',
        target: '≤ 2 s',
        pass: first.wallMs <= 2000,
      },
      { name: '  same, CPU time', value: +(first.cpuMs / 1000).toFixed(2), unit: 's' },
      {
        name: `  raw limit: same read + ${limit.out.tasks} prepared inserts + updates, wall / CPU`,
        value: +(limit.wallMs / 1000).toFixed(2),
        unit: `s / ${(limit.cpuMs / 1000).toFixed(2)} s`,
      },
      { name: '  generation ÷ raw limit, by CPU time', value: +(first.cpuMs / limit.cpuMs).toFixed(2), unit: '×' },
      {
        name: `  set-based raw limit: ${setLimit.out.tasks} tasks by one INSERT … SELECT + one UPDATE, wall / CPU`,
        value: +(setLimit.wallMs / 1000).toFixed(2),
        unit: `s / ${(setLimit.cpuMs / 1000).toFixed(2)} s`,
      },
      { name: '  generation ÷ set-based raw limit, by CPU time', value: +(first.cpuMs / setLimit.cpuMs).toFixed(2), unit: '×' },
      { name: '  rerun the same day (nothing due)', value: Math.round(again.wallMs), unit: 'ms' },
      {
        name: `  24 days later (${later.out.enrolmentsScanned} scanned, ${later.out.tasksCreated} tasks)`,
        value: +(later.wallMs / 1000).toFixed(2),
        unit: 's',
      },
    ];
  } finally {
    await cleanup();
  }
}

/** The queue (page of 50 with joins, total and counts) at 1M tasks, 50k of them open (SQLite). */
export async function benchQueue(total = 1_000_000, open = 50_000, rounds = 300): Promise<BenchRow[]> {
  const { store, cleanup } = await freshStore('queue');
  try {
    const size = { plans: 5, patients: 100_000, depts: 30, users: 20 };
    seedBasics(store, size);
    seedEnrolments(store, total / 5, { ...size, spreadDays: 700 });
    const [buildMs] = await timeMs(() => seedTasks(store, total, open, size));
    store.sqlite!.exec('analyze');
    const user: User = { id: 1, username: 'n1', displayName: '护士1', role: 'nurse' };
    const at = { today: BENCH_TODAY, now: `${BENCH_TODAY} 09:00:00` };
    const r = rng(3);
    const filters = () => {
      const x = r();
      if (x < 0.4) return {};
      if (x < 0.55) return { planId: 1 + Math.floor(r() * 5) };
      if (x < 0.7) return { deptId: 1 + Math.floor(r() * 30) };
      if (x < 0.8) return { due: 'overdue' as const };
      if (x < 0.9) return { due: 'today' as const };
      if (x < 0.95) return { scope: 'mine' as const };
      return { colour: 'red' as const, due: 'any' as const };
    };
    const floor: number[] = [];
    for (let i = 0; i < 50; i++)
      floor.push((await timeMs(() => store.sqlite!.prepare("select count(*) n from tasks where status in ('pending', 'claimed')").get()))[0]);
    const full: number[] = [];
    const fullCpu: number[] = [];
    const list: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const input = queueInput.parse({ ...filters(), page: r() < 0.8 ? 1 : 2 + Math.floor(r() * 5) });
      const cpu = await timeCpu(() => queue(store.knex, input, user, at));
      full.push(cpu.wallMs);
      fullCpu.push(cpu.cpuMs);
      list.push((await timeMs(() => listQuery(store.knex, input, user, at).select('t.id').orderBy(['t.priority', 't.due_date', 't.id']).limit(50)))[0]);
      counts.push((await timeMs(() => queueCounts(store.knex, input, user, at)))[0]);
    }
    const p95 = percentile(full, 95);
    return [
      {
        name: `queue at ${total / 1e6}M tasks (${open / 1000}k open): page + total + counts, p95`,
        value: +p95.toFixed(1),
        unit: 'ms',
        target: '≤ 20 ms',
        pass: p95 <= 20,
      },
      { name: '  page of task ids only, p95', value: +percentile(list, 95).toFixed(1), unit: 'ms' },
      { name: '  six counts only, p95', value: +percentile(counts, 95).toFixed(1), unit: 'ms' },
      { name: '  median of the full call', value: +percentile(full, 50).toFixed(1), unit: 'ms' },
      {
        name: '  CPU time of the full call (this process), p95 / median',
        value: +percentile(fullCpu, 95).toFixed(1),
        unit: `ms / ${percentile(fullCpu, 50).toFixed(1)} ms`,
      },
      { name: `  floor: bare count(*) of the ${open / 1000}k open tasks (index only), p95`, value: +percentile(floor, 95).toFixed(1), unit: 'ms' },
      { name: '  building the 1M tasks', value: +(buildMs / 1000).toFixed(1), unit: 's' },
    ];
  } finally {
    await cleanup();
  }
}
