import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/main/auth/password-policy';
import { inLanguage } from '../../src/shared/bilingual';

describe('password policy', () => {
  it.each([
    ['12345678', /10/],
    ['short-pw', /10/],
    ['1234567890123', /digits/],
    ['aaaaaaaaaaaa', /repeat/],
    ['Nurse-One-1', /username/],
    ['qwertyuiop', /common/],
    ['Password123', /common/],
    ['x'.repeat(255) + 'yz', /at most 256/],
  ])('refuses %s', (password, why) => {
    const problem = passwordProblem('nurse-one-1', password);
    expect(problem).not.toBeNull();
    // Said in both languages, as every message from main is.
    expect(inLanguage(problem!, 'en')).toMatch(why);
    expect(inLanguage(problem!, 'zh')).toMatch(/密码/);
  });

  it.each(['secret-1234', 'longenough', '护士甲的随访密码很长', 'correct horse battery'])('accepts %s', (password) => {
    expect(passwordProblem('nurse1', password)).toBeNull();
  });
});
