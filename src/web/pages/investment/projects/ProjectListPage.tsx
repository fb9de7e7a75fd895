import { AppstoreOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RowActions } from '../../../components/RowActions.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { useSoftDelete } from '../../../components/useSoftDelete.ts';
import {
  BASE,
  CHANNELS,
  type Channel,
  PIPELINE,
  type Project,
  type ProjectQuery,
  type Stage,
  useDepartmentOptions,
  useProjects,
} from '../api.ts';
import { useAgencyOnly } from '../InvestmentRoutes.tsx';
import { Amount, ChannelText, ProjectLink, StageTag } from '../ui.tsx';
import { ProjectForm } from './ProjectForm.tsx';

const PAGE_SIZE = 20;

/** 项目 list with filters (stage, channel, department, signing dates, words), its total and the project form. */
export default function ProjectListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const agencyOnly = useAgencyOnly();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Project | null | undefined>(undefined);
  const departments = useDepartmentOptions(can('department.read'));
  const q: ProjectQuery = {
    q: params.get('q') ?? undefined,
    stage: (params.get('stage') as Stage | null) ?? undefined,
    channel: (params.get('channel') as Channel | null) ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    signedFrom: params.get('signedFrom') ?? undefined,
    signedTo: params.get('signedTo') ?? undefined,
    includeDeleted: params.get('deleted') === '1' || undefined,
    sort: (params.get('sort') as ProjectQuery['sort']) ?? 'code',
    page: Number(params.get('page')) || 1,
    pageSize: PAGE_SIZE,
  };
  const set = (k: string, v: string | undefined) =>
    setParams(
      (old) => {
        const n = new URLSearchParams(old);
        if (v) n.set(k, v);
        else n.delete(k);
        if (k !== 'page') n.delete('page');
        return n;
      },
      { replace: true },
    );
  const list = useProjects(q);
  const { remove, restore } = useSoftDelete(`${BASE}/projects`, 'inv');
  const writable = can('investment.write');

  const fields: { key: string; title: string; render: (p: Project) => ReactNode }[] = [
    { key: 'company', title: t('inv.fields.company'), render: (p) => p.company.name },
    { key: 'stage', title: t('inv.fields.stage'), render: (p) => <StageTag stage={p.stage} /> },
    { key: 'channel', title: t('inv.fields.channel'), render: (p) => <ChannelText channel={p.channel} /> },
    {
      key: 'total',
      title: `${t('inv.fields.totalInvestment')}（${t('inv.units.wan')}）`,
      render: (p) => <Amount yuan={p.totalInvestment} bare={!isPhone} />,
    },
    { key: 'signedOn', title: t('inv.fields.signedOn'), render: (p) => p.signedOn ?? '—' },
    { key: 'referrer', title: t('inv.fields.referrer'), render: (p) => p.referrerDepartment?.name ?? '—' },
  ];
  const actions = (p: Project) =>
    writable ? (
      <RowActions
        name={p.name}
        deleted={p.deletedAt !== null}
        onEdit={() => setEditing(p)}
        onDelete={() => remove.mutate(p)}
        onRestore={() => restore.mutate(p)}
      />
    ) : null;
  const columns: TableColumnsType<Project> = isPhone
    ? [
        {
          key: 'all',
          title: t('inv.fields.project'),
          render: (_, p) => (
            <Flex vertical gap={2}>
              <ProjectLink p={p} />
              <Flex wrap gap="2px 10px">
                {fields.map((f) => (
                  <span key={f.key}>{f.render(p)}</span>
                ))}
              </Flex>
              {actions(p)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'project', title: t('inv.fields.project'), render: (_, p) => <ProjectLink p={p} /> },
        ...fields.map((f) => ({ key: f.key, title: f.title, render: (_: unknown, p: Project) => f.render(p) })),
        ...(writable
          ? [
              {
                key: 'actions',
                title: t('app.actions'),
                fixed: 'right' as const,
                render: (_: unknown, p: Project) => actions(p),
              },
            ]
          : []),
      ];

  return (
    <>
      <PageHeader
        title={t('inv.projects.title')}
        extra={
          <ListToolbar
            placeholder={t('inv.projects.search')}
            onSearch={(v) => set('q', v || undefined)}
            showDeleted={q.includeDeleted === true}
            onShowDeleted={(v) => set('deleted', v ? '1' : undefined)}
            createLabel={t('inv.projects.create')}
            onCreate={writable ? () => setEditing(null) : undefined}
          >
            <Link to="/investment/pipeline">
              <Button icon={<AppstoreOutlined />}>{t('inv.projects.boardView')}</Button>
            </Link>
          </ListToolbar>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('inv.fields.stage')}
          placeholder={t('inv.fields.stage')}
          value={q.stage}
          onChange={(v) => set('stage', v)}
          style={{ width: 120 }}
          options={PIPELINE.map((s) => ({ value: s, label: t(`inv.stages.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('inv.fields.channel')}
          placeholder={t('inv.fields.channel')}
          value={q.channel}
          onChange={(v) => set('channel', v)}
          style={{ width: 150 }}
          options={CHANNELS.map((c) => ({ value: c, label: t(`inv.channels.${c}`) }))}
        />
        {departments.length && !agencyOnly ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('inv.fields.department')}
            placeholder={t('inv.fields.department')}
            value={q.departmentId}
            onChange={(v) => set('departmentId', v)}
            style={{ width: 200 }}
            options={departments}
          />
        ) : null}
        <Flex gap={4} align="center">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('inv.fields.signedOn')}
          </Typography.Text>
          <Input
            type="date"
            aria-label={t('inv.projects.signedFrom')}
            value={q.signedFrom ?? ''}
            onChange={(e) => set('signedFrom', e.target.value || undefined)}
            style={{ width: isPhone ? 132 : 150 }}
          />
          <span>–</span>
          <Input
            type="date"
            aria-label={t('inv.projects.signedTo')}
            value={q.signedTo ?? ''}
            onChange={(e) => set('signedTo', e.target.value || undefined)}
            style={{ width: isPhone ? 132 : 150 }}
          />
        </Flex>
        <Select
          aria-label={t('inv.projects.sort')}
          value={q.sort}
          onChange={(v) => set('sort', v)}
          style={{ width: 140 }}
          options={(['code', 'signedOn', 'totalInvestment', 'updatedAt'] as const).map((s) => ({
            value: s,
            label: t(`inv.projects.sorts.${s}`),
          }))}
        />
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      {list.data ? (
        <Typography.Paragraph type="secondary" data-testid="projects-total">
          {t('inv.projects.total', { count: list.data.total })}
          <Amount yuan={list.data.totalInvestment} unit="yi" />
        </Typography.Paragraph>
      ) : null}
      <Table<Project>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items}
        rowClassName={(p) => (p.deletedAt ? 'gx-row-deleted' : '')}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        pagination={{
          current: q.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => set('page', String(page)),
        }}
      />
      <ProjectForm open={editing !== undefined} record={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
