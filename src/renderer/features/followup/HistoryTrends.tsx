import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FollowupView } from '../../../shared/contract/followup';
import type { PastMeasure } from '../../../shared/followup-results';
import { COLOUR_HEX } from '../queue/ColourTag';
import { Sparkline } from './Sparkline';

interface Series {
  first: PastMeasure;
  values: number[];
  last: PastMeasure;
}

/** Each score or reading across the earlier points, oldest first, in the order first seen. */
export function seriesOf(history: FollowupView['history']): Series[] {
  const byId = new Map<string, Series>();
  for (const h of [...history].reverse())
    for (const m of h.measures) {
      const s = byId.get(m.id);
      if (s) {
        s.values.push(m.value);
        s.last = m;
      } else byId.set(m.id, { first: m, values: [m.value], last: m });
    }
  return [...byId.values()];
}

/** A small trend per score (PHQ-9, NRS …) and per numeric answer (blood pressure, HbA1c …). */
export function HistoryTrends({ history }: { history: FollowupView['history'] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const series = seriesOf(history);
  if (series.length === 0) return null;
  return (
    <div className="fu-trends" data-testid="history-trends">
      <div className="fu-field-label">{t('followup.history.trends')}</div>
      {series.map(({ first, values, last }) => {
        const name = en ? first.labelEn : first.label;
        return (
          <div key={first.id} className="fu-trend" data-testid="history-trend" data-measure={first.id}>
            <span className="fu-trend-name" title={name}>
              {name}
            </span>
            <Sparkline
              values={values}
              label={t('followup.history.trendLabel', { name, values: values.join(' → ') })}
              colour={last.band ? COLOUR_HEX[last.band.color] : undefined}
            />
            <Typography.Text strong className="fu-trend-value">
              {last.value}
              {last.unit ? ` ${last.unit}` : ''}
            </Typography.Text>
          </div>
        );
      })}
    </div>
  );
}
