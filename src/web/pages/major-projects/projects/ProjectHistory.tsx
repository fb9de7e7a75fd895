import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatTime } from '../../../components/format.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { AuditDiff } from '../../audit/AuditDiff.tsx';
import { type HistoryEntry, mk, projectPath } from '../api.ts';

const ACTION_COLOURS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', restore: 'gold' };

/** A stage change of the investment project the major project came from: 在谈 → 签约 on its day. */
function StageMove({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const stage = (s: unknown) => t(`major.history.stages.${String(s)}`);
  const from = (entry.before as { stage?: string } | null)?.stage;
  const after = entry.after as { stage: string; reason?: string };
  return (
    <span data-testid="history-stage">
      <Tag color="purple">{t('major.history.stage')}</Tag>
      {from
        ? t('major.history.stageMove', { from: stage(from), to: stage(after.stage) })
        : t('major.history.stageStart', { to: stage(after.stage) })}
      {after.reason ? <Typography.Text type="secondary">（{after.reason}）</Typography.Text> : null}
    </span>
  );
}

/** Who changed what on the project (its record, lists, reports, issues, files), newest first, from the audit log. */
export function ProjectHistory({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const q = useQuery({
    queryKey: mk.sub(projectId, 'history'),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`${projectPath(projectId)}/history`),
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const what = (r: HistoryEntry) => (r.happenedOn ? <StageMove entry={r} /> : logged(r));
  const when = (r: HistoryEntry) => r.happenedOn ?? formatTime(r.at);
  const logged = (r: HistoryEntry) => (
    <span>
      <Tag color={ACTION_COLOURS[r.action]}>{t(`audit.actions.${r.action}`, { defaultValue: r.action })}</Tag>
      {t(`major.entities.${r.entity.replace('.', '_')}`, { defaultValue: r.entity })}
    </span>
  );
  const columns: TableColumnsType<HistoryEntry> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.project.history'),
          render: (_, r) => (
            <Flex vertical gap={2}>
              {what(r)}
              <Typography.Text type="secondary">
                {r.actorName} · {when(r)}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'at', title: t('audit.at'), render: (_, r) => when(r) },
        { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName' },
        { key: 'what', title: t('audit.action'), render: (_, r) => what(r) },
      ];
  return (
    <Table<HistoryEntry>
      rowKey={(r) => `${r.entity}:${r.id}`}
      size="small"
      loading={q.isPending}
      columns={columns}
      dataSource={q.data?.items}
      data-testid="project-history"
      expandable={{
        expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
        rowExpandable: (r) => r.happenedOn === null,
      }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
}
