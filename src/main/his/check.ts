import path from 'node:path';
import type { HisCheckEntity, HisCheckParams, HisCheckReport } from '../../shared/his-check';
import { addBeijingMinutes } from '../../shared/beijing-time';
import type { Store } from '../store/store';
import { beijingTimestamp, type Clock } from '../util/clock';
import { openSimulator, type Simulator } from './check-rejections';
import { analyseRows } from './check-values';
import { missingRequired } from './column-check';
import { ValueMapper, type EntitySpec, type HisProfile } from './profile';
import type { HisRow, HisSource } from './sources/types';
import { syncWindow } from './windows';
import { entityProblems } from './check-problems';

export interface CheckOptions {
  /** :since is this many days before now. */
  days?: number;
  /** Rows read per entity, at most. */
  limit?: number;
  /** The real store, to tell rows naming a parent outside the window from truly unknown ones. */
  store?: Store | null;
}

async function readWindow(source: HisSource, spec: EntitySpec, params: HisCheckParams, limit: number) {
  const rows: HisRow[] = [];
  let truncated = false;
  const { formats: _formats, ...values } = params;
  const it = source.stream(spec.sqlText, values, Math.min(limit, 500))[Symbol.asyncIterator]();
  try {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      rows.push(...next.value);
      if (rows.length >= limit) {
        truncated = true;
        break;
      }
    }
  } finally {
    await it.return?.();
  }
  return { rows: rows.slice(0, limit), truncated };
}

const driverMessage = (err: unknown) => ((err as Error)?.message ?? String(err)).replace(/\s+/g, ' ').trim().slice(0, 500);

async function checkEntity(source: HisSource, spec: EntitySpec, params: HisCheckParams, mapper: ValueMapper, sim: Simulator, limit: number) {
  const base = { entity: spec.entity, sqlFile: spec.sql, rejections: [], flagged: [], resolvedByStore: 0, missingRequired: [] };
  let read: { rows: HisRow[]; truncated: boolean };
  try {
    read = await readWindow(source, spec, params, limit);
  } catch (err) {
    const e: HisCheckEntity = {
      ...base,
      error: driverMessage(err),
      rowsRead: 0,
      truncated: false,
      ...analyseRows(spec, [], [], mapper, params.since),
      missingOptional: [],
      problems: [],
    };
    return { ...e, problems: entityProblems(e) };
  }
  const returned = read.rows.length ? Object.keys(read.rows[0]) : [];
  const e: HisCheckEntity = {
    ...base,
    error: null,
    rowsRead: read.rows.length,
    truncated: read.truncated,
    ...analyseRows(spec, read.rows, returned, mapper, `${params.since_date} 00:00:00`),
    // Without a row the driver names no columns: nothing to say about them.
    missingRequired: read.rows.length ? missingRequired(spec, returned) : [],
    problems: [],
  };
  if (!read.rows.length) e.missingOptional = [];
  // The handlers would reject every row of an entity lacking a required column: the sync stops instead.
  if (!e.missingRequired.length && read.rows.length) Object.assign(e, await sim.run(spec, read.rows));
  return { ...e, problems: entityProblems(e) };
}

/** Runs every entity's SQL over the last `days` days and reports what a sync would make of it. Reads only. */
export async function checkProfile(source: HisSource, profile: HisProfile, clock: Clock, opts: CheckOptions = {}): Promise<HisCheckReport> {
  const days = opts.days ?? 7;
  const limit = opts.limit ?? 2000;
  const now = beijingTimestamp(clock.now());
  const since = addBeijingMinutes(now, -days * 1440);
  const open = profile.entities.length ? syncWindow(profile.entities[0], null, now, { full: true }).window : null;
  const until = open?.until ?? '9999-12-31 23:59:59';
  const params: HisCheckParams = {
    since,
    until,
    since_date: since.slice(0, 10),
    until_date: until.slice(0, 10),
    reread_since: since,
    reread_since_date: since.slice(0, 10),
    formats: {
      since: 'YYYY-MM-DD HH:mm:ss (text)',
      until: 'YYYY-MM-DD HH:mm:ss (text)',
      since_date: 'YYYY-MM-DD (text)',
      until_date: 'YYYY-MM-DD (text)',
      reread_since: 'YYYY-MM-DD HH:mm:ss (text)',
      reread_since_date: 'YYYY-MM-DD (text)',
    },
  };
  const mapper = new ValueMapper(profile.valueMaps);
  const sim = await openSimulator(profile, now, opts.store ?? null);
  const entities: HisCheckEntity[] = [];
  try {
    for (const spec of profile.entities) entities.push(await checkEntity(source, spec, params, mapper, sim, limit));
  } finally {
    await sim.close();
  }
  return {
    profile: profile.name,
    profileDir: path.resolve(profile.dir),
    source: source.describe,
    checkedAt: now,
    days,
    limit,
    params,
    ok: entities.every((e) => e.problems.length === 0),
    entities,
  };
}
