import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScoreOutcome } from '../../../shared/questionnaire';
import { ColourTag, COLOUR_HEX } from '../queue/ColourTag';

/** Live scores with their bands, the four-colour warning and the fired safety triggers. */
export function ScorePanel({ outcome, started }: { outcome: ScoreOutcome | null; started: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const colour = outcome && started ? outcome.warningColor : null;
  return (
    <Card
      size="small"
      className="fu-card score-panel"
      title={t('followup.score.title')}
      extra={
        <span className="fu-warning" data-testid="warning-colour" data-colour={colour ?? 'none'}>
          {t('followup.score.warning')} <ColourTag colour={colour} size="large" />
        </span>
      }
      data-testid="score-panel"
    >
      {!outcome || (outcome.scores.length === 0 && outcome.triggers.length === 0) ? (
        <Typography.Text type="secondary">{t('followup.score.none')}</Typography.Text>
      ) : null}
      <Space orientation="vertical" size={6} className="full-width">
        {outcome?.scores.map((s) => (
          <div
            key={s.id}
            className="score-row"
            data-testid="score"
            data-score-id={s.id}
            data-value={s.value ?? ''}
            data-complete={s.complete ? 'true' : 'false'}
          >
            <Typography.Text className="score-label">{en ? s.labelEn : s.label}</Typography.Text>
            <span className="score-value">{s.applicable ? (s.value ?? '–') : t('followup.score.notApplicable')}</span>
            {s.band ? (
              <Tag color={COLOUR_HEX[s.band.color]} variant="solid" data-testid="score-band">
                {en ? s.band.labelEn : s.band.label}
              </Tag>
            ) : (
              s.applicable && <Typography.Text type="secondary">{t('followup.score.running')}</Typography.Text>
            )}
            {s.band?.advice && <div className="score-advice">{en ? (s.band.adviceEn ?? s.band.advice) : s.band.advice}</div>}
          </div>
        ))}
        {outcome?.triggers.map((tr) => (
          <Alert
            key={tr.id}
            type={tr.color === 'red' ? 'error' : 'warning'}
            showIcon
            className={`trigger trigger-${tr.color}`}
            data-testid="trigger"
            data-trigger-id={tr.id}
            data-escalate={tr.escalate ? 'true' : 'false'}
            title={
              <span>
                {tr.escalate && (
                  <Tag color="red" variant="solid">
                    {t('followup.score.escalate')}
                  </Tag>
                )}
                {en ? tr.messageEn : tr.message}
              </span>
            }
          />
        ))}
      </Space>
    </Card>
  );
}
