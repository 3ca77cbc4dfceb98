import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { stateTag, stayDates } from '../../src/renderer/features/timeline/stay-state';
import { en } from '../../src/renderer/i18n/en';
import { zhCN } from '../../src/renderer/i18n/zh-CN';
import { STAY_STATES, isDischarged } from '../../src/shared/stay-status';

// Issue 12: the timeline shows a stay the patient is in now as 在院 / "In hospital", not as a
// discharge on its admission day.
async function translator(lng: 'zh-CN' | 'en') {
  const i = i18next.createInstance();
  await i.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i.t;
}

const stay = (status: string, date = '2026-06-28') => ({ kind: 'inpatient' as const, status, admitDate: '2026-06-28', date });

describe('timeline stay states', () => {
  it('labels a current stay in both languages and leaves a discharge unlabelled', async () => {
    const zh = await translator('zh-CN');
    const english = await translator('en');
    expect(stateTag(zh, stay('in_hospital'))).toBe('在院');
    expect(stateTag(english, stay('in_hospital'))).toBe('In hospital');
    expect(stateTag(zh, stay('discharge_notified'))).toBe('通知出院');
    expect(stateTag(english, stay('admitted'))).toBe('Admitted');
    expect(stateTag(zh, stay('cancelled'))).toBe('已取消');
    expect(stateTag(zh, stay('discharged', '2026-07-01'))).toBeNull();
    expect(stateTag(zh, { kind: 'outpatient', status: 'visited' })).toBeNull();
  });

  it('gives a current stay its admission day, not a zero-day range', async () => {
    const zh = await translator('zh-CN');
    const english = await translator('en');
    expect(stayDates(zh, stay('in_hospital'))).toBe('2026-06-28 入院，尚未出院');
    expect(stayDates(english, stay('in_hospital'))).toBe('Admitted 2026-06-28, not discharged yet');
    expect(stayDates(zh, stay('discharged', '2026-07-01'))).toBe('2026-06-28 至 2026-07-01（3 天）');
  });

  it('has one state that counts as a discharge', () => {
    expect(STAY_STATES.filter(isDischarged)).toEqual(['discharged']);
  });
});
