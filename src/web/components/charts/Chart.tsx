import { lazy, Suspense, useEffect, useState } from 'react';
import type { ChartClick } from './EChart.tsx';
import type { ChartOption } from './echarts.ts';

export type { ChartClick, ChartOption };

const EChart = lazy(() => import('./EChart.tsx').then((m) => ({ default: m.EChart })));

/** False until the browser has painted the first render that used it. */
function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // requestAnimationFrame runs just before the next paint; a task queued from it runs after that paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

/**
 * A chart that never holds the page up: ECharts (~175 kB gzip, more than the
 * rest of a dashboard's figures need) is requested only once the page has
 * painted what it rendered with the chart, so the figures around it show
 * first. The box keeps its height meanwhile, so nothing moves when it draws.
 */
export function Chart(props: {
  option: ChartOption;
  height: number;
  onClick?: (c: ChartClick) => void;
  ariaLabel: string;
  testId?: string;
}) {
  const painted = useAfterPaint();
  const box = <div style={{ width: '100%', height: props.height }} />;
  if (!painted) return box;
  return (
    <Suspense fallback={box}>
      <EChart {...props} />
    </Suspense>
  );
}
