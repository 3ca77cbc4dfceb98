import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planDefinitionSchema, type PlanDefinitionInput } from '../src/shared/plans/schema';
import { addDays } from '../src/shared/plans/schedule';
import Database from 'better-sqlite3';
import { TASK_COLS } from '../src/main/plans/generate-db';
import { openStore, type Store } from '../src/main/store/store';
import { rng } from './stats';

export const BENCH_TODAY = '2026-07-01';
const STAMP = '2026-06-01 00:00:00';

export async function freshStore(name: string): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(process.env.FOLLOWUP_BENCH_DIR ?? os.tmpdir(), `followup-${name}-`));
  const store = await openStore({ client: 'sqlite', filename: path.join(dir, 'store.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const benchPlan = (code: string): PlanDefinitionInput => ({
  code,
  name: `方案 ${code}`,
  enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }] },
  tracks: [
    {
      id: 'post',
      name: '出院后',
      anchor: 'discharge',
      points: [{ at: { days: 7 } }, { at: { days: 30 } }, { at: { months: 3 } }, { at: { months: 6 } }, { at: { years: 1 } }],
    },
  ],
});

/** Plans (active versions), departments, users and patients through one prepared statement each. */
export function seedBasics(store: Store, opts: { plans: number; patients: number; depts: number; users: number }): void {
  const db = store.sqlite!;
  db.transaction(() => {
    for (let p = 1; p <= opts.plans; p++) {
      const def = planDefinitionSchema.parse(benchPlan(`plan-${p}`));
      db.prepare('insert into plans (id, code, name, retired, active_version_id, created_at, updated_at) values (?,?,?,0,?,?,?)').run(
        p,
        def.code,
        def.name,
        p,
        STAMP,
        STAMP,
      );
      db.prepare("insert into plan_versions (id, plan_id, version, status, definition, created_at) values (?,?,1,'active',?,?)").run(
        p,
        p,
        JSON.stringify(def),
        STAMP,
      );
    }
    const dept = db.prepare("insert into departments (id, source_system, source_code, name, name_pinyin, active, updated_at) values (?, 'b', ?, ?, ?, 1, ?)");
    for (let d = 1; d <= opts.depts; d++) dept.run(d, `D${d}`, `科室${d}`, `keshi${d}`, STAMP);
    const user = db.prepare("insert into users (id, username, display_name, role, password_hash, active, created_at) values (?,?,?,'nurse','x',1,?)");
    for (let u = 1; u <= opts.users; u++) user.run(u, `n${u}`, `护士${u}`, STAMP);
    const pat = db.prepare(
      "insert into patients (id, source_system, source_patient_id, name, name_initials, name_pinyin, gender_code, birth_date, row_hash, first_seen_at, last_synced_at) values (?, 'b', ?, ?, 'x', 'x', '1', '1960-01-01', 'x', ?, ?)",
    );
    const phone = db.prepare("insert into phones (patient_id, number, kind, role) values (?, ?, 'mobile', 'self')");
    for (let i = 1; i <= opts.patients; i++) {
      pat.run(i, `P${i}`, `病人${i}`, STAMP, STAMP);
      phone.run(i, `138${String(i).padStart(8, '0')}`);
    }
  })();
}

/** Active enrolments discharged over the last `spreadDays` days, never scanned by the generator. */
export function seedEnrolments(store: Store, n: number, opts: { plans: number; patients: number; depts: number; spreadDays: number }): void {
  const db = store.sqlite!;
  const r = rng(7);
  const ins =
    db.prepare(`insert into enrolments (id, plan_id, plan_version_id, patient_id, anchor_date, dept_id, status, rule_id, matched_rule, enrolled_at, next_generate_on)
    values (?,?,?,?,?,?,'active','all','bench',?, '0000-00-00')`);
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const plan = 1 + (i % opts.plans);
      ins.run(
        i,
        plan,
        plan,
        1 + (i % opts.patients),
        addDays(BENCH_TODAY, -Math.floor(r() * opts.spreadDays)),
        1 + (i % opts.depts),
        `${BENCH_TODAY} 08:00:00`,
      );
    }
  })();
}

/**
 * `total` tasks, `open` of them pending or claimed (the rest done/satisfied/unreachable), over
 * five points per enrolment; open tasks due from 14 days ago to 7 days ahead, 1% critical, a
 * couple claimed per nurse.
 */
export function seedTasks(store: Store, total: number, open: number, opts: { plans: number; depts: number; users: number }): void {
  const db = store.sqlite!;
  // A big page cache only while loading; the queue is then measured with the store's own setting.
  const cache = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');
  const r = rng(11);
  const ins =
    db.prepare(`insert into tasks (kind, enrolment_id, plan_id, plan_version_id, patient_id, dept_id, track_id, point_index, due_date, window_start, window_end,
      channel, priority, critical, colour, status, available_at, assignee_id, claimed_at, retry_count, created_at, updated_at)
    values ('followup', ?, ?, ?, ?, ?, 'post', ?, ?, ?, ?, 'call', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`);
  const closed = ['done', 'done', 'done', 'satisfied', 'unreachable'];
  db.transaction(() => {
    for (let i = 0; i < total; i++) {
      const enrolment = 1 + Math.floor(i / 5);
      const plan = 1 + (enrolment % opts.plans);
      const isOpen = i % Math.round(total / open) === 0;
      const due = isOpen ? addDays(BENCH_TODAY, Math.floor(r() * 22) - 14) : addDays(BENCH_TODAY, -30 - Math.floor(r() * 700));
      const critical = isOpen && r() < 0.01 ? 1 : 0;
      const claimed = isOpen && r() < 0.001;
      const ws = addDays(due, -3);
      ins.run(
        enrolment,
        plan,
        plan,
        1 + (enrolment % 100_000),
        1 + (enrolment % opts.depts),
        i % 5,
        due,
        ws,
        addDays(due, 7),
        critical ? 0 : 1,
        critical,
        critical ? 'red' : null,
        isOpen ? (claimed ? 'claimed' : 'pending') : closed[i % closed.length],
        `${ws} 00:00:00`,
        claimed ? 1 + (i % opts.users) : null,
        claimed ? `${BENCH_TODAY} 08:00:00` : null,
        STAMP,
        STAMP,
      );
    }
  })();
  db.pragma(`cache_size = ${cache}`);
}

/**
 * The floor for generation on this machine: the same read, one prepared INSERT per task row
 * (rows built beforehand) and one UPDATE per enrolment, in one transaction, no planning logic.
 */
export function rawGenerationLimit(store: Store, today: string): { tasks: number } {
  const db = new Database(store.sqlite!.name);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('cache_size = -131072');
    db.pragma('foreign_keys = ON');
    const due = db
      .prepare("select id, plan_id, patient_id, dept_id, anchor_date from enrolments where status = 'active' and next_generate_on <= ?")
      .all(today) as { id: number; plan_id: number; patient_id: number; dept_id: number; anchor_date: string }[];
    const rows = due.map((e) => {
      const d = addDays(e.anchor_date, 7);
      return [
        'followup',
        e.id,
        e.plan_id,
        e.plan_id,
        e.patient_id,
        e.dept_id,
        'post',
        0,
        null,
        d,
        addDays(d, -3),
        addDays(d, 7),
        'call',
        null,
        null,
        '[]',
        1,
        0,
        null,
        null,
        'pending',
        `${addDays(d, -3)} 00:00:00`,
        0,
        STAMP,
        STAMP,
      ];
    });
    const ins = db.prepare(`insert into tasks (${TASK_COLS.join(',')}) values (${TASK_COLS.map(() => '?').join(',')}) on conflict do nothing`);
    const up = db.prepare('update enrolments set next_generate_on = ? where id = ?');
    db.transaction(() => {
      for (const r of rows) ins.run(r);
      for (const e of due) up.run('2026-07-20', e.id);
    }).immediate();
    return { tasks: rows.length };
  } finally {
    db.close();
  }
}

/**
 * The floor for the generator's set-based writes: the same tasks by one INSERT … SELECT joining
 * the due enrolments to a table of their dates (one row per anchor day), then one UPDATE of the
 * due enrolments, in one transaction, no planning logic.
 */
export function rawSetBasedLimit(store: Store, today: string): { tasks: number } {
  const db = new Database(store.sqlite!.name);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('cache_size = -131072');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = memory');
    const anchors = db.prepare("select distinct anchor_date from enrolments where status = 'active' and next_generate_on <= ?").pluck().all(today) as string[];
    let tasks = 0;
    db.transaction(() => {
      db.exec('create temporary table raw_dates (anchor_date text primary key, due text, ws text, we text)');
      const ins = db.prepare('insert into raw_dates values (?, ?, ?, ?)');
      for (const a of anchors) ins.run(a, addDays(a, 7), addDays(a, 4), addDays(a, 14));
      tasks = db
        .prepare(
          `insert into tasks (${TASK_COLS.join(',')})
        select 'followup', e.id, e.plan_id, e.plan_id, e.patient_id, e.dept_id, 'post', 0, null, r.due, r.ws, r.we, 'call', null, null, '[]', 1, 0, null, null,
          'pending', r.ws || ' 00:00:00', 0, ?, ?
        from enrolments e cross join raw_dates r where e.status = 'active' and e.next_generate_on <= ? and r.anchor_date = e.anchor_date
        on conflict do nothing`,
        )
        .run(STAMP, STAMP, today).changes;
      db.prepare("update enrolments set next_generate_on = '2026-07-20' where status = 'active' and next_generate_on <= ?").run(today);
    }).immediate();
    return { tasks };
  } finally {
    db.close();
  }
}
