import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { addMonths, BASE, chinaToday, type Kind, type MissingReports, mk } from '../api.ts';
import { KindTag, useMayReport } from '../ui.tsx';

type Row = MissingReports['items'][number];

/** 未报清单: the projects that owe a month's report and have not filed it, by department. */
export function MissingList() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const mayReport = useMayReport();
  const thisMonth = chinaToday().slice(0, 7);
  const [month, setMonth] = useState(addMonths(thisMonth, -1));
  const q = useQuery({
    queryKey: mk.missing({ month }),
    queryFn: () => api.get<MissingReports>(`${BASE}/missing-reports`, { month }),
  });
  const project = (r: Row) => (
    <Link to={`/major-projects/projects/${r.projectId}`}>
      <Typography.Text type="secondary">{r.key}</Typography.Text> {r.name}
    </Link>
  );
  const status = (r: Row) =>
    r.overdue ? (
      <Tag color="red">{t('major.missing.overdue')}</Tag>
    ) : (
      <Tag color="gold">{t('major.missing.pending')}</Tag>
    );
  const action = (r: Row) =>
    mayReport ? (
      <Link to={`/major-projects/report?project=${r.projectId}&month=${r.month}`} data-testid="file-missing">
        {t('major.missing.file')}
      </Link>
    ) : null;
  const columns: TableColumnsType<Row> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.fields.project'),
          render: (_, r) => (
            <Flex vertical gap={2}>
              {project(r)}
              <span>
                {r.departmentName ?? t('major.noDepartment')} <KindTag kind={r.kind as Kind} /> {status(r)} {action(r)}
              </span>
            </Flex>
          ),
        },
      ]
    : [
        {
          key: 'department',
          title: t('major.fields.department'),
          render: (_, r) => r.departmentName ?? t('major.noDepartment'),
        },
        { key: 'project', title: t('major.fields.project'), render: (_, r) => project(r) },
        { key: 'kind', title: t('major.fields.kind'), render: (_, r) => <KindTag kind={r.kind as Kind} /> },
        { key: 'due', title: t('major.missing.dueDate'), dataIndex: 'dueDate' },
        { key: 'status', title: t('major.fields.status'), render: (_, r) => status(r) },
        { key: 'action', title: t('app.actions'), render: (_, r) => action(r) },
      ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('major.fields.month')}
          value={month}
          onChange={setMonth}
          style={{ width: 130 }}
          options={Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, -i)).map((m) => ({ value: m, label: m }))}
        />
        {q.data ? (
          <Typography.Text type="secondary" data-testid="missing-summary">
            {t('major.missing.summary', { month: q.data.month, due: q.data.dueDate, count: q.data.items.length })}
          </Typography.Text>
        ) : null}
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      <Table<Row>
        rowKey="projectId"
        size="small"
        loading={q.isFetching}
        columns={columns}
        dataSource={q.data?.items}
        data-testid="missing"
        locale={{ emptyText: t('major.missing.none') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
    </Flex>
  );
}
