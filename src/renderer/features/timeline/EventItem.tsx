import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineDiagnosis, TimelineEvent } from '../../../shared/model';
import { DischargeMode } from '../../app/codes';
import { CheckupFindings } from './CheckupFindings';
import { RiskTierTags } from './RiskTierTags';
import { TimelineCriticalValue } from '../critical-value/TimelineCriticalValue';
import { isCurrent, stateTag, stayDates } from './stay-state';

const KIND_COLOR = { inpatient: 'blue', outpatient: 'green', checkup: 'purple' } as const;
const dayOf = (s: string | null) => (s ? s.slice(0, 10) : '');

function Diagnoses({ items }: { items: TimelineDiagnosis[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  // Main diagnosis first, then the other discharge diagnoses, then admission ones.
  const rank = (d: TimelineDiagnosis) => (d.isPrimary ? 0 : d.role === 'discharge' ? 1 : 2);
  const ordered = [...items].sort((a, b) => rank(a) - rank(b));
  return (
    <ul className="diagnoses">
      {ordered.map((d, i) => {
        const roleLabel = !d.isPrimary && d.role !== 'discharge' ? t(`timeline.dxRole.${d.role}`, { defaultValue: '' }) : '';
        return (
          <li key={`${d.code}-${i}`} data-testid="timeline-diagnosis">
            {d.isPrimary && (
              <Tag color="blue" className="primary-tag">
                {t('timeline.primary')}
              </Tag>
            )}
            {roleLabel && <Tag className="primary-tag">{roleLabel}</Tag>}
            <Typography.Text type="secondary" className="diag-code">
              {d.code}
            </Typography.Text>
            {d.name}
          </li>
        );
      })}
    </ul>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <div className="event-facts">
      {items
        .filter(([, v]) => v !== null && v !== '' && v !== undefined)
        .map(([label, value]) => (
          <span key={label}>
            <Typography.Text type="secondary">
              {label}
              {t('common.colon')}
            </Typography.Text>
            {value}
          </span>
        ))}
    </div>
  );
}

export function EventItem({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const cancelled = event.status === 'cancelled';
  const state = stateTag(t, event);
  const critical = event.findings.some((f) => f.critical);

  return (
    <div
      className={cancelled ? 'timeline-event cancelled' : 'timeline-event'}
      data-testid="timeline-event"
      data-kind={event.kind}
      data-encounter-id={event.encounterId}
    >
      <Space size="small" wrap className="event-head">
        <Tag color={KIND_COLOR[event.kind]}>{t(`timeline.kind.${event.kind}`)}</Tag>
        <Typography.Text strong title={event.kind === 'inpatient' && !isCurrent(event) ? t('timeline.dischargeDept') : undefined}>
          {event.kind === 'checkup' ? event.packageName : event.deptName}
        </Typography.Text>
        {critical && (
          <Tag color="red" variant="solid">
            {t('timeline.critical')}
          </Tag>
        )}
        {event.kind === 'checkup' && <RiskTierTags tiers={event.riskTiers} />}
        {cancelled && <Tag data-testid="event-cancelled">{state}</Tag>}
        {isCurrent(event) && (
          <Tag color="processing" data-testid="event-current-stay">
            {state}
          </Tag>
        )}
      </Space>
      {event.kind === 'inpatient' && (
        <Facts
          items={[
            [t('timeline.stayDates'), stayDates(t, event)],
            [t('columns.encounterNo.inpatient'), event.encounterNo],
            [t('columns.dischargeMode'), event.dischargeModeCode && <DischargeMode t={t} code={event.dischargeModeCode} />],
          ]}
        />
      )}
      {event.kind === 'outpatient' && (
        <Facts
          items={[
            [t('columns.encounterNo.outpatient'), event.encounterNo],
            [t('timeline.doctor'), event.doctorName],
          ]}
        />
      )}
      {event.kind === 'checkup' && (
        <>
          <Facts items={[[t('columns.encounterNo.checkup'), event.encounterNo]]} />
          {event.summary && (
            <div className="checkup-summary">
              <Typography.Text type="secondary">
                {t('timeline.summary')}
                {t('common.colon')}
              </Typography.Text>
              {event.summary}
            </div>
          )}
        </>
      )}
      <Diagnoses items={event.diagnoses} />
      {event.kind === 'checkup' && <CheckupFindings findings={event.findings} />}
      {event.criticalValue && <TimelineCriticalValue info={event.criticalValue} />}
    </div>
  );
}

export const eventColor = (event: TimelineEvent): string =>
  event.status === 'cancelled' ? 'gray' : event.findings.some((f) => f.critical) ? 'red' : KIND_COLOR[event.kind];

export const eventTitle = (event: TimelineEvent): string => dayOf(event.date);
