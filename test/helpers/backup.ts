import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { openStore, type Store, type StoreConfig } from '../../src/main/store/store';
import { tempDir } from './stores';

// Real SQLite stores for the backup suites: a patient with a phone and an audit row per
// transaction, counts of those tables, integrity_check of a file.

export const TABLES = ['patients', 'phones', 'audit_log'] as const;

/** Temporary data directories, removed by the suite's afterAll. */
export const backupDirs: string[] = [];

export function dataDir(): { dir: string; config: { store: StoreConfig & { client: 'sqlite' }; dataDir: string } } {
  const dir = tempDir('followup-backup');
  backupDirs.push(dir);
  return { dir, config: { dataDir: dir, store: { client: 'sqlite', filename: path.join(dir, 'followup.sqlite') } } };
}

export const patient = (i: number) => ({
  source_system: 'test',
  source_patient_id: `p${i}`,
  name: `患者${i}`,
  name_initials: 'hz',
  name_pinyin: 'huanzhe',
  gender_code: '1',
  birth_date: '1950-03-01',
  row_hash: 'h'.repeat(32),
  first_seen_at: '2026-01-01 00:00:00',
  last_synced_at: '2026-01-01 00:00:00',
});

/** One patient with a phone and an audit row, in one transaction: a consistent copy has all three or none. */
export async function addPatient(knex: Knex, i: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const [row] = await trx('patients').insert(patient(i)).returning('id');
    const id = Number(typeof row === 'object' ? row.id : row);
    await trx('phones').insert({ patient_id: id, number: `138${String(i).padStart(8, '0')}`, kind: 'mobile', role: 'self' });
    await trx('audit_log').insert({ at: '2026-03-10 09:00:00', action: 'test.write', patient_id: id, detail: 'x'.repeat(200) });
  });
}

export async function counts(knex: Knex, maxIds?: Record<string, number>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const q = knex(t).count({ n: '*' });
    if (maxIds) q.where('id', '<=', maxIds[t]);
    out[t] = Number((await q)[0].n);
  }
  return out;
}

export async function maxIds(knex: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await knex(t).max({ m: 'id' }))[0].m ?? 0);
  return out;
}

export const integrity = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
};
export const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A store with some thousands of rows, so a backup in small steps takes many turns of the event loop. */
export async function seededStore(config: { store: StoreConfig }, n: number): Promise<Store> {
  const store = await openStore(config.store);
  await store.knex.batchInsert(
    'patients',
    Array.from({ length: n }, (_, i) => patient(i)),
    500,
  );
  const ids = (await store.knex('patients').pluck('id')) as number[];
  await store.knex.batchInsert(
    'phones',
    ids.map((id) => ({ patient_id: id, number: `139${String(id).padStart(8, '0')}`, kind: 'mobile', role: 'self' })),
    500,
  );
  await store.knex.batchInsert(
    'audit_log',
    ids.map((id) => ({ at: '2026-03-10 08:00:00', action: 'test.seed', patient_id: id, detail: 'y'.repeat(200) })),
    500,
  );
  return store;
}
