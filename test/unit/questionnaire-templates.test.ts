import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { score, validateAnswers, visibleItems, type Answers } from '../../src/shared/questionnaire';
import { questionnaireJsonSchema } from '../../src/shared/questionnaire/json-schema';
import { loadQuestionnaires, QuestionnaireLibraryError } from '../../src/main/questionnaires/library';
import { TEMPLATES_DIR, template } from '../helpers/questionnaires';

const IDS = [
  'ctcae-chemo',
  'diabetes-control',
  'discharge-satisfaction',
  'ecog',
  'gad7',
  'hypertension-control',
  'nrs-pain',
  'phq9',
  'post-discharge-recovery',
  'postop-wound',
  'tumour-risk',
];

/** n items "<prefix>1".."<prefix>n" scored 0–max each, adding up to total (front-loaded). */
function spread(prefix: string, n: number, total: number, max = 3, from = 1): Answers {
  const out: Answers = {};
  for (let i = 0; i < n; i++) {
    const v = Math.min(max, Math.max(0, total - i * max));
    out[`${prefix}${i + from}`] = String(v);
  }
  return out;
}
const only = (id: string, answers: Answers) => {
  const out = score(template(id), answers);
  return { ...out, band: out.scores[0]?.band?.label, color: out.scores[0]?.band?.color, fired: out.triggers.map((t) => t.id) };
};

describe('shipped templates', () => {
  it('all load and validate, Chinese and English text throughout', () => {
    const all = loadQuestionnaires(TEMPLATES_DIR);
    expect([...all.keys()]).toEqual(IDS);
    for (const d of all.values()) {
      expect(d.title).toMatch(/\p{Script=Han}/u);
      expect(d.titleEn).toMatch(/^[\x20-\x7E–—→≥≤’]+$/);
      for (const it of d.items) expect(it.text).toMatch(/\p{Script=Han}|^\d+\./u);
    }
  });

  it('keeps templates/schemas/questionnaire.schema.json in step with the zod schema', () => {
    const file = path.resolve(TEMPLATES_DIR, '../schemas/questionnaire.schema.json');
    const fresh = `${JSON.stringify(questionnaireJsonSchema(), null, 2)}\n`;
    if (process.env.FOLLOWUP_WRITE_SCHEMA) fs.writeFileSync(file, fresh);
    expect(fs.readFileSync(file, 'utf8'), 'regenerate with FOLLOWUP_WRITE_SCHEMA=1 npx vitest run test/unit/questionnaire-templates.test.ts').toBe(fresh);
  });
});

describe('PHQ-9 (Kroenke 2001): 0–4 / 5–9 / 10–14 / 15–19 / 20–27, item 9 > 0 → red', () => {
  const phq = (total: number, item9 = 0) => only('phq9', { ...spread('phq9_', 8, total - item9), phq9_9: String(item9) });
  it.each([
    [0, '无或极轻微抑郁', 'green'],
    [4, '无或极轻微抑郁', 'green'],
    [5, '轻度抑郁', 'yellow'],
    [9, '轻度抑郁', 'yellow'],
    [10, '中度抑郁', 'orange'],
    [14, '中度抑郁', 'orange'],
    [15, '中重度抑郁', 'red'],
    [19, '中重度抑郁', 'red'],
    [20, '重度抑郁', 'red'],
    [24, '重度抑郁', 'red'],
  ])('total %i → %s (%s)', (total, band, color) => {
    const out = phq(total);
    expect(out.scores[0]).toMatchObject({ value: total, complete: true });
    expect([out.band, out.color, out.fired]).toEqual([band, color, []]);
  });

  it('item 9 = 1 with a total of 1 is red and demands escalation', () => {
    const out = phq(1, 1);
    expect(out.scores[0].value).toBe(1);
    expect(out.color).toBe('green');
    expect(out.triggers).toEqual([expect.objectContaining({ id: 'phq9_item9_positive', color: 'red', escalate: true })]);
    expect(out.warningColor).toBe('red');
    expect(out.escalate).toBe(true);
  });

  it('scores 27 at most, with the trigger', () => {
    expect(phq(27, 3)).toMatchObject({ band: '重度抑郁', fired: ['phq9_item9_positive'] });
  });

  it('asks the difficulty question only when a problem was reported, and never scores it', () => {
    const ids = (a: Answers) => visibleItems(template('phq9'), a).map((i) => i.id);
    expect(ids(spread('phq9_', 9, 0))).not.toContain('phq9_difficulty');
    expect(ids(spread('phq9_', 9, 1))).toContain('phq9_difficulty');
    expect(only('phq9', { ...spread('phq9_', 9, 1), phq9_difficulty: '3' }).scores[0].value).toBe(1);
  });

  it('has no band until all nine items are answered', () => {
    const partial = spread('phq9_', 8, 20);
    expect(only('phq9', partial).scores[0]).toMatchObject({ value: 20, complete: false, missing: ['phq9_9'], band: null });
  });
});

describe('GAD-7 (Spitzer 2006): 5 / 10 / 15', () => {
  it.each([
    [0, 'green'],
    [4, 'green'],
    [5, 'yellow'],
    [9, 'yellow'],
    [10, 'orange'],
    [14, 'orange'],
    [15, 'red'],
    [21, 'red'],
  ])('total %i → %s', (total, color) => {
    const out = only('gad7', spread('gad7_', 7, total));
    expect([out.scores[0].value, out.color, out.warningColor]).toEqual([total, color, color]);
  });
});

describe('NRS pain: cancer-pain bands 1–4 / 5–6 / 7–10, NRS ≥ 7 → red', () => {
  it.each([
    [0, '无痛', 'green'],
    [1, '轻度疼痛', 'yellow'],
    [4, '轻度疼痛', 'yellow'],
    [5, '中度疼痛', 'orange'],
    [6, '中度疼痛', 'orange'],
    [7, '重度疼痛', 'red'],
    [10, '重度疼痛', 'red'],
  ])('worst %i → %s', (n, band, color) => {
    const out = only('nrs-pain', { pain_worst: n });
    expect([out.band, out.color]).toEqual([band, color]);
    expect(out.fired).toEqual(n >= 7 ? ['severe_pain'] : []);
  });

  it('fires on current pain ≥ 7 too, and asks about site and analgesia only when in pain', () => {
    expect(only('nrs-pain', { pain_worst: 6, pain_now: 7 }).fired).toEqual(['severe_pain']);
    expect(only('nrs-pain', { pain_worst: 6, pain_now: 6 }).fired).toEqual([]);
    expect(visibleItems(template('nrs-pain'), { pain_worst: 0 }).map((i) => i.id)).toEqual(['pain_worst', 'pain_now']);
  });
});

describe('ECOG with KPS conversion (KPS 100→0, 80–90→1, 70→2, 50–60→3, 10–40→4)', () => {
  const viaKps = (kps: number) => score(template('ecog'), { method: 'kps', kps: String(kps) }).scores.find((s) => s.id === 'ecog')!;
  it.each([
    [100, 0],
    [90, 1],
    [80, 1],
    [70, 2],
    [60, 3],
    [50, 3],
    [40, 4],
    [30, 4],
    [20, 4],
    [10, 4],
    [0, 5],
  ])('KPS %i → ECOG %i', (kps, ecog) => {
    expect(viaKps(kps)).toMatchObject({ value: ecog, complete: true });
  });

  it.each([
    [0, 'green'],
    [1, 'green'],
    [2, 'yellow'],
    [3, 'orange'],
    [4, 'red'],
    [5, 'red'],
  ])('ECOG %i rated directly → %s', (g, color) => {
    const out = score(template('ecog'), { method: 'ecog', ecog_grade: String(g), kps: '100' });
    expect(out.scores.find((s) => s.id === 'ecog')).toMatchObject({ value: g, band: { color } });
    // The KPS branch is hidden, so its stale answer counts for nothing.
    expect(out.scores.find((s) => s.id === 'ecog_from_kps')).toMatchObject({ value: null, applicable: false });
  });

  it('is incomplete until the chosen branch is answered', () => {
    expect(score(template('ecog'), { method: 'kps' }).scores.find((s) => s.id === 'ecog')).toMatchObject({ complete: false, missing: ['kps'] });
  });
});

describe('CTCAE v5.0 chemotherapy subset: worst grade, grade ≥ 3 → red + escalate', () => {
  const TERMS = ['nausea', 'vomiting', 'diarrhea', 'oral_mucositis', 'fatigue', 'peripheral_neuropathy', 'fever', 'febrile_neutropenia', 'hand_foot'];
  const none = Object.fromEntries(TERMS.map((t) => [t, '0']));
  it('has the eight symptoms (fever and febrile neutropenia as two terms) with CTCAE grades only', () => {
    const d = template('ctcae-chemo');
    const grades = (id: string) =>
      d.items
        .find((i) => i.id === id)!
        .options!.map((o) => o.value)
        .join('');
    expect([grades('nausea'), grades('fatigue'), grades('hand_foot'), grades('vomiting'), grades('febrile_neutropenia')]).toEqual([
      '0123',
      '0123',
      '0123',
      '012345',
      '0345',
    ]);
    expect(d.items.find((i) => i.id === 'diarrhea')!.options![3].labelEn).toMatch(
      /^Grade 3: Increase of >=7 stools per day over baseline; hospitalization indicated/,
    );
  });

  it.each([
    [0, 'green', []],
    [1, 'yellow', []],
    [2, 'orange', []],
    [3, 'red', ['grade3_or_more']],
    [4, 'red', ['grade3_or_more']],
    [5, 'red', ['grade3_or_more']],
  ])('worst grade %i → %s', (g, color, fired) => {
    const out = only('ctcae-chemo', { ...none, diarrhea: String(g) });
    expect([out.scores[0].value, out.color, out.fired]).toEqual([g, color, fired]);
    expect(out.escalate).toBe(g >= 3);
  });

  it('escalates any single term at grade 3, e.g. febrile neutropenia', () => {
    expect(only('ctcae-chemo', { ...none, febrile_neutropenia: '3' }).fired).toEqual(['grade3_or_more']);
  });

  it('flags low-grade fever after chemotherapy (possible neutropenia) in orange', () => {
    const out = only('ctcae-chemo', { ...none, fever: '1' });
    expect([out.fired, out.warningColor, out.escalate]).toEqual([['fever_after_chemo'], 'orange', true]);
  });
});

describe('discharge satisfaction', () => {
  const ITEMS = ['sat_doctor', 'sat_nurse', 'sat_environment', 'sat_education', 'sat_billing', 'sat_overall'];
  const all = (...v: number[]) => ({ ...Object.fromEntries(ITEMS.map((k, i) => [k, String(v[i])])), complaint: 'no' });
  it.each([
    [[1, 1, 1, 1, 1, 1], 6, 'orange'],
    [[4, 4, 3, 3, 3, 3], 20, 'orange'],
    [[4, 4, 4, 3, 3, 3], 21, 'yellow'],
    [[5, 4, 4, 4, 4, 4], 25, 'yellow'],
    [[5, 5, 4, 4, 4, 4], 26, 'green'],
    [[5, 5, 5, 5, 5, 5], 30, 'green'],
  ])('%j → %i (%s)', (v, total, color) => {
    const answers: Answers = all(...v);
    if (v.some((x) => x <= 2)) answers.dissatisfied_reason = '等候时间长';
    const out = only('discharge-satisfaction', answers);
    expect([out.scores[0].value, out.color]).toEqual([total, color]);
  });

  it('asks why when any answer is dissatisfied, and escalates complaints', () => {
    const d = template('discharge-satisfaction');
    expect(validateAnswers(d, { ...all(5, 5, 2, 5, 5, 5) }).map((i) => i.item)).toEqual(['dissatisfied_reason']);
    expect(only('discharge-satisfaction', { ...all(5, 5, 5, 5, 5, 2), dissatisfied_reason: '费用' }).fired).toEqual(['overall_dissatisfied']);
    const c = only('discharge-satisfaction', { ...all(5, 5, 5, 5, 5, 5), complaint: 'yes', complaint_detail: '收费错误' });
    expect([c.fired, c.warningColor, c.escalate]).toEqual([['complaint_raised'], 'orange', true]);
  });
});

describe('post-discharge recovery', () => {
  const ok: Answers = {
    general_condition: 'better',
    condition_control: 'controlled',
    new_symptoms: ['none'],
    med_adherence: 'full',
    revisit: 'not_due',
    readmission: 'no',
    critical_value: 'no',
  };
  const fired = (over: Answers) => only('post-discharge-recovery', { ...ok, ...over });
  it('is green when all is well', () => {
    expect(validateAnswers(template('post-discharge-recovery'), ok)).toEqual([]);
    expect(fired({})).toMatchObject({ fired: [], warningColor: 'green' });
  });
  it('escalates 病情未控制 (condition not controlled) in red', () => {
    expect(fired({ condition_control: 'not_controlled' })).toMatchObject({ fired: ['not_controlled'], warningColor: 'red', escalate: true });
  });
  it('escalates a new critical value and requires its details', () => {
    expect(fired({ critical_value: 'yes', critical_value_detail: '血钾 6.8 mmol/L' })).toMatchObject({ fired: ['critical_value'], escalate: true });
    expect(validateAnswers(template('post-discharge-recovery'), { ...ok, critical_value: 'yes' }).map((i) => i.item)).toEqual(['critical_value_detail']);
  });
  it('escalates danger symptoms, and "none" excludes the others', () => {
    expect(fired({ new_symptoms: ['fever', 'chest_pain'] }).fired).toEqual(['danger_symptoms']);
    expect(validateAnswers(template('post-discharge-recovery'), { ...ok, new_symptoms: ['none', 'fever'] })[0].code).toBe('exclusive');
  });
  it('is orange when worse or partly controlled, yellow on poor adherence', () => {
    expect(fired({ general_condition: 'worse' })).toMatchObject({ fired: ['worse_or_partial'], warningColor: 'orange', escalate: false });
    expect(fired({ med_adherence: 'often_missed' })).toMatchObject({ fired: ['poor_adherence'], warningColor: 'yellow' });
  });
});

describe('hypertension control: ≥ 140/90 orange, ≥ 180/110 red', () => {
  const bp = (sbp: number, dbp: number, over: Answers = {}) =>
    only('hypertension-control', { bp_source: 'home', sbp, dbp, med_adherence: 'full', symptoms: ['none'], ...over });
  it.each([
    [139, 89, [], 'green'],
    [140, 80, ['bp_uncontrolled'], 'orange'],
    [130, 90, ['bp_uncontrolled'], 'orange'],
    [179, 109, ['bp_uncontrolled'], 'orange'],
    [180, 100, ['bp_severe', 'bp_uncontrolled'], 'red'],
    [150, 110, ['bp_severe', 'bp_uncontrolled'], 'red'],
  ])('%i/%i → %j', (s, d, want, color) => {
    expect(bp(s, d)).toMatchObject({ fired: want, warningColor: color });
  });
  it('escalates stroke and chest-pain symptoms, and notes poor adherence', () => {
    expect(bp(130, 80, { symptoms: ['limb_weakness'] })).toMatchObject({ fired: ['danger_symptoms'], escalate: true });
    expect(bp(130, 80, { med_adherence: 'stopped' }).fired).toEqual(['poor_adherence']);
  });
  it('skips the readings when none were taken', () => {
    const a: Answers = { bp_source: 'none', sbp: 200, dbp: 120, med_adherence: 'full', symptoms: ['none'] };
    expect(validateAnswers(template('hypertension-control'), a)).toEqual([]);
    expect(only('hypertension-control', a).fired).toEqual([]);
  });
});

describe('diabetes control', () => {
  const base: Answers = { fpg: 6.5, hba1c_done: 'no', hypo_episodes: 0, treatment: 'oral', med_adherence: 'full' };
  const dm = (over: Answers) => only('diabetes-control', { ...base, ...over });
  it.each([
    [{}, [], 'green'],
    [{ fpg: 7.0 }, [], 'green'],
    [{ fpg: 7.1 }, ['not_at_target'], 'yellow'],
    [{ hba1c_done: 'yes', hba1c: 6.9 }, [], 'green'],
    [{ hba1c_done: 'yes', hba1c: 7.0 }, ['not_at_target'], 'yellow'],
    [{ hba1c_done: 'no', hba1c: 9.0 }, [], 'green'],
    [{ fpg: 3.9 }, [], 'green'],
    [{ fpg: 3.8 }, ['hypoglycaemia'], 'orange'],
    [{ fpg: 2.9 }, ['severe_hypoglycaemia', 'hypoglycaemia'], 'red'],
    [{ hypo_episodes: 1, severe_hypo: 'no' }, ['hypoglycaemia'], 'orange'],
    [{ hypo_episodes: 2, severe_hypo: 'yes' }, ['severe_hypoglycaemia', 'hypoglycaemia'], 'red'],
    [{ fpg: 16.6 }, ['not_at_target'], 'yellow'],
    [{ fpg: 16.7 }, ['glucose_very_high', 'not_at_target'], 'red'],
  ])('%j → %j', (over, want, color) => {
    expect(dm(over as Answers)).toMatchObject({ fired: want, warningColor: color });
  });
  it('asks about severe hypoglycaemia only after an episode', () => {
    expect(visibleItems(template('diabetes-control'), base).map((i) => i.id)).not.toContain('severe_hypo');
    expect(validateAnswers(template('diabetes-control'), { ...base, hypo_episodes: 1 }).map((i) => i.item)).toEqual(['severe_hypo']);
  });
});

describe('post-operative wound', () => {
  const ok: Answers = {
    wound_status: 'healed',
    wound_pain: 2,
    temperature: 'normal',
    sutures: 'removed',
    drain: 'none',
    mobility: 'independent',
    diet: 'normal',
    calf_pain: 'no',
  };
  const wound = (over: Answers) => only('postop-wound', { ...ok, ...over });
  it.each([
    [0, 'green'],
    [1, 'green'],
    [3, 'green'],
    [4, 'yellow'],
    [6, 'yellow'],
    [7, 'red'],
    [10, 'red'],
  ])('pain %i → %s', (n, color) => {
    expect(wound({ wound_pain: n }).color).toBe(color);
  });
  it.each([
    [{ wound_status: 'pus' }, ['wound_infection'], true],
    [{ wound_status: 'dehiscence' }, ['wound_infection'], true],
    [{ wound_status: 'inflamed' }, ['wound_concern'], false],
    [{ drain: 'problem' }, ['wound_concern'], false],
    [{ temperature: 'high' }, ['postop_fever'], true],
    [{ wound_pain: 7 }, ['severe_pain'], true],
    [{ calf_pain: 'yes' }, ['possible_vte'], true],
  ])('%j → %j', (over, want, escalate) => {
    expect(wound(over as Answers)).toMatchObject({ fired: want, escalate });
  });
});

describe('tumour risk: published risk factors summed; 0–3 low, 4–7 intermediate, ≥ 8 high', () => {
  const none = { passive: 'no', family: 'none', infection: ['none'], exposure: ['none'], history: ['none'] };
  it.each([
    [{ ...none, age: 'lt40', smoking: 'never' }, 0, '低风险', []],
    [{ ...none, age: '50_74', smoking: 'lt20', infection: ['hp'] }, 5, '中风险', []],
    [{ ...none, age: '50_74', smoking: 'ge20' }, 6, '中风险', ['lung_screening']],
    [{ ...none, age: '40_49', smoking: 'never', infection: ['hbv', 'hcv'], history: ['cirrhosis'] }, 7, '中风险', []],
    [{ ...none, age: '50_74', smoking: 'ge20', passive: 'yes', family: 'one' }, 9, '高风险', ['lung_screening']],
    [{ ...none, age: '40_49', smoking: 'ge20', exposure: ['asbestos', 'radon'] }, 9, '高风险', []],
  ] as [Answers, number, string, string[]][])('%o scores %i (%s)', (answers, total, band, fired) => {
    const r = only('tumour-risk', answers);
    expect(r.scores[0].value).toBe(total);
    expect(r.band).toBe(band);
    expect(r.fired).toEqual(fired);
  });

  it('is not complete, and gives no band, until every factor is answered', () => {
    const r = only('tumour-risk', { age: '50_74', smoking: 'ge20' });
    expect(r.scores[0].complete).toBe(false);
    expect(r.band).toBeUndefined();
  });
});

describe('loadQuestionnaires', () => {
  it('lists every broken file with its problem, and skips *.schema.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'q-lib-'));
    const good = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, 'gad7.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'gad7.json'), JSON.stringify(good));
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify(good));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({
        ...good,
        id: 'bad',
        triggers: [{ id: 't', when: { item: 'gad7_9', op: 'gt', value: 0 }, color: 'red', message: 'x', messageEn: 'x', escalate: true }],
      }),
    );
    fs.writeFileSync(path.join(dir, 'questionnaire.schema.json'), '{}');
    try {
      loadQuestionnaires(dir);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(QuestionnaireLibraryError);
      expect((err as QuestionnaireLibraryError).errors).toEqual([
        'bad.json: triggers[0].when: trigger "t": condition refers to unknown item "gad7_9"',
        expect.stringMatching(/^broken\.json: .*JSON/),
        'other.json: id "gad7" does not match the file name (expected "other")',
      ]);
    }
    fs.rmSync(dir, { recursive: true });
  });
});
