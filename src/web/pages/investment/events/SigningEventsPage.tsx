import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RowActions } from '../../../components/RowActions.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, ik, type List, type SigningEvent, yearOptions } from '../api.ts';
import { Amount, errorText, Usd } from '../ui.tsx';
import { EventDrawer } from './EventDrawer.tsx';

interface Values {
  name: string;
  heldOn: string;
  place: string;
  description: string;
}

function EventForm({ record, open, onClose }: { record: SigningEvent | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name, heldOn: v.heldOn, place: v.place ?? '', description: v.description ?? '' };
      return record
        ? api.patch(`${BASE}/signing-events/${record.id}`, { ...body, version: record.version })
        : api.post(`${BASE}/signing-events`, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ik.all });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['name', 'heldOn', 'place', 'description'])),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={record ? t('inv.events.edit') : t('inv.events.create')}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && setError(null)}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={record ?? {}} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('inv.events.name')}
          rules={[{ required: true, message: t('inv.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="heldOn"
          label={t('inv.events.heldOn')}
          rules={[{ required: true, message: t('inv.form.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="place" label={t('inv.events.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('inv.fields.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 集中签约: ceremonies with the totals of their projects, as the API summed them. */
export default function SigningEventsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [year, setYear] = useState<number | undefined>();
  const [opened, setOpened] = useState<string | null>(null);
  const [editing, setEditing] = useState<SigningEvent | null | undefined>(undefined);
  const list = useQuery({
    queryKey: ik.events({ year }),
    queryFn: () => api.get<List<SigningEvent>>(`${BASE}/signing-events`, { year }),
  });
  const remove = useMutation({
    mutationFn: (e: SigningEvent) => api.delete<void>(`${BASE}/signing-events/${e.id}`, { version: e.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ik.all }),
    onError: (err) => void message.error(errorText(err)),
  });
  const writable = can('investment.write');
  const fields: { key: string; title: string; render: (e: SigningEvent) => ReactNode }[] = [
    { key: 'on', title: t('inv.events.heldOn'), render: (e) => e.heldOn },
    { key: 'place', title: t('inv.events.place'), render: (e) => e.place || '—' },
    { key: 'n', title: t('inv.events.projects'), render: (e) => e.projects },
    {
      key: 'total',
      title: `${t('inv.fields.totalInvestment')}（${t('inv.units.yi')}）`,
      render: (e) => <Amount yuan={e.totalInvestment} unit="yi" bare />,
    },
    {
      key: 'fx',
      title: `${t('inv.fields.foreignInvestmentUsd')}（${t('inv.units.wanUsd')}）`,
      render: (e) => <Usd usd={e.foreignInvestmentUsd} bare />,
    },
    { key: 'big', title: t('inv.figures.signedAtLeast200M'), render: (e) => e.atLeast200M },
    { key: 'top', title: t('inv.figures.signedTop500'), render: (e) => e.top500 },
  ];
  const name = (e: SigningEvent) => (
    <Typography.Link onClick={() => setOpened(e.id)} data-testid="event-open">
      {e.name}
    </Typography.Link>
  );
  const actions = (e: SigningEvent) =>
    writable ? (
      <RowActions
        name={e.name}
        deleted={false}
        onEdit={() => setEditing(e)}
        onDelete={() => remove.mutate(e)}
        onRestore={() => undefined}
      />
    ) : null;
  const columns: TableColumnsType<SigningEvent> = isPhone
    ? [
        {
          key: 'all',
          title: t('inv.events.name'),
          render: (_, e) => (
            <Flex vertical gap={2}>
              {name(e)}
              <Flex wrap gap="2px 12px">
                {fields.map((f) => (
                  <span key={f.key}>
                    <Typography.Text type="secondary">{f.title} </Typography.Text>
                    {f.render(e)}
                  </span>
                ))}
              </Flex>
              {actions(e)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'name', title: t('inv.events.name'), render: (_, e) => name(e) },
        ...fields.map((f) => ({ key: f.key, title: f.title, render: (_: unknown, e: SigningEvent) => f.render(e) })),
        ...(writable
          ? [
              {
                key: 'x',
                title: t('app.actions'),
                fixed: 'right' as const,
                render: (_: unknown, e: SigningEvent) => actions(e),
              },
            ]
          : []),
      ];
  return (
    <>
      <PageHeader
        title={t('inv.events.title')}
        extra={
          <>
            <Select
              allowClear
              aria-label={t('inv.year')}
              placeholder={t('inv.year')}
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={yearOptions().map((y) => ({ value: y, label: String(y) }))}
            />
            {writable ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                {t('inv.events.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<SigningEvent>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <EventDrawer eventId={opened} onClose={() => setOpened(null)} />
      <EventForm record={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}
