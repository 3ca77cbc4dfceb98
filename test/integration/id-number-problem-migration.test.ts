import { describe, expect, it } from 'vitest';
import * as migration from '../../migrations/20261212_0028_id_number_problem';
import { createTestStore, STORE_KINDS } from '../helpers/stores';

// Patients synced before id_number_problem existed get it from the migration, by the sync's own
// rule: their headers show the problem at once, and a later re-read of them changes nothing.
describe.each(STORE_KINDS)('id_number_problem backfill on %s', (kind) => {
  it('fills the problem of patients already stored, and rolls back cleanly', async () => {
    const t = await createTestStore(kind);
    const store = await t.open();
    const { knex } = store;
    try {
      const at = '2026-01-01 00:00:00';
      const base = {
        name: '张三',
        name_initials: 'zs',
        name_pinyin: 'zhangsan',
        gender_code: '1',
        source_system: 'his',
        row_hash: 'h',
        first_seen_at: at,
        last_synced_at: at,
      };
      await knex('patients').insert([
        { ...base, source_patient_id: 'a', id_number: null, id_number_valid: 0 },
        { ...base, source_patient_id: 'b', id_number: '110105491231002', id_number_kind: '15', id_number_valid: 1 },
        { ...base, source_patient_id: 'c', id_number: '110108196108254290', id_number_kind: '18', id_number_valid: 0 },
        { ...base, source_patient_id: 'd', id_number: '11010519340608060X', id_number_kind: '18', id_number_valid: 1 },
        { ...base, source_patient_id: 'e', id_number: '1101051934', id_number_kind: '18', id_number_valid: 0 },
      ]);
      const a = await knex('patients').where({ source_patient_id: 'a' }).first();
      await knex('phones').insert({ patient_id: a.id, number: '13800138000', kind: 'mobile', role: 'self', source: 'his' });
      // As a store that predates the column: down, then up with the rows in place.
      await migration.down(knex);
      await migration.up(knex);
      expect(await knex('patients').orderBy('source_patient_id').pluck('id_number_problem')).toEqual(['missing', 'legacy_15', 'check_digit', null, 'length']);
      // Recreating the table on SQLite must not cost the rows that point at it.
      expect(await knex('phones').where({ patient_id: a.id }).pluck('number')).toEqual(['13800138000']);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});
