import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Segmented, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, CHANNELS, type Channel, ik, LEAD_STATUSES, type Lead, type LeadStatus, type List } from '../api.ts';
import { Amount, ChannelText } from '../ui.tsx';
import { LeadDrawer } from './LeadDrawer.tsx';
import { LeadForm } from './LeadForm.tsx';
import { LeadStatusTag } from './LeadStatusTag.tsx';

const PAGE_SIZE = 20;
type Scope = 'all' | 'mine' | 'unclaimed';

/** 线索: shared and own leads, who owns each, the next follow-up; a lead opens in a drawer. */
export default function LeadsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const [status, setStatus] = useState<LeadStatus | undefined>();
  const [channel, setChannel] = useState<Channel | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Lead | null | undefined>(undefined);
  const openId = params.get('lead');
  const setOpen = (id: string | null) =>
    setParams(
      (old) => {
        const n = new URLSearchParams(old);
        if (id) n.set('lead', id);
        else n.delete('lead');
        return n;
      },
      { replace: true },
    );
  const query = {
    q: q || undefined,
    status,
    channel,
    mine: scope === 'mine' || undefined,
    unclaimed: scope === 'unclaimed' || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ik.leads(query),
    queryFn: () => api.get<List<Lead>>(`${BASE}/leads`, query),
    placeholderData: keepPreviousData,
  });
  const reset = () => setPage(1);

  const fields: { key: string; title: string; render: (l: Lead) => ReactNode }[] = [
    { key: 'company', title: t('inv.fields.company'), render: (l) => l.company.name },
    { key: 'status', title: t('inv.leads.status'), render: (l) => <LeadStatusTag status={l.status} /> },
    { key: 'est', title: t('inv.leads.estimated'), render: (l) => <Amount yuan={l.estimatedInvestment} /> },
    { key: 'channel', title: t('inv.fields.channel'), render: (l) => <ChannelText channel={l.channel} /> },
    {
      key: 'owner',
      title: t('inv.leads.owner'),
      render: (l) =>
        [l.ownerDepartment?.name, l.ownerUser?.name].filter(Boolean).join(' · ') || (
          <Tag color="orange">{t('inv.leads.unclaimed')}</Tag>
        ),
    },
    {
      key: 'follow',
      title: t('inv.leads.followups'),
      render: (l) =>
        t('inv.leads.followupSummary', { count: l.followups, last: l.lastFollowupOn ?? '—', next: l.nextOn ?? '—' }),
    },
  ];
  const title = (l: Lead) => (
    <Typography.Link onClick={() => setOpen(l.id)} data-testid="lead-open">
      {l.title}
    </Typography.Link>
  );
  const columns: TableColumnsType<Lead> = isPhone
    ? [
        {
          key: 'all',
          title: t('inv.leads.intention'),
          render: (_, l) => (
            <Flex vertical gap={2}>
              {title(l)}
              {fields.map((f) => (
                <div key={f.key}>
                  <Typography.Text type="secondary">{f.title}：</Typography.Text>
                  {f.render(l)}
                </div>
              ))}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'title', title: t('inv.leads.intention'), render: (_, l) => title(l) },
        ...fields.map((f) => ({ key: f.key, title: f.title, render: (_: unknown, l: Lead) => f.render(l) })),
      ];
  return (
    <>
      <PageHeader
        title={t('inv.leads.title')}
        extra={
          can('investment.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="lead-create">
              {t('inv.leads.create')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented<Scope>
          value={scope}
          onChange={(v) => {
            setScope(v);
            reset();
          }}
          options={(['all', 'mine', 'unclaimed'] as const).map((s) => ({
            value: s,
            label: t(`inv.leads.scopes.${s}`),
          }))}
        />
        <Input.Search
          allowClear
          placeholder={t('inv.leads.search')}
          aria-label={t('app.search')}
          onSearch={(v) => {
            setQ(v.trim());
            reset();
          }}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          aria-label={t('inv.leads.status')}
          placeholder={t('inv.leads.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          style={{ width: 120 }}
          options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`inv.leadStatuses.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('inv.fields.channel')}
          placeholder={t('inv.fields.channel')}
          value={channel}
          onChange={(v) => {
            setChannel(v);
            reset();
          }}
          style={{ width: 150 }}
          options={CHANNELS.map((c) => ({ value: c, label: t(`inv.channels.${c}`) }))}
        />
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<Lead>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items}
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
      <LeadDrawer leadId={openId} onClose={() => setOpen(null)} onEdit={(l) => setEditing(l)} />
      <LeadForm open={editing !== undefined} record={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
