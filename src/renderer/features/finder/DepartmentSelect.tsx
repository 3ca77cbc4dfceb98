import { Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/model';
import { useDepartments } from '../departments/queries';
import { departmentSearch } from '../departments/search';

interface Option {
  value: number;
  label: string;
  dept: Department;
  formerNames: string[];
}

// Inactive departments stay selectable (old stays still point at them) but sort last.
function toOptions(depts: Department[], disabledSuffix: string): Option[] {
  const ordered = [...depts.filter((d) => d.active), ...depts.filter((d) => !d.active)];
  return ordered.map((d) => ({
    value: d.id,
    label: d.active ? d.name : `${d.name} ${disabledSuffix}`,
    dept: d,
    formerNames: d.formerNames,
  }));
}

interface Props {
  value?: number[];
  onChange?: (value: number[]) => void;
  id?: string;
}

export function DepartmentSelect({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const options = useMemo(() => toOptions(departments.data ?? [], t('finder.disabled')), [departments.data, t]);

  return (
    <Select<number[], Option>
      id={id}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t('finder.deptsPlaceholder')}
      loading={departments.isLoading}
      options={options}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={departmentSearch(departments.data)}
      optionRender={(opt) => (
        <span>
          {opt.data.label}
          {opt.data.formerNames.length > 0 && (
            <Typography.Text type="secondary" className="dept-former">
              {t('finder.formerNames', { names: opt.data.formerNames.join('、') })}
            </Typography.Text>
          )}
        </span>
      )}
      popupMatchSelectWidth={false}
      className="finder-depts"
      data-testid="finder-depts"
    />
  );
}
