import { Alert, Button, Drawer, Empty, Skeleton, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../shared/model';
import { errorText } from '../../api/notices';
import { MessageLog } from '../messaging';
import { CallHistory } from '../softphone';
import { EventItem, eventColor, eventTitle } from './EventItem';
import { PatientHeader } from './PatientHeader';
import { useTimeline } from './queries';

// Same-day events keep a stable order: the HIS times decide, then the encounter id.
const newestFirst = (a: TimelineEvent, b: TimelineEvent) =>
  b.date.localeCompare(a.date) || b.encounterId - a.encounterId;

interface Props {
  patientId: number | null;
  onClose: () => void;
}

export function TimelineDrawer({ patientId, onClose }: Props) {
  const { t } = useTranslation();
  const timeline = useTimeline(patientId);
  const data = timeline.data;

  return (
    <Drawer
      open={patientId !== null}
      onClose={onClose}
      title={t('timeline.title')}
      size={880}
      destroyOnHidden
      className="timeline-drawer"
      data-testid="timeline-drawer"
    >
      {timeline.isLoading && <Skeleton active aria-label={t('timeline.loading')} />}
      {timeline.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(timeline.error, t)}
          action={<Button size="small" onClick={() => void timeline.refetch()}>{t('common.retry')}</Button>}
        />
      )}
      {data && (
        <div data-testid="timeline-ready" data-patient-id={data.patient.id}>
          <PatientHeader patient={data.patient} />
          <CallHistory patientId={data.patient.id} />
          <MessageLog patientId={data.patient.id} />
          {data.events.length === 0 ? (
            <Empty description={t('timeline.noEvents')} />
          ) : (
            <Timeline
              className="patient-timeline"
              mode="start"
              titleSpan="96px"
              items={[...data.events].sort(newestFirst).map((e) => ({
                key: `${e.kind}-${e.encounterId}`,
                color: eventColor(e),
                title: eventTitle(e),
                content: <EventItem event={e} />,
              }))}
            />
          )}
        </div>
      )}
    </Drawer>
  );
}
