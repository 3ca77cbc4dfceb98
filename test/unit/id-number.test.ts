import { describe, it, expect } from 'vitest';
import { idCheckChar, parseIdNumber } from '../../src/main/his/normalise/id-number';

describe('idCheckChar', () => {
  it('computes the ISO 7064 MOD 11-2 check character of the official examples', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow(/17 digits/);
    expect(() => idCheckChar('1101051949123100X')).toThrow(/17 digits/);
  });
});

describe('parseIdNumber', () => {
  it('returns null for empty input', () => {
    expect(parseIdNumber(null)).toBeNull();
    expect(parseIdNumber(undefined)).toBeNull();
    expect(parseIdNumber('')).toBeNull();
    expect(parseIdNumber('   ')).toBeNull();
  });

  it('validates the official 18-digit examples', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      normalized: '11010519491231002X',
      kind: '18',
      valid: true,
      birthDate: '1949-12-31',
      sexCode: '2',
    });
    expect(parseIdNumber('440524188001010014')).toEqual({
      normalized: '440524188001010014',
      kind: '18',
      valid: true,
      birthDate: '1880-01-01',
      sexCode: '1',
    });
  });

  it('accepts a lowercase x and trims, storing upper case', () => {
    const p = parseIdNumber(' 11010519491231002x ');
    expect(p).toMatchObject({ normalized: '11010519491231002X', valid: true, kind: '18' });
  });

  it('rejects a wrong check character', () => {
    const p = parseIdNumber('110105194912310021');
    expect(p).toEqual({ normalized: '110105194912310021', kind: '18', valid: false, birthDate: null, sexCode: null });
  });

  it('rejects an impossible birth date even with a matching check character', () => {
    const first17 = '11010519490230002'; // 30 February
    expect(parseIdNumber(first17 + idCheckChar(first17))).toMatchObject({ valid: false, birthDate: null });
    const leap = '11010520000229003';
    expect(parseIdNumber(leap + idCheckChar(leap))).toMatchObject({ valid: true, birthDate: '2000-02-29', sexCode: '1' });
  });

  it('accepts legacy 15-digit numbers without inventing a check digit', () => {
    expect(parseIdNumber('130503670401001')).toEqual({
      normalized: '130503670401001',
      kind: '15',
      valid: true,
      birthDate: '1967-04-01',
      sexCode: '1',
    });
    expect(parseIdNumber('130503670401002')).toMatchObject({ sexCode: '2', valid: true });
    // 1900 was not a leap year.
    expect(parseIdNumber('110105000229001')).toMatchObject({ kind: '15', valid: false, birthDate: null, sexCode: null });
  });

  it('marks other shapes invalid and keeps the trimmed, upper-cased text', () => {
    expect(parseIdNumber('abc123')).toEqual({ normalized: 'ABC123', kind: '18', valid: false, birthDate: null, sexCode: null });
    expect(parseIdNumber('11010519491231002Y')).toMatchObject({ normalized: '11010519491231002Y', kind: '18', valid: false });
    expect(parseIdNumber('13050367040100A')).toMatchObject({ kind: '15', valid: false });
    expect(parseIdNumber('1101051949123100')).toMatchObject({ kind: '18', valid: false });
    expect(parseIdNumber('1101051949123100X1')).toMatchObject({ kind: '18', valid: false });
  });
});
