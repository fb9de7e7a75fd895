import { Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import type { Issue } from '../api.ts';
import { StatusTag } from '../ui.tsx';

/** The deadline with how many working days it is past, as the API counted them. */
export function Deadline({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  if (!issue.deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {issue.deadline}{' '}
      {issue.overdue ? (
        <Tag color="red" data-testid="overdue">
          {t('major.issues.overdueDays', { count: issue.overdueWorkdays })}
        </Tag>
      ) : null}
    </span>
  );
}

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** Issues in a table; a row's 办理 opens it with its loop. */
export function IssueTable(props: {
  items: Issue[] | undefined;
  loading: boolean;
  onOpen: (issue: Issue) => void;
  showProject?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  // Who may act on issues handles them; everyone else only looks.
  const canWrite = useCan()('major.write');
  const project = (i: Issue) => (
    <Link to={`/major-projects/projects/${i.projectId}`}>
      <Typography.Text type="secondary">{i.projectKey}</Typography.Text> {i.projectName}
    </Link>
  );
  const open = (i: Issue) => (
    <Button size="small" type="link" onClick={() => props.onOpen(i)} data-testid="open-issue">
      {canWrite ? t('major.issues.open') : t('major.issues.view')}
    </Button>
  );
  const columns: TableColumnsType<Issue> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.fields.issue'),
          render: (_, i) => (
            <Flex vertical gap={2}>
              <span>
                <StatusTag status={i.status} /> {i.description}
              </span>
              {props.showProject ? project(i) : null}
              <Typography.Text type="secondary">
                {t(`major.categories.${i.category}`)} · {i.departmentName ?? t('major.issues.unassigned')}
              </Typography.Text>
              <span>
                <Deadline issue={i} /> {open(i)}
              </span>
            </Flex>
          ),
        },
      ]
    : [
        ...(props.showProject
          ? [{ key: 'project', title: t('major.fields.project'), render: (_: unknown, i: Issue) => project(i) }]
          : []),
        { key: 'description', title: t('major.fields.issue'), dataIndex: 'description' },
        {
          key: 'category',
          title: t('major.fields.category'),
          onCell: nowrap,
          render: (_, i) => t(`major.categories.${i.category}`),
        },
        {
          key: 'department',
          title: t('major.fields.responsible'),
          render: (_, i) =>
            i.departmentName ?? <Typography.Text type="secondary">{t('major.issues.unassigned')}</Typography.Text>,
        },
        { key: 'status', title: t('major.fields.status'), render: (_, i) => <StatusTag status={i.status} /> },
        { key: 'raised', title: t('major.fields.raisedOn'), onCell: nowrap, dataIndex: 'raisedOn' },
        { key: 'deadline', title: t('major.fields.deadline'), render: (_, i) => <Deadline issue={i} /> },
        { key: 'action', title: t('app.actions'), render: (_, i) => open(i) },
      ];
  return (
    <Table<Issue>
      rowKey="id"
      size="small"
      loading={props.loading}
      columns={columns}
      dataSource={props.items}
      data-testid={props.testId ?? 'issues'}
      onRow={(i) => ({ 'data-issue': i.id }) as React.HTMLAttributes<HTMLElement>}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('app.total', { count }) }}
    />
  );
}
