// Writes a deterministic demo HIS database shaped like a Chinese vendor's views (see schema.ts).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { generateCheckups } from './checkups';
import { createContext, type GenContext } from './context';
import { SECONDS_PER_DAY, parseYmd } from './dates';
import { DEPARTMENTS } from './departments';
import { makePerson, personRow } from './people';
import { assignRoles, MIN_PATIENTS, roleMinimums, type DemoHisPlanted, type Role } from './planted';
import { Rng, Weighted } from './prng';
import { createIndexes, createTables } from './schema';
import { generateStays } from './stays';
import { generateVisits } from './visits';
import { BulkWriter, type ProgressFn } from './writer';

export type { DemoHisPlanted } from './planted';

export interface DemoHisOptions {
  out: string;
  patients: number;
  seed: number;
  /** 'YYYY-MM-DD'; the data covers the three years up to and including this day. */
  endDate?: string;
  onProgress?: ProgressFn;
}

export interface DemoHisSummary {
  patients: number;
  inpatientStays: number;
  outpatientVisits: number;
  checkups: number;
  findings: number;
  diagnoses: number;
  encounters: number;
  seconds: number;
  planted: DemoHisPlanted;
}

export const DEFAULT_END_DATE = '2026-11-30';

// Per-patient encounter counts; means are about 1.3 stays, 2.3 visits and 0.4 checkups.
const STAY_COUNTS = new Weighted<number>([
  [0, 48],
  [1, 20],
  [2, 12],
  [3, 7],
  [4, 5],
  [5, 3.5],
  [6, 2],
  [7, 1.5],
  [8, 1],
]);
const VISIT_COUNTS = new Weighted<number>([
  [0, 21],
  [1, 26],
  [2, 18],
  [3, 12],
  [4, 8],
  [5, 5],
  [6, 4],
  [7, 2.5],
  [8, 1.5],
  [10, 1],
  [12, 1],
]);
const CHECKUP_COUNTS = new Weighted<number>([
  [0, 68],
  [1, 26],
  [2, 5],
  [3, 1],
]);

function validate(opts: DemoHisOptions): string {
  if (!opts.out) throw new Error('demo HIS: out path is required');
  if (!Number.isInteger(opts.patients) || opts.patients < MIN_PATIENTS) {
    throw new Error(`demo HIS: patients must be an integer >= ${MIN_PATIENTS} (so every special case can be planted), got ${opts.patients}`);
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) {
    throw new Error(`demo HIS: seed must be an integer between 0 and 4294967295, got ${opts.seed}`);
  }
  const endDate = opts.endDate ?? DEFAULT_END_DATE;
  const endDay = parseYmd(endDate);
  // Legacy 15-digit ID numbers need 19xx births, so the data must sit in this century.
  if (endDay === null || endDate < '2000-01-01' || endDate > '2099-12-31') {
    throw new Error(`demo HIS: endDate must be a real date YYYY-MM-DD between 2000-01-01 and 2099-12-31, got '${endDate}'`);
  }
  return endDate;
}

function removeDatabase(out: string): void {
  for (const f of [out, `${out}-wal`, `${out}-shm`, `${out}-journal`]) fs.rmSync(f, { force: true });
}

function generatePatient(ctx: GenContext, index: number, role: Role | undefined): void {
  const { rng } = ctx;
  const p = makePerson(ctx, index, role);
  const min = roleMinimums(role);
  const stays = generateStays(ctx, p, Math.max(min.stays, STAY_COUNTS.draw(rng)), role);
  const visitsLast = generateVisits(ctx, p, Math.max(min.visits, VISIT_COUNTS.draw(rng)), stays.lastAliveDay, stays.homeDept, role);
  const checkupsLast = generateCheckups(ctx, p, Math.max(min.checkups, CHECKUP_COUNTS.draw(rng)), stays.lastAliveDay, role);
  let lastActivity = Math.max(stays.lastActivitySec, visitsLast, checkupsLast);
  if (lastActivity === 0) lastActivity = ctx.startDay * SECONDS_PER_DAY + rng.int((ctx.endDay - ctx.startDay + 1) * SECONDS_PER_DAY);
  let xgsj = Math.min(lastActivity + rng.int(3 * 3600), ctx.endSec);
  if (role === 'mergeObsolete' && ctx.mergeSurvivor) {
    // Merged after the duplicate's last encounter, which is why those encounters still carry the old brid.
    const hbsj = Math.min(lastActivity + rng.between(1, 20) * SECONDS_PER_DAY, ctx.endSec);
    ctx.w.insert('V_BR_HB', [p.brid, ctx.mergeSurvivor.brid, ctx.fmt.dateTime(hbsj)]);
    ctx.planted.mergedPatients.push({ obsolete: p.brid, surviving: ctx.mergeSurvivor.brid });
    xgsj = hbsj;
  }
  ctx.w.insert('V_BRXX', personRow(ctx, p, xgsj));
}

export function generateDemoHis(opts: DemoHisOptions): DemoHisSummary {
  const started = performance.now();
  const endDate = validate(opts);
  removeDatabase(opts.out);
  const db = new Database(opts.out);
  let ok = false;
  try {
    // Nothing to recover if a half-written demo file is lost, so skip journalling and fsyncs.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -65536');
    createTables(db);
    const w = new BulkWriter(db, opts.onProgress);
    const ctx = createContext(new Rng(opts.seed), w, opts.patients, endDate);
    for (const d of DEPARTMENTS) w.insert('V_KS', [d.code, d.name, d.formerName, d.disabled ? 1 : 0]);
    const roles = assignRoles(opts.patients);
    for (let i = 0; i < opts.patients; i++) generatePatient(ctx, i, roles.get(i));
    w.finish();
    createIndexes(db);
    db.pragma('journal_mode = DELETE');
    const c = w.counts;
    ok = true;
    return {
      patients: c.V_BRXX,
      inpatientStays: c.V_ZY_CYBR,
      outpatientVisits: c.V_MZ_JZ,
      checkups: c.V_TJ_DJ,
      findings: c.V_TJ_JG,
      diagnoses: c.V_ZY_ZD,
      encounters: c.V_ZY_CYBR + c.V_MZ_JZ + c.V_TJ_DJ,
      seconds: Math.round((performance.now() - started) / 10) / 100,
      planted: ctx.planted,
    };
  } finally {
    db.close();
    // A half-written file would look like a (broken) HIS to whoever opens it next.
    if (!ok) removeDatabase(opts.out);
  }
}
