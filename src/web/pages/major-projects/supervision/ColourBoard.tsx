import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatRate } from '../../../components/amount.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { COLOUR_LIST, type Colour, type SupervisionItem, useSupervision } from '../api.ts';
import { ColourTag, useReasonText, useYearThrough, YearThroughPicker } from '../ui.tsx';
import { type NoticeDraft, NoticeModal } from './NoticeModal.tsx';

/** Each project's colour for the year with the rules that gave it; a notice can go to its department from here. */
export function ColourBoard() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const canWrite = useCan()('major.write');
  const reason = useReasonText();
  const { year, through, set } = useYearThrough();
  const [colour, setColour] = useState<Colour | 'all'>('all');
  const [draft, setDraft] = useState<NoticeDraft | null>(null);
  const q = useSupervision({ year, through, colour: colour === 'all' ? undefined : colour });
  const data = q.data;

  const project = (r: SupervisionItem) => (
    <Link to={`/major-projects/projects/${r.projectId}`}>
      <Typography.Text type="secondary">{r.key}</Typography.Text> {r.name}
    </Link>
  );
  const reasons = (r: SupervisionItem) => (
    <Flex vertical>
      {r.reasons.map((x) => (
        <Typography.Text key={x.rule} type={x.colour === 'red' ? 'danger' : 'warning'}>
          {reason(x)}
        </Typography.Text>
      ))}
    </Flex>
  );
  const notice = (r: SupervisionItem) =>
    canWrite && r.colour !== 'green' ? (
      <Button
        size="small"
        icon={<SendOutlined />}
        data-testid="send-notice"
        onClick={() =>
          setDraft({
            projectId: r.projectId,
            departmentId: r.departmentId,
            title: t('major.notices.defaultTitle', { name: r.name }),
            content: r.reasons.map(reason).join('；'),
          })
        }
      >
        {t('major.notices.sendShort')}
      </Button>
    ) : null;
  const columns: TableColumnsType<SupervisionItem> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.fields.project'),
          render: (_, r) => (
            <Flex vertical gap={4}>
              <span>
                <ColourTag colour={r.colour} /> {project(r)}
              </span>
              <Typography.Text type="secondary">
                {r.departmentName ?? ''} · {t('major.fields.completionRate')} {formatRate(r.completionRate)}
              </Typography.Text>
              {reasons(r)}
              <span>{notice(r)}</span>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'colour', title: t('major.fields.colour'), render: (_, r) => <ColourTag colour={r.colour} /> },
        { key: 'project', title: t('major.fields.project'), render: (_, r) => project(r) },
        { key: 'department', title: t('major.fields.department'), render: (_, r) => r.departmentName ?? '' },
        {
          key: 'rate',
          title: t('major.fields.completionRate'),
          align: 'right',
          render: (_, r) => formatRate(r.completionRate),
        },
        { key: 'lag', title: t('major.supervision.lag'), align: 'right', render: (_, r) => formatRate(r.lag) },
        { key: 'missing', title: t('major.supervision.missingShort'), align: 'right', dataIndex: 'reportsMissing' },
        { key: 'overdue', title: t('major.supervision.overdueShort'), align: 'right', dataIndex: 'overdueIssues' },
        { key: 'late', title: t('major.supervision.lateShort'), align: 'right', dataIndex: 'lateMilestones' },
        { key: 'reasons', title: t('major.fields.reasons'), render: (_, r) => reasons(r) },
        ...(canWrite
          ? [{ key: 'action', title: t('app.actions'), render: (_: unknown, r: SupervisionItem) => notice(r) }]
          : []),
      ];

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <YearThroughPicker year={year} through={through} shown={data?.through} onChange={set} />
        <Segmented<Colour | 'all'>
          value={colour}
          onChange={setColour}
          data-testid="colour-filter"
          options={[
            { value: 'all', label: t('major.supervision.all') },
            ...COLOUR_LIST.map((c) => ({
              value: c,
              label: `${t(`major.colours.${c}`)} ${data ? data.counts[c] : ''}`,
            })),
          ]}
        />
      </Flex>
      {data ? (
        <Typography.Text type="secondary">
          {t('major.supervision.scope', { through: data.through, asOf: data.asOf, rate: formatRate(data.timeShare) })}
        </Typography.Text>
      ) : null}
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      <Table<SupervisionItem>
        rowKey="projectId"
        size="small"
        loading={q.isFetching}
        columns={columns}
        dataSource={data?.items}
        data-testid="supervision"
        onRow={(r) => ({ 'data-key': r.key }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('app.total', { count }) }}
      />
      <NoticeModal draft={draft} onClose={() => setDraft(null)} />
    </Flex>
  );
}
