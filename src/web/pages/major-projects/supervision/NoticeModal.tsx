import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useDepartments } from '../../../api/queries.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { BASE, chinaToday, mk, type Notice } from '../api.ts';

export interface NoticeDraft {
  projectId: string | null;
  departmentId: string | null;
  title: string;
  content: string;
}

interface Values {
  departmentId: string;
  title: string;
  content: string;
  replyBy: string;
}

/** Send a supervision notice (督办通知) to a department, about a project or in general. */
export function NoticeModal({ draft, onClose }: { draft: NoticeDraft | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const departments = useDepartments({}, draft !== null);
  const send = useMutation({
    mutationFn: (v: Values) =>
      api.post<Notice>(`${BASE}/notices`, {
        projectId: draft?.projectId ?? null,
        departmentId: v.departmentId,
        title: v.title.trim(),
        content: v.content.trim(),
        replyBy: v.replyBy || null,
      }),
    onSuccess: () => {
      void message.success(t('major.notices.sent'));
      void qc.invalidateQueries({ queryKey: mk.all });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['departmentId', 'title', 'content', 'replyBy'])),
  });
  return (
    <Modal
      open={draft !== null}
      title={t('major.notices.send')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('major.notices.sendOk')}
      cancelText={t('app.cancel')}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          departmentId: draft?.departmentId ?? undefined,
          title: draft?.title ?? '',
          content: draft?.content ?? '',
          replyBy: '',
        }}
        onFinish={(v) => {
          setError(null);
          send.mutate(v);
        }}
      >
        <Form.Item
          name="departmentId"
          label={t('major.notices.department')}
          rules={[{ required: true, message: t('major.issues.needDepartment') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('major.notices.noticeTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('major.notices.content')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="replyBy" label={t('major.notices.replyBy')}>
          <Input type="date" min={chinaToday()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
