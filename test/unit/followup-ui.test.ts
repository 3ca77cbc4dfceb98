import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash } from '../../src/renderer/app/router';
import { digitIndex, toggle } from '../../src/renderer/features/followup/choice';
import { blockers, completeInput, emptyForm, type OutcomeForm } from '../../src/renderer/features/followup/outcome';
import { checkDefinition, stripEmpty } from '../../src/renderer/features/plans/definition';
import { queueInputOf, DEFAULT_VIEW } from '../../src/renderer/features/queue/state';
import { parseQuestionnaire, score, validateAnswers } from '../../src/shared/questionnaire';

// The follow-up screen's rules that need no browser: routes, keys, the closing form, the plan
// editor's clean-up before the schema.

const def = (() => {
  const r = parseQuestionnaire({
    id: 'mini',
    version: 1,
    title: '小问卷',
    titleEn: 'Mini',
    items: [
      {
        id: 'q1',
        type: 'single',
        text: '一',
        textEn: 'One',
        required: true,
        options: [
          { value: '0', label: '否', labelEn: 'No', score: 0 },
          { value: '1', label: '是', labelEn: 'Yes', score: 1 },
        ],
      },
      { id: 'q2', type: 'text', text: '二', textEn: 'Two', required: true, showIf: { item: 'q1', op: 'eq', value: '1' } },
    ],
    triggers: [{ id: 'yes', when: { item: 'q1', op: 'eq', value: '1' }, color: 'red', message: '上报', messageEn: 'Escalate', escalate: true }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.def;
})();

describe('routes', () => {
  it('round-trips the queue, a follow-up and the plans', () => {
    for (const r of [{ name: 'queue' }, { name: 'followup', taskId: 42 }, { name: 'plans' }, { name: 'plans', planId: 3 }] as const)
      expect(parseHash(hrefOf(r))).toEqual(r);
    expect(parseHash('#/followup')).toEqual({ name: 'finder' });
  });
});

describe('choice keys', () => {
  it('maps 1…9 and 0 to positions and ignores other keys', () => {
    expect(['1', '9', '0', 'a', 'Enter'].map(digitIndex)).toEqual([0, 8, 9, -1, -1]);
  });
  it('keeps an exclusive option alone', () => {
    const opts = [{ value: 'none', exclusive: true }, { value: 'fever' }, { value: 'pain' }];
    expect(toggle(opts, ['fever'], 'none')).toEqual({ next: ['none'], exclusiveOn: true });
    expect(toggle(opts, ['none'], 'pain')).toEqual({ next: ['pain'], exclusiveOn: false });
    expect(toggle(opts, ['fever', 'pain'], 'fever')).toEqual({ next: ['pain'], exclusiveOn: false });
  });
});

describe('closing a follow-up', () => {
  const ctx = (answers: Record<string, string>) => ({ editable: true, def, issues: validateAnswers(def, answers), outcome: score(def, answers) });
  const form = (p: Partial<OutcomeForm>): OutcomeForm => ({ ...emptyForm([]), ...p });

  it('asks for an outcome, the missing answers and the escalation note', () => {
    expect(blockers(form({}), ctx({})).map((b) => b.key)).toEqual(['disposition']);
    expect(blockers(form({ disposition: 'completed' }), ctx({ q1: '1' })).map((b) => b.key)).toEqual(['missing', 'escalation']);
    expect(blockers(form({ disposition: 'completed', escalationNote: ' 已通知医生 ' }), ctx({ q1: '1', q2: '头晕' }))).toEqual([]);
    expect(blockers(form({ disposition: 'no_contact' }), ctx({})).map((b) => b.key)).toEqual(['attempt']);
    expect(blockers(form({}), { ...ctx({}), editable: false }).map((b) => b.key)).toEqual(['readOnly']);
  });

  it('sends hidden answers as null and trims the note', () => {
    const input = completeInput(7, form({ disposition: 'completed', escalationNote: ' 已上报 ', note: '' }), def, { q1: '0', q2: 'stale' });
    expect(input).toEqual({
      taskId: 7,
      disposition: 'completed',
      answers: { q1: '0', q2: null },
      escalationNote: '已上报',
      note: undefined,
      educationGiven: [],
      appointment: undefined,
    });
    expect(completeInput(7, form({ disposition: 'callback', callbackAt: '2026-11-23 09:30' }), def, {})).toMatchObject({
      disposition: 'callback',
      callbackAt: '2026-11-23 09:30',
    });
  });
});

describe('queue filters', () => {
  it('sends the callback range only with "callbacks only"', () => {
    expect(queueInputOf({ ...DEFAULT_VIEW, callbackFrom: '2026-11-22 08:00' })).not.toHaveProperty('callbackFrom');
    expect(queueInputOf({ ...DEFAULT_VIEW, callback: 'only', callbackFrom: '2026-11-22 08:00' })).toMatchObject({
      callback: 'only',
      callbackFrom: '2026-11-22 08:00',
    });
  });
});

describe('plan editor clean-up', () => {
  it('drops cleared fields so optional ones stay absent', () => {
    expect(stripEmpty({ a: null, b: '', c: ' x ', d: { id: '' }, e: ['', 'C18'], f: 0 })).toEqual({ c: 'x', e: ['C18'], f: 0 });
  });
  it('reports schema problems by path', () => {
    const r = checkDefinition({ code: 'Bad Code', name: 'x', enrolment: { rules: [] }, tracks: [] }, ((k: string) => k) as never, 'zh-CN');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toMatch(/code/);
  });
});
