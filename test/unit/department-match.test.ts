import { describe, expect, it } from 'vitest';
import { departmentInitials } from '../../src/main/patients/departments';
import { departmentMatch, inOrder, type MatchableDepartment } from '../../src/shared/department-match';

// The finder's department box (issue 13): 肿瘤科 must find 肿瘤内科, zlnk must too.

const dept = (name: string, formerNames: string[] = []): MatchableDepartment => ({
  name,
  formerNames,
  initials: [name, ...formerNames].map(departmentInitials),
});
const DEPTS = [dept('肿瘤内科'), dept('肿瘤外科'), dept('心血管内科', ['心内科']), dept('重症医学科', ['ICU']), dept('胸外科')];
const found = (typed: string) =>
  DEPTS.filter((d) => departmentMatch(typed, d) > 0)
    .sort((a, b) => departmentMatch(typed, b) - departmentMatch(typed, a))
    .map((d) => d.name);

describe('department matching', () => {
  it('reads initials as a phrase, heteronyms by the word, letters lower-cased', () => {
    expect(departmentInitials('肿瘤内科')).toBe('zlnk');
    expect(departmentInitials('重症医学科')).toBe('zzyxk');
    expect(departmentInitials('心血管内科')).toBe('xxgnk');
    expect(departmentInitials('ICU')).toBe('icu');
  });

  it('finds a department by characters in order, not only by a run of them', () => {
    expect(inOrder('肿瘤科', '肿瘤内科')).toBe(true);
    expect(inOrder('科肿瘤', '肿瘤内科')).toBe(false);
    expect(found('肿瘤科')).toEqual(['肿瘤内科', '肿瘤外科']);
    expect(found('外科')).toEqual(['肿瘤外科', '胸外科']);
    expect(found('儿科')).toEqual([]);
  });

  it('finds by pinyin initials, whole or in part, in either case', () => {
    expect(found('zlnk')).toEqual(['肿瘤内科']);
    expect(found('ZLWK')).toEqual(['肿瘤外科']);
    expect(found('zl')).toEqual(['肿瘤内科', '肿瘤外科']);
    expect(found('zzk')).toEqual(['重症医学科']);
  });

  it('finds by a former name and lists a run of the name before scattered characters', () => {
    expect(found('心内科')).toEqual(['心血管内科']);
    expect(found('icu')).toEqual(['重症医学科']);
    // 内科 is part of two names; 肿内 only matches 肿瘤内科 by characters in order.
    expect(found('内科')).toEqual(['肿瘤内科', '心血管内科']);
    expect(departmentMatch('内科', DEPTS[0])).toBeGreaterThan(departmentMatch('肿内', DEPTS[0]));
    expect(departmentMatch('  ', DEPTS[0])).toBeGreaterThan(0);
  });
});
