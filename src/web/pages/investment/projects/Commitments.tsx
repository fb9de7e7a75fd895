import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  BASE,
  COMMITMENT_METRICS,
  type Commitment,
  type CommitmentMetric,
  currentYear,
  ik,
  type List,
  USD_METRICS,
} from '../api.ts';
import { CommitmentTable } from '../commitments/CommitmentTable.tsx';
import { amountRule, fromInput } from '../money.ts';

interface Values {
  metric: CommitmentMetric;
  year: number;
  target: string;
  actual: string;
  note: string;
}

/** 对赌: the project's promised yearly figures, actuals and shortfalls; a line to add one. */
export function Commitments({ projectId, writable }: { projectId: string; writable: boolean }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const metric = Form.useWatch('metric', form);
  const q = useQuery({
    queryKey: ik.sub(projectId, 'commitments'),
    queryFn: () => api.get<List<Commitment>>(`${BASE}/projects/${projectId}/commitments`),
  });
  const add = useMutation({
    mutationFn: (v: Values) =>
      api.post<Commitment>(`${BASE}/projects/${projectId}/commitments`, {
        metric: v.metric,
        year: v.year,
        target: fromInput(v.target) ?? '0',
        actual: fromInput(v.actual),
        note: v.note ?? '',
      }),
    onSuccess: () => {
      form.resetFields();
      setError(null);
      void qc.invalidateQueries({ queryKey: ik.all });
    },
    onError: (err) => setError(applyApiError(form, err, ['metric', 'year', 'target', 'actual', 'note'])),
  });
  const unit = metric && USD_METRICS.includes(metric) ? t('inv.units.wanUsd') : t('inv.units.wan');
  const amount = amountRule(t('inv.form.amount'));
  return (
    <Flex vertical gap={12}>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      <CommitmentTable items={q.data?.items} loading={q.isFetching} writable={writable} />
      {writable ? (
        <>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          <Form<Values>
            form={form}
            layout={isPhone ? 'vertical' : 'inline'}
            initialValues={{ metric: 'tax', year: currentYear() }}
            onFinish={(v) => add.mutate(v)}
          >
            <Form.Item name="metric" label={t('inv.commitments.metric')}>
              <Select
                style={{ width: 140 }}
                options={COMMITMENT_METRICS.map((m) => ({ value: m, label: t(`inv.metrics.${m}`) }))}
              />
            </Form.Item>
            <Form.Item name="year" label={t('inv.commitments.year')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item
              name="target"
              label={t('inv.commitments.target')}
              rules={[{ required: true, message: t('inv.form.required') }, amount]}
            >
              <Input inputMode="decimal" suffix={unit} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="actual" label={t('inv.commitments.actual')} rules={[amount]}>
              <Input inputMode="decimal" suffix={unit} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" type="primary" loading={add.isPending}>
                {t('inv.commitments.add')}
              </Button>
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Flex>
  );
}
