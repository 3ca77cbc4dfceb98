import { describe, expect, it } from 'vitest';
import { assertQuestionnaire, parseQuestionnaire, QuestionnaireDefinitionError, type QuestionnaireInput } from '../../src/shared/questionnaire';
import { fixture, freq, item } from '../helpers/questionnaires';

/** The fixture with one change applied; returns the error lines. */
function errorsOf(change: (q: any) => void): string[] {
  const q = structuredClone(fixture()) as any;
  change(q);
  const r = parseQuestionnaire(q);
  return r.ok ? [] : r.errors;
}

describe('definition checks', () => {
  it('accepts the fixture and fills defaults', () => {
    const r = parseQuestionnaire({ id: 'mini', version: 1, title: '小', titleEn: 'Mini', items: [{ id: 'x', type: 'text', text: '文', textEn: 'T' }] });
    expect(r.ok && r.def).toMatchObject({ scores: [], triggers: [], items: [{ required: false }] });
    expect(parseQuestionnaire(fixture()).ok).toBe(true);
  });

  it.each<[string, (q: any) => void, string]>([
    [
      'an unknown type',
      (q) => {
        q.items[1].type = 'singel';
      },
      'items[1] (a).type: unknown type "singel" (expected single, multiple, integer, decimal, text, date, display)',
    ],
    [
      'a missing text',
      (q) => {
        delete q.items[2].textEn;
      },
      'items[2] (b).textEn: is required',
    ],
    [
      'a typo in a key',
      (q) => {
        q.items[2].requried = true;
      },
      'items[2] (b): Unrecognized key: "requried"',
    ],
    [
      'a bad item id',
      (q) => {
        q.items[1].id = '1a';
      },
      'items[1] (1a).id: must start with a letter and hold only letters, digits and _',
    ],
    [
      'a bad questionnaire id',
      (q) => {
        q.id = 'PHQ 9';
      },
      'id: must be a slug: lower-case letters and digits separated by "-"',
    ],
    [
      'a duplicate id',
      (q) => {
        q.items[2].id = 'a';
      },
      'items[2].id: item "a": duplicate id (already used by item "a")',
    ],
    [
      'a score named like an item',
      (q) => {
        q.scores[0].id = 'b';
      },
      'scores[0].id: score "b": duplicate id (already used by item "b")',
    ],
    [
      'a duplicate trigger id',
      (q) => {
        q.triggers[1].id = 'high_c';
      },
      'triggers[1].id: trigger "high_c": duplicate id',
    ],
    [
      'a duplicate option value',
      (q) => {
        q.items[3].options[2].value = '1';
      },
      'items[3].options[2].value: item "c": duplicate option value "1"',
    ],
    [
      'a choice item without options',
      (q) => {
        delete q.items[1].options;
      },
      'items[1].options: item "a": a single choice item needs options',
    ],
    [
      'options on a number',
      (q) => {
        q.items[2].options = freq();
      },
      'items[2].options: item "b": only single/multiple items have options (type is integer)',
    ],
    [
      'min above max',
      (q) => {
        q.items[2].min = 20;
      },
      'items[2].min: item "b": min 20 is greater than max 10',
    ],
    [
      'a decimal bound on an integer',
      (q) => {
        q.items[2].max = 9.5;
      },
      'items[2].max: item "b": max of an integer item must be whole',
    ],
    [
      'min on a text item',
      (q) => {
        q.items[5].min = 1;
      },
      'items[5].min: item "e": min is only for integer/decimal items',
    ],
    [
      'a required display item',
      (q) => {
        q.items[0].required = true;
      },
      'items[0].required: item "intro": a display item cannot be required',
    ],
    [
      'exclusive on a single choice',
      (q) => {
        q.items[1].options[0].exclusive = true;
      },
      'items[1].options[0].exclusive: item "a": only multiple-choice options can be exclusive',
    ],
    [
      'showIf on an unknown item',
      (q) => {
        q.items[2].showIf = { item: 'zz', op: 'eq', value: 'yes' };
      },
      'items[2].showIf: item "b": condition refers to unknown item "zz"',
    ],
    [
      'showIf on a later item',
      (q) => {
        q.items[2].showIf = { item: 'c', op: 'answered' };
      },
      'items[2].showIf: item "b": showIf must refer to an item asked before it, not "c"',
    ],
    [
      'showIf on a score',
      (q) => {
        q.items[2].showIf = { score: 'total', op: 'gt', value: 1 };
      },
      'items[2].showIf: item "b": showIf cannot depend on score "total"',
    ],
    [
      'showIf with a value that is no option',
      (q) => {
        q.items[2].showIf = { item: 'a', op: 'eq', value: 'ja' };
      },
      'items[2].showIf.value: item "b": "ja" is not an option value of item "a"',
    ],
    [
      'gt on non-numeric options',
      (q) => {
        q.items[2].showIf = { item: 'a', op: 'gt', value: 1 };
      },
      'items[2].showIf: item "b": "gt" needs numeric option values on "a"',
    ],
    [
      'gt on a multiple choice',
      (q) => {
        q.items[5].showIf = { item: 'd', op: 'gt', value: 1 };
      },
      'items[5].showIf: item "e": "gt" cannot compare the multiple-choice item "d"',
    ],
    [
      'a number compared with text',
      (q) => {
        q.items[3].showIf = { item: 'b', op: 'eq', value: 'two' };
      },
      'items[3].showIf.value: item "c": item "b" is a number, compare it with numbers',
    ],
    [
      'a condition on a display item',
      (q) => {
        q.items[1].showIf = { item: 'intro', op: 'answered' };
      },
      'items[1].showIf: item "a": condition refers to display item "intro", which has no answer',
    ],
    [
      'a nested condition error',
      (q) => {
        q.items[5].showIf.any[1].all[0].item = 'nope';
      },
      'items[5].showIf.any[1].all[0]: item "e": condition refers to unknown item "nope"',
    ],
    [
      'a malformed condition',
      (q) => {
        q.items[2].showIf = { item: 'a', value: 'yes' };
      },
      'items[2] (b).showIf.op: condition on item "a" needs an op',
    ],
    [
      'a condition with two subjects',
      (q) => {
        q.items[2].showIf = { item: 'a', any: [], op: 'eq' };
      },
      'a condition has exactly one of item, score, all, any (found item, any)',
    ],
    [
      'gt with a string value',
      (q) => {
        q.items[3].showIf = { item: 'b', op: 'gt', value: '2' };
      },
      'op "gt" needs a number value',
    ],
    [
      'a score of an unknown item',
      (q) => {
        q.scores[0].sum.push('zz');
      },
      'scores[0].sum[3]: score "total": unknown item or score "zz"',
    ],
    [
      'a score of a text item',
      (q) => {
        q.scores[0].sum.push('e');
      },
      'scores[0].sum[3]: score "total": item "e" is text and cannot be scored',
    ],
    [
      'a score of unscored options',
      (q) => {
        q.scores[0].sum.push('a');
      },
      'scores[0].sum[3]: score "total": item "a" has no option with a score',
    ],
    [
      'sum and max together',
      (q) => {
        q.scores[0].max = ['b'];
      },
      'scores[0]: score "total": give exactly one of sum or max',
    ],
    [
      'overlapping bands',
      (q) => {
        q.scores[0].bands[1].min = 4;
      },
      'scores[0].bands: score "total": bands "低" (0–4) and "中" (4–9) overlap',
    ],
    [
      'a gap between bands',
      (q) => {
        q.scores[0].bands[1].min = 6;
      },
      'scores[0].bands: score "total": gap between bands "低" (…4) and "中" (6…)',
    ],
    [
      'bands out of order',
      (q) => {
        q.scores[0].bands.reverse();
      },
      'scores[0].bands: score "total": bands must be in ascending order ("中" comes after "高")',
    ],
    [
      'bands not covering the range',
      (q) => {
        q.scores[0].bands[2].max = 15;
      },
      'scores[0].bands: score "total": bands cover 0–15 but the score can be 0–16',
    ],
    [
      'a band with min above max',
      (q) => {
        q.scores[0].bands[2].min = 17;
      },
      'scores[0].bands: score "total": band "高" has min 17 greater than max 16',
    ],
    [
      'a bad band colour',
      (q) => {
        q.scores[0].bands[2].color = 'purple';
      },
      'scores[0] (total).bands[2].color: Invalid option: expected one of "green"|"yellow"|"orange"|"red"',
    ],
    [
      'overlapping map entries',
      (q) => {
        q.scores[0].map = [
          { min: 0, max: 5, value: 0 },
          { min: 5, max: 16, value: 1 },
        ];
        q.scores[0].bands = [];
      },
      'scores[0].map: score "total": map entries 1 (0–5) and 2 (5–16) overlap',
    ],
    [
      'a trigger on an unknown score',
      (q) => {
        q.triggers[1].when = { score: 'sum', op: 'gte', value: 1 };
      },
      'triggers[1].when: trigger "total_high": condition refers to unknown score "sum"',
    ],
    [
      'a green trigger',
      (q) => {
        q.triggers[0].color = 'green';
      },
      'triggers[0] (high_c).color: Invalid option: expected one of "yellow"|"orange"|"red"',
    ],
    [
      'a trigger without escalate',
      (q) => {
        delete q.triggers[0].escalate;
      },
      'triggers[0] (high_c).escalate: is required',
    ],
  ])('names the culprit of %s', (_what, change, message) => {
    expect(errorsOf(change)).toContainEqual(expect.stringContaining(message));
  });

  it('reports circular score references', () => {
    const errors = errorsOf((q) => {
      q.scores = [
        { id: 's1', label: '1', labelEn: '1', sum: ['s2'] },
        { id: 's2', label: '2', labelEn: '2', sum: ['b', 's1'] },
      ];
      q.triggers = [];
    });
    expect(errors).toContain('scores: score "s1": circular reference s1 → s2 → s1');
  });

  it('reports every problem at once', () => {
    const errors = errorsOf((q) => {
      q.items[3].options[2].value = '1';
      q.triggers[0].when.item = 'zz';
      q.scores[0].bands[1].min = 6;
    });
    expect(errors).toHaveLength(3);
  });

  it('throws a readable error from assertQuestionnaire', () => {
    const q = { ...fixture(), items: [item('x', 'single', { options: [] })] } as QuestionnaireInput;
    expect(() => assertQuestionnaire(q, 'x.json')).toThrow(QuestionnaireDefinitionError);
    expect(() => assertQuestionnaire(q, 'x.json')).toThrow(/^x\.json: invalid questionnaire definition:\n {2}- /);
  });
});
