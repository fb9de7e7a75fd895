import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Input, Row, Select, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BASE, CHANNELS, type Dashboard, ik, PIPELINE } from '../api.ts';
import { BreakdownChart, type Segment } from './BreakdownChart.tsx';
import { FigureCards } from './FigureCards.tsx';
import { isFirstHalf, PERIODS, type Period, presetRange, usePeriod } from './period.ts';
import type { Drill } from './RecordsDrawer.tsx';

// The records' table loads on the first click on a figure, not with the page.
const RecordsDrawer = lazy(() => import('./RecordsDrawer.tsx').then((m) => ({ default: m.RecordsDrawer })));

function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ from: period.from, to: period.to });
  const setDate = (k: 'from' | 'to', v: string) => {
    const next = { ...draft, [k]: v };
    setDraft(next);
    if (next.from && next.to && next.from <= next.to) onChange({ kind: 'custom', ...next });
  };
  return (
    <>
      <Select
        aria-label={t('inv.period.label')}
        data-testid="period-picker"
        value={period.kind}
        style={{ minWidth: 140 }}
        popupMatchSelectWidth={false}
        onChange={(kind) => {
          if (kind === 'custom') onChange({ kind, from: period.from, to: period.to });
          else onChange({ kind, ...presetRange(kind) });
          setDraft({ from: period.from, to: period.to });
        }}
        options={PERIODS.map((k) => ({
          value: k,
          label: k === 'half' ? t(isFirstHalf() ? 'inv.period.h1' : 'inv.period.h2') : t(`inv.period.${k}`),
        }))}
      />
      {period.kind === 'custom' ? (
        <Flex gap={4} align="center">
          <Input
            type="date"
            aria-label={t('inv.period.from')}
            data-testid="period-from"
            value={draft.from}
            max={draft.to || undefined}
            onChange={(e) => setDate('from', e.target.value)}
            style={{ width: 150 }}
          />
          <span>–</span>
          <Input
            type="date"
            aria-label={t('inv.period.to')}
            data-testid="period-to"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(e) => setDate('to', e.target.value)}
            style={{ width: 150 }}
          />
        </Flex>
      ) : null}
    </>
  );
}

/**
 * 招商看板: the investment summary for a period exactly as the report computes
 * it, with its breakdowns; every figure and every segment opens its records.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const [drill, setDrillState] = useState<Drill | null>(null);
  // Mounted from the first drill on, so the drawer can animate closed.
  const [opened, setOpened] = useState(false);
  const setDrill = (d: Drill | null) => {
    if (d) setOpened(true);
    setDrillState(d);
  };
  const q = useQuery({
    queryKey: ik.dashboard({ from: period.from, to: period.to }),
    queryFn: () => api.get<Dashboard>(`${BASE}/dashboard`, { from: period.from, to: period.to }),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const signed = t('inv.figures.signedProjects');

  const byChannel: Segment[] = d
    ? CHANNELS.flatMap((c) => {
        const v = d.summary.byChannel[c];
        return v ? [{ key: c, label: t(`inv.channels.${c}`), projects: v.projects, investment: v.investment }] : [];
      })
    : [];
  const byStage: Segment[] = d
    ? PIPELINE.flatMap((s) => {
        const v = d.summary.byStage[s];
        return v ? [{ key: s, label: t(`inv.stages.${s}`), projects: v }] : [];
      })
    : [];
  const byIndustry: Segment[] = d
    ? d.byIndustry.map((r) => ({
        key: r.key,
        label: r.key || t('inv.dashboard.noIndustry'),
        projects: r.projects,
        investment: r.investment,
      }))
    : [];

  return (
    <>
      <PageHeader title={t('inv.dashboard.title')} extra={<PeriodPicker period={period} onChange={setPeriod} />} />
      {q.isError ? <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 16 }} /> : null}
      {q.isPending ? <Loading /> : null}
      {d ? (
        <Flex vertical gap={16} data-testid="dashboard">
          <Typography.Text type="secondary" data-testid="dashboard-scope">
            {t('inv.dashboard.scope', { from: d.summary.from, to: d.summary.to })}
          </Typography.Text>
          <FigureCards summary={d.summary} open={setDrill} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('inv.dashboard.byChannel')}>
                <BreakdownChart
                  segments={byChannel}
                  testId="by-channel"
                  ariaLabel={t('inv.dashboard.byChannel')}
                  onOpen={(s) =>
                    setDrill({
                      figure: 'signedProjects',
                      channel: s.key as Drill['channel'],
                      title: `${s.label} · ${signed}`,
                    })
                  }
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('inv.dashboard.byStage')}>
                <BreakdownChart
                  segments={byStage}
                  testId="by-stage"
                  ariaLabel={t('inv.dashboard.byStage')}
                  onOpen={(s) =>
                    setDrill({
                      figure: 'signedProjects',
                      stage: s.key as Drill['stage'],
                      title: `${s.label} · ${signed}`,
                    })
                  }
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t('inv.dashboard.byIndustry')}>
                <BreakdownChart
                  segments={byIndustry}
                  testId="by-industry"
                  ariaLabel={t('inv.dashboard.byIndustry')}
                  onOpen={(s) =>
                    setDrill({ figure: 'signedProjects', industry: s.key, title: `${s.label} · ${signed}` })
                  }
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      ) : null}
      {opened ? (
        <Suspense fallback={null}>
          <RecordsDrawer drill={drill} from={period.from} to={period.to} onClose={() => setDrill(null)} />
        </Suspense>
      ) : null}
    </>
  );
}
