import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Divider, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDepartments } from '../../../api/queries.ts';
import { FormDrawer, type FormError } from '../../../components/FormDrawer.tsx';
import { applyApiError, isStale } from '../../../components/formErrors.ts';
import { useCan, useMe } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { chinaToday, currentYear, mk, type ProjectDetail } from '../api.ts';
import { PlanRows, TaskForceRows } from './ListRows.tsx';
import { formFields, type Values, valuesOf, yuanOf } from './projectFormValues.ts';
import { createProject, FieldsError, updateProject } from './saveProject.ts';

/**
 * Create (record null) or edit a public major project: its own fields, its yearly
 * list entries and its task force (专班). The API's messages land on the fields.
 */
export function ProjectForm(props: { open: boolean; record: ProjectDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const can = useCan();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<FormError>(null);
  const departments = (useDepartments({}, can('department.read')).data?.items ?? []).map((d) => ({
    value: d.id,
    label: d.name,
  }));
  useEffect(() => {
    if (!props.open) return;
    setError(null);
    // The form instance outlives the drawer: start from the record each time it opens.
    form.resetFields();
  }, [props.open, form]);

  const save = useMutation({
    mutationFn: (v: Values) => (props.record ? updateProject(props.record, v) : createProject(v)),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: mk.all });
      if (props.record) {
        void message.success(t('app.saved'));
      } else {
        void message.success(t('major.form.created', { name: p.name }));
        navigate(`/major-projects/projects/${p.id}`);
      }
      props.onClose();
    },
    onError: (err) => {
      void qc.invalidateQueries({ queryKey: mk.all });
      const saved = err instanceof FieldsError ? err.saved : null;
      const cause = err instanceof FieldsError ? err.cause : err;
      const rest = applyApiError(form, cause, formFields(form.getFieldsValue(true) as Values));
      if (saved && !props.record) {
        // The project exists now: go on editing it there rather than create it twice.
        void message.warning(t('major.form.partlySaved', { error: rest ?? '' }), 8);
        navigate(`/major-projects/projects/${saved}`);
        props.onClose();
        return;
      }
      const text = rest && saved ? t('major.form.partlySaved', { error: rest }) : rest;
      setError(text && isStale(cause) ? { text: t('app.stale'), stale: true } : text);
    },
  });

  const required = (field: string) => [{ required: true, message: t('major.form.required', { field }) }];
  const half = isPhone ? 24 : 12;
  const amount = {
    validator: (_: unknown, v: string | undefined) =>
      !v || yuanOf(v) !== '' ? Promise.resolve() : Promise.reject(new Error(t('major.form.badAmount'))),
  };
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.record ? t('major.form.edit') : t('major.form.create')}
      width={720}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: mk.all });
        props.onClose();
      }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate({ ...form.getFieldsValue(true), ...v })}
        initialValues={valuesOf(props.record, { departmentId: me.user.departmentId ?? null, year: currentYear() })}
        data-testid="major-project-form"
      >
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="key" label={t('major.fields.key')} rules={required(t('major.fields.key'))}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="name" label={t('major.form.name')} rules={required(t('major.form.name'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="builder" label={t('major.fields.builder')} rules={required(t('major.fields.builder'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="totalInvestment"
              label={t('major.withUnit', { title: t('major.fields.totalInvestment'), unit: t('major.units.wan') })}
              rules={[...required(t('major.fields.totalInvestment')), amount]}
            >
              <Input inputMode="decimal" suffix={t('major.units.wan')} />
            </Form.Item>
          </Col>
          {departments.length ? (
            <Col span={half}>
              <Form.Item name="departmentId" label={t('major.fields.department')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={half}>
            <Form.Item name="location" label={t('major.fields.location')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="plannedStartDate" label={t('major.fields.plannedStart')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="actualStartDate" label={t('major.fields.actualStart')}>
              <Input type="date" max={chinaToday()} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('major.fields.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Divider titlePlacement="start">{t('major.form.plans')}</Divider>
        <PlanRows />
        <Divider titlePlacement="start">{t('major.form.taskForce')}</Divider>
        <TaskForceRows departments={departments} />
      </Form>
    </FormDrawer>
  );
}
