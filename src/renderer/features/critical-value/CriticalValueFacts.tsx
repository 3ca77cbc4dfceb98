import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriticalValueInfo } from '../../../shared/critical-values';
import { DeadlineCountdown } from './DeadlineCountdown';
import './i18n';

/** What the critical value is, when its result came and where its deadline stands. */
export function CriticalValueFacts({ info }: { info: CriticalValueInfo }) {
  const { t } = useTranslation();
  const told = info.notification;
  return (
    <div className="critical-facts" data-testid="critical-facts">
      <span>
        <Tag color="red" variant="solid">
          {t('criticalValue.findings')}
        </Tag>
        <Typography.Text strong>{info.findings.join('；')}</Typography.Text>
      </span>
      <Typography.Text type="secondary">{t('criticalValue.checkup', { date: info.checkupDate })}</Typography.Text>
      <Typography.Text type="secondary">
        {t('criticalValue.resultAt', { at: info.resultAt.slice(0, 16) })} · {t(`criticalValue.source.${info.resultSource}`)}
      </Typography.Text>
      <DeadlineCountdown deadline={{ notifyBy: info.notifyBy, escalatedAt: info.escalatedAt, toldAt: told?.toldAt ?? null, late: told?.late ?? false }} />
      {info.escalatedAt && (
        <Typography.Text type="danger" data-testid="critical-escalated">
          {t('criticalValue.escalatedAt', { at: info.escalatedAt.slice(0, 16) })}
        </Typography.Text>
      )}
    </div>
  );
}
