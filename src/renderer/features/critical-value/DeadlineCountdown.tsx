import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CriticalDeadline } from '../../../shared/critical-values';
import { countdownOf } from './countdown';
import { useServerNow } from './useServerNow';
import './critical-value.css';
import './i18n';

/** "剩余 3 小时 12 分" / "已超时 1 小时 5 分 · 已上报" / "已告知 07-19 23:40", moving with the server's clock. */
export function DeadlineCountdown({ deadline }: { deadline: CriticalDeadline }) {
  const { t } = useTranslation();
  const c = countdownOf(deadline, useServerNow());
  const span = (key: 'left' | 'overdue') =>
    c.hours > 0 ? t(`criticalValue.${key}`, { h: c.hours, m: c.minutes }) : t(`criticalValue.${key}Minutes`, { m: c.minutes });
  const text =
    c.state === 'told'
      ? t('criticalValue.told', { at: (deadline.toldAt ?? '').slice(5, 16) })
      : c.state === 'escalated'
        ? `${span('overdue')} · ${t('criticalValue.escalated')}`
        : span(c.state === 'overdue' ? 'overdue' : 'left');
  const type = c.state === 'told' ? 'success' : c.state === 'counting' ? 'warning' : 'danger';
  return (
    <span
      className={`critical-countdown critical-countdown-${c.state}`}
      data-testid="critical-countdown"
      data-state={c.state}
      data-notify-by={deadline.notifyBy}
    >
      <Typography.Text type={type} strong={c.state !== 'told'}>
        {text}
      </Typography.Text>
      {deadline.late && <Tag color="red">{t('criticalValue.late')}</Tag>}
      <Typography.Text type="secondary" className="critical-deadline">
        {t('criticalValue.deadline', { at: deadline.notifyBy.slice(5, 16) })}
      </Typography.Text>
    </span>
  );
}
