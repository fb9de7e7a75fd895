import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  BASE,
  type DrillMissing,
  type DrillProjects,
  type DrillReports,
  type Issue,
  mk,
  type Supervision,
} from '../api.ts';
import { Amount, ColourTag, KindTag, LevelTags, Rate, StatusTag, useReasonText } from '../ui.tsx';
import type { Drill, DrillScope } from './drill.ts';

/** A record with the id the table keys it by (not `key`: drill rows have a project key of their own). */
type Row = Record<string, unknown> & { rowId: string };
interface Col {
  title: string;
  render: (r: never) => ReactNode;
}

const projectLink = (id: string, key: string, name: string) => (
  <Link to={`/major-projects/projects/${id}`}>
    <Typography.Text type="secondary">{key}</Typography.Text> {name}
  </Link>
);

/** Fetches the records behind one figure from its drill-down endpoint, as rows and columns to show. */
function useDrill(drill: Drill, scope: DrillScope) {
  const { t } = useTranslation();
  const reason = useReasonText();
  const { title: _title, type, ...rest } = drill;
  const q = { year: scope.year, through: scope.through, ...rest };
  return useQuery({
    queryKey: mk.drill({ type, ...q, asOf: scope.asOf }),
    queryFn: async (): Promise<{ rows: Row[]; cols: Col[]; total: number }> => {
      if (type === 'projects') {
        const d = await api.get<DrillProjects>(`${BASE}/dashboard/projects`, q);
        type R = DrillProjects['items'][number];
        const cols: Col[] = [
          { title: t('major.fields.project'), render: (r: R) => projectLink(r.projectId, r.key, r.name) },
          {
            title: t('major.fields.levelKind'),
            render: (r: R) => (
              <>
                <LevelTags levels={r.levels} /> <KindTag kind={r.kind} />
              </>
            ),
          },
          { title: t('major.fields.department'), render: (r: R) => r.departmentName ?? '' },
          { title: t('major.fields.annualPlan'), render: (r: R) => <Amount yuan={r.annualPlan} /> },
          { title: t('major.fields.completed'), render: (r: R) => <Amount yuan={r.completed} /> },
          { title: t('major.fields.completionRate'), render: (r: R) => <Rate value={r.completionRate} /> },
          {
            title: t('major.fields.start'),
            render: (r: R) =>
              r.kind === 'new' ? (
                <Flex vertical>
                  <span>
                    {t('major.fields.planned')} {r.plannedStartDate ?? '—'}
                  </span>
                  <span>
                    {t('major.fields.actual')} {r.actualStartDate ?? '—'}{' '}
                    {r.newPlanned ? (
                      <Tag color={r.newStarted ? 'green' : 'red'}>
                        {r.newStarted ? t('major.dashboard.started') : t('major.dashboard.notStarted')}
                      </Tag>
                    ) : null}
                  </span>
                </Flex>
              ) : (
                (r.actualStartDate ?? '')
              ),
          },
          { title: t('major.fields.reportsMissing'), render: (r: R) => r.reportsMissing },
        ];
        return { rows: d.items.map((r) => ({ ...r, rowId: r.projectId })), cols, total: d.total };
      }
      if (type === 'missing') {
        const d = await api.get<DrillMissing>(`${BASE}/dashboard/missing-reports`, q);
        type R = DrillMissing['items'][number];
        const cols: Col[] = [
          { title: t('major.fields.month'), render: (r: R) => r.month },
          { title: t('major.fields.project'), render: (r: R) => projectLink(r.projectId, r.key, r.name) },
          { title: t('major.fields.kind'), render: (r: R) => <KindTag kind={r.kind} /> },
          { title: t('major.fields.department'), render: (r: R) => r.departmentName ?? '' },
        ];
        return { rows: d.items.map((r) => ({ ...r, rowId: `${r.projectId}${r.month}` })), cols, total: d.total };
      }
      if (type === 'reports') {
        const d = await api.get<DrillReports>(`${BASE}/dashboard/reports`, q);
        type R = DrillReports['items'][number];
        const cols: Col[] = [
          { title: t('major.fields.month'), render: (r: R) => r.month },
          { title: t('major.fields.project'), render: (r: R) => projectLink(r.projectId, r.key, r.name) },
          { title: t('major.fields.monthCompleted'), render: (r: R) => <Amount yuan={r.completed} /> },
          { title: t('major.fields.progress'), render: (r: R) => r.progress },
          { title: t('major.fields.filedBy'), render: (r: R) => r.filedByName },
        ];
        return { rows: d.items.map((r) => ({ ...r, rowId: r.id })), cols, total: d.total };
      }
      if (type === 'supervision') {
        const d = await api.get<Supervision>(`${BASE}/supervision`, q);
        type R = Supervision['items'][number];
        const cols: Col[] = [
          { title: t('major.fields.colour'), render: (r: R) => <ColourTag colour={r.colour} /> },
          { title: t('major.fields.project'), render: (r: R) => projectLink(r.projectId, r.key, r.name) },
          { title: t('major.fields.department'), render: (r: R) => r.departmentName ?? '' },
          { title: t('major.fields.completionRate'), render: (r: R) => <Rate value={r.completionRate} /> },
          {
            title: t('major.fields.reasons'),
            render: (r: R) => (
              <Flex vertical>
                {r.reasons.map((x) => (
                  <span key={x.rule}>{reason(x)}</span>
                ))}
              </Flex>
            ),
          },
        ];
        return { rows: d.items.map((r) => ({ ...r, rowId: r.projectId })), cols, total: d.items.length };
      }
      const d = await api.get<{ items: Issue[]; total: number }>(`${BASE}/issues`, {
        overdue: 'true',
        asOf: scope.asOf,
      });
      type R = Issue;
      const cols: Col[] = [
        { title: t('major.fields.project'), render: (r: R) => projectLink(r.projectId, r.projectKey, r.projectName) },
        {
          title: t('major.fields.issue'),
          render: (r: R) => <Link to={`/major-projects/issues?issue=${r.id}`}>{r.description}</Link>,
        },
        { title: t('major.fields.department'), render: (r: R) => r.departmentName ?? '' },
        { title: t('major.fields.status'), render: (r: R) => <StatusTag status={r.status} /> },
        {
          title: t('major.fields.deadline'),
          render: (r: R) => (
            <span>
              {r.deadline} <Tag color="red">{t('major.issues.overdueDays', { count: r.overdueWorkdays })}</Tag>
            </span>
          ),
        },
      ];
      return { rows: d.items.map((r) => ({ ...r, rowId: r.id })), cols, total: d.total };
    },
  });
}

function DrillTable({ drill, scope }: { drill: Drill; scope: DrillScope }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const q = useDrill(drill, scope);
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const cols = q.data?.cols ?? [];
  // A phone gets one stacked column: each record's fields under one another, nothing cut at the edge.
  const columns: TableColumnsType<Row> = isPhone
    ? [
        {
          key: 'all',
          title: drill.title,
          render: (_, r) => (
            <Flex vertical gap={2}>
              {cols.map((c) => (
                <div key={c.title}>
                  <Typography.Text type="secondary">{c.title}：</Typography.Text>
                  {c.render(r as never)}
                </div>
              ))}
            </Flex>
          ),
        },
      ]
    : cols.map((c) => ({ key: c.title, title: c.title, render: (_: unknown, r: Row) => c.render(r as never) }));
  return (
    <Flex vertical gap={8}>
      {q.data ? (
        <Typography.Text type="secondary" data-testid="drill-total">
          {t('major.dashboard.drillScope', { year: scope.year, through: scope.through, count: q.data.total })}
        </Typography.Text>
      ) : null}
      <Table<Row>
        rowKey="rowId"
        size="small"
        loading={q.isPending}
        columns={columns}
        dataSource={q.data?.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (count) => t('app.total', { count }) }}
      />
    </Flex>
  );
}

/** The records behind a clicked figure, in a drawer over the dashboard; loaded on the first click. */
export default function DrillDrawer({
  drill,
  scope,
  onClose,
}: {
  drill: Drill | null;
  scope: DrillScope;
  onClose: () => void;
}) {
  const isPhone = useIsPhone();
  return (
    <Drawer open={drill !== null} onClose={onClose} title={drill?.title} size={isPhone ? '100%' : 960} destroyOnHidden>
      {drill ? (
        <div data-testid="drill">
          <DrillTable drill={drill} scope={scope} />
        </div>
      ) : null}
    </Drawer>
  );
}
