import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Flex, Modal, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RowActions, RowButton } from '../../../components/RowActions.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { useSoftDelete } from '../../../components/useSoftDelete.ts';
import { BASE, COMPANY_TAGS, type Company, type CompanyTag, ik, type List } from '../api.ts';
import { useAgencyOnly } from '../InvestmentRoutes.tsx';
import { CompanyTags, errorText, Top500Tags } from '../ui.tsx';
import { CompanyForm } from './CompanyForm.tsx';

const PAGE_SIZE = 20;

/** Merge another company into this one: its leads, projects, visits and 500强 entries move here. */
function MergeModal({ target, onClose }: { target: Company | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [sourceId, setSourceId] = useState<string | undefined>();
  const options = useQuery({
    queryKey: ik.companies({ q: search, merge: true }),
    queryFn: () => api.get<List<Company>>(`${BASE}/companies`, { q: search || undefined, pageSize: 30 }),
    enabled: target !== null,
  });
  const merge = useMutation({
    mutationFn: () =>
      api.post<Company>(`${BASE}/companies/${target?.id}/merge`, { sourceId, version: target?.version }),
    onSuccess: () => {
      void message.success(t('inv.companies.merged'));
      void qc.invalidateQueries({ queryKey: ik.all });
      setSourceId(undefined);
      onClose();
    },
  });
  return (
    <Modal
      open={target !== null}
      onCancel={onClose}
      title={target ? t('inv.companies.mergeTitle', { name: target.name }) : null}
      okText={t('inv.companies.merge')}
      okButtonProps={{ danger: true, disabled: !sourceId }}
      cancelText={t('app.cancel')}
      confirmLoading={merge.isPending}
      onOk={() => merge.mutate()}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('inv.companies.mergeHelp')}</Typography.Text>
        {merge.error ? <Alert type="error" showIcon title={errorText(merge.error)} /> : null}
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          aria-label={t('inv.companies.mergeSource')}
          placeholder={t('inv.companies.mergeSource')}
          value={sourceId}
          onChange={setSourceId}
          loading={options.isFetching}
          options={(options.data?.items ?? [])
            .filter((c) => c.id !== target?.id)
            .map((c) => ({ value: c.id, label: `${c.name}${c.uscc ? `（${c.uscc}）` : ''}` }))}
          data-testid="merge-source"
        />
      </Flex>
    </Modal>
  );
}

/** 企业库: companies with USCC, 500强 lists and tags; create, edit, merge duplicates. */
export default function CompaniesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const agencyOnly = useAgencyOnly();
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<CompanyTag | undefined>();
  const [top500, setTop500] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Company | null | undefined>(undefined);
  const [merging, setMerging] = useState<Company | null>(null);
  const query = {
    q: q || undefined,
    tag,
    top500: top500 || undefined,
    includeDeleted: deleted || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ik.companies(query),
    queryFn: () => api.get<List<Company>>(`${BASE}/companies`, query),
  });
  const { remove, restore } = useSoftDelete(`${BASE}/companies`, 'inv');
  const writable = can('investment.write');
  // Creating and merging are zone-wide: the API refuses agencies.
  const zoneWrites = writable && !agencyOnly;

  const fields: { key: string; title: string; render: (c: Company) => ReactNode }[] = [
    { key: 'uscc', title: t('inv.fields.uscc'), render: (c) => c.uscc ?? '—' },
    {
      key: 'industry',
      title: t('inv.fields.industry'),
      render: (c) => [c.industry, c.industryCode].filter(Boolean).join(' · ') || '—',
    },
    { key: 'region', title: t('inv.companies.region'), render: (c) => c.region || '—' },
    {
      key: 'counts',
      title: t('inv.companies.counts'),
      render: (c) => t('inv.companies.countsN', { leads: c.leads, projects: c.projects }),
    },
  ];
  const name = (c: Company) => (
    <Flex vertical gap={2}>
      <Typography.Text strong>{c.name}</Typography.Text>
      {c.tags.length || c.top500.length ? (
        <span>
          <Top500Tags lists={c.top500} />
          <CompanyTags tags={c.tags} />
        </span>
      ) : null}
    </Flex>
  );
  const actions = (c: Company) =>
    writable ? (
      <RowActions
        name={c.name}
        deleted={c.deletedAt !== null}
        onEdit={() => setEditing(c)}
        onDelete={() => remove.mutate(c)}
        onRestore={() => restore.mutate(c)}
        extra={
          zoneWrites ? (
            <RowButton text={t('inv.companies.merge')} icon={<MergeCellsOutlined />} onClick={() => setMerging(c)} />
          ) : null
        }
      />
    ) : null;
  const columns: TableColumnsType<Company> = isPhone
    ? [
        {
          key: 'all',
          title: t('inv.companies.name'),
          render: (_, c) => (
            <Flex vertical gap={2}>
              {name(c)}
              {fields.map((f) => (
                <div key={f.key}>
                  <Typography.Text type="secondary">{f.title}：</Typography.Text>
                  {f.render(c)}
                </div>
              ))}
              {actions(c)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'name', title: t('inv.companies.name'), render: (_, c) => name(c) },
        ...fields.map((f) => ({ key: f.key, title: f.title, render: (_: unknown, c: Company) => f.render(c) })),
        ...(writable ? [{ key: 'x', title: t('app.actions'), render: (_: unknown, c: Company) => actions(c) }] : []),
      ];
  return (
    <>
      <PageHeader
        title={t('inv.companies.title')}
        extra={
          <ListToolbar
            placeholder={t('inv.companies.search')}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            showDeleted={deleted}
            onShowDeleted={setDeleted}
            createLabel={t('inv.companies.create')}
            onCreate={zoneWrites ? () => setEditing(null) : undefined}
          >
            <Select
              allowClear
              aria-label={t('inv.companies.tags')}
              placeholder={t('inv.companies.tags')}
              value={tag}
              onChange={(v) => {
                setTag(v);
                setPage(1);
              }}
              style={{ width: 130 }}
              options={COMPANY_TAGS.map((x) => ({ value: x, label: t(`inv.tags.${x}`) }))}
            />
            <Checkbox checked={top500} onChange={(e) => setTop500(e.target.checked)}>
              {t('inv.fields.top500')}
            </Checkbox>
          </ListToolbar>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<Company>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items}
        rowClassName={(c) => (c.deletedAt ? 'gx-row-deleted' : '')}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (count) => t('app.total', { count }),
        }}
      />
      <CompanyForm open={editing !== undefined} record={editing ?? null} onClose={() => setEditing(undefined)} />
      <MergeModal target={merging} onClose={() => setMerging(null)} />
    </>
  );
}
