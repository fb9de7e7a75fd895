import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Flex, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import {
  BASE,
  COMMITMENT_METRICS,
  type Commitment,
  type CommitmentMetric,
  ik,
  type List,
  yearOptions,
} from '../api.ts';
import { CommitmentTable } from './CommitmentTable.tsx';

const STATUSES = ['shortfall', 'missing', 'pending', 'met'] as const;
const PAGE_SIZE = 50;

/** 对赌承诺: every project's promises; opens on the shortfalls, the ones to chase. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | undefined>('shortfall');
  const [year, setYear] = useState<number | undefined>();
  const [metric, setMetric] = useState<CommitmentMetric | undefined>();
  const [page, setPage] = useState(1);
  const query = { status, year, metric, page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: ik.commitments(query),
    queryFn: () => api.get<List<Commitment>>(`${BASE}/commitments`, query),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('inv.commitments.title')}
        extra={
          <Flex wrap gap={8}>
            <Select
              allowClear
              aria-label={t('inv.commitments.status')}
              placeholder={t('inv.commitments.status')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              style={{ width: 130 }}
              options={STATUSES.map((s) => ({ value: s, label: t(`inv.commitmentStatuses.${s}`) }))}
              data-testid="commitment-status-filter"
            />
            <Select
              allowClear
              aria-label={t('inv.commitments.year')}
              placeholder={t('inv.commitments.year')}
              value={year}
              onChange={(v) => {
                setYear(v);
                setPage(1);
              }}
              style={{ width: 110 }}
              options={yearOptions().map((y) => ({ value: y, label: String(y) }))}
            />
            <Select
              allowClear
              aria-label={t('inv.commitments.metric')}
              placeholder={t('inv.commitments.metric')}
              value={metric}
              onChange={(v) => {
                setMetric(v);
                setPage(1);
              }}
              style={{ width: 130 }}
              options={COMMITMENT_METRICS.map((m) => ({ value: m, label: t(`inv.metrics.${m}`) }))}
            />
          </Flex>
        }
      />
      {q.isError ? <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} /> : null}
      <CommitmentTable
        items={q.data?.items}
        loading={q.isFetching}
        writable={can('investment.write')}
        showProject
        pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage }}
      />
    </>
  );
}
