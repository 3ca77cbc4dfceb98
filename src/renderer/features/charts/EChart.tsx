import { useEffect, useRef } from 'react';
import { echarts, type EChartsInstance, type EChartsOption } from './echarts';

interface Props {
  option: EChartsOption;
  height: number;
  testId?: string;
  /** Receives the instance, e.g. to save the chart as a PNG. */
  onReady?: (chart: EChartsInstance | null) => void;
}

/** One ECharts canvas that follows its option and its container's width. */
export function EChart({ option, height, testId, onReady }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    readyRef.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      readyRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ height, width: '100%' }} data-testid={testId} />;
}
