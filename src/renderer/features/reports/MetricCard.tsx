import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Card, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardMetric, MetricDefinition } from '../../../shared/contract/reports';
import { formatValue, pick } from './format';
import { MetricDefinitionText } from './MetricDefinitionText';

interface Props {
  metric: DashboardMetric;
  def: MetricDefinition;
  onDrill: (code: string) => void;
}

function Change({ now, before, unit }: { now: number | null; before: number | null; unit: MetricDefinition['unit'] }) {
  const { t } = useTranslation();
  if (now === null || before === null) return null;
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return <Typography.Text type="secondary">{t('reports.noChange')}</Typography.Text>;
  const Arrow = diff > 0 ? ArrowUpOutlined : ArrowDownOutlined;
  // Percent changes are shown in percentage points, the way heads read them.
  const text = unit === 'percent' ? `${(Math.abs(diff) * 100).toFixed(1)}` : formatValue(Math.abs(diff), unit);
  return (
    <span className={diff > 0 ? 'metric-up' : 'metric-down'} data-testid="metric-change">
      <Arrow /> {text}
    </span>
  );
}

export function MetricCard({ metric, def, onDrill }: Props) {
  const { t } = useTranslation();
  const value = formatValue(metric.value, def.unit);
  return (
    <Card size="small" className="metric-card" data-testid="metric-card" data-metric={metric.code}>
      <Tooltip title={<MetricDefinitionText def={def} />} placement="topLeft" trigger={['hover', 'focus']}>
        <div className="metric-name" tabIndex={0}>
          {pick(def.name)} <InfoCircleOutlined className="metric-info" />
        </div>
      </Tooltip>
      {/* Nothing behind a figure whose numerator and denominator are both empty. */}
      {def.drillable && (metric.numerator > 0 || (metric.denominator ?? 0) > 0) ? (
        <Typography.Link
          className="metric-value"
          role="button"
          tabIndex={0}
          onClick={() => onDrill(metric.code)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            onDrill(metric.code);
          }}
          data-testid="metric-value"
        >
          {value}
        </Typography.Link>
      ) : (
        <span className="metric-value" data-testid="metric-value">
          {value}
        </span>
      )}
      <div className="metric-foot">
        <span>
          {t('reports.lastMonth')} {formatValue(metric.previous.value, def.unit)}
        </span>
        <Change now={metric.value} before={metric.previous.value} unit={def.unit} />
      </div>
    </Card>
  );
}
