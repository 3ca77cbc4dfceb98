import { Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FollowupView } from '../../../shared/contract/followup';
import { ColourTag, COLOUR_HEX } from '../queue/ColourTag';
import { PastAnswers } from '../timeline/PastAnswers';
import { HistoryTrends } from './HistoryTrends';
import { useTextIn } from '../../i18n/text-in';

/** Earlier points of this enrolment with their scores' trend and answers, then appointments and escalations. */
export function HistoryPane({ view }: { view: FollowupView }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const pick = useTextIn();
  return (
    <div className="fu-history" data-testid="fu-history">
      <HistoryTrends history={view.history} />
      {view.history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followup.history.none')} />
      ) : (
        <List
          size="small"
          dataSource={view.history}
          renderItem={(h) => (
            <List.Item key={h.taskId} data-testid="history-point">
              <div className="full-width">
                <Space size={6} wrap>
                  <Typography.Text strong>{h.pointLabel === null ? h.dueDate : pick(h.pointLabel, h.pointLabelEn)}</Typography.Text>
                  <Typography.Text type="secondary">{h.completedAt?.slice(0, 10) ?? h.dueDate}</Typography.Text>
                  <Tag>{t(`followup.status.${h.status}`)}</Tag>
                  {h.warningColour && <ColourTag colour={h.warningColour} />}
                </Space>
                <div>
                  {h.scores
                    .filter((s) => s.applicable && s.value !== null)
                    .map((s) => (
                      <Tag key={s.id} color={s.band ? COLOUR_HEX[s.band.color] : undefined}>
                        {en ? s.labelEn : s.label} {s.value}
                        {s.band ? ` · ${en ? s.band.labelEn : s.band.label}` : ''}
                      </Tag>
                    ))}
                </div>
                <PastAnswers answers={h.answers} summary={t('followup.history.answers', { count: h.answers.length })} />
              </div>
            </List.Item>
          )}
        />
      )}
      {view.appointments.length > 0 && (
        <>
          <div className="fu-field-label">{t('followup.history.appointments')}</div>
          {view.appointments.map((a) => (
            <div key={a.id}>
              {a.date} {a.deptName ?? ''} {a.note ?? ''}
            </div>
          ))}
        </>
      )}
      {view.escalations.length > 0 && (
        <>
          <div className="fu-field-label">{t('followup.history.escalations')}</div>
          {view.escalations.map((e) => (
            <div key={e.id} data-testid="history-escalation">
              <Tag color={e.status === 'open' ? 'red' : 'default'}>{t(`followup.history.${e.status === 'open' ? 'escalationOpen' : 'escalationClosed'}`)}</Tag>
              {e.createdAt.slice(0, 16)} {e.deptName ?? ''} — {e.note}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
