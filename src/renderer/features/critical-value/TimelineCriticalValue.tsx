import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriticalValueInfo } from '../../../shared/critical-values';
import { CriticalValueFacts } from './CriticalValueFacts';
import { NotificationRecord } from './NotificationRecord';
import './i18n';

/** A checkup's critical value on the patient's timeline: the deadline and who was told, when and how. */
export function TimelineCriticalValue({ info }: { info: CriticalValueInfo }) {
  const { t } = useTranslation();
  return (
    <div className="timeline-critical" data-testid="timeline-critical">
      <Typography.Text strong>{t('criticalValue.title')}</Typography.Text>
      <CriticalValueFacts info={info} />
      {info.notification ? <NotificationRecord record={info.notification} /> : <Typography.Text type="danger">{t('criticalValue.notTold')}</Typography.Text>}
    </div>
  );
}
