import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  BASE,
  CHANNELS,
  type Channel,
  chinaToday,
  ik,
  type Project,
  type Saved,
  useDepartmentOptions,
} from '../api.ts';
import { SimilarNames } from '../companies/SimilarNames.tsx';
import { amountRule, fromInput, toInput } from '../money.ts';

interface Values {
  code: string;
  name: string;
  companyName: string;
  companyUscc: string;
  industry: string;
  industryCode: string;
  chain: string;
  channel: Channel;
  referrerDepartmentId: string | null;
  responsibleDepartmentId: string | null;
  responsiblePerson: string;
  totalInvestment: string;
  fixedAssetInvestment: string;
  foreignInvestmentUsd: string;
  landAreaMu: string;
  description: string;
  stage: 'negotiating' | 'signed';
  stageOn: string;
}
const FIELDS = [
  'code',
  'name',
  'companyName',
  'companyUscc',
  'industry',
  'industryCode',
  'chain',
  'channel',
  'referrerDepartmentId',
  'responsibleDepartmentId',
  'responsiblePerson',
  'totalInvestment',
  'fixedAssetInvestment',
  'foreignInvestmentUsd',
  'landAreaMu',
  'description',
  'stage',
  'stageOn',
] as const;

const valuesOf = (p: Project | null): Partial<Values> =>
  p
    ? {
        code: p.code,
        name: p.name,
        companyName: p.company.name,
        companyUscc: p.company.uscc ?? '',
        industry: p.industry,
        industryCode: p.industryCode ?? '',
        chain: p.chain,
        channel: p.channel,
        referrerDepartmentId: p.referrerDepartment?.id ?? null,
        responsibleDepartmentId: p.responsibleDepartment?.id ?? null,
        responsiblePerson: p.responsiblePerson,
        totalInvestment: toInput(p.totalInvestment),
        fixedAssetInvestment: toInput(p.fixedAssetInvestment),
        foreignInvestmentUsd: toInput(p.foreignInvestmentUsd),
        landAreaMu: p.landAreaMu ?? '',
        description: p.description,
      }
    : { channel: 'staff', stage: 'negotiating', stageOn: chinaToday() };

/** Create (record null) or edit a project; the investor is found or created by USCC, else by exact name. */
export function ProjectForm(props: { open: boolean; record: Project | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const departments = useDepartmentOptions(can('department.read'));
  const companyName = Form.useWatch('companyName', form);
  const stage = Form.useWatch('stage', form);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        code: v.code,
        name: v.name,
        industry: v.industry ?? '',
        industryCode: v.industryCode?.trim() || null,
        chain: v.chain ?? '',
        channel: v.channel,
        ...(departments.length
          ? {
              referrerDepartmentId: v.referrerDepartmentId ?? null,
              responsibleDepartmentId: v.responsibleDepartmentId ?? null,
            }
          : {}),
        responsiblePerson: v.responsiblePerson ?? '',
        totalInvestment: fromInput(v.totalInvestment) ?? '0',
        fixedAssetInvestment: fromInput(v.fixedAssetInvestment),
        foreignInvestmentUsd: fromInput(v.foreignInvestmentUsd),
        landAreaMu: v.landAreaMu?.trim() || null,
        description: v.description ?? '',
      };
      const r = props.record;
      return r
        ? api.patch<Saved<Project>>(`${BASE}/projects/${r.id}`, { ...common, version: r.version })
        : api.post<Saved<Project>>(`${BASE}/projects`, {
            ...common,
            companyName: v.companyName,
            companyUscc: v.companyUscc?.trim() || null,
            stage: v.stage,
            stageOn: v.stageOn,
          });
    },
    onSuccess: (p) => {
      void message.success(t('app.saved'));
      for (const w of p.warnings) void message.warning(w.message, 6);
      void qc.invalidateQueries({ queryKey: ik.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });

  const required = [{ required: true, message: t('inv.form.required') }];
  const amount = amountRule(t('inv.form.amount'));
  const half = isPhone ? 24 : 12;
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.record ? t('inv.projects.edit') : t('inv.projects.create')}
      width={640}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={valuesOf(props.record)}
      >
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="code" label={t('inv.fields.code')} rules={required}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="name" label={t('inv.fields.name')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
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
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="channel" label={t('inv.fields.channel')} rules={required}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: t(`inv.channels.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="responsiblePerson" label={t('inv.fields.responsiblePerson')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          {departments.length ? (
            <>
              <Col span={half}>
                <Form.Item name="referrerDepartmentId" label={t('inv.fields.referrer')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
                </Form.Item>
              </Col>
              <Col span={half}>
                <Form.Item name="responsibleDepartmentId" label={t('inv.fields.responsibleDepartment')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col span={half}>
            <Form.Item name="totalInvestment" label={t('inv.fields.totalInvestmentWan')} rules={[...required, amount]}>
              <Input inputMode="decimal" suffix={t('inv.units.wan')} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="fixedAssetInvestment" label={t('inv.fields.fixedAssetInvestment')} rules={[amount]}>
              <Input inputMode="decimal" suffix={t('inv.units.wan')} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="foreignInvestmentUsd" label={t('inv.fields.foreignInvestmentUsd')} rules={[amount]}>
              <Input inputMode="decimal" suffix={t('inv.units.wanUsd')} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="landAreaMu" label={t('inv.fields.landAreaMu')}>
              <Input inputMode="decimal" suffix={t('inv.units.mu')} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="industry" label={t('inv.fields.industry')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="industryCode" label={t('inv.fields.industryCode')}>
              <Input maxLength={5} placeholder="C39" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="chain" label={t('inv.fields.chain')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {props.record ? null : (
            <>
              <Col span={half}>
                <Form.Item name="stage" label={t('inv.fields.stage')}>
                  <Select
                    options={(['negotiating', 'signed'] as const).map((s) => ({
                      value: s,
                      label: t(`inv.stages.${s}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={half}>
                <Form.Item
                  name="stageOn"
                  label={stage === 'signed' ? t('inv.fields.signedOn') : t('inv.fields.stageOn')}
                  rules={required}
                >
                  <Input type="date" max={chinaToday()} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Form.Item name="description" label={t('inv.fields.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
