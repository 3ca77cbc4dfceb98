import { Empty, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineFollowup } from '../../../shared/followup-results';
import type { TimelineEvent } from '../../../shared/model';
import { EventItem, eventColor, eventTitle } from './EventItem';
import { FollowupItem } from './FollowupItem';

type Entry = { at: string; tie: number; item: { key: string; color: string; title: string; content: ReactNode } };

// Newest first. A follow-up's time (date and hour) sorts after a same-day stay's bare date, so it
// shows above it; same-day encounters keep a stable order by their id.
const newestFirst = (a: Entry, b: Entry) => b.at.localeCompare(a.at) || b.tie - a.tie;

/** A patient's stays, visits, checkups and closed follow-ups; shared by the drawer and the follow-up pane. */
export function EventTimeline({ events, followups = [], titleSpan }: { events: TimelineEvent[]; followups?: TimelineFollowup[]; titleSpan: string }) {
  const { t } = useTranslation();
  if (events.length === 0 && followups.length === 0) return <Empty description={t('timeline.noEvents')} />;
  const entries: Entry[] = [
    ...events.map((e) => ({
      at: e.date,
      tie: e.encounterId,
      item: { key: `${e.kind}-${e.encounterId}`, color: eventColor(e), title: eventTitle(e), content: <EventItem event={e} /> },
    })),
    ...followups.map((f) => ({
      at: f.at,
      tie: f.taskId,
      item: { key: `followup-${f.taskId}`, color: 'cyan', title: f.at.slice(0, 10), content: <FollowupItem item={f} /> },
    })),
  ];
  return <Timeline className="patient-timeline" mode="start" titleSpan={titleSpan} items={entries.sort(newestFirst).map((e) => e.item)} />;
}
