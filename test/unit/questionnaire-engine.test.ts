import { describe, expect, it } from 'vitest';
import {
  assertQuestionnaire,
  bandOf,
  formatCondition,
  parseCondition,
  pruneHidden,
  score,
  validateAnswers,
  visibleItems,
  type Answers,
} from '../../src/shared/questionnaire';
import { def, fixture, item, template } from '../helpers/questionnaires';

const ids = (answers: Answers) => visibleItems(def(), answers).map((i) => i.id);

describe('showIf', () => {
  it('shows items whose conditions hold, in order, display items included', () => {
    expect(ids({})).toEqual(['intro', 'a', 'd', 'f', 'g']);
    expect(ids({ a: 'yes' })).toEqual(['intro', 'a', 'b', 'd', 'f', 'g']);
    expect(ids({ a: 'yes', b: 1 })).not.toContain('c');
    expect(ids({ a: 'yes', b: 2 })).toContain('c'); // all: a = yes and b >= 2
  });

  it('evaluates nested groups (any of [d has x, all of [c answered, c != 0]])', () => {
    expect(ids({ a: 'yes', b: 2, c: '0' })).not.toContain('e');
    expect(ids({ a: 'yes', b: 2, c: '2' })).toContain('e');
    expect(ids({ d: ['x'] })).toContain('e');
    expect(ids({ d: ['y'] })).not.toContain('e');
  });

  it('ignores answers of hidden items, and hides what depends on them', () => {
    const answers = { a: 'no', b: 5, c: '3', e: 'left' };
    expect(ids(answers)).toEqual(['intro', 'a', 'd', 'f', 'g']);
    expect(pruneHidden(def(), answers)).toEqual({ a: 'no', b: null, c: null, d: null, e: null, f: null, g: null });
    const out = score(def(), answers);
    expect(out.triggers).toEqual([]); // c = 3 would fire high_c, but c is hidden
    expect(out.scores[0]).toMatchObject({ value: null, complete: true });
    expect(validateAnswers(def(), { a: 'no', b: 'nonsense' })).toEqual([]);
  });

  it('treats ne as true and comparisons as false on an unanswered item (FHIR semantics)', () => {
    const d = assertQuestionnaire(
      fixture({
        items: [
          item('p', 'integer', { required: false }),
          item('q', 'text', { showIf: { item: 'p', op: 'ne', value: 1 } }),
          item('r', 'text', { showIf: { item: 'p', op: 'lt', value: 1 } }),
          item('s', 'text', { showIf: { item: 'p', op: 'answered', value: false } }),
          item('t', 'text', { showIf: { item: 'p', op: 'in', value: [1, 2] } }),
        ],
        scores: [],
        triggers: [],
      }),
    );
    expect(visibleItems(d, {}).map((i) => i.id)).toEqual(['p', 'q', 's']);
    expect(visibleItems(d, { p: 0 }).map((i) => i.id)).toEqual(['p', 'q', 'r']);
    expect(visibleItems(d, { p: 2 }).map((i) => i.id)).toEqual(['p', 'q', 't']);
  });
});

describe('validateAnswers', () => {
  const problems = (answers: Answers) => validateAnswers(def(), answers).map((i) => `${i.item}:${i.code}`);

  it('asks for required visible items only', () => {
    expect(problems({})).toEqual(['a:required']);
    expect(problems({ a: 'yes' })).toEqual(['b:required']);
    expect(problems({ a: 'yes', b: 3 })).toEqual(['c:required']);
    expect(problems({ a: 'yes', b: 3, c: '1' })).toEqual([]);
    expect(problems({ a: 'no' })).toEqual([]);
  });

  it('checks types, options, ranges and formats', () => {
    expect(problems({ a: 'maybe' })).toEqual(['a:option']);
    expect(problems({ a: ['yes'], b: 1 })).toEqual(['a:type']);
    expect(problems({ a: 'yes', b: 5.5, c: '1' })).toEqual(['b:type']);
    expect(problems({ a: 'yes', b: 11, c: '1' })).toEqual(['b:range']);
    expect(problems({ a: 'no', d: ['none', 'x'] })).toEqual(['d:exclusive']);
    expect(problems({ a: 'no', d: ['x', 'x'] })).toEqual(['d:option']);
    expect(problems({ a: 'no', d: ['x'], e: '123456' })).toEqual(['e:range']);
    expect(problems({ a: 'no', f: '2026-02-30' })).toEqual(['f:format']);
    expect(problems({ a: 'no', f: '2026-02-28', g: 1 })).toEqual(['g:range']);
    expect(problems({ a: 'no', g: 9.5, zzz: 1 })).toEqual(['zzz:unknown']);
  });

  it('explains in Chinese first and English second', () => {
    const [issue] = validateAnswers(def(), { a: 'yes', b: 11, c: '1' });
    expect(issue).toEqual({ item: 'b', code: 'range', message: '应在 0–10 之间', messageEn: 'Must be between 0 and 10' });
  });
});

describe('score', () => {
  it('keeps a running total but no band until every required visible item is answered', () => {
    expect(score(def(), { a: 'yes' }).scores[0]).toMatchObject({ value: null, complete: false, missing: ['b'], band: null });
    expect(score(def(), { a: 'yes', b: 3 }).scores[0]).toMatchObject({ value: 3, complete: false, missing: ['c'], band: null });
    const done = score(def(), { a: 'yes', b: 3, c: '1' });
    expect(done.scores[0]).toMatchObject({ value: 4, complete: true, missing: [], band: { label: '低', color: 'green' } });
    expect(done.warningColor).toBe('green');
  });

  it('sums option scores of multiple choice and finds bands at their edges', () => {
    const at = (b: number, c: string, d: string[]) => score(def(), { a: 'yes', b, c, d }).scores[0];
    expect(at(2, '2', [])).toMatchObject({ value: 4, band: { color: 'green' } });
    expect(at(2, '2', ['x'])).toMatchObject({ value: 5, band: { color: 'yellow' } });
    expect(at(6, '3', [])).toMatchObject({ value: 9, band: { color: 'yellow' } });
    expect(at(6, '3', ['x'])).toMatchObject({ value: 10, band: { color: 'orange' } });
  });

  it('fires triggers and takes the worst colour', () => {
    const out = score(def(), { a: 'yes', b: 10, c: '3', d: ['y'] });
    expect(out.scores[0].value).toBe(15);
    expect(out.triggers.map((t) => [t.id, t.color, t.escalate])).toEqual([
      ['high_c', 'red', true],
      ['total_high', 'orange', false],
    ]);
    expect(out.warningColor).toBe('red');
    expect(out.escalate).toBe(true);
  });

  it('does not fire a score trigger on an incomplete score', () => {
    const out = score(def(), { a: 'yes', b: 10, d: ['x', 'y'] });
    expect(out.scores[0]).toMatchObject({ value: 13, complete: false });
    expect(out.triggers).toEqual([]);
    expect(out.warningColor).toBe('green');
  });

  it('puts a shared decimal band edge in the upper band', () => {
    const d = assertQuestionnaire(
      fixture({
        items: [item('g', 'decimal', { min: 0, max: 10 })],
        scores: [
          {
            id: 's',
            label: 'S',
            labelEn: 'S',
            sum: ['g'],
            bands: [
              { min: 0, max: 5, label: '低', labelEn: 'low', color: 'green' },
              { min: 5, max: 10, label: '高', labelEn: 'high', color: 'red' },
            ],
          },
        ],
        triggers: [],
      }),
    );
    expect(score(d, { g: 4.99 }).scores[0].band?.color).toBe('green');
    expect(score(d, { g: 5 }).scores[0].band?.color).toBe('red');
    expect(bandOf(d.scores[0].bands, 11)).toBeNull();
  });

  it('is fast enough to run on every keystroke', () => {
    const phq = template('phq9');
    const answers = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, String(i % 4)]));
    score(phq, answers);
    // CPU time, not wall time: the test machines are shared. A frame is 16 ms; allow 1 ms.
    const t0 = process.cpuUsage();
    for (let i = 0; i < 2000; i++) {
      score(phq, answers);
      validateAnswers(phq, answers);
    }
    const used = process.cpuUsage(t0);
    expect((used.user + used.system) / 1000 / 2000).toBeLessThan(1);
  });
});

describe('expressions', () => {
  const cases: [string, unknown][] = [
    ['phq9_1 > 0', { item: 'phq9_1', op: 'gt', value: 0 }],
    [
      "a = 'yes' and b >= 2",
      {
        all: [
          { item: 'a', op: 'eq', value: 'yes' },
          { item: 'b', op: 'gte', value: 2 },
        ],
      },
    ],
    [
      "(x = 1 or y = 2) and z != 'no'",
      {
        all: [
          {
            any: [
              { item: 'x', op: 'eq', value: 1 },
              { item: 'y', op: 'eq', value: 2 },
            ],
          },
          { item: 'z', op: 'ne', value: 'no' },
        ],
      },
    ],
    ["s in ('fever', 'pain')", { item: 's', op: 'in', value: ['fever', 'pain'] }],
    ['answered(note)', { item: 'note', op: 'answered' }],
    ['unanswered(note)', { item: 'note', op: 'answered', value: false }],
    [
      'a <= -1.5 or b < 3 or c > 1',
      {
        any: [
          { item: 'a', op: 'lte', value: -1.5 },
          { item: 'b', op: 'lt', value: 3 },
          { item: 'c', op: 'gt', value: 1 },
        ],
      },
    ],
  ];
  it.each(cases)('parses %s and prints it back', (src, want) => {
    expect(parseCondition(src)).toEqual(want);
    expect(formatCondition(parseCondition(src))).toBe(src);
  });

  it('accepts spreadsheet spellings: ==, <>, AND/OR, curly quotes, selected()', () => {
    expect(parseCondition('a == 1 AND b <> 2 OR c = “x”')).toEqual({
      any: [
        {
          all: [
            { item: 'a', op: 'eq', value: 1 },
            { item: 'b', op: 'ne', value: 2 },
          ],
        },
        { item: 'c', op: 'eq', value: 'x' },
      ],
    });
    expect(parseCondition("selected(s, 'fever')")).toEqual({ item: 's', op: 'eq', value: 'fever' });
    expect(parseCondition('a = ‘yes’')).toEqual({ item: 'a', op: 'eq', value: 'yes' });
  });

  it('turns score names into score conditions', () => {
    expect(parseCondition('total >= 10 and q9 > 0', (n) => (n === 'total' ? 'score' : 'item'))).toEqual({
      all: [
        { score: 'total', op: 'gte', value: 10 },
        { item: 'q9', op: 'gt', value: 0 },
      ],
    });
  });

  it.each([
    ['a >', 'expected a number or a quoted value, found end of expression'],
    ["a = 'x", 'unterminated string starting at 5'],
    ['a ? 1', 'unexpected character "?" at 3'],
    ['a = 1 b = 2', 'expected "and", "or" or the end, found "b" at 7'],
    ['(a = 1', 'expected ")", found end of expression'],
    ['a', 'expected a comparison (=, !=, >, >=, <, <=, in) after "a", found end of expression'],
    ['', 'empty expression'],
  ])('reports %j: %s', (src, message) => {
    expect(() => parseCondition(src)).toThrow(message);
  });
});
