import { describe, expect, it } from 'vitest';
import { resolveVisibility, type Answers, type QuestionnaireDef } from '../../src/shared/questionnaire';
import {
  checkFhirQuestionnaire,
  checkFhirQuestionnaireResponse,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  type QuestionnaireItem,
} from '../../src/shared/questionnaire/fhir';
import { enabled } from '../../src/shared/questionnaire/fhir/check-response';
import { questionnaireIndex } from '../../src/shared/questionnaire/fhir/check';
import { def, template } from '../helpers/questionnaires';

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
];
const SYS = 'https://followup.invalid/fhir/CodeSystem/fixture';
const itemOf = (q: { item?: QuestionnaireItem[] }, linkId: string) => q.item!.find((i) => i.linkId === linkId)!;
const ext = (i: { extension?: { url: string }[] }, suffix: string) => i.extension?.find((e) => e.url.endsWith(suffix)) as Record<string, any> | undefined;

describe('toFhirQuestionnaire', () => {
  it.each(IDS)('exports %s as a structurally valid R4 Questionnaire', (id) => {
    const q = toFhirQuestionnaire(template(id));
    expect(checkFhirQuestionnaire(q)).toEqual([]);
    expect(q.item!.map((i) => i.linkId)).toEqual([...template(id).items.map((i) => i.id), ...template(id).scores.map((s) => s.id)]);
  });

  it('carries identity, language and the English translation', () => {
    const q = toFhirQuestionnaire(template('phq9'), { baseUrl: 'https://fhir.example.cn/fhir/' });
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'phq9',
      url: 'https://fhir.example.cn/fhir/Questionnaire/phq9',
      version: '1',
      name: 'Phq9',
      status: 'active',
      language: 'zh-CN',
      title: '患者健康问卷抑郁量表（PHQ-9）',
      code: [{ system: 'http://loinc.org', code: '44249-1' }],
    });
    expect(q._title!.extension![0]).toEqual({
      url: 'http://hl7.org/fhir/StructureDefinition/translation',
      extension: [
        { url: 'lang', valueCode: 'en' },
        { url: 'content', valueString: 'Patient Health Questionnaire (PHQ-9)' },
      ],
    });
    expect(toFhirQuestionnaire(template('post-discharge-recovery')).name).toBe('PostDischargeRecovery');
  });

  it('maps options to codings with ordinalValue and itemWeight, and scores to read-only calculated items', () => {
    const q = toFhirQuestionnaire(template('phq9'));
    const q9 = itemOf(q, 'phq9_9');
    expect(q9).toMatchObject({ type: 'choice', required: true });
    expect(q9.answerOption![2]).toEqual({
      extension: [
        { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 2 },
        { url: 'http://hl7.org/fhir/StructureDefinition/itemWeight', valueDecimal: 2 },
      ],
      valueCoding: { system: 'https://followup.invalid/fhir/CodeSystem/phq9/phq9_9', code: '2', display: '一半以上的天数' },
    });
    const total = itemOf(q, 'phq9_total');
    expect(total).toMatchObject({ type: 'integer', readOnly: true, code: [{ code: '44261-6' }] });
    expect(ext(total, 'calculatedExpression')!.valueExpression.expression).toContain(".where(linkId='phq9_9').answer.value.ordinal()");
    expect(itemOf(q, 'intro')).toEqual(expect.objectContaining({ type: 'display' }));
    expect(itemOf(q, 'intro')).not.toHaveProperty('required');
  });

  it('writes flat showIf as enableWhen, with enableBehavior when there are several', () => {
    const q = toFhirQuestionnaire(def());
    expect(itemOf(q, 'b').enableWhen).toEqual([{ question: 'a', operator: '=', answerCoding: { system: `${SYS}/a`, code: 'yes' } }]);
    expect(itemOf(q, 'b').enableBehavior).toBeUndefined();
    expect(itemOf(q, 'c')).toMatchObject({
      enableBehavior: 'all',
      enableWhen: [
        { question: 'a', operator: '=' },
        { question: 'b', operator: '>=', answerInteger: 2 },
      ],
    });
    const hyper = toFhirQuestionnaire(template('hypertension-control'));
    expect(itemOf(hyper, 'sbp').enableWhen).toEqual([
      {
        question: 'bp_source',
        operator: '!=',
        answerCoding: { system: 'https://followup.invalid/fhir/CodeSystem/hypertension-control/bp_source', code: 'none' },
      },
    ]);
    const rec = toFhirQuestionnaire(template('post-discharge-recovery'));
    expect(itemOf(rec, 'readmission_hospital')).toMatchObject({
      enableBehavior: 'any',
      enableWhen: [{ answerCoding: { code: 'emergency' } }, { answerCoding: { code: 'readmitted' } }],
    });
  });

  it('falls back to an SDC enableWhenExpression for nested groups and > on a choice', () => {
    const e = itemOf(toFhirQuestionnaire(def()), 'e');
    expect(e.enableWhen).toBeUndefined();
    expect(ext(e, 'enableWhenExpression')!.valueExpression).toEqual({
      language: 'text/fhirpath',
      expression:
        "((%resource.repeat(item).where(linkId='d').answer.value.code contains 'x') or (%resource.repeat(item).where(linkId='c').answer.value.code.exists() and (%resource.repeat(item).where(linkId='c').answer.value.code contains '0').not()))",
    });
    const diff = itemOf(toFhirQuestionnaire(template('phq9')), 'phq9_difficulty');
    expect(ext(diff, 'enableWhenExpression')!.valueExpression.expression).toContain(
      "(%resource.repeat(item).where(linkId='phq9_1').answer.value.code.toDecimal() > 0) or",
    );
  });

  it('keeps repeats, exclusivity, bounds, units and lengths', () => {
    const q = toFhirQuestionnaire(def());
    expect(itemOf(q, 'd')).toMatchObject({ type: 'choice', repeats: true, required: false });
    expect(ext(itemOf(q, 'd').answerOption![0], 'optionExclusive')).toEqual({
      url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive',
      valueBoolean: true,
    });
    expect(itemOf(q, 'g').extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueDecimal: 1.5 },
      { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueDecimal: 9.5 },
      {
        url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
        valueCoding: { system: 'http://unitsofmeasure.org', code: 'mmol/L', display: 'mmol/L' },
      },
    ]);
    expect(itemOf(q, 'e')).toMatchObject({ type: 'string', maxLength: 5 });
    expect(itemOf(q, 'f').type).toBe('date');
  });

  it('maps KPS → ECOG through a variable and nested iif', () => {
    const item = itemOf(toFhirQuestionnaire(template('ecog')), 'ecog_from_kps');
    expect(ext(item, 'variable')!.valueExpression.name).toBe('raw');
    expect(ext(item, 'calculatedExpression')!.valueExpression.expression).toMatch(/^iif\(%raw >= 100 and %raw <= 100, 0, iif\(%raw >= 80 and %raw <= 90, 1, /);
  });
});

describe('toFhirQuestionnaireResponse', () => {
  const answers: Answers = { a: 'yes', b: 3, c: '2', d: ['x', 'y'], e: 'note', f: '2026-11-20', g: 6.25 };

  it('writes visible answers and complete scores, with canonical, status and Beijing time', () => {
    const qr = toFhirQuestionnaireResponse(def(), answers, { authored: '2026-11-21 10:30:00', subject: { reference: 'Patient/42' }, id: 'r1' });
    expect(qr).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      id: 'r1',
      status: 'completed',
      questionnaire: 'https://followup.invalid/fhir/Questionnaire/fixture|1',
      authored: '2026-11-21T10:30:00+08:00',
      subject: { reference: 'Patient/42' },
    });
    expect(Object.fromEntries(qr.item!.map((i) => [i.linkId, i.answer]))).toEqual({
      a: [{ valueCoding: { system: `${SYS}/a`, code: 'yes', display: '选项yes' } }],
      b: [{ valueInteger: 3 }],
      c: [{ valueCoding: { system: `${SYS}/c`, code: '2', display: '选项2' } }],
      d: [{ valueCoding: { system: `${SYS}/d`, code: 'x', display: '选项x' } }, { valueCoding: { system: `${SYS}/d`, code: 'y', display: '选项y' } }],
      e: [{ valueString: 'note' }],
      f: [{ valueDate: '2026-11-20' }],
      g: [{ valueDecimal: 6.25 }],
      total: [{ valueInteger: 8 }],
    });
    expect(checkFhirQuestionnaireResponse(qr, toFhirQuestionnaire(def()))).toEqual([]);
  });

  it('drops hidden answers and incomplete scores', () => {
    const qr = toFhirQuestionnaireResponse(def(), { a: 'no', b: 9, c: '3' }, { authored: '2026-11-21T10:30:00Z', status: 'in-progress' });
    expect(qr.item!.map((i) => i.linkId)).toEqual(['a']);
    const partial = toFhirQuestionnaireResponse(def(), { a: 'yes', b: 2 }, { authored: '2026-11-21 10:30:00', status: 'in-progress' });
    expect(partial.item!.map((i) => i.linkId)).toEqual(['a', 'b']);
    expect(checkFhirQuestionnaireResponse(partial, toFhirQuestionnaire(def()))).toEqual([]);
  });

  it('refuses answers that do not fit, and unfinished completed responses', () => {
    expect(() => toFhirQuestionnaireResponse(def(), { a: 'maybe' }, { authored: '2026-11-21 10:30:00' })).toThrow('a: "maybe" is not an option');
    expect(() => toFhirQuestionnaireResponse(def(), { a: 'yes' }, { authored: '2026-11-21 10:30:00' })).toThrow('b: An answer is required');
    expect(() => toFhirQuestionnaireResponse(def(), { a: 'no' }, { authored: '2026-11-21' })).toThrow(/authored must be/);
  });

  it.each<[string, Answers]>([
    ['phq9', { ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, String(i % 4)])), phq9_difficulty: '1' }],
    ['ecog', { method: 'kps', kps: '60' }],
    [
      'ctcae-chemo',
      {
        nausea: '1',
        vomiting: '0',
        diarrhea: '3',
        oral_mucositis: '0',
        fatigue: '2',
        peripheral_neuropathy: '1',
        fever: '0',
        febrile_neutropenia: '0',
        hand_foot: '0',
      },
    ],
    ['hypertension-control', { bp_source: 'home', sbp: 150, dbp: 95, heart_rate: 72, med_adherence: 'full', symptoms: ['headache', 'palpitations'] }],
    ['diabetes-control', { fpg: 8.2, hba1c_done: 'yes', hba1c: 7.4, hypo_episodes: 1, severe_hypo: 'no', treatment: 'insulin', med_adherence: 'full' }],
  ])('exports a %s response that fits its questionnaire', (id, a) => {
    const qr = toFhirQuestionnaireResponse(template(id), a, { authored: '2026-11-21 09:00:00' });
    expect(checkFhirQuestionnaireResponse(qr, toFhirQuestionnaire(template(id)))).toEqual([]);
  });
});

describe('engine visibility agrees with FHIR enableWhen', () => {
  /** Deterministic pseudo-random answers, some left empty. */
  function randomAnswers(d: QuestionnaireDef, seed: number): Answers {
    let s = seed;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const out: Answers = {};
    for (const it of d.items) {
      if (rnd() < 0.2 || it.type === 'display') continue;
      const opts = it.options?.map((o) => o.value) ?? [];
      if (it.type === 'single') out[it.id] = opts[Math.floor(rnd() * opts.length)];
      else if (it.type === 'multiple') out[it.id] = opts.filter((o, i) => i > 0 && rnd() < 0.3);
      else if (it.type === 'integer') out[it.id] = Math.round((it.min ?? 0) + rnd() * ((it.max ?? 20) - (it.min ?? 0)));
      else if (it.type === 'decimal') out[it.id] = Math.round(((it.min ?? 0) + rnd() * ((it.max ?? 20) - (it.min ?? 0))) * 10) / 10;
      else if (it.type === 'date') out[it.id] = '2026-11-21';
      else out[it.id] = 'x';
    }
    return out;
  }

  it.each(['fixture', ...IDS])('%s: every item is shown by the engine exactly when FHIR enables it', (id) => {
    const d = id === 'fixture' ? def() : template(id);
    const { items } = questionnaireIndex(toFhirQuestionnaire(d));
    let compared = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const answers = randomAnswers(d, seed);
      const qr = toFhirQuestionnaireResponse(d, answers, { authored: '2026-11-21 09:00:00', status: 'in-progress' });
      const given = new Map((qr.item ?? []).map((i) => [i.linkId, i.answer as Record<string, unknown>[]]));
      const { visible } = resolveVisibility(d, answers);
      for (const it of d.items) {
        const info = items.get(it.id)!;
        if (info.hasExpression) continue; // FHIRPath is not evaluated here
        expect(enabled(info, given), `${id} seed ${seed} item ${it.id}`).toBe(visible.has(it.id));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('structural checks catch malformed resources', () => {
  const base = () => JSON.parse(JSON.stringify(toFhirQuestionnaire(def())));
  it.each<[string, (q: any) => void, string]>([
    [
      'a missing status',
      (q) => {
        delete q.status;
      },
      'Questionnaire.status: required (1..1)',
    ],
    [
      'an unknown element',
      (q) => {
        q.items = [];
      },
      'Questionnaire.items: unknown element',
    ],
    [
      'an unknown item type',
      (q) => {
        q.item[1].type = 'single';
      },
      'Questionnaire.item[1].type: required (1..1), one of the item types, got "single"',
    ],
    [
      'a missing linkId',
      (q) => {
        delete q.item[1].linkId;
      },
      'Questionnaire.item[1].linkId: required (1..1)',
    ],
    [
      'a duplicate linkId',
      (q) => {
        q.item[2].linkId = 'a';
      },
      '"a" is not unique (que-2)',
    ],
    [
      'a bad operator',
      (q) => {
        q.item[2].enableWhen[0].operator = 'eq';
      },
      'Questionnaire.item[2].enableWhen[0].operator: required, one of exists = != > < >= <=, got "eq"',
    ],
    [
      'two answer[x]',
      (q) => {
        q.item[2].enableWhen[0].answerString = 'yes';
      },
      'only one answer[x] allowed, found answerString, answerCoding',
    ],
    [
      'a missing answer[x]',
      (q) => {
        delete q.item[2].enableWhen[0].answerCoding;
      },
      'Questionnaire.item[2].enableWhen[0]: answer[x] is required',
    ],
    [
      'exists without a boolean',
      (q) => {
        q.item[2].enableWhen[0].operator = 'exists';
      },
      'operator "exists" needs answerBoolean (que-7)',
    ],
    [
      'several enableWhen without behaviour',
      (q) => {
        delete q.item[3].enableBehavior;
      },
      'enableBehavior is required with more than one enableWhen (que-12)',
    ],
    [
      'a required display item',
      (q) => {
        q.item[0].required = true;
      },
      'display items cannot be required or repeat (que-6)',
    ],
    [
      'options on an integer',
      (q) => {
        q.item[2].answerOption = [{ valueInteger: 1 }];
      },
      'only choice items can have answerOption (que-5)',
    ],
    [
      'maxLength on a choice',
      (q) => {
        q.item[1].maxLength = 3;
      },
      'maxLength only on simple question types (que-10)',
    ],
    [
      'an option without value',
      (q) => {
        q.item[1].answerOption[0] = { initialSelected: true };
      },
      'answerOption[0]: value[x] is required',
    ],
    [
      'an extension with value and extensions',
      (q) => {
        q.item[2].extension = [{ url: 'x', valueString: 'a', extension: [{ url: 'y', valueString: 'b' }] }];
      },
      'must have either extensions or value[x], not both (ext-1)',
    ],
    [
      'an empty string',
      (q) => {
        q.item[1].text = '';
      },
      'Questionnaire.item[1].text: empty values are not allowed (ele-1)',
    ],
    [
      'a question that does not exist',
      (q) => {
        q.item[2].enableWhen[0].question = 'zz';
      },
      'item "b".enableWhen[0].question: no item with linkId "zz"',
    ],
    [
      'an answer type that does not fit',
      (q) => {
        q.item[3].enableWhen[1] = { question: 'b', operator: '>=', answerString: '2' };
      },
      'item "c".enableWhen[1]: answerString does not fit the integer question "b"',
    ],
    [
      '> on a coding',
      (q) => {
        q.item[2].enableWhen[0].operator = '>';
      },
      '">" needs an ordered answer type, not Coding',
    ],
  ])('Questionnaire with %s', (_what, change, message) => {
    const q = base();
    change(q);
    expect(checkFhirQuestionnaire(q)).toContainEqual(expect.stringContaining(message));
  });

  const goodQr = () =>
    JSON.parse(JSON.stringify(toFhirQuestionnaireResponse(def(), { a: 'yes', b: 3, c: '2', d: ['x'] }, { authored: '2026-11-21 10:30:00' })));
  it.each<[string, (qr: any) => void, string]>([
    [
      'a bad status',
      (qr) => {
        qr.status = 'done';
      },
      'QuestionnaireResponse.status: required (1..1)',
    ],
    [
      'a time without zone',
      (qr) => {
        qr.authored = '2026-11-21T10:30:00';
      },
      'QuestionnaireResponse.authored: expected a dateTime',
    ],
    [
      'an answer with two values',
      (qr) => {
        qr.item[1].answer[0].valueDecimal = 3;
      },
      'only one value[x] allowed',
    ],
    [
      'an empty answer',
      (qr) => {
        qr.item[1].answer = [{}];
      },
      'an answer needs a value or nested items (ele-1)',
    ],
    [
      'items under item and answer',
      (qr) => {
        qr.item[1].item = [{ linkId: 'x' }];
        qr.item[1].answer[0].item = [{ linkId: 'y' }];
      },
      'nested items cannot be beneath both item and answer (qrs-1)',
    ],
    [
      'an unknown linkId',
      (qr) => {
        qr.item.push({ linkId: 'zz', answer: [{ valueString: 'x' }] });
      },
      'item "zz": not in the questionnaire',
    ],
    [
      'two answers on a single choice',
      (qr) => {
        qr.item[0].answer.push(qr.item[0].answer[0]);
      },
      'item "a": 2 answers on a non-repeating item',
    ],
    [
      'a string for an integer',
      (qr) => {
        qr.item[1].answer = [{ valueString: '3' }];
      },
      'item "b": valueString does not fit a integer item',
    ],
    [
      'a code that is no option',
      (qr) => {
        qr.item[0].answer[0].valueCoding.code = 'maybe';
      },
      'item "a": maybe is not one of its answerOptions',
    ],
    [
      'an answer on a disabled item',
      (qr) => {
        qr.item[0].answer[0].valueCoding.code = 'no';
      },
      'item "b": answered although enableWhen disables it',
    ],
    [
      'a missing required answer',
      (qr) => {
        qr.item.splice(2, 1);
      },
      'item "c": required but not answered',
    ],
    [
      'another questionnaire',
      (qr) => {
        qr.questionnaire = 'https://x.invalid/Questionnaire/other|1';
      },
      'questionnaire "https://x.invalid/Questionnaire/other|1" is not https://followup.invalid/fhir/Questionnaire/fixture',
    ],
  ])('QuestionnaireResponse with %s', (_what, change, message) => {
    const qr = goodQr();
    expect(checkFhirQuestionnaireResponse(qr, base())).toEqual([]);
    change(qr);
    expect(checkFhirQuestionnaireResponse(qr, base())).toContainEqual(expect.stringContaining(message));
  });
});
