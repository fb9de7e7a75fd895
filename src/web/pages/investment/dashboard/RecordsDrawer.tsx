import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatAmount } from '../../../components/amount.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  type Channel,
  type Figure,
  type FigureRecords,
  type ForeignCapital,
  ik,
  type Project,
  RECORDS,
  type Stage,
} from '../api.ts';
import { Amount, ChannelText, ProjectLink, StageTag, Usd } from '../ui.tsx';

/** Which records to list: a figure of the summary, narrowed to a chart segment. */
export interface Drill {
  figure: Figure;
  title: string;
  channel?: Channel;
  stage?: Stage;
  /** '' is the projects with no industry filled in. */
  industry?: string;
}

const PAGE_SIZE = 50;

interface Col<R> {
  key: string;
  title: string;
  render: (r: R) => ReactNode;
}

function useProjectCols(): Col<Project>[] {
  const { t } = useTranslation();
  return [
    { key: 'project', title: t('inv.fields.project'), render: (r) => <ProjectLink p={r} /> },
    { key: 'company', title: t('inv.fields.company'), render: (r) => r.company.name },
    { key: 'channel', title: t('inv.fields.channel'), render: (r) => <ChannelText channel={r.channel} /> },
    { key: 'industry', title: t('inv.fields.industry'), render: (r) => r.industry },
    { key: 'signedOn', title: t('inv.fields.signedOn'), render: (r) => r.signedOn },
    { key: 'stage', title: t('inv.fields.stage'), render: (r) => <StageTag stage={r.stage} /> },
    { key: 'total', title: t('inv.fields.totalInvestment'), render: (r) => <Amount yuan={r.totalInvestment} /> },
  ];
}

function useArrivalCols(): Col<ForeignCapital>[] {
  const { t } = useTranslation();
  return [
    { key: 'code', title: t('inv.fields.arrivalCode'), render: (r) => r.code },
    {
      key: 'project',
      title: t('inv.fields.project'),
      render: (r) => <ProjectLink p={{ id: r.projectId, code: r.projectCode, name: r.projectName }} />,
    },
    { key: 'arrivedOn', title: t('inv.fields.arrivedOn'), render: (r) => r.arrivedOn },
    { key: 'amount', title: t('inv.fields.amountUsd'), render: (r) => <Usd usd={r.amountUsd} /> },
  ];
}

/** A table that stacks each record's fields in one column on a phone, so nothing is cut at the edge. */
function RecordTable<R extends { id: string }>(props: {
  cols: Col<R>[];
  rows: R[] | undefined;
  total: number;
  loading: boolean;
  page: number;
  onPage: (p: number) => void;
  title: string;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: TableColumnsType<R> = isPhone
    ? [
        {
          key: 'all',
          title: props.title,
          render: (_, r) => (
            <Flex vertical gap={2}>
              {props.cols.map((c) => (
                <div key={c.key}>
                  <Typography.Text type="secondary">{c.title}：</Typography.Text>
                  {c.render(r)}
                </div>
              ))}
            </Flex>
          ),
        },
      ]
    : props.cols.map((c) => ({ key: c.key, title: c.title, render: (_: unknown, r: R) => c.render(r) }));
  return (
    <Table<R>
      rowKey="id"
      size="small"
      loading={props.loading}
      columns={columns}
      dataSource={props.rows}
      scroll={isPhone ? undefined : { x: 'max-content' }}
      pagination={{
        current: props.page,
        pageSize: PAGE_SIZE,
        total: props.total,
        hideOnSinglePage: true,
        showSizeChanger: false,
        onChange: props.onPage,
        showTotal: (count) => t('app.total', { count }),
      }}
    />
  );
}

function Records({ drill, from, to }: { drill: Drill; from: string; to: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const projectCols = useProjectCols();
  const arrivalCols = useArrivalCols();
  const q = useQuery({
    queryKey: ik.records({ ...drill, from, to, page }),
    queryFn: () => {
      // Built here, not by the client: an empty industry ('' = none filled in) is a real filter.
      const p = new URLSearchParams({
        from,
        to,
        figure: drill.figure,
        page: String(page),
        pageSize: String(PAGE_SIZE),
      });
      if (drill.channel) p.set('channel', drill.channel);
      if (drill.stage) p.set('stage', drill.stage);
      if (drill.industry !== undefined) p.set('industry', drill.industry);
      return api.get<FigureRecords>(`${RECORDS}?${p}`);
    },
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const d = q.data;
  const usd = drill.figure === 'foreignCapitalUtilisedUsd';
  const sum = d
    ? usd
      ? `${formatAmount(d.sum, 'wan')} ${t('inv.units.wanUsd')}`
      : `${formatAmount(d.sum, 'yi')} ${t('inv.units.yi')}`
    : '';
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" data-testid="drill-total">
        {t('inv.dashboard.recordsScope', { from, to, count: d?.total ?? 0, sum })}
      </Typography.Text>
      {usd ? (
        <RecordTable
          cols={arrivalCols}
          rows={d?.arrivals}
          total={d?.total ?? 0}
          loading={q.isFetching}
          page={page}
          onPage={setPage}
          title={drill.title}
        />
      ) : (
        <RecordTable
          cols={projectCols}
          rows={d?.projects}
          total={d?.total ?? 0}
          loading={q.isFetching}
          page={page}
          onPage={setPage}
          title={drill.title}
        />
      )}
    </Flex>
  );
}

/** The records behind a clicked figure or chart segment, in a drawer over the dashboard. */
export function RecordsDrawer(props: { drill: Drill | null; from: string; to: string; onClose: () => void }) {
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={props.drill !== null}
      onClose={props.onClose}
      title={props.drill?.title}
      size={isPhone ? '100%' : 1000}
      destroyOnHidden
    >
      {props.drill ? (
        <div data-testid="drill">
          <Records drill={props.drill} from={props.from} to={props.to} />
        </div>
      ) : null}
    </Drawer>
  );
}
