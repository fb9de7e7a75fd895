import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatTime } from '../../../components/format.ts';
import { BASE, ik, type StageEvent } from '../api.ts';
import { STAGE_COLOURS, StageTag } from '../ui.tsx';

/** Every stage change of the project, as dated events (newest first). */
export function StageHistory({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ik.sub(projectId, 'history'),
    queryFn: () => api.get<{ items: StageEvent[] }>(`${BASE}/projects/${projectId}/history`),
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (q.isPending) return <Spin />;
  if (!q.data.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const items = [...q.data.items].reverse();
  return (
    <Timeline
      data-testid="stage-history"
      items={items.map((e) => ({
        key: e.id,
        color: STAGE_COLOURS[e.toStage] === 'default' ? 'gray' : STAGE_COLOURS[e.toStage],
        content: (
          <Flex vertical gap={2} data-testid="stage-event" data-to={e.toStage}>
            <span>
              <Typography.Text strong>{e.happenedOn}</Typography.Text>{' '}
              {e.fromStage ? (
                <>
                  <StageTag stage={e.fromStage} />→{' '}
                </>
              ) : null}
              <StageTag stage={e.toStage} />
            </span>
            {e.reason ? <Typography.Text>{t('inv.history.reason', { reason: e.reason })}</Typography.Text> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inv.history.by', { name: e.actorName, source: t(`inv.sources.${e.source}`), at: formatTime(e.at) })}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
