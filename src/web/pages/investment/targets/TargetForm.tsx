import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { BASE, ik, type Target, useDepartmentOptions } from '../api.ts';
import { amountRule, fromInput, toInput } from '../money.ts';

interface Values {
  departmentId: string;
  leads: number;
  signedProjects: number;
  signedInvestment: string;
  landedProjects: number;
  foreignCapitalUsd: string;
  note: string;
}
const FIELDS = [
  'departmentId',
  'leads',
  'signedProjects',
  'signedInvestment',
  'landedProjects',
  'foreignCapitalUsd',
  'note',
];

/** Set a department's or agency's targets for the year; progress is never typed in. */
export function TargetForm(props: { open: boolean; year: number; record: Target | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const departments = useDepartmentOptions(props.open);
  const r = props.record;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        leads: v.leads ?? 0,
        signedProjects: v.signedProjects ?? 0,
        signedInvestment: fromInput(v.signedInvestment, 'yi') ?? '0',
        landedProjects: v.landedProjects ?? 0,
        foreignCapitalUsd: fromInput(v.foreignCapitalUsd) ?? '0',
        note: v.note ?? '',
      };
      return r
        ? api.patch<Target>(`${BASE}/targets/${r.id}`, { ...body, version: r.version })
        : api.post<Target>(`${BASE}/targets`, { ...body, year: props.year, departmentId: v.departmentId });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ik.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });
  const count = <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />;
  return (
    <Modal
      open={props.open}
      onCancel={props.onClose}
      title={
        r
          ? t('inv.targets.editTitle', { name: r.department.name, year: r.year })
          : t('inv.targets.createTitle', { year: props.year })
      }
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && setError(null)}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          r
            ? {
                leads: Number(r.leads.target),
                signedProjects: Number(r.signedProjects.target),
                signedInvestment: toInput(String(r.signedInvestment.target), 'yi'),
                landedProjects: Number(r.landedProjects.target),
                foreignCapitalUsd: toInput(String(r.foreignCapitalUsd.target)),
                note: r.note,
              }
            : { leads: 0, signedProjects: 0, landedProjects: 0 }
        }
      >
        {r ? null : (
          <Form.Item
            name="departmentId"
            label={t('inv.targets.department')}
            rules={[{ required: true, message: t('inv.form.required') }]}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={departments} />
          </Form.Item>
        )}
        <Form.Item name="leads" label={t('inv.targets.measures.leads')}>
          {count}
        </Form.Item>
        <Form.Item name="signedProjects" label={t('inv.targets.measures.signedProjects')}>
          {count}
        </Form.Item>
        <Form.Item
          name="signedInvestment"
          label={t('inv.targets.measures.signedInvestment')}
          rules={[amountRule(t('inv.form.amount'), 'yi')]}
        >
          <Input inputMode="decimal" suffix={t('inv.units.yi')} />
        </Form.Item>
        <Form.Item name="landedProjects" label={t('inv.targets.measures.landedProjects')}>
          {count}
        </Form.Item>
        <Form.Item
          name="foreignCapitalUsd"
          label={t('inv.targets.measures.foreignCapitalUsd')}
          rules={[amountRule(t('inv.form.amount'))]}
        >
          <Input inputMode="decimal" suffix={t('inv.units.wanUsd')} />
        </Form.Item>
        <Form.Item name="note" label={t('inv.agreements.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
