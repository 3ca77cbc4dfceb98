import { describe, expect, it } from 'vitest';
import { pastResult } from '../../src/main/followup-history/past-results';
import { weekStart } from '../../src/main/tasks/my-completed';
import { parseQuestionnaire } from '../../src/shared/questionnaire/parse';

// What an earlier follow-up shows: answers as the nurse chose them, and each number once.

const parsed = parseQuestionnaire({
  id: 'pain',
  version: 1,
  title: '疼痛',
  titleEn: 'Pain',
  items: [
    { id: 'worst', type: 'integer', text: '最痛', textEn: 'Worst', required: true, min: 0, max: 10 },
    { id: 'sbp', type: 'integer', text: '收缩压', textEn: 'Systolic', unit: 'mmHg', min: 60, max: 260 },
    {
      id: 'where',
      type: 'multiple',
      text: '部位',
      textEn: 'Site',
      options: [
        { value: 'head', label: '头', labelEn: 'Head' },
        { value: 'back', label: '背', labelEn: 'Back' },
      ],
    },
    { id: 'note', type: 'text', text: '备注', textEn: 'Note' },
  ],
  scores: [{ id: 'nrs', label: 'NRS', labelEn: 'NRS', sum: ['worst'] }],
});
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const def = parsed.def;

describe('an earlier follow-up as shown later', () => {
  it('lists answers in questionnaire order with option labels and units, skipping empty ones', () => {
    const r = pastResult(def, JSON.stringify({ where: ['back', 'head'], worst: 5, sbp: 150, note: '' }), '[]');
    expect(r.answers.map((a) => [a.id, a.value, a.valueEn])).toEqual([
      ['worst', '5', '5'],
      ['sbp', '150 mmHg', '150 mmHg'],
      ['where', '背、头', 'Back, Head'],
    ]);
  });

  it('trends each number once: a score that is one answer stands for it', () => {
    const scores = [{ id: 'nrs', label: 'NRS', labelEn: 'NRS', value: 5, raw: 5, complete: true, applicable: true, missing: [], band: null }];
    const r = pastResult(def, JSON.stringify({ worst: 5, sbp: 150 }), JSON.stringify(scores));
    expect(r.measures.map((m) => [m.kind, m.id, m.value, m.unit])).toEqual([
      ['score', 'nrs', 5, null],
      ['answer', 'sbp', 150, 'mmHg'],
    ]);
  });

  it('shows nothing it cannot read: no questionnaire, no answers; a score without a value, no measure', () => {
    const scores = [{ id: 'x', label: '分', labelEn: 'Score', value: null, raw: null, complete: false, applicable: true, missing: [], band: null }];
    expect(pastResult(null, '{"worst":3}', JSON.stringify(scores))).toEqual({ answers: [], measures: [] });
  });
});

describe('the Beijing week of a date', () => {
  it('starts on Monday', () => {
    expect(weekStart('2026-07-01')).toBe('2026-06-29'); // Wednesday
    expect(weekStart('2026-06-29')).toBe('2026-06-29'); // Monday
    expect(weekStart('2026-07-05')).toBe('2026-06-29'); // Sunday
    expect(weekStart('2027-01-03')).toBe('2026-12-28'); // across a year end
  });
});
