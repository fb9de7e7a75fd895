import { Empty, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '../../../components/amount.ts';
// ECharts arrives after the figures have painted: they show (and drill) without waiting for it.
import { Chart, type ChartOption } from '../../../components/charts/Chart.tsx';
import { DrillLink } from '../ui.tsx';

export interface Segment {
  key: string;
  label: string;
  projects: number;
  /** 元, as the API sent it; absent when the API gives counts only. */
  investment?: string;
}

/** 元 → 亿元 as a number for the bar's length only; the text shown is the API's decimal, formatted. */
const yiNumber = (yuan: string) => Number(formatAmount(yuan, 'yi', 2).replace(/,/g, ''));

/**
 * One breakdown of the summary (channel, stage, industry): bars, and under
 * them the same segments as links, so a tap on a phone or a keyboard reaches
 * each one. A click on a bar or a link opens the records behind the segment.
 */
export function BreakdownChart(props: {
  segments: Segment[];
  onOpen: (s: Segment) => void;
  testId: string;
  ariaLabel: string;
}) {
  const { t } = useTranslation();
  const { segments, onOpen } = props;
  const money = segments.some((s) => s.investment !== undefined);
  const yi = t('inv.units.yi');
  const n = t('inv.units.projects');
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 28, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (money ? `${v} ${yi}` : `${v} ${n}`),
      },
      yAxis: { type: 'category', data: segments.map((s) => s.label), inverse: true, axisTick: { show: false } },
      xAxis: {
        type: 'value',
        name: money ? yi : t('inv.figures.signedProjects'),
        nameLocation: 'middle',
        nameGap: 24,
        minInterval: money ? undefined : 1,
      },
      series: [
        {
          type: 'bar',
          name: money ? t('inv.fields.totalInvestment') : t('inv.figures.signedProjects'),
          data: segments.map((s) => (money && s.investment !== undefined ? yiNumber(s.investment) : s.projects)),
          itemStyle: { color: '#1f5fbf', borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'right',
            formatter: (p) => `${segments[p.dataIndex]?.projects ?? ''}${n}`,
          },
        },
      ],
    }),
    [segments, money, yi, n, t],
  );
  if (!segments.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inv.dashboard.none')} />;
  return (
    <Flex vertical gap={8}>
      <Chart
        option={option}
        height={Math.max(140, segments.length * 34 + 40)}
        ariaLabel={props.ariaLabel}
        testId={`${props.testId}-chart`}
        onClick={(c) => {
          const s = segments[c.dataIndex];
          if (s) onOpen(s);
        }}
      />
      <Flex wrap gap="4px 16px" data-testid={props.testId}>
        {segments.map((s) => (
          <span key={s.key}>
            <Typography.Text type="secondary">{s.label} </Typography.Text>
            <DrillLink testId={`${props.testId}-${s.key || 'none'}`} onClick={() => onOpen(s)}>
              {s.investment !== undefined
                ? t('inv.dashboard.segmentMoney', { count: s.projects, amount: formatAmount(s.investment, 'yi') })
                : t('inv.dashboard.segment', { count: s.projects })}
            </DrillLink>
          </span>
        ))}
      </Flex>
    </Flex>
  );
}
