import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanTemplates } from '../../src/main/plans/templates';
import { expandTrack } from '../../src/shared/plans/schedule';
import { chineseRuns, latinSentences, withoutData } from '../helpers/language-leaks';

// Shipped templates keep each language in its own field: the plain field Chinese, its `…En`
// twin English (issue 13: "治疗毒性 (toxicity while on treatment)" showed in both screens).

const dir = path.resolve(__dirname, '../../templates');
const files = (kind: string) =>
  fs
    .readdirSync(path.join(dir, kind))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: `${kind}/${f}`, json: JSON.parse(fs.readFileSync(path.join(dir, kind, f), 'utf8')) as unknown }));

/** Every text with an English twin, and every twin: "file at.path: text". */
function texts(node: unknown, at: string, out: { zh: string[]; en: string[]; untranslated: string[] }, twinned: Set<string>) {
  if (Array.isArray(node)) node.forEach((x, i) => texts(x, `${at}.${i}`, out, twinned));
  if (!node || typeof node !== 'object' || Array.isArray(node)) return out;
  const o = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'string') texts(v, `${at}.${k}`, out, twinned);
    else if (k.endsWith('En')) out.en.push(`${at}.${k}: ${v}`);
    else if (typeof o[`${k}En`] === 'string') out.zh.push(`${at}.${k}: ${v}`);
    else if (twinned.has(k) && v.trim()) out.untranslated.push(`${at}.${k}: ${v}`);
  }
  return out;
}

// The plan fields a screen shows (src/shared/plans/schema.ts), each of which has an English twin.
const PLAN_TEXTS = new Set(['name', 'description', 'label', 'title', 'content', 'opening', 'closing']);

describe('shipped templates in two languages', () => {
  for (const kind of ['plans', 'questionnaires', 'sms'])
    it(`${kind}: Chinese fields hold no English sentence, English fields no Chinese`, () => {
      for (const { file, json } of files(kind)) {
        const found = texts(json, file, { zh: [], en: [], untranslated: [] }, kind === 'plans' ? PLAN_TEXTS : new Set());
        expect(found.zh.filter((t) => latinSentences(t.slice(t.indexOf(': ') + 2)).length)).toEqual([]);
        expect(found.en.filter((t) => chineseRuns(t.slice(t.indexOf(': ') + 2)).length)).toEqual([]);
        expect(found.untranslated).toEqual([]);
      }
    });

  it("a point's English label follows its Chinese one; a track's applies where the point has neither", () => {
    const plans = new Map(loadPlanTemplates().map((t) => [t.definition.code, t.definition]));
    const post = expandTrack(plans.get('general-post-discharge')!.tracks[0]);
    expect(post.map((p) => [p.label, p.labelEn])).toEqual([
      ['出院第7天', 'Day 7 after discharge'],
      ['出院第30天', 'Day 30 after discharge'],
    ]);
    const tox = plans.get('lung-cancer')!.tracks.find((t) => t.id === 'toxicity')!;
    expect(expandTrack({ ...tox, label: '毒性评估', labelEn: 'Toxicity check' })[0]).toMatchObject({ label: '毒性评估', labelEn: 'Toxicity check' });
    expect(expandTrack({ ...tox, label: '毒性评估', labelEn: 'Toxicity check', cycles: [{ ...tox.cycles[0], label: '第一周期' }] })[0].labelEn).toBeNull();
  });

  it('the check itself catches the mixed texts the issue names', () => {
    expect(latinSentences('治疗毒性 (toxicity while on treatment)')).toEqual(['toxicity while on treatment']);
    expect(latinSentences('您好…\n(Hello, this is the hospital checkup centre)')).toEqual(['this is the hospital checkup centre']);
    expect(latinSentences('心理评估（PHQ-9）· ICD-10 C34 · 5.6 mmol/L · HbA1c <7%')).toEqual([]);
    expect(chineseRuns(withoutData('Toxicity on treatment · 张三', ['张三']))).toEqual([]);
    expect(chineseRuns(withoutData('Nurse：张三丰', ['张三', '张三丰']))).toEqual(['：']);
  });
});
