import { CheckCircleOutlined, DownloadOutlined, ExportOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import { type HTMLAttributes, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ImportResult as ImportResultSchema } from '../../../ledger/routes.ts';
import { sendFile } from '../upload.ts';
import { useIsPhone } from '../useIsPhone.ts';

export type ImportResult = z.infer<typeof ImportResultSchema>;
type Problem = ImportResult['problems'][number];
interface RowProblems {
  row: number;
  problems: Problem[];
}

const byRow = (ps: Problem[]): RowProblems[] => {
  const rows = new Map<number, Problem[]>();
  for (const p of ps) rows.set(p.row, [...(rows.get(p.row) ?? []), p]);
  return [...rows].sort(([a], [b]) => a - b).map(([row, problems]) => ({ row, problems }));
};

/** Each spreadsheet row with the problems found on it (column, value, reason), as the API listed them. */
function ProblemRows({ problems, kind }: { problems: Problem[]; kind: 'problem' | 'warning' }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: TableColumnsType<RowProblems> = [
    {
      title: t('ledger.row'),
      dataIndex: 'row',
      width: isPhone ? 72 : 96,
      render: (row: number) => (row > 0 ? t('ledger.rowN', { row }) : t('ledger.wholeFile')),
    },
    {
      title: kind === 'problem' ? t('ledger.problems') : t('ledger.warnings'),
      key: 'problems',
      render: (_, r) => (
        <Flex vertical gap={4}>
          {r.problems.map((p) => (
            <span key={`${p.column}|${p.value}|${p.message}`} data-testid="ledger-problem">
              {p.column ? <Tag color={kind === 'problem' ? 'red' : 'gold'}>{p.column}</Tag> : null}
              {p.value ? <Typography.Text code>{p.value}</Typography.Text> : null} {p.message}
            </span>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Table<RowProblems>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={byRow(problems)}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-row': r.row }) as HTMLAttributes<HTMLElement>}
    />
  );
}

/**
 * Import any ledger (shared/spec/ledgers.md): pick a file → the API checks it
 * without writing (dryRun) → every problem shown on its row → confirm with the
 * same file. Also the empty template and the export, in the same shape.
 */
export function LedgerImport(props: {
  ledger: string;
  title: ReactNode;
  description?: ReactNode;
  canImport: boolean;
  canExport: boolean;
  onImported?: (r: ImportResult) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const base = `/api/v1/ledgers/${encodeURIComponent(props.ledger)}`;

  const send = (f: File, dryRun: boolean) =>
    sendFile<ImportResult>(`${base}/import`, f, { query: dryRun ? { dryRun: true } : {}, accept: [422] }).then(
      (r) => r.body,
    );
  const check = useMutation({
    mutationFn: (f: File) => send(f, true),
    onMutate: () => {
      setPreview(null);
      setDone(null);
    },
    onSuccess: setPreview,
  });
  const confirm = useMutation({
    mutationFn: (f: File) => send(f, false),
    onSuccess: (r) => {
      if (r.ok) {
        setDone(r);
        setPreview(null);
        setFile(null);
        props.onImported?.(r);
      } else setPreview(r);
    },
  });
  const error = check.error ?? confirm.error;
  const counts = (r: ImportResult) =>
    t('ledger.counts', { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged });

  // On a phone the downloads go under the title, which keeps the whole width.
  const links = (
    <Flex gap={8} wrap>
      {props.canImport ? (
        <Button size="small" icon={<DownloadOutlined />} href={`${base}/template`} download>
          {t('ledger.template')}
        </Button>
      ) : null}
      {props.canExport ? (
        <Button size="small" icon={<ExportOutlined />} href={`${base}/export`} download>
          {t('ledger.export')}
        </Button>
      ) : null}
    </Flex>
  );
  return (
    <Card title={props.title} data-testid={`ledger-${props.ledger}`} extra={isPhone ? null : links}>
      <Flex vertical gap={12}>
        {isPhone ? links : null}
        {props.description ? <Typography.Text type="secondary">{props.description}</Typography.Text> : null}
        {props.canImport ? (
          <Flex gap={8} wrap align="center">
            <Upload
              accept=".xlsx,.csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                check.mutate(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={check.isPending} data-testid="ledger-pick">
                {t('ledger.pick')}
              </Button>
            </Upload>
            {file ? <Typography.Text type="secondary">{file.name}</Typography.Text> : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('ledger.noImport')}</Typography.Text>
        )}
        {error ? <Alert type="error" showIcon title={error.message} /> : null}
        {preview?.ok ? (
          <Alert
            type="info"
            showIcon
            data-testid="ledger-preview"
            title={t('ledger.previewOk')}
            description={counts(preview)}
            action={
              <Button
                type="primary"
                loading={confirm.isPending}
                onClick={() => file && confirm.mutate(file)}
                data-testid="ledger-confirm"
              >
                {t('ledger.confirm')}
              </Button>
            }
          />
        ) : null}
        {preview && !preview.ok ? (
          <Alert
            type="error"
            showIcon
            data-testid="ledger-preview"
            title={t('ledger.previewBad', { count: preview.problems.length })}
            description={t('ledger.fixAndRetry')}
          />
        ) : null}
        {preview && !preview.ok ? <ProblemRows problems={preview.problems} kind="problem" /> : null}
        {done ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            data-testid="ledger-done"
            title={t('ledger.imported', { filename: done.filename })}
            description={counts(done)}
          />
        ) : null}
        {(preview ?? done)?.warnings.length ? (
          <ProblemRows problems={(preview ?? done)?.warnings ?? []} kind="warning" />
        ) : null}
      </Flex>
    </Card>
  );
}
