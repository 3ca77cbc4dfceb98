import { describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS } from '../helpers/stores';

// A failed query's message reaches logs (the dispatcher's, an export's): it must carry the SQL
// with its placeholders, never the values bound to it, which are patient data.
describe('a failed query', () => {
  it.each(STORE_KINDS)('on %s names the SQL but not the ID number it looked for', async (kind) => {
    const t = await createTestStore(kind);
    const store = await t.open();
    try {
      const idNumber = '11010119800101123X';
      const err = await store
        .knex('patients')
        .where({ no_such_column: idNumber })
        .first()
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/no_such_column/);
      expect((err as Error).message).not.toContain(idNumber);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});
