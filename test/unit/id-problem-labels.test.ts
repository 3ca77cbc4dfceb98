import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/i18n/en';
import { zhCN } from '../../src/renderer/i18n/zh-CN';
import { ID_NUMBER_PROBLEMS, ID_NUMBER_REASONS } from '../../src/shared/id-number-problem';

// The patient header and the rejected list name each problem in Chinese first: a code the
// dictionaries lack would show as a raw English key on a Chinese screen.
describe('ID number problem and rejection labels', () => {
  it('names every ID number problem in the patient header, in both languages', () => {
    for (const p of ID_NUMBER_PROBLEMS) {
      expect(zhCN.timeline.idProblem[p]).toMatch(/[\u4e00-\u9fff]/);
      expect(en.timeline.idProblem[p]).toMatch(/^[\x20-\x7e]+$/);
    }
  });
  it('translates every new rejection reason on the sync screen', () => {
    const reasons = [...Object.values(ID_NUMBER_REASONS), 'missing admission date', 'missing discharge date', 'missing visit date', 'missing checkup date'];
    for (const r of reasons) expect({ r, zh: zhCN.sync.reasons[r] }).toEqual({ r, zh: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(zhCN.sync.reasons['missing discharge date']).toBe('缺少出院日期');
    expect(zhCN.sync.entity.id_numbers).toBe('身份证号');
  });
});
