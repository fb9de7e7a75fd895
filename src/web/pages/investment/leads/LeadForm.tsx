import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, CHANNELS, type Channel, chinaToday, ik, type Lead, type Saved, useDepartmentOptions } from '../api.ts';
import { SimilarNames } from '../companies/SimilarNames.tsx';
import { amountRule, fromInput, toInput } from '../money.ts';

interface Values {
  companyName: string;
  companyUscc: string;
  title: string;
  description: string;
  estimatedInvestment: string;
  industry: string;
  channel: Channel;
  sourcePerson: string;
  ownerDepartmentId: string | null;
  shared: boolean;
  receivedOn: string;
}
const FIELDS = [
  'companyName',
  'companyUscc',
  'title',
  'description',
  'estimatedInvestment',
  'industry',
  'channel',
  'sourcePerson',
  'ownerDepartmentId',
  'shared',
  'receivedOn',
];

const valuesOf = (l: Lead | null): Partial<Values> =>
  l
    ? {
        companyName: l.company.name,
        companyUscc: l.company.uscc ?? '',
        title: l.title,
        description: l.description,
        estimatedInvestment: toInput(l.estimatedInvestment),
        industry: l.industry,
        channel: l.channel,
        sourcePerson: l.sourcePerson,
        shared: l.shared,
        receivedOn: l.receivedOn,
      }
    : { channel: 'staff', shared: true, receivedOn: chinaToday() };

/** Register a lead (the company found or created by USCC, else name) or edit one; the API warns of duplicates. */
export function LeadForm(props: { open: boolean; record: Lead | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const departments = useDepartmentOptions(can('department.read'));
  const companyName = Form.useWatch('companyName', form);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        title: v.title,
        description: v.description ?? '',
        estimatedInvestment: fromInput(v.estimatedInvestment),
        industry: v.industry ?? '',
        channel: v.channel,
        sourcePerson: v.sourcePerson ?? '',
        shared: v.shared,
        receivedOn: v.receivedOn,
      };
      const r = props.record;
      return r
        ? api.patch<Saved<Lead>>(`${BASE}/leads/${r.id}`, { ...common, version: r.version })
        : api.post<Saved<Lead>>(`${BASE}/leads`, {
            ...common,
            companyName: v.companyName,
            companyUscc: v.companyUscc?.trim() || null,
            ...(v.ownerDepartmentId ? { ownerDepartmentId: v.ownerDepartmentId } : {}),
          });
    },
    onSuccess: (l) => {
      void message.success(t('app.saved'));
      for (const w of l.warnings ?? []) void message.warning(w.message, 6);
      void qc.invalidateQueries({ queryKey: ik.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });
  const required = [{ required: true, message: t('inv.form.required') }];
  const half = isPhone ? 24 : 12;
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.record ? t('inv.leads.edit') : t('inv.leads.create')}
      width={600}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(props.record)}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="companyName" label={t('inv.fields.company')} rules={required}>
              <Input maxLength={200} disabled={props.record !== null} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="companyUscc" label={t('inv.fields.uscc')}>
              <Input maxLength={18} disabled={props.record !== null} />
            </Form.Item>
          </Col>
        </Row>
        {props.record ? null : <SimilarNames name={companyName} />}
        <Form.Item name="title" label={t('inv.leads.intention')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item
              name="estimatedInvestment"
              label={t('inv.leads.estimated')}
              rules={[amountRule(t('inv.form.amount'))]}
            >
              <Input inputMode="decimal" suffix={t('inv.units.wan')} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="industry" label={t('inv.fields.industry')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="channel" label={t('inv.fields.channel')} rules={required}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: t(`inv.channels.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="sourcePerson" label={t('inv.leads.sourcePerson')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="receivedOn" label={t('inv.leads.receivedOn')} rules={required}>
              <Input type="date" max={chinaToday()} />
            </Form.Item>
          </Col>
          {props.record === null && departments.length ? (
            <Col span={half}>
              <Form.Item name="ownerDepartmentId" label={t('inv.leads.ownerDepartment')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item name="description" label={t('inv.fields.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="shared"
          label={t('inv.leads.shared')}
          valuePropName="checked"
          extra={t('inv.leads.sharedHelp')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
