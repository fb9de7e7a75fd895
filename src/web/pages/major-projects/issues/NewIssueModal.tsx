import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useDepartments } from '../../../api/queries.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { CATEGORY_LIST, type Issue, type IssueCategory, mk, projectPath } from '../api.ts';

interface Values {
  description: string;
  category: IssueCategory;
  departmentId?: string;
}

/** Raise an issue on a project; it waits to be assigned (待交办). */
export function NewIssueModal(props: {
  projectId: string;
  open: boolean;
  onClose: () => void;
  onCreated?: (i: Issue) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const seesDepartments = useCan()('department.read');
  const departments = useDepartments({}, props.open && seesDepartments);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Issue>(`${projectPath(props.projectId)}/issues`, {
        description: v.description.trim(),
        category: v.category,
        departmentId: v.departmentId ?? null,
      }),
    onSuccess: (issue) => {
      void message.success(t('major.issues.raised'));
      void qc.invalidateQueries({ queryKey: mk.all });
      props.onCreated?.(issue);
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['description', 'category', 'departmentId'])),
  });
  return (
    <Modal
      open={props.open}
      title={t('major.issues.raise')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ category: 'other' }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item
          name="description"
          label={t('major.fields.issue')}
          rules={[{ required: true, whitespace: true, message: t('major.issues.needDescription') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="category" label={t('major.fields.category')}>
          <Select options={CATEGORY_LIST.map((c) => ({ value: c, label: t(`major.categories.${c}`) }))} />
        </Form.Item>
        {seesDepartments ? (
          <Form.Item name="departmentId" label={t('major.fields.responsible')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
