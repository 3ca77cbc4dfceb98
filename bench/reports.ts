import type { Store } from '../src/main/store/store';
import { buildDashboard } from '../src/main/reports/dashboard';
import { families, runFamily, type FamilyCode } from '../src/main/reports/metrics/families';
import { dialectOf } from '../src/main/reports/metrics/sql';
import { lastDayOf, monthsEnding } from '../src/main/reports/months';
import type { Clock } from '../src/main/util/clock';
import { addDays } from '../src/shared/plans/schedule';
import { beijingDate, beijingInstant } from '../src/shared/beijing-time';
import { BENCH_TODAY, freshStore, seedBasics, seedEnrolments } from './followup-data';
import { type BenchRow, percentile, rng, timeCpu, timeMs } from './stats';

const STAMP = '2026-06-01 00:00:00';
const DEPTS = 30;

/**
 * Follow-up history for the dashboard: `tasks` tasks due over the 700 days before BENCH_TODAY in
 * DEPTS departments, closed the way the app closes them, two dials each on average, and a
 * response, booking, SMS or escalation on a share of them. Raw prepared inserts in one transaction.
 */
export function seedHistory(store: Store, tasks: number, attemptsPerTask: number): { attempts: number } {
  const db = store.sqlite!;
  const cache = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');
  const r = rng(5);
  const task = db.prepare(`insert into tasks (id, kind, enrolment_id, plan_id, plan_version_id, patient_id, dept_id, track_id, point_index, due_date,
      window_start, window_end, channel, questionnaire_id, questionnaire_version, priority, critical, colour, status, disposition, available_at,
      completed_at, completed_by, retry_count, created_at, updated_at)
    values (?, 'followup', ?, ?, ?, ?, ?, 'post', ?, ?, ?, ?, 'call', 'discharge-satisfaction', 1, 1, 0, ?, ?, ?, ?, ?, ?, 0, ?, ?)`);
  const attempt = db.prepare('insert into attempts (task_id, patient_id, phone_number, outcome, started_at, ended_at, nurse_id) values (?, ?, ?, ?, ?, ?, ?)');
  const response =
    db.prepare(`insert into responses (task_id, patient_id, questionnaire_id, questionnaire_version, answers, scores, triggers, draft, updated_at, completed_at)
    values (?, ?, 'discharge-satisfaction', 1, ?, '[]', '[]', 0, ?, ?)`);
  const booking = db.prepare("insert into appointments (patient_id, task_id, date, status, created_by, created_at) values (?, ?, ?, 'booked', ?, ?)");
  const sms = db.prepare(`insert into messages (direction, patient_id, phone, body, provider, status, about_task_id, created_at, updated_at)
    values ('outbound', ?, ?, 'x', 'twilio', ?, ?, ?, ?)`);
  const escalation = db.prepare(`insert into escalations (task_id, patient_id, dept_id, triggers, note, status, due_at, created_at, closed_at)
    values (?, ?, ?, '[]', 'x', 'closed', ?, ?, ?)`);
  const statuses = ['done', 'done', 'done', 'done', 'satisfied', 'unreachable', 'cancelled', 'pending'];
  const outcomes = ['connected', 'no_answer', 'connected', 'busy'];
  let attempts = 0;
  db.transaction(() => {
    for (let i = 1; i <= tasks; i++) {
      const enrolment = 1 + Math.floor((i - 1) / 5);
      const plan = 1 + (enrolment % 5);
      const patient = 1 + (enrolment % 100_000);
      const dept = 1 + (enrolment % DEPTS);
      const due = addDays(BENCH_TODAY, -Math.floor(r() * 700));
      const status = statuses[i % statuses.length];
      const nurse = 1 + (i % 20);
      const doneAt = status === 'pending' ? null : `${addDays(due, Math.floor(r() * 9) - 2)} 10:00:00`;
      const disposition =
        status === 'done'
          ? i % 17 === 0
            ? 'refused'
            : 'completed'
          : status === 'unreachable'
            ? 'no_contact'
            : status === 'cancelled'
              ? 'stopped:deceased'
              : null;
      task.run(
        i,
        enrolment,
        plan,
        plan,
        patient,
        dept,
        (i - 1) % 5,
        due,
        addDays(due, -3),
        addDays(due, 7),
        status === 'done' ? ['green', 'yellow', 'orange', 'red'][i % 4] : null,
        status,
        disposition,
        `${addDays(due, -3)} 00:00:00`,
        doneAt,
        status === 'done' ? nurse : null,
        STAMP,
        STAMP,
      );
      const phone = `138${String(patient).padStart(8, '0')}`;
      const dials = status === 'satisfied' || status === 'cancelled' ? 0 : Math.round(r() * 2 * attemptsPerTask);
      for (let k = 0; k < dials; k++, attempts++) {
        const start = `${addDays(due, k)} 09:${String(10 + k).padStart(2, '0')}:00`;
        attempt.run(i, patient, phone, outcomes[(i + k) % outcomes.length], start, `${addDays(due, k)} 09:${String(14 + k).padStart(2, '0')}:00`, nurse);
      }
      if (status === 'done' && disposition === 'completed') {
        response.run(i, patient, JSON.stringify({ sat_overall: String(1 + (i % 5)) }), doneAt, doneAt);
        if (i % 10 === 0) booking.run(patient, i, addDays(due, 14), nurse, doneAt);
        if (i % 7 === 0) sms.run(patient, phone, i % 3 ? 'delivered' : 'undelivered', i, doneAt, doneAt);
        if (i % 50 === 0) escalation.run(i, patient, dept, `${addDays(due, 1)} 10:00:00`, doneAt, `${addDays(due, 1)} 09:00:00`);
      }
    }
  })();
  db.pragma(`cache_size = ${cache}`);
  return { attempts };
}

/** What a nurse's work writes between two loads: a last-month task closed late, a dial on a this-month task. */
function nurseWrites(store: Store, dept: number, lastMonth: string, month: string, i: number): void {
  const db = store.sqlite!;
  const pick = (m: string) =>
    db
      .prepare("select id, patient_id from tasks where dept_id = ? and due_date between ? and ? and status = 'pending' limit 1 offset ?")
      .get(dept, `${m}-01`, lastDayOf(m), i) as { id: number; patient_id: number } | undefined;
  const late = pick(lastMonth);
  if (late)
    db.prepare("update tasks set status = 'done', disposition = 'completed', completed_at = ?, completed_by = 1 where id = ?").run(
      `${BENCH_TODAY} 08:30:00`,
      late.id,
    );
  const now = pick(month);
  if (now) {
    db.prepare(
      "insert into attempts (task_id, patient_id, phone_number, outcome, started_at, ended_at, nurse_id) values (?, ?, '13800000000', 'busy', ?, ?, 1)",
    ).run(now.id, now.patient_id, `${BENCH_TODAY} 08:40:00`, `${BENCH_TODAY} 08:41:00`);
  }
}

/** Where a dashboard's time goes: each family's grouped query alone, median of 15 departments. */
async function familyMedians(store: Store, month: string, clock: Clock): Promise<[FamilyCode, number][]> {
  const months = monthsEnding(month, 12);
  const out: [FamilyCode, number][] = [];
  for (const family of Object.keys(families) as FamilyCode[]) {
    const times: number[] = [];
    for (let dept = 1; dept <= 15; dept++) {
      const ctx = {
        knex: store.knex,
        d: dialectOf(store.knex),
        today: beijingDate(clock.now()),
        from: `${months[0]}-01`,
        to: lastDayOf(month),
        scope: { all: false, deptIds: [dept] },
      };
      times.push((await timeMs(() => runFamily(ctx, family, 'month')))[0]);
    }
    out.push([family, percentile(times, 50)]);
  }
  return out;
}

/**
 * A working day on the head's dashboard (every metric, this month and the eleven before) for one
 * department at 1M tasks and ~2M dials (SQLite); 3 in 4 tasks are dialled, 2.67 times on average.
 * The first load of a department computes every month; each later one follows a nurse's late close
 * of a last-month task and a dial on a this-month task of that department, so it recomputes both.
 */
export async function benchDashboard(tasks = 1_000_000, rounds = 60): Promise<BenchRow[]> {
  const { store, cleanup } = await freshStore('reports');
  try {
    const size = { plans: 5, patients: 100_000, depts: DEPTS, users: 20 };
    seedBasics(store, size);
    seedEnrolments(store, tasks / 5, { ...size, spreadDays: 700 });
    const [buildMs, { attempts }] = await timeMs(() => seedHistory(store, tasks, 2.67));
    store.sqlite!.exec('analyze');
    const clock = { now: () => beijingInstant(`${BENCH_TODAY} 09:00:00`) };
    const month = BENCH_TODAY.slice(0, 7);
    const load = (dept: number) => timeCpu(() => buildDashboard(store.knex, { month, deptIds: [dept] }, { all: true }, clock));
    const depts = Array.from({ length: 10 }, (_, i) => 1 + i * 3);
    const cold: number[] = [];
    for (const dept of depts) cold.push((await load(dept)).wallMs);
    const lastMonth = monthsEnding(month, 2)[0];
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const dept = depts[i % depts.length];
      nurseWrites(store, dept, lastMonth, month, i);
      const t = await load(dept);
      samples.push(t.wallMs);
      cpu.push(t.cpuMs);
    }
    const p95 = percentile(samples, 95);
    const byFamily = await familyMedians(store, month, clock);
    return [
      {
        name: `build ${tasks / 1e6}M tasks + ${(attempts / 1e6).toFixed(2)}M attempts (raw inserts, one transaction)`,
        value: +(buildMs / 1000).toFixed(1),
        unit: 's',
      },
      {
        name: `dashboard, one department of ${DEPTS}, month + 12-month trend, every metric, p95 (after nurses' writes to this and last month)`,
        value: +p95.toFixed(1),
        unit: 'ms',
        target: '≤ 100 ms',
        pass: p95 <= 100,
      },
      { name: '  same, median', value: +percentile(samples, 50).toFixed(1), unit: 'ms' },
      // On a shared machine the wall time waits for other processes; CPU time is what the queries cost.
      { name: '  same, CPU time p95 / median', value: +percentile(cpu, 95).toFixed(1), unit: `ms / ${percentile(cpu, 50).toFixed(1)} ms` },
      { name: "  a department's first load (nothing cached: all twelve months), median of 10", value: +percentile(cold, 50).toFixed(1), unit: 'ms' },
      ...byFamily.map(([family, ms]) => ({ name: `  of which the ${family} query over twelve months (median)`, value: +ms.toFixed(1), unit: 'ms' })),
    ];
  } finally {
    await cleanup();
  }
}
