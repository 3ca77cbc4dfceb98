import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardMetric, MetricDefinition } from '../../../shared/contract/reports';
import { EChart } from '../charts/EChart';
import type { EChartsOption } from '../charts/echarts';
import { formatValue, pick } from './format';

interface Props {
  metrics: DashboardMetric[];
  defs: Map<string, MetricDefinition>;
}

type Series = { def: MetricDefinition; metric: DashboardMetric };

// The rates and volumes a head follows month by month; any others stay on the cards.
const MAIN_RATES = ['followUpRate', 'timelyRate', 'coverage', 'connectRatePerPatient', 'effectiveRate', 'lostRate'];
const MAIN_COUNTS = ['due', 'completed', 'overdue'];

function chosen(all: Series[], codes: string[], unit: MetricDefinition['unit'], max: number): Series[] {
  const main = codes.flatMap((c) => all.filter((s) => s.metric.code === c));
  return main.length ? main : all.filter((s) => s.def.unit === unit).slice(0, max);
}

function trendOption(series: Series[], kind: 'line' | 'bar'): EChartsOption {
  const months = series[0]?.metric.trend.map((p) => p.month) ?? [];
  const percent = series[0]?.def.unit === 'percent';
  return {
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { type: 'scroll', top: 0, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => formatValue(v, percent ? 'percent' : 'count'),
    },
    xAxis: { type: 'category', data: months, axisLabel: { fontSize: 11 } },
    yAxis: {
      type: 'value',
      ...(percent ? { min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } } : {}),
    },
    series: series.map(({ def, metric }) => ({
      name: pick(def.name),
      type: kind,
      data: metric.trend.map((p) => p.value),
      connectNulls: false,
      symbolSize: 5,
    })),
  };
}

/** 12-month trends: the main rates as lines, the volumes as bars. */
export function TrendCharts({ metrics, defs }: Props) {
  const { t, i18n } = useTranslation();
  const { rates, counts } = useMemo(() => {
    const withDef = metrics.flatMap((metric) => {
      const def = defs.get(metric.code);
      return def ? [{ def, metric }] : [];
    });
    return {
      rates: trendOption(chosen(withDef, MAIN_RATES, 'percent', 6), 'line'),
      counts: trendOption(chosen(withDef, MAIN_COUNTS, 'count', 3), 'bar'),
    };
    // The language is part of the series names.
  }, [metrics, defs, i18n.language]);
  return (
    <Row gutter={[8, 8]} className="trend-row">
      <Col xs={24} xl={14}>
        <Card size="small" title={t('reports.trendRates')}>
          <EChart option={rates} height={260} testId="trend-rates" />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('reports.trendCounts')}>
          <EChart option={counts} height={260} testId="trend-counts" />
        </Card>
      </Col>
    </Row>
  );
}
