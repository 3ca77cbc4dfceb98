import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineFollowup } from '../../../shared/followup-results';
import { ColourTag, COLOUR_HEX } from '../queue/ColourTag';
import './followup-i18n';
import { PastAnswers } from './PastAnswers';
import { usePointText } from '../../i18n/text-in';

const DISPOSITIONS = ['completed', 'refused', 'deceased', 'no_contact', 'no_valid_number'];

/** A closed follow-up among the stays and visits: what was asked, answered and scored. */
export function FollowupItem({ item }: { item: TimelineFollowup }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const names = usePointText()(item);
  const scores = item.measures.filter((m) => m.kind === 'score');
  const dispo = DISPOSITIONS.includes(item.disposition ?? '') ? item.disposition : 'other';
  return (
    <div className="timeline-event timeline-followup" data-testid="timeline-followup" data-task-id={item.taskId}>
      <Space size="small" wrap className="event-head">
        <Tag color="cyan">{t('timelineFollowup.kind')}</Tag>
        <Typography.Text strong>{[names.track, names.point].filter(Boolean).join(' · ')}</Typography.Text>
        <Tag>{t(`timelineFollowup.dispo.${dispo}`)}</Tag>
        {item.warningColour && <ColourTag colour={item.warningColour} />}
      </Space>
      <div className="event-facts">
        <span>{names.plan}</span>
        <span>{item.at.slice(0, 16)}</span>
        {item.nurseName && (
          <span>
            <Typography.Text type="secondary">
              {t('timelineFollowup.nurse')}
              {t('common.colon')}
            </Typography.Text>
            {item.nurseName}
          </span>
        )}
      </div>
      {/* Scores only: a numeric answer's label is its whole question, and it is among the answers. */}
      {scores.length > 0 && (
        <div>
          {scores.map((m) => (
            <Tag key={m.id} color={m.band ? COLOUR_HEX[m.band.color] : undefined} data-testid="timeline-followup-measure">
              {en ? m.labelEn : m.label} {m.value}
              {m.unit ? ` ${m.unit}` : ''}
            </Tag>
          ))}
        </div>
      )}
      <PastAnswers answers={item.answers} summary={t('timelineFollowup.answers', { count: item.answers.length })} />
    </div>
  );
}
