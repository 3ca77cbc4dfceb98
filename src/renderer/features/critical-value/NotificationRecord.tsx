import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriticalNotificationRecord } from '../../../shared/critical-values';
import './i18n';

/** "护士甲 于 07-19 23:40 通过电话告知家属 李四（儿子）", and whether it was late. */
export function NotificationRecord({ record }: { record: CriticalNotificationRecord }) {
  const { t } = useTranslation();
  const whom =
    record.told === 'patient' ? t('criticalValue.record.patient') : t('criticalValue.record.family', { name: record.name, relation: record.relation });
  return (
    <div className="critical-record" data-testid="critical-record" data-late={record.late ? 'true' : 'false'}>
      <Typography.Text strong>
        {t('criticalValue.record.line', {
          by: record.toldBy.name,
          at: record.toldAt.slice(0, 16),
          method: t(`criticalValue.method.${record.method}`),
          whom,
        })}
      </Typography.Text>
      {record.late && <Tag color="red">{t('criticalValue.late')}</Tag>}
      {record.note && <Typography.Text type="secondary">{record.note}</Typography.Text>}
      <Typography.Text type="secondary" className="critical-deadline">
        {t('criticalValue.record.recordedAt', { at: record.recordedAt.slice(0, 16) })}
      </Typography.Text>
    </div>
  );
}
