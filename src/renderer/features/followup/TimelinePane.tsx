import { Empty, Skeleton, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../shared/model';
import { EventItem, eventColor, eventTitle } from '../timeline/EventItem';
import { PatientHeader } from '../timeline/PatientHeader';
import { useTimeline } from '../timeline/queries';

const newestFirst = (a: TimelineEvent, b: TimelineEvent) => b.date.localeCompare(a.date) || b.encounterId - a.encounterId;

/** The timeline drawer's content, in the follow-up screen's side panel. */
export function TimelinePane({ patientId }: { patientId: number }) {
  const { t } = useTranslation();
  const timeline = useTimeline(patientId);
  if (timeline.isLoading) return <Skeleton active />;
  const data = timeline.data;
  if (!data) return null;
  return (
    <div className="fu-timeline" data-testid="fu-timeline">
      <PatientHeader patient={data.patient} />
      {data.events.length === 0 ? (
        <Empty description={t('timeline.noEvents')} />
      ) : (
        <Timeline
          className="patient-timeline"
          mode="start"
          titleSpan="84px"
          items={[...data.events].sort(newestFirst).map((e) => ({
            key: `${e.kind}-${e.encounterId}`,
            color: eventColor(e),
            title: eventTitle(e),
            content: <EventItem event={e} />,
          }))}
        />
      )}
    </div>
  );
}
