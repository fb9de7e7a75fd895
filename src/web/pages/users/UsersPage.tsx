import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments, useUsers } from '../../api/queries.ts';
import { ROLE_LIST, type User } from '../../api/types.ts';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { useCan } from '../../components/MeContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSoftDelete } from '../../components/useSoftDelete.ts';
import { useUserColumns } from './columns.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserForm } from './UserForm.tsx';

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const canWrite = can('user.write');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>(undefined);
  const [showDeleted, setShowDeleted] = useState(false);
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useUsers({ q, role, includeDeleted: showDeleted });
  // Deleted departments too, so a user's old unit still has a name.
  const deps = useDepartments({ includeDeleted: true }, can('department.read'));
  const depName = new Map((deps.data?.items ?? []).map((d) => [d.id, d.name]));
  const { remove, restore } = useSoftDelete('/api/v1/users', 'users');
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const columns = useUserColumns(
    (id) => (id ? (depName.get(id) ?? '') : ''),
    canWrite
      ? {
          onEdit: setEditing,
          onResetPassword: setResetting,
          onDelete: (u) => remove.mutate(u),
          onRestore: (u) => restore.mutate(u),
        }
      : null,
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <ListToolbar
            placeholder={t('users.searchPlaceholder')}
            onSearch={setQ}
            showDeleted={showDeleted}
            onShowDeleted={setShowDeleted}
            createLabel={t('users.create')}
            onCreate={canWrite ? () => setEditing(null) : undefined}
          >
            <Select
              allowClear
              placeholder={t('users.allRoles')}
              value={role}
              onChange={setRole}
              style={{ width: 160 }}
              options={ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            {canWrite ? null : <Tag>{t('app.readOnly')}</Tag>}
          </ListToolbar>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} /> : null}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        rowClassName={(u) => (u.deletedAt ? 'gx-row-deleted' : '')}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('app.total', { count }) }}
      />
      <UserForm
        open={editing !== undefined}
        record={editing ?? null}
        departments={deps.data?.items ?? []}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void message.success(t('app.saved'));
          void refresh();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          void refresh();
        }}
      />
    </>
  );
}
