import { namePinyin } from '../normalise/pinyin';
import type { EntityHandler } from './types';
import { emptyResult, keyOf, str } from './types';

// Renamed departments keep their former names as aliases, so old visits that carry the old
// name still resolve; disabled ones stay (history points at them) with active = 0.
export const departments: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    for (const row of rows) {
      const code = str(row, 'source_code');
      const name = str(row, 'name');
      if (!code || !name) {
        result.rejections.push({ entity: 'departments', key: keyOf(row, 'source_code', 'name'), reason: code ? 'missing name' : 'missing key', raw: row });
        continue;
      }
      const active = str(row, 'disabled') === '1' ? 0 : 1;
      const [old] = await q.all<{ id: number; name: string; active: number }>(
        'select id, name, active from departments where source_system = ? and source_code = ?',
        [ctx.sourceSystem, code],
      );
      let id: number;
      if (!old) {
        id = await q.insertId(
          'insert into departments (source_system, source_code, name, name_pinyin, active, updated_at) values (?, ?, ?, ?, ?, ?) returning id',
          [ctx.sourceSystem, code, name, namePinyin(name).full, active, ctx.now],
        );
        result.inserted++;
      } else {
        id = old.id;
        if (old.name !== name || old.active !== active) {
          await q.run('update departments set name = ?, name_pinyin = ?, active = ?, updated_at = ? where id = ?', [
            name,
            namePinyin(name).full,
            active,
            ctx.now,
            id,
          ]);
          result.updated++;
        } else result.unchanged++;
      }
      for (const alias of [name, old && old.name !== name ? old.name : null, str(row, 'former_name')]) {
        if (alias) await q.run('insert into department_aliases (department_id, name) values (?, ?) on conflict (name, department_id) do nothing', [id, alias]);
      }
    }
    return result;
  },
};
