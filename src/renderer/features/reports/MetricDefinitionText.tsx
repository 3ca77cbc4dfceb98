import { useTranslation } from 'react-i18next';
import type { MetricDefinition } from '../../../shared/contract/reports';
import { pick } from './format';

/** What a figure means, shown on hover: numerator, denominator, exclusions and period. */
export function MetricDefinitionText({ def }: { def: MetricDefinition }) {
  const { t } = useTranslation();
  const lines: [string, string][] = [
    [t('reports.def.numerator'), pick(def.numerator)],
    ...(def.denominator ? [[t('reports.def.denominator'), pick(def.denominator)] as [string, string]] : []),
    [t('reports.def.exclusions'), pick(def.exclusions)],
    [t('reports.def.period'), pick(def.period)],
  ];
  return (
    <div className="metric-def" data-testid="metric-definition">
      <strong>{pick(def.name)}</strong>
      {lines.map(([label, text]) => (
        <div key={label}>
          <span className="metric-def-label">
            {label}
            {t('common.colon')}
          </span>
          {text}
        </div>
      ))}
    </div>
  );
}
