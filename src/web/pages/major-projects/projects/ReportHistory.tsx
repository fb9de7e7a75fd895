import { Alert, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../../components/format.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { type MonthlyReport, useReports } from '../api.ts';
import { Amount, useMayReport } from '../ui.tsx';

type Revision = MonthlyReport['revisions'][number];

/** The figures a correction replaced, oldest first, with who replaced them and why. */
function Revisions({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6} data-testid="revisions">
      {report.revisions.map((v: Revision) => (
        <div key={v.version}>
          <Tag>{t('major.report.versionN', { version: v.version })}</Tag>
          <Typography.Text delete>
            <Amount yuan={v.completed} />
          </Typography.Text>{' '}
          <Typography.Text type="secondary">
            {v.progress} · {t('major.report.filedByAt', { name: v.filedByName, at: formatTime(v.filedAt) })}
          </Typography.Text>
          <div>
            {t('major.report.replacedBy', { name: v.replacedByName, at: formatTime(v.replacedAt) })}
            {v.reason ? `：${v.reason}` : ''}
          </div>
        </div>
      ))}
    </Flex>
  );
}

/** Every monthly report of the project, newest first; a corrected month opens to the figures it replaced. */
export function ReportHistory({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const mayReport = useMayReport();
  const q = useReports(projectId);
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const rows = [...(q.data?.items ?? [])].reverse();
  const correct = (r: MonthlyReport) =>
    mayReport ? (
      <Link to={`/major-projects/report?project=${projectId}&month=${r.month}`}>{t('major.report.correct')}</Link>
    ) : null;
  const tags = (r: MonthlyReport) => (
    <>
      {r.filedLate ? <Tag color="orange">{t('major.report.late')}</Tag> : null}
      {r.source === 'ledger' ? <Tag>{t('major.report.fromLedger')}</Tag> : null}
      {r.revisions.length ? (
        <Tag color="purple">{t('major.report.corrected', { count: r.revisions.length })}</Tag>
      ) : null}
    </>
  );
  const columns: TableColumnsType<MonthlyReport> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.fields.month'),
          render: (_, r) => (
            <Flex vertical gap={2}>
              <span>
                <Typography.Text strong>{r.month}</Typography.Text> <Amount yuan={r.completed} /> {tags(r)}
              </span>
              {r.progress ? <span>{r.progress}</span> : null}
              {r.problems ? <Typography.Text type="danger">{r.problems}</Typography.Text> : null}
              <Typography.Text type="secondary">
                {t('major.report.filedByAt', { name: r.filedByName, at: formatTime(r.filedAt) })} {correct(r)}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'month', title: t('major.fields.month'), dataIndex: 'month' },
        {
          key: 'completed',
          title: t('major.fields.monthCompleted'),
          align: 'right',
          render: (_, r) => <Amount yuan={r.completed} />,
        },
        { key: 'progress', title: t('major.fields.progress'), dataIndex: 'progress' },
        {
          key: 'problems',
          title: t('major.fields.problems'),
          render: (_, r) => (r.problems ? <Typography.Text type="danger">{r.problems}</Typography.Text> : null),
        },
        {
          key: 'filed',
          title: t('major.fields.filedBy'),
          render: (_, r) => (
            <Flex vertical>
              <span>{r.filedByName}</span>
              <Typography.Text type="secondary">{formatTime(r.filedAt)}</Typography.Text>
            </Flex>
          ),
        },
        { key: 'tags', title: '', render: (_, r) => tags(r) },
        { key: 'action', title: t('app.actions'), render: (_, r) => correct(r) },
      ];
  return (
    <Table<MonthlyReport>
      rowKey="month"
      size="small"
      loading={q.isPending}
      columns={columns}
      dataSource={rows}
      data-testid="report-history"
      // The expand column only when a month was corrected.
      expandable={
        rows.some((r) => r.revisions.length > 0)
          ? { rowExpandable: (r) => r.revisions.length > 0, expandedRowRender: (r) => <Revisions report={r} /> }
          : undefined
      }
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
    />
  );
}
