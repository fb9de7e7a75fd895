import { useEffect, useRef } from 'react';
import { type ChartOption, init } from './echarts.ts';

/** What a click on a bar or a point hands back: the series and the category (x value) clicked. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

/**
 * One ECharts chart that fills its box and follows its width (a phone turned,
 * a side menu collapsed). Clicks on data are passed up, so a bar can open the
 * records behind it.
 */
export function EChart(props: {
  option: ChartOption;
  height: number;
  onClick?: (c: ChartClick) => void;
  ariaLabel: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => {
      onClick.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex, name: e.name });
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      style={{ width: '100%', height: props.height, cursor: props.onClick ? 'pointer' : undefined }}
    />
  );
}
