import type { SelectProps } from 'antd';
import { departmentMatch } from '../../../shared/department-match';
import type { Department } from '../../../shared/model';

/**
 * antd Select `showSearch` for any department box whose option values are department ids or
 * names: part of the name, its characters in order (肿瘤科 → 肿瘤内科), pinyin initials (zlnk)
 * or a former name, closer fits first — the finder's rule everywhere.
 */
export function departmentSearch(depts: Department[] | undefined): NonNullable<SelectProps['showSearch']> {
  const byKey = new Map<unknown, Department>();
  for (const d of depts ?? []) {
    byKey.set(d.id, d);
    byKey.set(d.name, d);
  }
  const score = (input: string, value: unknown) => {
    const d = byKey.get(value);
    return d ? departmentMatch(input, d) : 0;
  };
  return {
    filterOption: (input, option) => score(input, option?.value) > 0,
    filterSort: (a, b, { searchValue }) => score(searchValue, b.value) - score(searchValue, a.value),
  };
}
