import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatTime } from '../../../components/format.ts';
import { LedgerImport } from '../../../components/ledger/LedgerImport.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { mk } from '../api.ts';

const LEDGERS = ['major-projects', 'major-project-progress'] as const;

interface ImportRecord {
  id: number;
  ledger: string;
  filename: string;
  actorName: string;
  at: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** 台账导入: the year's list and the monthly progress as the offices keep them in Excel, with templates and exports. */
export default function ImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const canImport = can('major.write');
  const history = useQuery({
    queryKey: ['major', 'imports'],
    queryFn: () => api.get<{ items: ImportRecord[] }>('/api/v1/ledgers/imports'),
    enabled: canImport,
  });
  const mine = (history.data?.items ?? []).filter((r) => (LEDGERS as readonly string[]).includes(r.ledger));
  return (
    <>
      <PageHeader title={t('major.import.title')} />
      <Row gutter={[16, 16]}>
        {LEDGERS.map((l) => (
          <Col key={l} xs={24} xl={12}>
            <LedgerImport
              ledger={l}
              title={t(`major.import.ledgers.${l}`)}
              description={t(`major.import.describe.${l}`)}
              canImport={canImport}
              canExport={can('report.read')}
              onImported={() => {
                void qc.invalidateQueries({ queryKey: mk.all });
              }}
            />
          </Col>
        ))}
        {canImport ? (
          <Col span={24}>
            <Card size="small" title={t('major.import.history')}>
              <Table<ImportRecord>
                rowKey="id"
                size="small"
                loading={history.isFetching}
                dataSource={mine}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { key: 'at', title: t('audit.at'), render: (_, r) => formatTime(r.at) },
                  {
                    key: 'ledger',
                    title: t('major.import.ledger'),
                    render: (_, r) => t(`major.import.ledgers.${r.ledger}`),
                  },
                  {
                    key: 'file',
                    title: t('major.import.file'),
                    render: (_, r) => <Typography.Text>{r.filename}</Typography.Text>,
                  },
                  { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName' },
                  {
                    key: 'counts',
                    title: t('major.import.counts'),
                    render: (_, r) =>
                      t('ledger.counts', {
                        rows: r.rows,
                        created: r.created,
                        updated: r.updated,
                        unchanged: r.unchanged,
                      }),
                  },
                ]}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
