import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../api/client.ts';
import { BASE, type Evaluation, ik, type Project } from '../api.ts';
import { Amount } from '../ui.tsx';
import { EvaluationForm } from './EvaluationForm.tsx';

type YearRow = Evaluation['years'][number];

const DECISION_COLOURS = { pending: 'default', approve: 'green', reject: 'red' } as const;

/** A balance in red while the zone is still paying out more than it takes in. */
function Balance({ yuan }: { yuan: string }) {
  return (
    <span style={{ color: yuan.startsWith('-') ? '#cf1322' : undefined }}>
      <Amount yuan={yuan} bare />
    </span>
  );
}

/** 研判 / 收支测算: the API's yearly table, cumulative balance, payback year and per-mu figures. */
export function EvaluationCard({ project, writable }: { project: Project; writable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ik.sub(project.id, 'evaluation'),
    queryFn: async () => {
      try {
        return await api.get<Evaluation>(`${BASE}/projects/${project.id}/evaluation`);
      } catch (err) {
        // No evaluation yet is an answer, not a failure.
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    },
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (q.isPending) return <Spin />;
  const e = q.data;
  const wan = t('inv.units.wan');
  const edit = writable ? (
    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="evaluation-edit">
      {e ? t('inv.evaluation.edit') : t('inv.evaluation.create')}
    </Button>
  ) : null;
  const form = <EvaluationForm open={editing} project={project} evaluation={e} onClose={() => setEditing(false)} />;
  if (!e) {
    return (
      <Flex vertical gap={12} align="start">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inv.evaluation.none')} />
        {edit}
        {form}
      </Flex>
    );
  }
  const yearLabel = (r: YearRow) =>
    r.calendarYear
      ? t('inv.evaluation.yearCal', { n: r.index, year: r.calendarYear })
      : t('inv.evaluation.yearN', { n: r.index });
  return (
    <Flex vertical gap={12} data-testid="evaluation">
      <Flex justify="space-between" wrap gap={8}>
        <Flex gap={8} align="center" wrap>
          <Tag color={DECISION_COLOURS[e.decision]}>{t(`inv.decisions.${e.decision}`)}</Tag>
          {e.decidedBy ? (
            <Typography.Text type="secondary">
              {e.decidedBy} {e.decidedOn ?? ''}
            </Typography.Text>
          ) : null}
        </Flex>
        {edit}
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, xxl: 3 }}
        items={[
          { key: 'land', label: t('inv.fields.landAreaMu'), children: `${e.landAreaMu} ${t('inv.units.mu')}` },
          {
            key: 'payback',
            label: t('inv.evaluation.payback'),
            children: (
              <span data-testid="payback">
                {e.paybackYear
                  ? e.paybackCalendarYear
                    ? t('inv.evaluation.yearCal', { n: e.paybackYear, year: e.paybackCalendarYear })
                    : t('inv.evaluation.yearN', { n: e.paybackYear })
                  : t('inv.evaluation.noPayback')}
              </span>
            ),
          },
          {
            key: 'balance',
            label: t('inv.evaluation.balance'),
            children: (
              <span data-testid="fiscal-balance">
                <Balance yuan={e.totals.balance} /> {wan}
              </span>
            ),
          },
          { key: 'tax', label: t('inv.evaluation.totalTax'), children: <Amount yuan={e.totals.tax} /> },
          { key: 'inc', label: t('inv.evaluation.totalIncentives'), children: <Amount yuan={e.totals.incentives} /> },
          { key: 'out', label: t('inv.evaluation.totalOutput'), children: <Amount yuan={e.totals.output} /> },
          { key: 'opm', label: t('inv.evaluation.outputPerMu'), children: <Amount yuan={e.outputPerMu} /> },
          { key: 'tpm', label: t('inv.evaluation.taxPerMu'), children: <Amount yuan={e.taxPerMu} /> },
          ...(e.industryFit ? [{ key: 'fit', label: t('inv.evaluation.industryFit'), children: e.industryFit }] : []),
          ...(e.recommendation
            ? [{ key: 'rec', label: t('inv.evaluation.recommendation'), children: e.recommendation }]
            : []),
        ]}
      />
      <Typography.Text type="secondary">{t('inv.evaluation.tableNote', { unit: wan })}</Typography.Text>
      <Table<YearRow>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={e.years}
        scroll={{ x: 'max-content' }}
        data-testid="evaluation-table"
        columns={[
          { key: 'year', title: t('inv.evaluation.year'), fixed: 'left', render: (_, r) => yearLabel(r) },
          {
            key: 'output',
            title: t('inv.evaluation.output'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.output} bare />,
          },
          {
            key: 'tax',
            title: t('inv.evaluation.tax'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.tax} bare />,
          },
          {
            key: 'inc',
            title: t('inv.evaluation.incentives'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.incentives} bare />,
          },
          {
            key: 'bal',
            title: t('inv.evaluation.yearBalance'),
            align: 'right',
            render: (_, r) => <Balance yuan={r.balance} />,
          },
          {
            key: 'ctax',
            title: t('inv.evaluation.cumulativeTax'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.cumulativeTax} bare />,
          },
          {
            key: 'cinc',
            title: t('inv.evaluation.cumulativeIncentives'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.cumulativeIncentives} bare />,
          },
          {
            key: 'cbal',
            title: t('inv.evaluation.cumulativeBalance'),
            align: 'right',
            render: (_, r) => <Balance yuan={r.cumulativeBalance} />,
          },
          {
            key: 'opm',
            title: t('inv.evaluation.outputPerMu'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.outputPerMu} bare />,
          },
          {
            key: 'tpm',
            title: t('inv.evaluation.taxPerMu'),
            align: 'right',
            render: (_, r) => <Amount yuan={r.taxPerMu} bare />,
          },
        ]}
      />
      {form}
    </Flex>
  );
}
