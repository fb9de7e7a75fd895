import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Rollup } from '../../../modules/rollup/api.ts';
import { api } from '../../api/client.ts';
import { formatAmount, formatRate } from '../../components/amount.ts';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useYearThrough, YearThroughPicker } from '../major-projects/ui.tsx';

type Row = Rollup['zones'][number];
type Figures = Rollup['total'] | Row;

/**
 * 区域汇总: for an upper-level viewer, every zone of the regions the operator granted, with both
 * summaries' headline figures and their total, exactly as GET /api/v1/rollup computed them.
 */
export default function RollupPage() {
  const { t } = useTranslation();
  const { year, through, set } = useYearThrough();
  const query = { year, through };
  const q = useQuery({
    queryKey: ['rollup', query],
    queryFn: () => api.get<Rollup>('/api/v1/rollup', query),
  });
  const data = q.data;
  const num = (key: string, title: string, value: (f: Figures) => string | number, width: number) => ({
    key,
    title,
    width,
    align: 'right' as const,
    render: (_: unknown, r: Row) => value(r),
  });
  const figures: [string, string, (f: Figures) => string | number, number][] = [
    ['signedProjects', 'rollup.signedProjects', (f) => f.signedProjects, 76],
    ['signedInvestment', 'rollup.signedInvestment', (f) => formatAmount(f.signedInvestment, 'yi'), 100],
    ['atLeast200M', 'rollup.atLeast200M', (f) => f.signedAtLeast200M, 84],
    ['top500', 'rollup.top500', (f) => f.signedTop500, 64],
    ['foreignCapital', 'rollup.foreignCapital', (f) => formatAmount(f.foreignCapitalUtilisedUsd, 'wan'), 100],
    ['projects', 'rollup.projects', (f) => f.projects, 68],
    ['annualPlan', 'rollup.annualPlan', (f) => formatAmount(f.annualPlan, 'yi'), 96],
    ['completed', 'rollup.completed', (f) => formatAmount(f.completed, 'yi'), 96],
    ['completionRate', 'rollup.completionRate', (f) => formatRate(f.completionRate), 76],
    ['newStarts', 'rollup.newStarts', (f) => `${f.newStarts.started}/${f.newStarts.planned}`, 96],
    ['reportsMissing', 'rollup.reportsMissing', (f) => f.reportsMissing, 76],
  ];
  const cols = figures.map(([key, title, value, width]) => num(key, t(title), value, width));
  const columns: TableColumnsType<Row> = [
    {
      key: 'zone',
      title: t('rollup.zone'),
      fixed: 'left',
      width: 150,
      render: (_, r) => (
        <>
          <div>{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.zone} · {r.regionCode ?? t('rollup.noRegion')}
          </Typography.Text>
        </>
      ),
    },
    { key: 'investment', title: t('rollup.investment'), children: cols.slice(0, 5) },
    { key: 'major', title: t('rollup.major'), children: cols.slice(5) },
  ];
  const regions = data?.regions.map((r) => (r === '000000' ? t('rollup.wholeCountry') : r)).join('、');
  const exportUrl = `/api/v1/rollup/xlsx?${new URLSearchParams({ year: String(year), ...(through ? { through } : {}) })}`;
  return (
    <>
      <PageHeader
        title={t('rollup.title')}
        extra={
          <>
            <YearThroughPicker year={year} through={through} shown={data?.through} onChange={set} />
            <Button icon={<DownloadOutlined />} href={exportUrl} download data-testid="rollup-export">
              {t('rollup.export')}
            </Button>
          </>
        }
      />
      {q.isError ? <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 16 }} /> : null}
      {q.isPending ? <Loading /> : null}
      {data ? (
        <>
          <Typography.Paragraph type="secondary" data-testid="rollup-scope">
            {t('rollup.scope', {
              regions,
              count: data.total.zones,
              from: data.from,
              to: data.to,
              year: data.year,
              through: data.through,
            })}
          </Typography.Paragraph>
          <Table<Row>
            data-testid="rollup-table"
            size="small"
            bordered
            rowKey="zone"
            columns={columns}
            dataSource={data.zones}
            pagination={false}
            scroll={{ x: 1000, y: 'calc(100vh - 320px)' }}
            locale={{ emptyText: t('rollup.none') }}
            summary={() => (
              <Table.Summary fixed="bottom">
                <Table.Summary.Row data-testid="rollup-total">
                  <Table.Summary.Cell index={0}>
                    <strong>{t('rollup.total', { count: data.total.zones })}</strong>
                  </Table.Summary.Cell>
                  {figures.map(([key, , value], i) => (
                    <Table.Summary.Cell key={key} index={i + 1} align="right">
                      <strong>{value(data.total)}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )}
          />
        </>
      ) : null}
    </>
  );
}
