import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { type Milestone, mk, projectPath } from '../api.ts';

interface Values {
  plannedDate: string;
  actualDate: string;
  note: string;
}

function EditMilestone(props: { projectId: string; milestone: Milestone | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const m = props.milestone;
  const save = useMutation({
    mutationFn: (v: Values) =>
      request<unknown>('PUT', `${projectPath(props.projectId)}/milestones/${m?.kind}`, {
        body: {
          plannedDate: v.plannedDate || null,
          actualDate: v.actualDate || null,
          note: v.note ?? '',
          ...(m && m.version > 0 ? { version: m.version } : {}),
        },
      }),
    onSuccess: () => {
      void message.success(t('app.saved'));
      void qc.invalidateQueries({ queryKey: mk.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['plannedDate', 'actualDate', 'note'])),
  });
  return (
    <Modal
      open={m !== null}
      title={m ? t('major.project.editMilestone', { name: t(`major.milestones.${m.kind}`) }) : ''}
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
        initialValues={{ plannedDate: m?.plannedDate ?? '', actualDate: m?.actualDate ?? '', note: m?.note ?? '' }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="plannedDate" label={t('major.fields.plannedDate')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="actualDate" label={t('major.fields.actualDate')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('major.fields.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Land, start, structure, completion, operation: planned and actual dates with delays in Chinese working days. */
export function MilestoneTimeline({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const canEdit = useCan()('major.write');
  const [editing, setEditing] = useState<Milestone | null>(null);
  const q = useQuery({
    queryKey: mk.sub(projectId, 'milestones'),
    queryFn: () => api.get<{ items: Milestone[]; asOf: string }>(`${projectPath(projectId)}/milestones`),
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const items = q.data?.items ?? [];
  const delay = (m: Milestone) => {
    if (m.delayWorkdays === null) return null;
    if (m.delayWorkdays > 0) {
      return (
        <Tag color="red">
          {m.actualDate
            ? t('major.project.lateBy', { count: m.delayWorkdays })
            : t('major.project.overdueBy', { count: m.delayWorkdays })}
        </Tag>
      );
    }
    if (m.delayWorkdays < 0) return <Tag color="green">{t('major.project.earlyBy', { count: -m.delayWorkdays })}</Tag>;
    return <Tag color="green">{t('major.project.onTime')}</Tag>;
  };
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('major.project.workdaysNote', { date: q.data?.asOf ?? '' })}
      </Typography.Paragraph>
      <Timeline
        data-testid="milestones"
        items={items.map((m) => ({
          key: m.kind,
          color: m.actualDate ? 'green' : m.late ? 'red' : m.plannedDate ? 'blue' : 'gray',
          content: (
            <Flex vertical gap={2} data-testid={`milestone-${m.kind}`}>
              <span>
                <Typography.Text strong>{t(`major.milestones.${m.kind}`)}</Typography.Text>
                {canEdit ? (
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('app.edit')}
                    onClick={() => setEditing(m)}
                  />
                ) : null}
              </span>
              <Flex wrap gap="0 16px">
                <span>
                  {t('major.fields.planned')} {m.plannedDate ?? '—'}
                </span>
                <span>
                  {t('major.fields.actual')} {m.actualDate ?? '—'}
                </span>
              </Flex>
              <Flex wrap gap={4} align="center">
                {delay(m)}
                {m.sincePreviousWorkdays !== null ? (
                  <Tag>{t('major.project.sincePrevious', { count: m.sincePreviousWorkdays })}</Tag>
                ) : null}
              </Flex>
              {m.note ? <Typography.Text type="secondary">{m.note}</Typography.Text> : null}
            </Flex>
          ),
        }))}
      />
      <EditMilestone projectId={projectId} milestone={editing} onClose={() => setEditing(null)} />
    </>
  );
}
