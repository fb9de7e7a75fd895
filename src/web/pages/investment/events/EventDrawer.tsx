import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, ik, type Project, type SigningEventDetail, useProjects } from '../api.ts';
import { Amount, errorText, ProjectLink, StageTag, Usd } from '../ui.tsx';

/** A ceremony: its totals as the API summed them, its projects; add or take out projects. */
export function EventDrawer({ eventId, onClose }: { eventId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const q = useQuery({
    queryKey: ik.event(eventId ?? ''),
    queryFn: () => api.get<SigningEventDetail>(`${BASE}/signing-events/${eventId}`),
    enabled: eventId !== null,
  });
  const candidates = useProjects({ q: search || undefined, pageSize: 30 }, eventId !== null && can('investment.write'));
  const refresh = () => qc.invalidateQueries({ queryKey: ik.all });
  const onError = (err: Error) => void message.error(errorText(err));
  const attach = useMutation({
    mutationFn: () =>
      api.post<SigningEventDetail>(`${BASE}/signing-events/${eventId}/projects`, { projectIds: picked }),
    onSuccess: () => {
      setPicked([]);
      void refresh();
    },
    onError,
  });
  const detach = useMutation({
    mutationFn: (p: Project) => api.delete<SigningEventDetail>(`${BASE}/signing-events/${eventId}/projects/${p.id}`),
    onSuccess: () => void refresh(),
    onError,
  });
  const e = q.data;
  const inEvent = new Set(e?.items.map((p) => p.id));
  return (
    <Drawer
      open={eventId !== null}
      onClose={onClose}
      title={e?.name}
      size={isPhone ? '100%' : 900}
      destroyOnHidden
      loading={q.isPending && eventId !== null}
    >
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {e ? (
        <Flex vertical gap={16} data-testid="event-drawer">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'on', label: t('inv.events.heldOn'), children: e.heldOn },
              { key: 'place', label: t('inv.events.place'), children: e.place || '—' },
              { key: 'n', label: t('inv.events.projects'), children: e.projects },
              {
                key: 'total',
                label: t('inv.fields.totalInvestment'),
                children: <Amount yuan={e.totalInvestment} unit="yi" />,
              },
              {
                key: 'fx',
                label: t('inv.fields.foreignInvestmentUsd'),
                children: <Usd usd={e.foreignInvestmentUsd} />,
              },
              { key: 'big', label: t('inv.figures.signedAtLeast200M'), children: e.atLeast200M },
              { key: 'top', label: t('inv.figures.signedTop500'), children: e.top500 },
              ...(e.description ? [{ key: 'desc', label: t('inv.fields.description'), children: e.description }] : []),
            ]}
          />
          {can('investment.write') ? (
            <Flex gap={8} wrap>
              <Select
                mode="multiple"
                style={{ flex: 1, minWidth: 220 }}
                placeholder={t('inv.events.addProjects')}
                aria-label={t('inv.events.addProjects')}
                value={picked}
                onChange={setPicked}
                showSearch={{ filterOption: false, onSearch: setSearch }}
                options={(candidates.data?.items ?? [])
                  .filter((p) => !inEvent.has(p.id))
                  .map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              />
              <Button
                type="primary"
                disabled={!picked.length}
                loading={attach.isPending}
                onClick={() => attach.mutate()}
              >
                {t('inv.events.attach')}
              </Button>
            </Flex>
          ) : null}
          <Typography.Text type="secondary">{t('inv.events.attachHelp')}</Typography.Text>
          <Table<Project>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={e.items}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'p', title: t('inv.fields.project'), render: (_, p) => <ProjectLink p={p} /> },
              { key: 'c', title: t('inv.fields.company'), render: (_, p) => p.company.name },
              { key: 's', title: t('inv.fields.stage'), render: (_, p) => <StageTag stage={p.stage} /> },
              {
                key: 'i',
                title: t('inv.fields.totalInvestment'),
                render: (_, p) => <Amount yuan={p.totalInvestment} />,
              },
              ...(can('investment.write')
                ? [
                    {
                      key: 'x',
                      title: '',
                      render: (_: unknown, p: Project) => (
                        <Popconfirm
                          title={t('inv.events.detachConfirm', { name: p.name })}
                          okText={t('app.yes')}
                          cancelText={t('app.no')}
                          onConfirm={() => detach.mutate(p)}
                        >
                          <Button type="link" size="small" danger>
                            {t('inv.events.detach')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}
