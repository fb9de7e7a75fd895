import { Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../api/types.ts';
import { formatTime } from '../../components/format.ts';
import { RowActions } from '../../components/RowActions.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';

const KIND_COLORS = { internal: 'blue', external: 'orange', agency: 'purple' } as const;

interface Handlers {
  onEdit: (d: Department) => void;
  onDelete: (d: Department) => void;
  onRestore: (d: Department) => void;
}

/** Full columns at desktop width; on a phone one stacked column plus the actions, so nothing hides sideways. */
export function useDepartmentColumns(handlers: Handlers | null): TableColumnsType<Department> {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const kind = (k: Department['kind']) => <Tag color={KIND_COLORS[k]}>{t(`departments.kinds.${k}`)}</Tag>;
  const deleted = (d: Department) => (d.deletedAt ? <Tag>{t('app.deleted')}</Tag> : null);
  const columns: TableColumnsType<Department> = isPhone
    ? [
        {
          title: t('departments.name'),
          key: 'summary',
          render: (_, d) => (
            <Flex vertical gap={4}>
              <span>
                {d.name} {deleted(d)}
              </span>
              <span>{kind(d.kind)}</span>
              {d.description ? <Typography.Text type="secondary">{d.description}</Typography.Text> : null}
            </Flex>
          ),
        },
      ]
    : [
        {
          title: t('departments.name'),
          dataIndex: 'name',
          render: (name: string, d) => (
            <>
              {name} {deleted(d)}
            </>
          ),
        },
        { title: t('departments.kind'), dataIndex: 'kind', render: kind },
        { title: t('departments.description'), dataIndex: 'description' },
        { title: t('departments.sortOrder'), dataIndex: 'sortOrder', align: 'right' },
        { title: t('departments.updatedAt'), dataIndex: 'updatedAt', render: formatTime },
      ];
  if (handlers)
    columns.push({
      title: t('app.actions'),
      key: 'actions',
      fixed: isPhone ? 'right' : undefined,
      render: (_, d) => (
        <RowActions
          name={d.name}
          deleted={d.deletedAt !== null}
          onEdit={() => handlers.onEdit(d)}
          onDelete={() => handlers.onDelete(d)}
          onRestore={() => handlers.onRestore(d)}
        />
      ),
    });
  return columns;
}
