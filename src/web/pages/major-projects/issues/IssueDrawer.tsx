import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Flex, Steps, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { Loading } from '../../../components/Loading.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, type Issue, type IssueStatus, mk } from '../api.ts';
import { StatusTag } from '../ui.tsx';
import { Deadline } from './IssueTable.tsx';
import { StepButtons } from './StepForm.tsx';

type Step = Issue['steps'][number];

/** The loop's five stages, the step records that reach each, and how far each status has come. */
const STAGES: { key: string; steps: Step['step'][] }[] = [
  { key: 'assign', steps: ['assign'] },
  { key: 'handle', steps: ['handle'] },
  { key: 'respond', steps: ['respond'] },
  { key: 'review', steps: ['review_pass'] },
  { key: 'close', steps: ['close'] },
];
const REACHED: Record<IssueStatus, number> = {
  open: 0,
  assigned: 1,
  handling: 2,
  responded: 3,
  reviewed: 4,
  closed: 5,
};

function LoopSteps({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const reached = REACHED[issue.status];
  return (
    <Steps
      size="small"
      orientation={isPhone ? 'vertical' : 'horizontal'}
      current={Math.min(reached, STAGES.length - 1)}
      status={issue.status === 'closed' ? 'finish' : 'process'}
      data-testid="issue-loop"
      items={STAGES.map((s, i) => {
        const last = [...issue.steps].reverse().find((x) => s.steps.includes(x.step));
        return {
          title: t(`major.steps.${s.key}`),
          status: i < reached ? 'finish' : i === reached ? 'process' : 'wait',
          content:
            i < reached && last ? (
              <span data-testid={`stage-${s.key}`}>
                {last.onDate}
                <br />
                {last.actorName}
              </span>
            ) : undefined,
        };
      })}
    />
  );
}

/** One issue: its record, the loop 交办 → 办理 → 反馈 → 复核 → 销号 with each step's date and actor, and the next step. */
export function IssueDrawer({ issueId, onClose }: { issueId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const canWrite = useCan()('major.write');
  const q = useQuery({
    queryKey: mk.issue(issueId ?? ''),
    queryFn: () => api.get<Issue>(`${BASE}/issues/${issueId}`),
    enabled: issueId !== null,
  });
  const issue = q.data;
  return (
    <Drawer
      open={issueId !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      destroyOnHidden
      title={t('major.issues.detail')}
      extra={issue ? <StatusTag status={issue.status} /> : null}
    >
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {q.isPending && issueId ? <Loading /> : null}
      {issue ? (
        <Flex vertical gap={16} data-testid="issue-drawer">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {issue.description}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: 'project',
                label: t('major.fields.project'),
                children: (
                  <Link to={`/major-projects/projects/${issue.projectId}`}>
                    {issue.projectKey} {issue.projectName}
                  </Link>
                ),
              },
              { key: 'category', label: t('major.fields.category'), children: t(`major.categories.${issue.category}`) },
              {
                key: 'department',
                label: t('major.fields.responsible'),
                children: issue.departmentName ?? t('major.issues.unassigned'),
              },
              {
                key: 'source',
                label: t('major.issues.source'),
                children:
                  issue.source === 'report'
                    ? t('major.issues.fromReport', { month: issue.reportMonth ?? '' })
                    : t('major.issues.manual'),
              },
              { key: 'raised', label: t('major.fields.raisedOn'), children: issue.raisedOn },
              {
                key: 'deadline',
                label: t('major.fields.deadline'),
                children: (
                  <span>
                    <Deadline issue={issue} />{' '}
                    {issue.deadlineWorkdays
                      ? t('major.issues.withinWorkdays', { count: issue.deadlineWorkdays })
                      : null}
                  </span>
                ),
              },
              ...(issue.escalatedOn
                ? [
                    {
                      key: 'escalated',
                      label: t('major.issues.escalatedOn'),
                      children: <Tag color="red">{issue.escalatedOn}</Tag>,
                    },
                  ]
                : []),
              ...(issue.resolution
                ? [{ key: 'resolution', label: t('major.issues.result'), children: issue.resolution }]
                : []),
            ]}
          />
          <LoopSteps issue={issue} />
          {canWrite ? <StepButtons issue={issue} /> : null}
          <div>
            <Typography.Title level={5}>{t('major.issues.record')}</Typography.Title>
            <Timeline
              data-testid="issue-steps"
              items={issue.steps.map((s, i) => ({
                key: `${i}`,
                color: s.step === 'review_reject' || s.step === 'escalate' ? 'red' : 'blue',
                content: (
                  <Flex vertical>
                    <span>
                      <Typography.Text strong>{t(`major.steps.${s.step}`)}</Typography.Text> {s.onDate}
                    </span>
                    <Typography.Text type="secondary">
                      {s.actorName}
                      {s.departmentName ? ` → ${s.departmentName}` : ''}
                    </Typography.Text>
                    {s.note ? <span>{s.note}</span> : null}
                  </Flex>
                ),
              }))}
            />
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
