import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import '../../src/renderer/i18n';
import '../../src/renderer/features/plans/i18n';
import { freeCode } from '../../src/renderer/features/plans/CreateModal';
import { checkDefinition } from '../../src/renderer/features/plans/definition';
import { inLanguage } from '../../src/renderer/features/plans/issues';
import { expandTrack } from '../../src/shared/plans/schedule';
import { cycleSchema, planDefinitionSchema, trackSchema, type PlanDefinitionInput } from '../../src/shared/plans/schema';

// The app's i18n instance sets the page language on load: a bare stand-in for the page.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
});

// Counted cycles ("every 21 days × 6"), the cycle number each point carries, and the plan
// editor's strict check of applied JSON with its complaints in the UI's language.

const plan = (cycle: Record<string, unknown>, extra: Record<string, unknown> = {}): PlanDefinitionInput =>
  ({
    code: 'chemo',
    name: '化疗',
    enrolment: { rules: [{ id: 'r', encounterKind: 'inpatient' }] },
    tracks: [{ id: 'tox', name: '毒性', anchor: 'treatment_start', cycles: [cycle] }],
    ...extra,
  }) as PlanDefinitionInput;

describe('counted cycles', () => {
  it('takes exactly one of until and count; plans written with until stay valid', () => {
    expect(cycleSchema.safeParse({ every: { days: 21 }, count: 6 }).success).toBe(true);
    expect(cycleSchema.safeParse({ every: { weeks: 3 }, until: { weeks: 12 } }).success).toBe(true);
    expect(cycleSchema.safeParse({ every: { days: 21 }, count: 6, until: { weeks: 12 } }).success).toBe(false);
    expect(cycleSchema.safeParse({ every: { days: 21 } }).success).toBe(false);
    expect(cycleSchema.safeParse({ every: { days: 21 }, count: 0 }).success).toBe(false);
  });

  it('expands a count into that many points numbered by cycle, from one interval after the anchor', () => {
    const track = trackSchema.parse({
      id: 'tox',
      name: '毒性',
      anchor: 'treatment_start',
      cycles: [{ every: { days: 21 }, count: 6 }],
      points: [{ at: { months: 3 } }],
    });
    const pts = expandTrack(track);
    expect(pts.filter((p) => p.cycle !== null).map((p) => [p.cycle, p.at.days])).toEqual([
      [1, 21],
      [2, 42],
      [3, 63],
      [4, 84],
      [5, 105],
      [6, 126],
    ]);
    // The explicit point has no cycle number and sorts among them by date.
    expect(pts.map((p) => p.cycle)).toEqual([1, 2, 3, 4, null, 5, 6]);
  });

  it('numbers until-cycles too, and each cycle rule counts from 1', () => {
    const track = trackSchema.parse({
      id: 's',
      name: '监测',
      anchor: 'discharge',
      cycles: [
        { every: { months: 6 }, until: { years: 1 } },
        { every: { years: 1 }, from: { years: 2 }, until: { years: 3 } },
      ],
    });
    expect(expandTrack(track).map((p) => [p.cycle, p.at.months])).toEqual([
      [1, 6],
      [2, 12],
      [1, 24],
      [2, 36],
    ]);
  });

  it('keeps an optional treatment-start event in the plan', () => {
    const r = planDefinitionSchema.parse(plan({ every: { days: 21 }, count: 6 }, { treatmentStart: { icd10: ['Z51.1'] } }));
    expect(r.treatmentStart).toEqual({ encounterKind: 'inpatient', icd10: ['Z51.1'] });
  });
});

describe('the plan editor check', () => {
  const zh = i18next.getFixedT('zh-CN');
  const en = i18next.getFixedT('en');

  it('refuses unknown keys and names the field in Chinese', () => {
    const r = checkDefinition(plan({ every: { days: 21 }, count: 6, repeat: 2 }), zh, 'zh-CN');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual(['轨道 1 › 循环 1：不认识的字段：repeat']);
  });

  it('says a cycle needs one end in the UI language, without English in Chinese', () => {
    const zhOut = checkDefinition(plan({ every: { days: 21 } }), zh, 'zh-CN');
    const enOut = checkDefinition(plan({ every: { days: 21 } }), en, 'en');
    expect(zhOut.ok || zhOut.issues).toEqual(['轨道 1 › 循环 1 › 次数：循环需要「截止」或「次数」二者之一']);
    expect(enOut.ok || enOut.issues).toEqual(['Track 1 › Cycle 1 › Cycles：a cycle needs exactly one of until or count']);
    const missing = checkDefinition({ ...plan({ every: { days: 21 }, count: 2 }), name: undefined }, zh, 'zh-CN');
    expect(missing.ok || missing.issues).toEqual(['名称：必填']);
    for (const s of [...(zhOut.ok ? [] : zhOut.issues), ...(missing.ok ? [] : missing.issues)]) expect(s).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('accepts a valid definition', () => {
    expect(checkDefinition(plan({ every: { days: 21 }, count: 6 }), zh, 'zh-CN').ok).toBe(true);
  });

  it('splits bilingual messages', () => {
    expect(inLanguage('规则编码重复：a (duplicate rule id)', 'zh-CN')).toBe('规则编码重复：a');
    expect(inLanguage('规则编码重复：a (duplicate rule id)', 'en')).toBe('duplicate rule id');
    expect(inLanguage('plain', 'zh-CN')).toBe('plain');
  });
});

describe('a new plan code', () => {
  it('is the template code when no plan has it, else the first free suffix', () => {
    expect(freeCode('lung-cancer', [])).toBe('lung-cancer');
    expect(freeCode('lung-cancer', ['lung-cancer'])).toBe('lung-cancer-2');
    expect(freeCode('lung-cancer', ['lung-cancer', 'lung-cancer-2'])).toBe('lung-cancer-3');
  });
});
