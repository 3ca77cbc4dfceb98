import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriticalValueInfo } from '../../../shared/critical-values';
import { CriticalValueFacts } from './CriticalValueFacts';
import { NotificationForm } from './NotificationForm';
import { NotificationRecord } from './NotificationRecord';
import './i18n';

/** The follow-up page's critical value: its deadline, and who was told (or the form to say so). */
export function CriticalValueCard({ info, taskId, editable }: { info: CriticalValueInfo; taskId: number; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      className="fu-card critical-card"
      title={t('criticalValue.title')}
      data-testid="critical-card"
      data-told={info.notification ? 'true' : 'false'}
    >
      <CriticalValueFacts info={info} />
      {info.notification ? (
        <NotificationRecord record={info.notification} />
      ) : editable ? (
        <NotificationForm taskId={taskId} />
      ) : (
        <Typography.Text type="danger">{t('criticalValue.notTold')}</Typography.Text>
      )}
    </Card>
  );
}
