import type { Knex } from 'knex';
import { pinyin } from 'pinyin-pro';
import type { Department } from '../../shared/model';

const initialsCache = new Map<string, string>();

/**
 * "肿瘤内科" → "zlnk": what nurses type in the department box. Read as a phrase (not as a
 * person's name), so heteronyms follow the word: 重症 → zz. Letters and digits kept, lower case.
 */
export function departmentInitials(name: string): string {
  let hit = initialsCache.get(name);
  if (hit === undefined) {
    hit = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    initialsCache.set(name, hit);
  }
  return hit;
}

/** The department dictionary, active ones first, each with its former names and their initials. */
export async function listDepartments(knex: Knex): Promise<Department[]> {
  const depts = await knex('departments').orderBy([{ column: 'active', order: 'desc' }, 'name_pinyin']);
  const aliases = await knex('department_aliases');
  return depts.map((d: Record<string, unknown>): Department => {
    const name = d.name as string;
    const formerNames = aliases.filter((a: Record<string, unknown>) => a.department_id === d.id && a.name !== name).map((a: { name: string }) => a.name);
    return { id: Number(d.id), name, active: !!d.active, formerNames, initials: [name, ...formerNames].map(departmentInitials) };
  });
}
