import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Row, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatRate } from '../../../components/amount.ts';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BASE, type Dashboard, KIND_LIST, LEVEL_LIST, mk } from '../api.ts';
import { useYearThrough, YearThroughPicker } from '../ui.tsx';
import { Breakdown, type BreakdownRow } from './Breakdown.tsx';
import type { Drill } from './drill.ts';
import { FigureCards } from './FigureCards.tsx';
import { FlaggedList } from './FlaggedList.tsx';
import TrendChart from './TrendChart.tsx';

// The drill-down tables (antd Table) load on the first click; the chart's ECharts once the figures have painted.
const DrillDrawer = lazy(() => import('./DrillDrawer.tsx'));

/**
 * 年度看板: the year's figures as GET /dashboard computed them, through the
 * month picked (the API's default when none). Every number opens its records.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { year, through, set } = useYearThrough();
  const [drill, setDrillState] = useState<Drill | null>(null);
  // The drawer stays mounted after its first opening, so it can animate closed.
  const [drilled, setDrilled] = useState(false);
  const setDrill = (d: Drill | null) => {
    if (d) setDrilled(true);
    setDrillState(d);
  };
  const q = useQuery({
    queryKey: mk.dashboard({ year, through }),
    queryFn: () => api.get<Dashboard>(`${BASE}/dashboard`, { year, through }),
  });
  const data = q.data;

  const levelRows: BreakdownRow[] = data
    ? LEVEL_LIST.map((l) => ({ key: l, name: t(`major.levels.${l}`), figures: data.levels[l], filter: { level: l } }))
    : [];
  const kindRows: BreakdownRow[] = data
    ? KIND_LIST.map((k) => ({ key: k, name: t(`major.kinds.${k}`), figures: data.byKind[k], filter: { kind: k } }))
    : [];
  const departmentRows: BreakdownRow[] = data
    ? data.byDepartment.map((d) => ({
        key: d.departmentId ?? 'none',
        name: d.departmentName ?? t('major.noDepartment'),
        rank: d.rank,
        figures: d,
        filter: d.departmentId ? { departmentId: d.departmentId } : null,
      }))
    : [];

  return (
    <>
      <PageHeader
        title={t('major.dashboard.title')}
        extra={<YearThroughPicker year={year} through={through} shown={data?.through} onChange={set} />}
      />
      {q.isError ? <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 16 }} /> : null}
      {q.isPending ? <Loading /> : null}
      {data ? (
        <Flex vertical gap={16} data-testid="dashboard">
          <Typography.Text type="secondary" data-testid="dashboard-scope">
            {t('major.dashboard.scope', {
              year: data.year,
              through: data.through,
              rate: formatRate(data.supervision.timeShare),
            })}
          </Typography.Text>
          <FigureCards data={data} open={setDrill} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xxl={12}>
              <Card size="small" title={t('major.dashboard.byLevel')}>
                <Breakdown rows={levelRows} open={setDrill} nameTitle={t('major.fields.level')} testId="by-level" />
              </Card>
            </Col>
            <Col xs={24} xxl={12}>
              <Card size="small" title={t('major.dashboard.byKind')}>
                <Breakdown rows={kindRows} open={setDrill} nameTitle={t('major.fields.kind')} testId="by-kind" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('major.dashboard.trend')}>
            <TrendChart trend={data.trend} open={setDrill} />
          </Card>
          <Card size="small" title={t('major.dashboard.ranking')}>
            <Breakdown
              rows={departmentRows}
              open={setDrill}
              nameTitle={t('major.fields.department')}
              ranked
              testId="by-department"
            />
          </Card>
          <Card size="small" title={t('major.dashboard.flagged', { count: data.flagged.length })}>
            <FlaggedList items={data.flagged} />
          </Card>
        </Flex>
      ) : null}
      {data && drilled ? (
        <Suspense fallback={null}>
          <DrillDrawer
            drill={drill}
            scope={{ year: data.year, through: data.through, asOf: data.asOf }}
            onClose={() => setDrill(null)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
