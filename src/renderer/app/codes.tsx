import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';

// GB/T 2261.1 sex codes and the 病案首页 离院方式 codes; an unknown code is shown raw rather
// than hidden, so a mapping gap in the HIS stays visible to the nurse.

export function genderLabel(t: TFunction, code: string | null): string {
  if (!code) return t('common.none');
  return t(`codes.gender.${code}`, { defaultValue: code });
}

export const DECEASED_MODE = '5';

export function DischargeMode({ t, code }: { t: TFunction; code: string | null }) {
  if (!code) return <>{t('common.none')}</>;
  const label = t(`codes.dischargeMode.${code}`, { defaultValue: code });
  return code === DECEASED_MODE ? (
    <Typography.Text type="danger" strong data-testid="discharge-died">
      {label}
    </Typography.Text>
  ) : (
    <>{label}</>
  );
}

export function CriticalTag({ t, count }: { t: TFunction; count: number }) {
  if (count <= 0) return null;
  return (
    <Tag color="red" variant="solid" data-testid="critical-tag">
      {t('columns.critical')}
      {count > 1 ? ` ×${count}` : ''}
    </Tag>
  );
}
