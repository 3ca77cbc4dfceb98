import { Table, Tag } from 'antd';
import { memo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../shared/contract/calls';
import { DialButton } from './DialButton';
import { useCalls } from './queries';
import { RecordingPlayer } from './RecordingPlayer';

/** Recent calls (of a patient, or all), with recordings to play and missed calls to return. */
export const CallHistory = memo(function CallHistory({ patientId, missedOnly, title }: { patientId?: number; missedOnly?: boolean; title?: string }) {
  const { t } = useTranslation();
  const calls = useCalls({ patientId, missedOnly, limit: 20 });
  return (
    <Table<CallRecord>
      size="small"
      className="call-history"
      data-testid={missedOnly ? 'missed-calls' : 'call-history'}
      title={title ? () => title : undefined}
      rowKey="id"
      loading={calls.isLoading}
      dataSource={calls.data ?? []}
      pagination={false}
      locale={{ emptyText: t('softphone.history.none') }}
      onRow={(r) => ({ 'data-testid': 'call-row', 'data-call-id': r.id }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'at', title: t('softphone.history.title'), render: (_, r) => r.startedAt },
        { key: 'dir', render: (_, r) => <Tag color={r.direction === 'inbound' ? 'green' : 'blue'}>{t(`softphone.history.direction.${r.direction}`)}</Tag> },
        { key: 'number', render: (_, r) => <span className="phone-number">{r.number}</span> },
        { key: 'patient', render: (_, r) => r.patientName ?? '' },
        {
          key: 'result',
          render: (_, r) =>
            r.missed ? (
              <Tag color="red">{t('softphone.incoming.missed')}</Tag>
            ) : (
              [
                r.outcome ? t(`softphone.outcome.${r.outcome}`) : null,
                r.endedBy ? t(`softphone.endedBy.${r.endedBy}`) : null,
                r.durationSec !== null ? t('softphone.history.duration', { s: r.durationSec }) : null,
              ]
                .filter(Boolean)
                .join(' · ')
            ),
        },
        {
          key: 'action',
          render: (_, r) =>
            r.hasRecording ? (
              <RecordingPlayer callId={r.id} />
            ) : r.missed ? (
              <DialButton number={r.number} patientId={r.patientId}>
                {t('softphone.incoming.callback')}
              </DialButton>
            ) : null,
        },
      ]}
    />
  );
});
