import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useDepartments } from '../../../api/queries.ts';
import { toYuan } from '../../../components/amount.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  currentYear,
  type Kind,
  type Level,
  BASE as MAJOR,
  type ProjectDetail as MajorProject,
  mk,
} from '../../major-projects/api.ts';
import { PlanFields } from '../../major-projects/projects/PlanFields.tsx';
import { ik, type ProjectDetail } from '../api.ts';

interface Values {
  plan: { year: number; levels: Level[]; kind: Kind; annualPlan: string };
  departmentId?: string | null;
  plannedStartDate?: string;
}
const FIELDS = ['plan.year', 'plan.levels', 'plan.kind', 'plan.annualPlan', 'departmentId', 'plannedStartDate'];

/**
 * 列入重大项目清单: the year's list entry for a signed investment project; key, name,
 * investor, total investment and stage history come from the project itself.
 */
export function FromInvestmentDrawer(props: { open: boolean; project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const p = props.project;
  const departments = useDepartments({}, can('department.read')).data?.items ?? [];
  useEffect(() => {
    if (!props.open) return;
    setError(null);
    form.resetFields();
  }, [props.open, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<MajorProject>(`${MAJOR}/from-investment`, {
        investmentProjectId: p.id,
        plan: { ...v.plan, annualPlan: toYuan(v.plan.annualPlan.trim(), 'wan') },
        // Without the departments to pick from, the API takes the investment project's.
        ...(departments.length ? { departmentId: v.departmentId ?? null } : {}),
        plannedStartDate: v.plannedStartDate || null,
      }),
    onSuccess: () => {
      void message.success(t('major.fromInvestment.done'));
      void qc.invalidateQueries({ queryKey: ik.all });
      void qc.invalidateQueries({ queryKey: mk.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });

  const kind = Form.useWatch(['plan', 'kind'], form);
  const half = isPhone ? 24 : 12;
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={t('major.fromInvestment.title')}
      width={640}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('major.fromInvestment.hint', { code: p.code, name: p.name })}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          plan: { year: currentYear(), levels: ['zone'], kind: 'continuing', annualPlan: '' },
          departmentId: p.responsibleDepartment?.id ?? null,
        }}
        data-testid="from-investment-form"
      >
        <PlanFields prefix={['plan']} />
        <Row gutter={12}>
          {departments.length ? (
            <Col span={half}>
              <Form.Item name="departmentId" label={t('major.fields.department')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={departments.map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={half}>
            <Form.Item
              name="plannedStartDate"
              label={t('major.fields.plannedStart')}
              rules={kind === 'new' ? [{ required: true, message: t('major.form.needPlannedStart') }] : []}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
