import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, chinaToday, type ForeignCapital, ik, type List, type Project } from '../api.ts';
import { amountRule, fromInput } from '../money.ts';
import { errorText, Usd } from '../ui.tsx';

interface Values {
  arrivedOn: string;
  amount: string;
  note: string;
}

/** 到位外资: the project's arrivals in US dollars by date, and a line to add one. */
export function ForeignCapitalCard({ project, writable }: { project: Project; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ik.sub(project.id, 'foreign'),
    queryFn: () =>
      api.get<List<ForeignCapital> & { totalUsd: string }>(`${BASE}/foreign-capital`, {
        projectId: project.id,
        pageSize: 500,
      }),
  });
  // Arrivals change the project's total and the dashboard's figure too.
  const refresh = () => qc.invalidateQueries({ queryKey: ik.all });
  const add = useMutation({
    mutationFn: (v: Values) =>
      api.post<ForeignCapital>(`${BASE}/projects/${project.id}/foreign-capital`, {
        arrivedOn: v.arrivedOn,
        amountUsd: fromInput(v.amount),
        note: v.note ?? '',
      }),
    onSuccess: () => {
      form.resetFields();
      setError(null);
      void refresh();
    },
    onError: (err) => setError(applyApiError(form, err, ['arrivedOn', 'note'])),
  });
  const remove = useMutation({
    mutationFn: (f: ForeignCapital) => api.delete<void>(`${BASE}/foreign-capital/${f.id}`, { version: f.version }),
    onSuccess: () => void refresh(),
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Flex vertical gap={12}>
      <Typography.Text data-testid="foreign-total">
        {t('inv.foreign.summary', { count: q.data?.total ?? 0 })}
        <Usd usd={q.data?.totalUsd ?? '0'} />
        {project.foreignInvestmentUsd ? (
          <Typography.Text type="secondary">
            {' '}
            · {t('inv.fields.foreignInvestmentUsd')} <Usd usd={project.foreignInvestmentUsd} />
          </Typography.Text>
        ) : null}
      </Typography.Text>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      <Table<ForeignCapital>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={false}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        columns={[
          { key: 'on', title: t('inv.fields.arrivedOn'), dataIndex: 'arrivedOn' },
          { key: 'amount', title: t('inv.fields.amountUsd'), render: (_, f) => <Usd usd={f.amountUsd} /> },
          ...(isPhone ? [] : [{ key: 'code', title: t('inv.fields.arrivalCode'), dataIndex: 'code' }]),
          { key: 'note', title: t('inv.agreements.note'), dataIndex: 'note' },
          ...(writable
            ? [
                {
                  key: 'x',
                  title: '',
                  render: (_: unknown, f: ForeignCapital) => (
                    <Popconfirm
                      title={t('app.confirmDelete', { name: f.code })}
                      okText={t('app.yes')}
                      cancelText={t('app.no')}
                      onConfirm={() => remove.mutate(f)}
                    >
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('app.delete')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {writable ? (
        <>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          <Form<Values>
            form={form}
            layout={isPhone ? 'vertical' : 'inline'}
            initialValues={{ arrivedOn: chinaToday() }}
            onFinish={(v) => add.mutate(v)}
          >
            <Form.Item
              name="arrivedOn"
              label={t('inv.fields.arrivedOn')}
              rules={[{ required: true, message: t('inv.form.required') }]}
            >
              <Input type="date" max={chinaToday()} />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('inv.fields.amountUsd')}
              rules={[{ required: true, message: t('inv.form.required') }, amountRule(t('inv.form.amount'))]}
            >
              <Input inputMode="decimal" suffix={t('inv.units.wanUsd')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="note" label={t('inv.agreements.note')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" type="primary" loading={add.isPending}>
                {t('inv.foreign.add')}
              </Button>
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Flex>
  );
}
