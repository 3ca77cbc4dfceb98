import { Skeleton } from 'antd';
import { EventTimeline } from '../timeline/EventTimeline';
import { PatientHeader } from '../timeline/PatientHeader';
import { useTimeline } from '../timeline/queries';

/** The timeline drawer's content, in the follow-up screen's side panel. */
export function TimelinePane({ patientId }: { patientId: number }) {
  const timeline = useTimeline(patientId);
  if (timeline.isLoading) return <Skeleton active />;
  const data = timeline.data;
  if (!data) return null;
  return (
    <div className="fu-timeline" data-testid="fu-timeline">
      <PatientHeader patient={data.patient} />
      <EventTimeline events={data.events} followups={data.followups} titleSpan="92px" />
    </div>
  );
}
