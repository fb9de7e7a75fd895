import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/queries.ts';
import type { Department } from '../../api/types.ts';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { useCan } from '../../components/MeContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSoftDelete } from '../../components/useSoftDelete.ts';
import { useDepartmentColumns } from './columns.tsx';
import { DepartmentForm } from './DepartmentForm.tsx';

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan()('department.write');
  const [q, setQ] = useState('');
  const [showDeleted, setShowDeleted] = useState(false);
  // undefined: drawer closed; null: creating; a record: editing it.
  const [editing, setEditing] = useState<Department | null | undefined>(undefined);
  const list = useDepartments({ q, includeDeleted: showDeleted });
  const { remove, restore } = useSoftDelete('/api/v1/departments', 'departments');
  const qc = useQueryClient();

  const columns = useDepartmentColumns(
    canWrite ? { onEdit: setEditing, onDelete: (d) => remove.mutate(d), onRestore: (d) => restore.mutate(d) } : null,
  );

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        extra={
          <ListToolbar
            placeholder={t('departments.searchPlaceholder')}
            onSearch={setQ}
            showDeleted={showDeleted}
            onShowDeleted={setShowDeleted}
            createLabel={t('departments.create')}
            onCreate={canWrite ? () => setEditing(null) : undefined}
          >
            {canWrite ? null : <Tag>{t('app.readOnly')}</Tag>}
          </ListToolbar>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} /> : null}
      <Table<Department>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        rowClassName={(d) => (d.deletedAt ? 'gx-row-deleted' : '')}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('app.total', { count }) }}
      />
      <DepartmentForm
        open={editing !== undefined}
        record={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void message.success(t('app.saved'));
          void qc.invalidateQueries({ queryKey: ['departments'] });
        }}
      />
    </>
  );
}
