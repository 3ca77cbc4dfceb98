import { InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Offset } from '../../../shared/plans/schema';

const UNITS = ['days', 'weeks', 'months', 'years'] as const;
type Unit = (typeof UNITS)[number];

/** "7 天", "3 月": one number and one unit; offsets mixing units are edited in the JSON view. */
export function OffsetInput({ value, onChange, disabled, testId }: { value?: Offset; onChange?: (v: Offset) => void; disabled?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const used = UNITS.filter((u) => value?.[u] !== undefined);
  if (used.length > 1) {
    const text = used.map((u) => `${value![u]} ${t(`plans.point.units.${u}`)}`).join(' ');
    return (
      <Typography.Text title={t('plans.point.multiUnit')}>
        {text} <Typography.Text type="secondary">({t('plans.point.multiUnit')})</Typography.Text>
      </Typography.Text>
    );
  }
  const unit: Unit = used[0] ?? 'days';
  const n = value?.[unit];
  return (
    <Space.Compact>
      <InputNumber
        min={0}
        value={n}
        disabled={disabled}
        className="plan-offset-n"
        data-testid={testId && `${testId}-n`}
        onChange={(v) => onChange?.(v === null ? {} : { [unit]: v })}
      />
      <Select<Unit>
        value={unit}
        disabled={disabled}
        className="plan-offset-unit"
        data-testid={testId && `${testId}-unit`}
        onChange={(u) => onChange?.(n === undefined ? {} : { [u]: n })}
        options={UNITS.map((u) => ({ value: u, label: t(`plans.point.units.${u}`) }))}
      />
    </Space.Compact>
  );
}
