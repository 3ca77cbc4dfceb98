import type { Knex } from 'knex';
import type { Bilingual, Dimension } from '../../shared/contract/reports';
import { planNames } from '../plans/plan-names';

// Group keys from the metric queries are ids and codes; a report shows names (a department's
// current name, so a renamed one keeps its history under the name it has now).

export const dimensionTitle: Record<Dimension | 'total', Bilingual> = {
  department: { zh: '科室', en: 'Department' },
  nurse: { zh: '护士', en: 'Nurse' },
  week: { zh: '周（周一）', en: 'Week (Monday)' },
  month: { zh: '月份', en: 'Month' },
  plan: { zh: '随访计划', en: 'Plan' },
  track: { zh: '随访路径', en: 'Track' },
  diagnosisGroup: { zh: '诊断类目（ICD-10 三位码）', en: 'Diagnosis group (ICD-10 category)' },
  encounterKind: { zh: '就诊类型', en: 'Encounter type' },
  questionnaireItem: { zh: '问卷条目', en: 'Questionnaire item' },
  scoreBand: { zh: '评分分级', en: 'Score band' },
  total: { zh: '合计', en: 'Total' },
};

const KIND_NAMES: Record<string, string> = { inpatient: '住院', outpatient: '门诊', checkup: '体检' };
export const UNSPECIFIED = '（未指定）';

async function namesById(knex: Knex, table: string, col: string, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (!ids.length) return new Map();
  const rows = await knex(table).whereIn('id', ids).select('id', `${col} as name`);
  return new Map(rows.map((r) => [String(r.id), String(r.name)]));
}

/** Display names for the group keys of one grouping. */
export async function groupLabels(knex: Knex, g: Dimension | 'total', keys: string[]): Promise<Map<string, string>> {
  const real = keys.filter((k) => k !== '');
  let names = new Map<string, string>();
  if (g === 'department') names = await namesById(knex, 'departments', 'name', real);
  else if (g === 'nurse') names = await namesById(knex, 'users', 'display_name', real);
  else if (g === 'plan') names = await namesById(knex, 'plans', 'name', real);
  else if (g === 'track') {
    const plans = await namesById(
      knex,
      'plans',
      'name',
      real.map((k) => k.split('/')[0]),
    );
    const tracks = await planNames(knex, [...plans.keys()].map(Number));
    names = new Map(
      real.map((k) => {
        const [p, ...t] = k.split('/');
        const track = tracks.get(Number(p))?.tracks.get(t.join('/'));
        return [k, `${plans.get(p) ?? p} / ${track?.name ?? t.join('/')}`];
      }),
    );
  } else if (g === 'encounterKind') names = new Map(real.map((k) => [k, KIND_NAMES[k] ?? k]));
  else if (g === 'total') names = new Map(keys.map((k) => [k, '合计']));
  return new Map(keys.map((k) => [k, names.get(k) ?? (k === '' ? UNSPECIFIED : k)]));
}

/** English names of plan and track groups, where the plan has them (the screen shows them; exports keep the Chinese). */
export async function groupLabelsEn(knex: Knex, g: Dimension | 'total', keys: string[], zh: Map<string, string>): Promise<Map<string, string>> {
  if (g !== 'plan' && g !== 'track') return new Map();
  const names = await planNames(knex, [...new Set(keys.filter((k) => k !== '').map((k) => Number(k.split('/')[0])))]);
  const out = new Map<string, string>();
  for (const k of keys) {
    const [p, ...t] = k.split('/');
    const plan = names.get(Number(p));
    if (!plan) continue;
    const planZh = g === 'plan' ? zh.get(k) : zh.get(k)?.split(' / ')[0];
    const planEn = plan.nameEn ?? planZh ?? p;
    if (g === 'plan') out.set(k, planEn);
    else {
      const track = plan.tracks.get(t.join('/'));
      out.set(k, `${planEn} / ${track?.nameEn ?? track?.name ?? t.join('/')}`);
    }
  }
  return out;
}
