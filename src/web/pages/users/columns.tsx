import { KeyOutlined } from '@ant-design/icons';
import { Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types.ts';
import { RoleTags } from '../../components/RoleTags.tsx';
import { RowActions, RowButton } from '../../components/RowActions.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';

interface Handlers {
  onEdit: (u: User) => void;
  onResetPassword: (u: User) => void;
  onDelete: (u: User) => void;
  onRestore: (u: User) => void;
}

/** Full columns at desktop width; on a phone one stacked column plus the actions. */
export function useUserColumns(depName: (id: string | null) => string, handlers: Handlers | null) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const deleted = (u: User) => (u.deletedAt ? <Tag>{t('app.deleted')}</Tag> : null);
  const columns: TableColumnsType<User> = isPhone
    ? [
        {
          title: t('users.displayName'),
          key: 'summary',
          render: (_, u) => (
            <Flex vertical gap={4}>
              <span>
                {u.displayName} {deleted(u)}
              </span>
              <Typography.Text type="secondary">
                {u.username}
                {u.departmentId ? ` · ${depName(u.departmentId)}` : ''}
              </Typography.Text>
              <RoleTags roles={u.roles} />
            </Flex>
          ),
        },
      ]
    : [
        { title: t('users.username'), dataIndex: 'username' },
        {
          title: t('users.displayName'),
          dataIndex: 'displayName',
          render: (name: string, u) => (
            <>
              {name} {deleted(u)}
            </>
          ),
        },
        { title: t('users.roles'), dataIndex: 'roles', render: (roles: User['roles']) => <RoleTags roles={roles} /> },
        { title: t('users.department'), dataIndex: 'departmentId', render: depName },
        { title: t('users.phone'), dataIndex: 'phone' },
      ];
  if (handlers)
    columns.push({
      title: t('app.actions'),
      key: 'actions',
      fixed: isPhone ? 'right' : undefined,
      render: (_, u) => (
        <RowActions
          name={u.displayName}
          deleted={u.deletedAt !== null}
          onEdit={() => handlers.onEdit(u)}
          onDelete={() => handlers.onDelete(u)}
          onRestore={() => handlers.onRestore(u)}
          extra={
            <RowButton
              text={t('users.resetPassword')}
              icon={<KeyOutlined />}
              onClick={() => handlers.onResetPassword(u)}
            />
          }
        />
      ),
    });
  return columns;
}
