import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client.ts';
import type { List as ListOf, User } from '../../../api/types.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { BASE, chinaToday, ik, type Lead, type Project, type Saved, useDepartmentOptions } from '../api.ts';
import { amountRule, fromInput, toInput } from '../money.ts';

export type LeadAction = 'assign' | 'close' | 'convert';

/** A modal form that posts to one of the lead's action endpoints; the API's messages land on the fields. */
function ActionModal<V extends object>(props: {
  open: boolean;
  title: string;
  okText: string;
  fields: string[];
  initial: Partial<V>;
  onClose: () => void;
  submit: (v: V) => Promise<unknown>;
  onDone?: (r: unknown) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: props.submit,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ik.all });
      props.onDone?.(r);
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, props.fields)),
  });
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('app.cancel')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && setError(null)}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<V> form={form} layout="vertical" initialValues={props.initial} onFinish={(v) => run.mutate(v)}>
        {props.children}
      </Form>
    </Modal>
  );
}

/** Assign (to a department, or a person when the user may list people), close with a reason, or convert to a project. */
export function LeadActionModal({
  lead,
  action,
  onClose,
}: {
  lead: Lead;
  action: LeadAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const departments = useDepartmentOptions(can('department.read'));
  const users = useQuery({
    queryKey: ['users', {}],
    queryFn: () => api.get<ListOf<User>>('/api/v1/users'),
    enabled: action === 'assign' && can('user.read'),
  });
  const required = [{ required: true, message: t('inv.form.required') }];
  const path = `${BASE}/leads/${lead.id}`;
  if (action === 'assign') {
    return (
      <ActionModal<{ ownerDepartmentId: string | null; ownerUserId: string | null }>
        open
        title={t('inv.leads.assign')}
        okText={t('inv.leads.assign')}
        fields={['ownerDepartmentId', 'ownerUserId']}
        initial={{ ownerDepartmentId: lead.ownerDepartment?.id ?? null, ownerUserId: lead.ownerUser?.id ?? null }}
        onClose={onClose}
        submit={(v) =>
          api.post<Lead>(`${path}/assign`, {
            version: lead.version,
            ownerDepartmentId: v.ownerDepartmentId ?? null,
            ...(can('user.read') ? { ownerUserId: v.ownerUserId ?? null } : {}),
          })
        }
      >
        <Form.Item name="ownerDepartmentId" label={t('inv.leads.ownerDepartment')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
        </Form.Item>
        {can('user.read') ? (
          <Form.Item name="ownerUserId" label={t('inv.leads.ownerUser')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isFetching}
              options={(users.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName}（${u.username}）`,
              }))}
            />
          </Form.Item>
        ) : null}
      </ActionModal>
    );
  }
  if (action === 'close') {
    return (
      <ActionModal<{ reason: string }>
        open
        title={t('inv.leads.close')}
        okText={t('inv.leads.close')}
        fields={['reason']}
        initial={{}}
        onClose={onClose}
        submit={(v) => api.post<Lead>(`${path}/close`, { version: lead.version, reason: v.reason })}
      >
        <Form.Item name="reason" label={t('inv.leads.closeReason')} rules={required}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </ActionModal>
    );
  }
  if (action === 'convert') {
    type V = {
      code: string;
      name: string;
      totalInvestment: string;
      stage: 'negotiating' | 'signed';
      stageOn: string;
      responsiblePerson: string;
    };
    return (
      <ActionModal<V>
        open
        title={t('inv.leads.convert')}
        okText={t('inv.leads.convert')}
        fields={['code', 'name', 'totalInvestment', 'stage', 'stageOn', 'responsiblePerson']}
        initial={{
          name: lead.title,
          totalInvestment: toInput(lead.estimatedInvestment),
          stage: 'negotiating',
          stageOn: chinaToday(),
          responsiblePerson: lead.ownerUser?.name ?? '',
        }}
        onClose={onClose}
        submit={(v) =>
          api.post<{ lead: Lead; project: Saved<Project> }>(`${path}/convert`, {
            version: lead.version,
            code: v.code,
            name: v.name,
            ...(v.totalInvestment ? { totalInvestment: fromInput(v.totalInvestment) } : {}),
            stage: v.stage,
            stageOn: v.stageOn,
            responsiblePerson: v.responsiblePerson ?? '',
          })
        }
        onDone={(r) => {
          const { project: p } = r as { project: Saved<Project> };
          for (const w of p.warnings) void message.warning(w.message, 6);
          void message.success(t('inv.leads.converted', { name: p.name }));
          navigate(`/investment/projects/${p.id}`);
        }}
      >
        <Form.Item name="code" label={t('inv.fields.code')} rules={required}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t('inv.fields.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="totalInvestment"
          label={t('inv.fields.totalInvestmentWan')}
          rules={[amountRule(t('inv.form.amount'))]}
        >
          <Input inputMode="decimal" suffix={t('inv.units.wan')} />
        </Form.Item>
        <Form.Item name="stage" label={t('inv.fields.stage')}>
          <Select
            options={(['negotiating', 'signed'] as const).map((s) => ({ value: s, label: t(`inv.stages.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="stageOn" label={t('inv.fields.stageOn')} rules={required}>
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('inv.fields.responsiblePerson')}>
          <Input maxLength={50} />
        </Form.Item>
      </ActionModal>
    );
  }
  return null;
}
