import { describe, expect, it } from 'vitest';
import { parseDate, parseWallClock } from '../../src/main/his/normalise/dates';
import { categoryInRange, parseIcdCode } from '../../src/main/his/normalise/icd';
import { normalisePhone } from '../../src/main/his/normalise/phones';
import { namePinyin } from '../../src/main/his/normalise/pinyin';

describe('HIS dates as wall-clock strings', () => {
  it.each([
    ['2025-03-14 08:30:00', '2025-03-14 08:30:00'],
    ['2025/3/4 8:05', '2025-03-04 08:05:00'],
    ['2025-03-14T08:30:00.123', '2025-03-14 08:30:00'],
    ['2025031408:30:00', '2025-03-14 08:30:00'], // Winning-style char(16)
    ['20250314083000', '2025-03-14 08:30:00'],
    ['20240229', '2024-02-29 00:00:00'],
    ['2000-02-29 23:59:59', '2000-02-29 23:59:59'], // divisible by 400: a leap year
    ['2024-12-31 00:00:00', '2024-12-31 00:00:00'],
    ['2025-03-14', '2025-03-14 00:00:00'],
  ])('%s → %s', (raw, want) => expect(parseWallClock(raw)).toBe(want));

  it.each([
    '2025133108:00:00',
    'abcd',
    '2023-02-29',
    '2025-04-31',
    '',
    '2025-03-14 25:00:00',
    null,
    42,
    '1900-02-29 00:00:00',
    '2023-02-29 08:00:00',
    '2025-00-10 08:00:00',
    '2025-06-31 08:00:00',
    '2025-06-30 08:60:00',
  ])('rejects %s', (raw) => expect(parseWallClock(raw)).toBeNull());

  it('reads a driver Date by its UTC fields, so a Beijing wall clock is not shifted by 8 h', () => {
    expect(parseWallClock(new Date(Date.UTC(2025, 2, 14, 8, 30, 0)))).toBe('2025-03-14 08:30:00');
    expect(parseDate('1991-09-15 01:30:00')).toBe('1991-09-15'); // China used DST until 1991
  });
});

describe('phones', () => {
  it('normalises mobiles and landlines', () => {
    expect(normalisePhone(' 138 0013 8000 ')).toEqual({ number: '13800138000', kind: 'mobile' });
    expect(normalisePhone('+86-13800138000')).toEqual({ number: '13800138000', kind: 'mobile' });
    expect(normalisePhone('010-61234567')).toEqual({ number: '010-61234567', kind: 'landline' });
    expect(normalisePhone('0755 8888 9999')).toEqual({ number: '0755-88889999', kind: 'landline' });
    // Without a dash, or with one in the wrong place, the area code is known by its digits.
    expect(normalisePhone('01062345678')).toEqual({ number: '010-62345678', kind: 'landline' });
    expect(normalisePhone('0106-2345678')).toEqual({ number: '010-62345678', kind: 'landline' });
    expect(normalisePhone('+86 02155556666')).toEqual({ number: '021-55556666', kind: 'landline' });
    expect(normalisePhone('057188886666')).toEqual({ number: '0571-88886666', kind: 'landline' });
    expect(normalisePhone('05718888666')).toEqual({ number: '0571-8888666', kind: 'landline' });
  });
  it('tells an empty value from a broken one', () => {
    expect(normalisePhone(null)).toBeNull();
    expect(normalisePhone('  ')).toBeNull();
    expect(normalisePhone('12345')).toBe('invalid');
    expect(normalisePhone('138001380')).toBe('invalid');
    expect(normalisePhone('12800138000')).toBe('invalid');
  });
});

describe('ICD-10 codes with Chinese extensions', () => {
  it.each([
    ['I10.x00x002', 'I10'],
    ['E11.900', 'E11'],
    ['E14.900x001', 'E14'],
    ['C34.100x001', 'C34'],
    ['i10', 'I10'],
    ['N19.x03', 'N19'],
  ])('%s is in category %s', (code, cat) => expect(parseIcdCode(code)?.category).toBe(cat));
  it.each(['肺癌', '123', '', 'I1', 'II0.1', 'C34.1 00'])('rejects %s', (code) => expect(parseIcdCode(code)).toBeNull());
  it('compares ranges on the 3-character category only', () => {
    expect(categoryInRange('C97', 'C00', 'C97')).toBe(true);
    expect(categoryInRange('D00', 'C00', 'C97')).toBe(false);
    expect(categoryInRange('I15', 'I10.x00', 'I15.900')).toBe(true);
  });
});

describe('pinyin for the finder', () => {
  it('gives initials and full pinyin, with surname readings', () => {
    expect(namePinyin('张三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(namePinyin('单雄信').initials).toBe('sxx'); // 单 as a surname is shàn
    expect(namePinyin('曾国藩').initials).toBe('zgf');
    expect(namePinyin('欧阳明').initials).toBe('oym');
  });
});
