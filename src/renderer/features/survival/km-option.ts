import type { TFunction } from 'i18next';
import type { SurvivalGroupResult } from '../../../shared/contract/reports';
import type { EChartsOption } from '../charts/echarts';
import { DAYS_PER_YEAR, pct } from './format';

const PALETTE = ['#1677ff', '#f5222d', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];
const years = (days: number) => Math.round((days / DAYS_PER_YEAR) * 1000) / 1000;

/** Step points from time 0 (survival 1), a small vertical tick where patients were censored. */
function curve(g: SurvivalGroupResult) {
  return [{ value: [0, 1], symbolSize: 0 }, ...g.steps.map((s) => ({ value: [years(s.time), s.survival], symbolSize: s.nCensor > 0 ? [1.5, 8] : 0 }))];
}

/** The band is drawn as the lower bound plus a stacked (upper − lower) area, both as steps. */
function band(g: SurvivalGroupResult, colour: string, stack: string) {
  const pts = [{ time: 0, lower: 1, upper: 1 }, ...g.steps.map((s) => ({ time: s.time, lower: s.lower ?? s.survival, upper: s.upper ?? s.survival }))];
  const common = { type: 'line', step: 'end', stack, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, tooltip: { show: false } };
  return [
    { ...common, name: `${g.group}-lo`, data: pts.map((p) => [years(p.time), p.lower]) },
    { ...common, name: `${g.group}-ci`, data: pts.map((p) => [years(p.time), p.upper - p.lower]), areaStyle: { color: colour, opacity: 0.15 } },
  ];
}

export function kmOption(groups: SurvivalGroupResult[], showCi: boolean, t: TFunction): EChartsOption {
  const maxYears = Math.max(5, ...groups.flatMap((g) => g.steps.map((s) => years(s.time))));
  return {
    animation: false,
    color: PALETTE,
    grid: { left: 56, right: 24, top: 36, bottom: 48 },
    legend: { top: 0, data: groups.map((g) => g.group) },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v) },
    xAxis: { type: 'value', min: 0, max: Math.ceil(maxYears), interval: 1, name: t('survival.xAxis'), nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', min: 0, max: 1, name: t('survival.yAxis'), axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
    series: groups.flatMap((g, i) => {
      const colour = PALETTE[i % PALETTE.length];
      const line = {
        name: g.group,
        type: 'line',
        step: 'end',
        symbol: 'rect',
        showAllSymbol: true,
        data: curve(g),
        lineStyle: { width: 2, color: colour },
        itemStyle: { color: colour },
      };
      return showCi ? [line, ...band(g, colour, `ci-${i}`)] : [line];
    }),
  };
}
