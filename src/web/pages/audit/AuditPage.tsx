import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AuditEntry } from '../../api/types.ts';
import { formatTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { AuditDiff } from './AuditDiff.tsx';

const PAGE = 50;
const ENTITIES = ['department', 'user', 'zone'];
const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'gold',
  password: 'purple',
};

export default function AuditPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [entity, setEntity] = useState<string | undefined>(undefined);
  // Newest first; each further page starts below the last id seen.
  const log = useInfiniteQuery({
    queryKey: keys.audit({ entity }),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEntry[] }>('/api/v1/audit', { entity, beforeId: pageParam, limit: PAGE }),
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items[last.items.length - 1].id),
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const action = (a: string) => <Tag color={ACTION_COLORS[a]}>{t(`audit.actions.${a}`, { defaultValue: a })}</Tag>;
  const entityName = (e: string) => t(`audit.entities.${e}`, { defaultValue: e });
  const shortId = (id: string | null) => (id ? <Typography.Text code>{id.slice(0, 8)}</Typography.Text> : '');
  // On a phone one stacked column, so nothing hides past the screen's edge.
  const columns: TableColumnsType<AuditEntry> = isPhone
    ? [
        {
          title: t('audit.title'),
          key: 'summary',
          render: (_, r) => (
            <Flex vertical gap={2}>
              <span>
                {action(r.action)} {entityName(r.entity)} {shortId(r.entityId)}
              </span>
              <Typography.Text type="secondary">
                {r.actorName} · {formatTime(r.at)}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { title: t('audit.at'), dataIndex: 'at', render: formatTime },
        { title: t('audit.actor'), dataIndex: 'actorName' },
        { title: t('audit.action'), dataIndex: 'action', render: action },
        { title: t('audit.entity'), dataIndex: 'entity', render: entityName },
        { title: t('audit.entityId'), dataIndex: 'entityId', render: shortId },
      ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Select
            allowClear
            placeholder={t('audit.allEntities')}
            value={entity}
            onChange={setEntity}
            style={{ width: 160 }}
            options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          />
        }
      />
      {log.isError ? <Alert type="error" showIcon title={log.error.message} style={{ marginBottom: 16 }} /> : null}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={log.isFetching && !log.isFetchingNextPage}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
          rowExpandable: (r) => r.before !== null || r.after !== null,
        }}
      />
      <Flex justify="center" style={{ marginTop: 16 }}>
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('audit.loadMore')}
          </Button>
        ) : rows.length > 0 ? (
          <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
        ) : null}
      </Flex>
    </>
  );
}
