import type { Knex } from 'knex';

const NO_DEPARTMENT = '未指定科室';

/**
 * Chinese labels for group keys ('plan:3', 'dept:5', 'dept:none', 'icd:C34'): the plan's name,
 * the department's current name (a renamed one reports under its new name) and the ICD-10
 * category with its dictionary name. Labels that collide get the id appended.
 */
export async function groupLabels(knex: Knex, keys: readonly string[]): Promise<Map<string, string>> {
  const idsOf = (prefix: string) => keys.filter((k) => k.startsWith(prefix) && k !== 'dept:none').map((k) => Number(k.slice(prefix.length)));
  const planIds = idsOf('plan:');
  const deptIds = idsOf('dept:');
  const categories = keys.filter((k) => k.startsWith('icd:')).map((k) => k.slice(4));
  const plans = planIds.length ? await knex('plans').whereIn('id', planIds).select('id', 'name') : [];
  const depts = deptIds.length ? await knex('departments').whereIn('id', deptIds).select('id', 'name') : [];
  const dict = categories.length ? await knex('diagnosis_dict').whereIn('code_category', categories).select('code_raw', 'code_category', 'name') : [];

  const names = new Map<string, string>();
  for (const p of plans) names.set(`plan:${p.id}`, String(p.name));
  for (const d of depts) names.set(`dept:${d.id}`, String(d.name));
  names.set('dept:none', NO_DEPARTMENT);
  for (const category of categories) names.set(`icd:${category}`, `${category} ${categoryName(dict, category)}`.trim());

  const labels = new Map<string, string>();
  const taken = new Map<string, number>();
  for (const k of keys) taken.set(names.get(k) ?? k, (taken.get(names.get(k) ?? k) ?? 0) + 1);
  for (const k of keys) {
    const name = names.get(k) ?? k;
    labels.set(k, (taken.get(name) ?? 0) > 1 ? `${name} (#${k.slice(k.indexOf(':') + 1)})` : name);
  }
  return labels;
}

/** The category's own dictionary entry (code 'C34'), else the name of its shortest code. */
function categoryName(dict: { code_raw: string; code_category: string; name: string }[], category: string): string {
  const rows = dict.filter((r) => r.code_category === category).sort((a, b) => a.code_raw.length - b.code_raw.length || a.code_raw.localeCompare(b.code_raw));
  return rows[0]?.name ?? '';
}
