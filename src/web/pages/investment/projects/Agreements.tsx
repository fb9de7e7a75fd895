import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { sendFile } from '../../../components/upload.ts';
import { AGREEMENT_KINDS, type Agreement, type AgreementKind, BASE, ik } from '../api.ts';
import { errorText } from '../ui.tsx';

interface Values {
  kind: AgreementKind;
  title: string;
  signedOn: string;
  note: string;
}

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function NewAgreement({ projectId, open, onClose }: { projectId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Agreement>(`${BASE}/projects/${projectId}/agreements`, {
        kind: v.kind,
        title: v.title,
        signedOn: v.signedOn || null,
        note: v.note ?? '',
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ik.sub(projectId, 'agreements') });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['kind', 'title', 'signedOn', 'note'])),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('inv.agreements.create')}
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
        initialValues={{ kind: 'investment' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t('inv.agreements.kind')}>
          <Select options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`inv.agreementKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('inv.agreements.title')}
          rules={[{ required: true, message: t('inv.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="signedOn" label={t('inv.agreements.signedOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('inv.agreements.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The project's agreements (framework, investment, supplementary) with their files. */
export function Agreements({ projectId, writable }: { projectId: string; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const key = ik.sub(projectId, 'agreements');
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ items: Agreement[] }>(`${BASE}/projects/${projectId}/agreements`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const onError = (err: Error) => void message.error(errorText(err));
  const upload = useMutation({
    mutationFn: ({ a, file }: { a: Agreement; file: File }) =>
      sendFile<Agreement>(`${BASE}/agreements/${a.id}/files`, file),
    onSuccess: () => {
      void message.success(t('inv.agreements.uploaded'));
      void refresh();
    },
    onError,
  });
  const removeFile = useMutation({
    mutationFn: (id: string) => api.delete<void>(`${BASE}/files/${id}`),
    onSuccess: () => void refresh(),
    onError,
  });
  const removeAgreement = useMutation({
    mutationFn: (a: Agreement) => api.delete<void>(`${BASE}/agreements/${a.id}`, { version: a.version }),
    onSuccess: () => void refresh(),
    onError,
  });

  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (q.isPending) return <Spin />;
  return (
    <Flex vertical gap={12}>
      {writable ? (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('inv.agreements.create')}
          </Button>
        </div>
      ) : null}
      {q.data.items.length ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {q.data.items.map((a) => (
        <Card
          key={a.id}
          size="small"
          data-testid="agreement"
          title={
            <Flex gap={8} align="center" wrap>
              <Tag color="blue">{t(`inv.agreementKinds.${a.kind}`)}</Tag>
              <span style={{ whiteSpace: 'normal' }}>{a.title}</span>
            </Flex>
          }
          extra={
            writable ? (
              <Popconfirm
                title={t('app.confirmDelete', { name: a.title })}
                okText={t('app.yes')}
                cancelText={t('app.no')}
                onConfirm={() => removeAgreement.mutate(a)}
              >
                <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('app.delete')} />
              </Popconfirm>
            ) : null
          }
        >
          <Flex vertical gap={6}>
            <Typography.Text type="secondary">
              {t('inv.agreements.signedOn')}：{a.signedOn ?? '—'}
              {a.note ? ` · ${a.note}` : ''}
            </Typography.Text>
            {a.files.map((f) => (
              <Flex key={f.id} gap={8} align="center" wrap>
                <PaperClipOutlined />
                <a href={`${BASE}/files/${f.id}`} download={f.filename}>
                  {f.filename}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {kb(f.size)} · {f.uploadedBy}
                </Typography.Text>
                {writable ? (
                  <Popconfirm
                    title={t('app.confirmDelete', { name: f.filename })}
                    okText={t('app.yes')}
                    cancelText={t('app.no')}
                    onConfirm={() => removeFile.mutate(f.id)}
                  >
                    <Button type="link" size="small" danger>
                      {t('app.delete')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ))}
            {writable ? (
              <Upload
                showUploadList={false}
                accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd"
                beforeUpload={(file) => {
                  upload.mutate({ a, file });
                  return false;
                }}
              >
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  loading={upload.isPending && upload.variables?.a.id === a.id}
                >
                  {t('inv.agreements.upload')}
                </Button>
              </Upload>
            ) : null}
          </Flex>
        </Card>
      ))}
      <NewAgreement projectId={projectId} open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
