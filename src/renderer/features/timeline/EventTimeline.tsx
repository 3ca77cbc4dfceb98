import { Empty, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../shared/model';
import { EventItem, eventColor, eventTitle } from './EventItem';

// Same-day events keep a stable order: the encounter id decides.
const newestFirst = (a: TimelineEvent, b: TimelineEvent) => b.date.localeCompare(a.date) || b.encounterId - a.encounterId;

/** A patient's stays, visits and checkups, newest first; shared by the drawer and the follow-up pane. */
export function EventTimeline({ events, titleSpan }: { events: TimelineEvent[]; titleSpan: string }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Empty description={t('timeline.noEvents')} />;
  return (
    <Timeline
      className="patient-timeline"
      mode="start"
      titleSpan={titleSpan}
      items={[...events].sort(newestFirst).map((e) => ({
        key: `${e.kind}-${e.encounterId}`,
        color: eventColor(e),
        title: eventTitle(e),
        content: <EventItem event={e} />,
      }))}
    />
  );
}
