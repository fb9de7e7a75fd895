import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Progress, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatAmount, formatRate } from '../../../components/amount.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RowActions } from '../../../components/RowActions.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, currentYear, ik, type Target, yearOptions } from '../api.ts';
import { useAgencyOnly } from '../InvestmentRoutes.tsx';
import { errorText } from '../ui.tsx';
import { TargetForm } from './TargetForm.tsx';

const MEASURES = ['leads', 'signedProjects', 'signedInvestment', 'landedProjects', 'foreignCapitalUsd'] as const;
type Measure = (typeof MEASURES)[number];

/** One measure: actual of target as the API computed them, and the rate (— when no target was set). */
function MeasureCell({ m, value }: { m: Measure; value: Target[Measure] }) {
  const show = (v: number | string) =>
    m === 'signedInvestment'
      ? formatAmount(String(v), 'yi')
      : m === 'foreignCapitalUsd'
        ? formatAmount(String(v), 'wan')
        : v;
  return (
    <Flex vertical gap={0}>
      <span style={{ whiteSpace: 'nowrap' }} data-testid={`measure-${m}`}>
        {show(value.actual)} / {show(value.target)}
      </span>
      <Typography.Text type={value.rate !== null && value.rate >= 1 ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
        {formatRate(value.rate)}
      </Typography.Text>
    </Flex>
  );
}

/** 任务书: each unit's yearly targets with progress from the records, completion rate and ranking. */
export default function TargetsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const agencyOnly = useAgencyOnly();
  const qc = useQueryClient();
  const [year, setYear] = useState(currentYear());
  const [editing, setEditing] = useState<Target | null | undefined>(undefined);
  const q = useQuery({
    queryKey: ik.targets(year),
    queryFn: () => api.get<{ year: number; items: Target[] }>(`${BASE}/targets`, { year }),
  });
  const remove = useMutation({
    mutationFn: (x: Target) => api.delete<void>(`${BASE}/targets/${x.id}`, { version: x.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ik.all }),
    onError: (err) => void message.error(errorText(err)),
  });
  const writable = can('investment.write') && can('department.read') && !agencyOnly;
  const items = [...(q.data?.items ?? [])].sort((a, b) => a.rank - b.rank);
  const completion = (x: Target) => (
    <Progress
      percent={Math.min(100, x.completionRate * 100)}
      format={() => formatRate(x.completionRate)}
      size="small"
      style={{ width: 130, marginBottom: 0 }}
      status={x.completionRate >= 1 ? 'success' : 'normal'}
    />
  );
  const unit = (x: Target) => (
    <Flex gap={6} align="center">
      <Tag color={x.rank <= 3 ? 'gold' : 'default'} data-testid="rank">
        {x.rank}
      </Tag>
      <Typography.Text strong>{x.department.name}</Typography.Text>
      {x.department.kind === 'agency' ? <Tag>{t('inv.targets.agency')}</Tag> : null}
    </Flex>
  );
  const actions = (x: Target) =>
    writable ? (
      <RowActions
        name={x.department.name}
        deleted={false}
        onEdit={() => setEditing(x)}
        onDelete={() => remove.mutate(x)}
        onRestore={() => undefined}
      />
    ) : null;
  const measureCols: { key: Measure; title: string; render: (x: Target) => ReactNode }[] = MEASURES.map((m) => ({
    key: m,
    title:
      m === 'signedInvestment'
        ? `${t(`inv.targets.measures.${m}`)}（${t('inv.units.yi')}）`
        : m === 'foreignCapitalUsd'
          ? `${t(`inv.targets.measures.${m}`)}（${t('inv.units.wanUsd')}）`
          : t(`inv.targets.measures.${m}`),
    render: (x) => <MeasureCell m={m} value={x[m]} />,
  }));
  const columns: TableColumnsType<Target> = isPhone
    ? [
        {
          key: 'all',
          title: t('inv.targets.ranking'),
          render: (_, x) => (
            <Flex vertical gap={4}>
              {unit(x)}
              {completion(x)}
              <Flex wrap gap="4px 16px">
                {measureCols.map((c) => (
                  <div key={c.key}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.title}
                    </Typography.Text>
                    {c.render(x)}
                  </div>
                ))}
              </Flex>
              {actions(x)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'unit', title: t('inv.targets.ranking'), render: (_, x) => unit(x) },
        { key: 'rate', title: t('inv.targets.completionRate'), render: (_, x) => completion(x) },
        ...measureCols.map((c) => ({ key: c.key, title: c.title, render: (_: unknown, x: Target) => c.render(x) })),
        ...(writable
          ? [
              {
                key: 'x',
                title: t('app.actions'),
                fixed: 'right' as const,
                render: (_: unknown, x: Target) => actions(x),
              },
            ]
          : []),
      ];
  return (
    <>
      <PageHeader
        title={t('inv.targets.title')}
        extra={
          <>
            <Select
              aria-label={t('inv.year')}
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={yearOptions().map((y) => ({ value: y, label: t('inv.yearN', { year: y }) }))}
            />
            {writable ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                {t('inv.targets.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('inv.targets.help')}</Typography.Paragraph>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<Target>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        columns={columns}
        dataSource={items}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        pagination={false}
        data-testid="targets"
      />
      <TargetForm
        open={editing !== undefined}
        year={year}
        record={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
