import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { DEPARTMENT_KINDS, type Department, type DepartmentKind } from '../../api/types.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { applyApiError, isStale } from '../../components/formErrors.ts';

interface Values {
  name: string;
  kind: DepartmentKind;
  description: string;
  sortOrder: number;
}
const FIELDS = ['name', 'kind', 'description', 'sortOrder'] as const;

const valuesOf = (d: Department | null): Values =>
  d
    ? { name: d.name, kind: d.kind, description: d.description, sortOrder: d.sortOrder }
    : { name: '', kind: 'internal', description: '', sortOrder: 0 };

/** Create (record null) or edit a department in a drawer; the API's messages land on their fields. */
export function DepartmentForm(props: {
  open: boolean;
  record: Department | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // The version this form edits; a reload after a 409 moves it forward.
  const [base, setBase] = useState<Department | null>(props.record);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);

  // The drawer destroys its form when hidden, so initialValues fill each opening; only local state resets here.
  useEffect(() => {
    if (!props.open) return;
    setBase(props.record);
    setError(null);
  }, [props.open, props.record]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, sortOrder: v.sortOrder ?? 0, description: v.description ?? '' };
      return base
        ? api.patch<Department>(`/api/v1/departments/${base.id}`, { ...body, version: base.version })
        : api.post<Department>('/api/v1/departments', body);
    },
    onSuccess: () => props.onSaved(),
    onError: (err) => {
      const text = applyApiError(form, err, FIELDS);
      setError(text ? { text, stale: isStale(err) } : null);
    },
  });

  const reload = useMutation({
    mutationFn: () => api.get<Department>(`/api/v1/departments/${base?.id}`),
    onSuccess: (fresh) => {
      setBase(fresh);
      setError(null);
      form.setFieldsValue(valuesOf(fresh));
    },
    onError: (err) => setError({ text: err.message, stale: false }),
  });

  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.record ? t('departments.edit') : t('departments.create')}
      width={480}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
      onReload={() => reload.mutate()}
      reloading={reload.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={valuesOf(props.record)}
      >
        <Form.Item required name="name" label={t('departments.name')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('departments.kind')}>
          <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`departments.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('departments.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('departments.sortOrder')}>
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
