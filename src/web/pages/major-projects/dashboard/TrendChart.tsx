import { Collapse } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatRate, shiftDown } from '../../../components/amount.ts';
import { Chart, type ChartOption } from '../../../components/charts/Chart.tsx';
import { type SimpleColumn, SimpleTable } from '../../../components/SimpleTable.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import type { Dashboard } from '../api.ts';
import { DrillLink } from '../ui.tsx';
import type { Drill } from './drill.ts';

type Point = Dashboard['trend'][number];

/** The chart's axis wants numbers: 亿元 to four places, read off the API's decimal string. */
const yiNumber = (yuan: string) => Number(shiftDown(yuan, 8, 4, false));
const percent = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * The monthly trend against the time line: each month's completed investment
 * (bars) and the year's cumulative completion rate beside the share of the year
 * elapsed (lines), all as the API computed them. A bar opens that month's reports.
 * ECharts itself is requested once the dashboard's figures have painted.
 */
export default function TrendChart({ trend, open }: { trend: Point[]; open: (d: Drill) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const openMonth = (m: string) =>
    open({ type: 'reports', month: m, title: t('major.dashboard.monthReports', { month: m }) });

  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' ? String(v) : String(v ?? '')),
      },
      xAxis: { type: 'category', data: trend.map((p) => t('major.monthN', { month: Number(p.month.slice(5)) })) },
      yAxis: [
        { type: 'value', name: t('major.units.yi'), nameTextStyle: { align: 'left' } },
        { type: 'value', name: '%', max: 100, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: t('major.dashboard.monthCompleted'),
          data: trend.map((p) => yiNumber(p.completed)),
          itemStyle: { color: '#5b8ff9' },
          barMaxWidth: 28,
        },
        {
          type: 'line',
          name: t('major.dashboard.cumulativeRate'),
          yAxisIndex: 1,
          data: trend.map((p) => percent(p.cumulativeRate)),
          itemStyle: { color: '#f6903d' },
          symbolSize: 7,
        },
        {
          type: 'line',
          name: t('major.dashboard.timeLine'),
          yAxisIndex: 1,
          data: trend.map((p) => percent(p.timeShare)),
          itemStyle: { color: '#8c8c8c' },
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
      ],
    }),
    [trend, t],
  );

  const yi = t('major.units.yi');
  const columns: SimpleColumn<Point>[] = [
    {
      key: 'month',
      title: t('major.fields.month'),
      render: (p) => (
        <DrillLink onClick={() => openMonth(p.month)} testId={`trend-${p.month}`}>
          {p.month}
        </DrillLink>
      ),
    },
    {
      key: 'completed',
      title: t('major.withUnit', { title: t('major.dashboard.monthCompleted'), unit: yi }),
      align: 'right',
      render: (p) => formatAmount(p.completed, 'yi'),
    },
    {
      key: 'cumulative',
      title: t('major.withUnit', { title: t('major.dashboard.cumulative'), unit: yi }),
      align: 'right',
      render: (p) => formatAmount(p.cumulative, 'yi'),
    },
    {
      key: 'rate',
      title: t('major.dashboard.cumulativeRate'),
      align: 'right',
      render: (p) => formatRate(p.cumulativeRate),
    },
    { key: 'time', title: t('major.dashboard.timeLine'), align: 'right', render: (p) => formatRate(p.timeShare) },
  ];

  return (
    <>
      <Chart
        option={option}
        height={isPhone ? 260 : 320}
        ariaLabel={t('major.dashboard.trend')}
        testId="trend-chart"
        onClick={(c) => {
          const p = trend[c.dataIndex];
          if (p) openMonth(p.month);
        }}
      />
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'table',
            label: t('major.dashboard.trendTable'),
            children: <SimpleTable columns={columns} rows={trend} rowKey={(p) => p.month} />,
          },
        ]}
      />
    </>
  );
}
