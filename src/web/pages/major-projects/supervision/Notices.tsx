import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan, useMe } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, chinaToday, mk, type Notice } from '../api.ts';
import { type NoticeDraft, NoticeModal } from './NoticeModal.tsx';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** The department's answer to a notice, recorded by its staff. */
function AnswerModal({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ answer: string; answeredOn: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { answer: string; answeredOn: string }) =>
      api.post<Notice>(`${BASE}/notices/${notice?.id}/answer`, {
        version: notice?.version,
        answer: v.answer.trim(),
        answeredOn: v.answeredOn || undefined,
      }),
    onSuccess: () => {
      void message.success(t('major.notices.answered'));
      void qc.invalidateQueries({ queryKey: mk.all });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['answer', 'answeredOn'])),
  });
  return (
    <Modal
      open={notice !== null}
      title={notice?.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{notice?.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ answer: '', answeredOn: chinaToday() }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="answer" label={t('major.notices.answer')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="answeredOn" label={t('major.notices.answeredOn')}>
          <Input type="date" max={chinaToday()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 督办通知: what was sent to which department, by when it must answer, and the answer. */
export function Notices() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const canWrite = useCan()('major.write');
  const me = useMe();
  // The API takes an answer from the notified department's own staff, or an admin.
  const mayAnswer = (n: Notice) => canWrite && (me.roles.includes('admin') || me.user.departmentId === n.departmentId);
  const [status, setStatus] = useState<'sent' | 'answered' | undefined>(undefined);
  const [answering, setAnswering] = useState<Notice | null>(null);
  const [draft, setDraft] = useState<NoticeDraft | null>(null);
  const q = useQuery({
    queryKey: mk.notices({ status }),
    queryFn: () => api.get<{ items: Notice[]; total: number }>(`${BASE}/notices`, { status }),
  });
  const state = (n: Notice) => (
    <>
      <Tag color={n.status === 'answered' ? 'green' : 'blue'}>{t(`major.notices.statuses.${n.status}`)}</Tag>
      {n.overdue ? <Tag color="red">{t('major.notices.overdue')}</Tag> : null}
    </>
  );
  const about = (n: Notice) =>
    n.projectId ? (
      <Link to={`/major-projects/projects/${n.projectId}`}>
        {n.projectKey} {n.projectName}
      </Link>
    ) : (
      '—'
    );
  const answer = (n: Notice) =>
    n.answer ? (
      <Flex vertical>
        <span>{n.answer}</span>
        <Typography.Text type="secondary">
          {n.answeredByName} · {n.answeredOn}
        </Typography.Text>
      </Flex>
    ) : mayAnswer(n) ? (
      <Button size="small" onClick={() => setAnswering(n)} data-testid="answer-notice">
        {t('major.notices.recordAnswer')}
      </Button>
    ) : null;
  const columns: TableColumnsType<Notice> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.notices.noticeTitle'),
          render: (_, n) => (
            <Flex vertical gap={4}>
              <span>
                <Typography.Text strong>{n.title}</Typography.Text> {state(n)}
              </span>
              <Typography.Text type="secondary">
                {n.departmentName} · {n.sentOn}
                {n.replyBy ? ` → ${n.replyBy}` : ''}
              </Typography.Text>
              {about(n)}
              {answer(n)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'title', title: t('major.notices.noticeTitle'), dataIndex: 'title' },
        { key: 'project', title: t('major.fields.project'), render: (_, n) => about(n) },
        { key: 'department', title: t('major.notices.department'), dataIndex: 'departmentName' },
        {
          key: 'sent',
          title: t('major.notices.sentOn'),
          onCell: nowrap,
          render: (_, n) => (
            <Flex vertical>
              <span>{n.sentOn}</span>
              <Typography.Text type="secondary">{n.sentByName}</Typography.Text>
            </Flex>
          ),
        },
        { key: 'replyBy', title: t('major.notices.replyBy'), onCell: nowrap, render: (_, n) => n.replyBy ?? '—' },
        { key: 'status', title: t('major.fields.status'), render: (_, n) => state(n) },
        { key: 'answer', title: t('major.notices.answer'), render: (_, n) => answer(n) },
      ];
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} justify="space-between">
        <Select
          aria-label={t('major.fields.status')}
          allowClear
          placeholder={t('major.notices.allStatuses')}
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={(['sent', 'answered'] as const).map((s) => ({ value: s, label: t(`major.notices.statuses.${s}`) }))}
        />
        {canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDraft({ projectId: null, departmentId: null, title: '', content: '' })}
          >
            {t('major.notices.send')}
          </Button>
        ) : null}
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      <Table<Notice>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        columns={columns}
        dataSource={q.data?.items}
        data-testid="notices"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <AnswerModal notice={answering} onClose={() => setAnswering(null)} />
      <NoticeModal draft={draft} onClose={() => setDraft(null)} />
    </Flex>
  );
}
