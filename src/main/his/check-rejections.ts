import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../store/store';
import { entityHandlers } from './entities';
import { entityContext, type EntityContext, type Rejection } from './entities/types';
import { ValueMapper, type EntitySpec, type HisProfile } from './profile';
import type { HisRow } from './sources/types';
import { openSyncDb, type SyncDb } from './sync-db';

// The check runs the sync's own handlers over the rows it read, into a throw-away store, so the
// rejections it reports are the ones a sync would record, not a second opinion. Rows naming a
// parent outside the window (a stay of a patient last changed a year ago) are looked up in the
// real store: if it holds the parent, a sync resolves them and they are no rejection.

const PARENT_OF: Record<string, { table: 'patients' | 'encounters'; kind?: string }> = {
  'unknown patient': { table: 'patients' },
  'unknown stay': { table: 'encounters', kind: 'inpatient' },
  'unknown checkup': { table: 'encounters', kind: 'checkup' },
};

export interface Simulator {
  run(
    spec: EntitySpec,
    rows: HisRow[],
  ): Promise<{ rejections: { reason: string; count: number }[]; flagged: { reason: string; count: number }[]; resolvedByStore: number }>;
  close(): Promise<void>;
}

async function storedKeys(real: Store | null, sourceSystem: string, reason: string, keys: string[]): Promise<Set<string>> {
  const p = PARENT_OF[reason];
  if (!real || !p || !keys.length) return new Set();
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const rows =
      p.table === 'patients'
        ? await real.knex('patients').where({ source_system: sourceSystem }).whereIn('source_patient_id', part).select({ k: 'source_patient_id' })
        : await real.knex('encounters').where({ source_system: sourceSystem, kind: p.kind }).whereIn('source_id', part).select({ k: 'source_id' });
    for (const r of rows as { k: string }[]) found.add(r.k);
  }
  return found;
}

const sorted = (m: Map<string, number>) => [...m].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
const tally = (rs: Rejection[]) => sorted(rs.reduce((m, r) => m.set(r.reason, (m.get(r.reason) ?? 0) + 1), new Map<string, number>()));

export async function openSimulator(profile: HisProfile, now: string, real: Store | null): Promise<Simulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-his-check-'));
  let scratch: Store | null = null;
  let db: SyncDb | null = null;
  try {
    scratch = await openStore({ client: 'sqlite', filename: path.join(dir, 'scratch.sqlite') });
    db = openSyncDb(scratch);
  } catch (err) {
    await scratch?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const mapper = new ValueMapper(profile.valueMaps);
  const run: EntityContext['run'] = {};
  return {
    async run(spec, rows) {
      const ctx = entityContext({ sourceSystem: profile.sourceSystem, now, spec, mapper, firstLoad: true, run });
      const handler = entityHandlers[spec.entity];
      const rejections: Rejection[] = [];
      await db!.transaction(async (q) => {
        for (let i = 0; i < rows.length; i += 500) rejections.push(...(await handler.processBatch(q, rows.slice(i, i + 500), ctx)).rejections);
      });
      // Filed under another entity (id_numbers, phones): the row itself is kept, only flagged.
      const flagged = tally(rejections.filter((r) => r.entity !== spec.entity));
      const refused = rejections.filter((r) => r.entity === spec.entity);
      let resolvedByStore = 0;
      const byReason = new Map<string, number>();
      for (const reason of new Set(refused.map((r) => r.reason))) {
        const these = refused.filter((r) => r.reason === reason);
        const known = await storedKeys(real, profile.sourceSystem, reason, [...new Set(these.map((r) => r.detail ?? ''))]);
        const left = these.filter((r) => !known.has(r.detail ?? ''));
        resolvedByStore += these.length - left.length;
        if (left.length) byReason.set(reason, left.length);
      }
      return { rejections: sorted(byReason), flagged, resolvedByStore };
    },
    async close() {
      await db?.close();
      await scratch?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
