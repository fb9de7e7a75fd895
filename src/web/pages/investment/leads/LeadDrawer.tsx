import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Form, Input, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, chinaToday, type Followup, ik, type Lead } from '../api.ts';
import { Amount, ChannelText, errorText } from '../ui.tsx';
import { type LeadAction, LeadActionModal } from './LeadActions.tsx';
import { LeadStatusTag } from './LeadStatusTag.tsx';

interface FollowupValues {
  happenedOn: string;
  content: string;
  nextStep: string;
  nextOn: string;
}

function Followups({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<FollowupValues>();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ik.followups(lead.id),
    queryFn: () => api.get<{ items: Followup[] }>(`${BASE}/leads/${lead.id}/followups`),
  });
  const add = useMutation({
    mutationFn: (v: FollowupValues) =>
      api.post<{ items: Followup[] }>(`${BASE}/leads/${lead.id}/followups`, {
        happenedOn: v.happenedOn,
        content: v.content,
        nextStep: v.nextStep ?? '',
        nextOn: v.nextOn || null,
      }),
    onSuccess: () => {
      form.resetFields();
      setError(null);
      void qc.invalidateQueries({ queryKey: ['inv', 'leads'] });
    },
    onError: (err) => setError(applyApiError(form, err, ['happenedOn', 'content', 'nextStep', 'nextOn'])),
  });
  const items = q.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('inv.leads.followups')}
      </Typography.Title>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {items.length ? (
        <Timeline
          data-testid="followups"
          items={[...items]
            .sort((a, b) => b.happenedOn.localeCompare(a.happenedOn))
            .map((f) => ({
              key: f.id,
              content: (
                <Flex vertical gap={2}>
                  <Typography.Text strong>
                    {f.happenedOn} · {f.actorName}
                  </Typography.Text>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{f.content}</span>
                  {f.nextStep || f.nextOn ? (
                    <Typography.Text type="secondary">
                      {t('inv.leads.nextStep')}：{f.nextStep} {f.nextOn ?? ''}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inv.leads.noFollowups')} />
      )}
      {lead.canEdit && lead.status !== 'converted' && lead.status !== 'closed' ? (
        <>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          <Form<FollowupValues>
            form={form}
            layout="vertical"
            initialValues={{ happenedOn: chinaToday() }}
            onFinish={(v) => add.mutate(v)}
          >
            <Form.Item
              name="happenedOn"
              label={t('inv.leads.followupOn')}
              rules={[{ required: true, message: t('inv.form.required') }]}
            >
              <Input type="date" max={chinaToday()} />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('inv.leads.followupContent')}
              rules={[{ required: true, message: t('inv.form.required') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} data-testid="followup-content" />
            </Form.Item>
            <Form.Item name="nextStep" label={t('inv.leads.nextStep')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item name="nextOn" label={t('inv.leads.nextOn')}>
              <Input type="date" />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={add.isPending} data-testid="followup-add">
              {t('inv.leads.addFollowup')}
            </Button>
          </Form>
        </>
      ) : null}
    </Flex>
  );
}

/** One lead: who brought it, who owns it, its follow-ups; claim, assign, close or convert it. */
export function LeadDrawer({
  leadId,
  onClose,
  onEdit,
}: {
  leadId: string | null;
  onClose: () => void;
  onEdit: (l: Lead) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [action, setAction] = useState<LeadAction | null>(null);
  const claim = useMutation({
    mutationFn: (l: Lead) => api.post<Lead>(`${BASE}/leads/${l.id}/claim`),
    onSuccess: () => {
      void message.success(t('inv.leads.claimed'));
      void qc.invalidateQueries({ queryKey: ik.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  // Fetched here, so a claim or an assignment shows at once.
  const q = useQuery({
    queryKey: ['inv', 'leads', 'one', leadId],
    queryFn: () => api.get<Lead>(`${BASE}/leads/${leadId}`),
    enabled: leadId !== null,
  });
  const lead = leadId ? (q.data ?? null) : null;
  const open = leadId !== null;
  const live = lead && lead.status !== 'converted' && lead.status !== 'closed';
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={lead?.title}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      loading={q.isPending && open}
    >
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {lead ? (
        <Flex vertical gap={16} data-testid="lead-drawer">
          <Flex gap={8} wrap>
            {live && !lead.ownerUser ? (
              <Button
                type="primary"
                onClick={() => claim.mutate(lead)}
                loading={claim.isPending}
                data-testid="lead-claim"
              >
                {t('inv.leads.claim')}
              </Button>
            ) : null}
            {live && lead.canEdit ? (
              <>
                <Button onClick={() => setAction('assign')}>{t('inv.leads.assign')}</Button>
                <Button onClick={() => setAction('convert')} data-testid="lead-convert">
                  {t('inv.leads.convert')}
                </Button>
                <Button onClick={() => onEdit(lead)}>{t('app.edit')}</Button>
                <Button danger onClick={() => setAction('close')}>
                  {t('inv.leads.close')}
                </Button>
              </>
            ) : null}
            {lead.projectId ? (
              <Link to={`/investment/projects/${lead.projectId}`}>{t('inv.leads.openProject')}</Link>
            ) : null}
          </Flex>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'status', label: t('inv.leads.status'), children: <LeadStatusTag status={lead.status} /> },
              {
                key: 'company',
                label: t('inv.fields.company'),
                children: `${lead.company.name}${lead.company.uscc ? `（${lead.company.uscc}）` : ''}`,
              },
              { key: 'est', label: t('inv.leads.estimated'), children: <Amount yuan={lead.estimatedInvestment} /> },
              { key: 'industry', label: t('inv.fields.industry'), children: lead.industry || '—' },
              { key: 'channel', label: t('inv.fields.channel'), children: <ChannelText channel={lead.channel} /> },
              {
                key: 'source',
                label: t('inv.leads.source'),
                children: [lead.sourcePerson, lead.sourceDepartment?.name].filter(Boolean).join(' · ') || '—',
              },
              {
                key: 'owner',
                label: t('inv.leads.owner'),
                children: [lead.ownerDepartment?.name, lead.ownerUser?.name].filter(Boolean).join(' · ') || (
                  <Tag color="orange">{t('inv.leads.unclaimed')}</Tag>
                ),
              },
              { key: 'received', label: t('inv.leads.receivedOn'), children: lead.receivedOn },
              {
                key: 'shared',
                label: t('inv.leads.shared'),
                children: lead.shared ? t('inv.leads.sharedYes') : t('inv.leads.sharedNo'),
              },
              ...(lead.closedReason
                ? [{ key: 'closed', label: t('inv.leads.closeReason'), children: lead.closedReason }]
                : []),
              ...(lead.description
                ? [{ key: 'desc', label: t('inv.fields.description'), children: lead.description }]
                : []),
            ]}
          />
          <Followups lead={lead} />
          <LeadActionModal lead={lead} action={action} onClose={() => setAction(null)} />
        </Flex>
      ) : null}
    </Drawer>
  );
}
