import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { RowButton } from '../../../components/RowActions.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, type Commitment, ik } from '../api.ts';
import { amountRule, fromInput, toInput } from '../money.ts';
import { Amount, errorText, ProjectLink, Usd } from '../ui.tsx';

const STATUS_COLOURS = { met: 'green', shortfall: 'red', pending: 'default', missing: 'orange' } as const;

/** An amount of a commitment in its currency: 万元 or 万美元. */
export function CommitmentAmount({ c, value }: { c: Commitment; value: string | null }) {
  return c.currency === 'USD' ? <Usd usd={value} /> : <Amount yuan={value} />;
}

export function StatusTag({ status }: { status: Commitment['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="commitment-status">
      {t(`inv.commitmentStatuses.${status}`)}
    </Tag>
  );
}

interface Values {
  target: string;
  actual: string;
  note: string;
}

/** Enter the year's actual (or correct the target): the API decides met or short. */
function ActualModal({ c, onClose }: { c: Commitment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.patch<Commitment>(`${BASE}/commitments/${c?.id}`, {
        version: c?.version,
        target: fromInput(v.target) ?? '0',
        actual: fromInput(v.actual),
        note: v.note ?? '',
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ik.all });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['target', 'actual', 'note'])),
  });
  const unit = c?.currency === 'USD' ? t('inv.units.wanUsd') : t('inv.units.wan');
  const amount = amountRule(t('inv.form.amount'));
  return (
    <Modal
      open={c !== null}
      onCancel={onClose}
      title={c ? `${c.project.name} · ${t(`inv.metrics.${c.metric}`)} · ${c.year}` : null}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {c ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ target: toInput(c.target), actual: toInput(c.actual), note: c.note }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            name="target"
            label={t('inv.commitments.target')}
            rules={[{ required: true, message: t('inv.form.required') }, amount]}
          >
            <Input inputMode="decimal" suffix={unit} />
          </Form.Item>
          <Form.Item name="actual" label={t('inv.commitments.actual')} rules={[amount]}>
            <Input inputMode="decimal" suffix={unit} data-testid="commitment-actual" />
          </Form.Item>
          <Form.Item name="note" label={t('inv.agreements.note')}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

/** Commitments with their status as the API judged it; on a phone, each one stacked in a single column. */
export function CommitmentTable(props: {
  items: Commitment[] | undefined;
  loading: boolean;
  writable: boolean;
  showProject?: boolean;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (p: number) => void };
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Commitment | null>(null);
  const remove = useMutation({
    mutationFn: (c: Commitment) => api.delete<void>(`${BASE}/commitments/${c.id}`, { version: c.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ik.all }),
    onError: (err) => void message.error(errorText(err)),
  });
  const fields: { key: string; title: string; render: (c: Commitment) => ReactNode }[] = [
    ...(props.showProject
      ? [{ key: 'project', title: t('inv.fields.project'), render: (c: Commitment) => <ProjectLink p={c.project} /> }]
      : []),
    { key: 'metric', title: t('inv.commitments.metric'), render: (c) => `${c.year} · ${t(`inv.metrics.${c.metric}`)}` },
    { key: 'target', title: t('inv.commitments.target'), render: (c) => <CommitmentAmount c={c} value={c.target} /> },
    { key: 'actual', title: t('inv.commitments.actual'), render: (c) => <CommitmentAmount c={c} value={c.actual} /> },
    {
      key: 'shortfall',
      title: t('inv.commitments.shortfall'),
      render: (c) =>
        c.shortfall ? (
          <Typography.Text type="danger">
            <CommitmentAmount c={c} value={c.shortfall} />
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'status', title: t('inv.commitments.status'), render: (c) => <StatusTag status={c.status} /> },
  ];
  const actions = (c: Commitment) =>
    props.writable ? (
      <Space size={0}>
        <RowButton text={t('inv.commitments.enter')} icon={<EditOutlined />} onClick={() => setEditing(c)} />
        <Popconfirm
          title={t('app.confirmDelete', { name: t(`inv.metrics.${c.metric}`) })}
          okText={t('app.yes')}
          cancelText={t('app.no')}
          onConfirm={() => remove.mutate(c)}
        >
          <RowButton text={t('app.delete')} icon={<DeleteOutlined />} danger />
        </Popconfirm>
      </Space>
    ) : null;
  const columns: TableColumnsType<Commitment> = isPhone
    ? [
        {
          key: 'all',
          title: t('inv.project.commitments'),
          render: (_, c) => (
            <Flex vertical gap={2}>
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
        ...fields.map((f) => ({ key: f.key, title: f.title, render: (_: unknown, c: Commitment) => f.render(c) })),
        ...(props.writable
          ? [{ key: 'x', title: t('app.actions'), render: (_: unknown, c: Commitment) => actions(c) }]
          : []),
      ];
  return (
    <>
      <Table<Commitment>
        rowKey="id"
        size="small"
        loading={props.loading}
        columns={columns}
        dataSource={props.items}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        pagination={props.pagination ? { ...props.pagination, hideOnSinglePage: true, showSizeChanger: false } : false}
        rowClassName={(c) => (c.status === 'shortfall' ? 'gx-row-shortfall' : '')}
        data-testid="commitments"
      />
      <ActualModal c={editing} onClose={() => setEditing(null)} />
    </>
  );
}
