import { Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatRate } from '../../../components/amount.ts';
import type { Dashboard } from '../api.ts';
import { DrillLink } from '../ui.tsx';
import type { Drill } from './drill.ts';

function Figure(props: {
  label: string;
  value: ReactNode;
  unit?: string;
  onClick: () => void;
  id: string;
  sub?: ReactNode;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{props.label}</Typography.Text>
        <span>
          <DrillLink onClick={props.onClick} testId={`figure-${props.id}`}>
            <span style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.2 }}>{props.value}</span>
          </DrillLink>
          {props.unit ? <Typography.Text type="secondary"> {props.unit}</Typography.Text> : null}
        </span>
        {props.sub ? <Typography.Text type="secondary">{props.sub}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}

/** The year's headline figures; each opens the records it was computed from. */
export function FigureCards({ data, open }: { data: Dashboard; open: (d: Drill) => void }) {
  const { t } = useTranslation();
  const yi = t('major.units.yi');
  const counts = data.supervision.counts;
  const figures = [
    {
      id: 'projects',
      label: t('major.dashboard.projects'),
      value: data.projects,
      unit: t('major.dashboard.projectUnit'),
      onClick: () => open({ type: 'projects', figure: 'all', title: t('major.dashboard.projects') }),
    },
    {
      id: 'annualPlan',
      label: t('major.fields.annualPlan'),
      value: formatAmount(data.annualPlan, 'yi'),
      unit: yi,
      onClick: () => open({ type: 'projects', figure: 'all', title: t('major.fields.annualPlan') }),
    },
    {
      id: 'completed',
      label: t('major.fields.completed'),
      value: formatAmount(data.completed, 'yi'),
      unit: yi,
      onClick: () => open({ type: 'reports', title: t('major.dashboard.completedReports') }),
    },
    {
      id: 'completionRate',
      label: t('major.fields.completionRate'),
      value: formatRate(data.completionRate),
      sub: t('major.dashboard.timeShare', { rate: formatRate(data.supervision.timeShare) }),
      onClick: () => open({ type: 'projects', figure: 'all', title: t('major.fields.completionRate') }),
    },
    {
      id: 'startRate',
      label: t('major.fields.startRate'),
      value: formatRate(data.newStarts.startRate),
      sub: (
        <>
          <DrillLink
            testId="figure-newStarted"
            onClick={() => open({ type: 'projects', figure: 'newStarted', title: t('major.dashboard.newStarted') })}
          >
            {t('major.dashboard.startedN', { count: data.newStarts.started })}
          </DrillLink>
          {' / '}
          <DrillLink
            testId="figure-newPlanned"
            onClick={() => open({ type: 'projects', figure: 'newPlanned', title: t('major.dashboard.newPlanned') })}
          >
            {t('major.dashboard.plannedN', { count: data.newStarts.planned })}
          </DrillLink>
        </>
      ),
      onClick: () => open({ type: 'projects', figure: 'newPlanned', title: t('major.fields.startRate') }),
    },
    {
      id: 'reportsMissing',
      label: t('major.fields.reportsMissing'),
      value: data.reportsMissing,
      unit: t('major.dashboard.monthUnit'),
      onClick: () => open({ type: 'missing', title: t('major.fields.reportsMissing') }),
    },
    {
      id: 'colours',
      label: t('major.dashboard.colours'),
      value: (
        <span style={{ color: '#cf1322' }}>
          {counts.red}
          <span style={{ fontSize: 14 }}> {t('major.colours.red')}</span>
        </span>
      ),
      sub: (
        <>
          <DrillLink
            testId="figure-yellow"
            onClick={() => open({ type: 'supervision', colour: 'yellow', title: t('major.colours.yellow') })}
          >
            {t('major.dashboard.colourN', { colour: t('major.colours.yellow'), count: counts.yellow })}
          </DrillLink>
          {' · '}
          <DrillLink
            testId="figure-green"
            onClick={() => open({ type: 'supervision', colour: 'green', title: t('major.colours.green') })}
          >
            {t('major.dashboard.colourN', { colour: t('major.colours.green'), count: counts.green })}
          </DrillLink>
        </>
      ),
      onClick: () => open({ type: 'supervision', colour: 'red', title: t('major.colours.red') }),
    },
    {
      id: 'overdueIssues',
      label: t('major.dashboard.overdueIssues'),
      value: data.overdueIssues,
      unit: t('major.dashboard.issueUnit'),
      sub: t('major.dashboard.asOf', { date: data.asOf }),
      onClick: () => open({ type: 'issues', title: t('major.dashboard.overdueIssues') }),
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {figures.map((f) => (
        <Col key={f.id} xs={12} md={8} xl={6}>
          <Figure {...f} />
        </Col>
      ))}
    </Row>
  );
}
