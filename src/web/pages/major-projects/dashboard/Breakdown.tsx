import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatRate } from '../../../components/amount.ts';
import { type SimpleColumn, SimpleTable } from '../../../components/SimpleTable.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import type { Figures } from '../api.ts';
import { DrillLink } from '../ui.tsx';
import type { Drill, DrillFilter } from './drill.ts';

export interface BreakdownRow {
  key: string;
  name: string;
  rank?: number;
  figures: Figures;
  /** null: the group cannot be narrowed to (a project without a department); its figures are not links. */
  filter: DrillFilter | null;
}

/**
 * The figures of a group (a level, a kind, a department) in a table; every
 * number opens the records behind it, narrowed to the group.
 */
export function Breakdown({
  rows,
  open,
  nameTitle,
  ranked,
  testId,
}: {
  rows: BreakdownRow[];
  open: (d: Drill) => void;
  nameTitle: string;
  ranked?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const yi = t('major.units.yi');
  const cell = (r: BreakdownRow, id: string, text: ReactNode, drill: Drill) =>
    r.filter ? (
      <DrillLink
        testId={`${testId}-${r.key}-${id}`}
        onClick={() => open({ ...drill, ...r.filter, title: `${r.name} · ${drill.title}` } as Drill)}
      >
        {text}
      </DrillLink>
    ) : (
      text
    );
  const fields: { id: string; title: string; render: (r: BreakdownRow) => ReactNode }[] = [
    {
      id: 'projects',
      title: t('major.dashboard.projects'),
      render: (r) =>
        cell(r, 'projects', r.figures.projects, {
          type: 'projects',
          figure: 'all',
          title: t('major.dashboard.projects'),
        }),
    },
    {
      id: 'annualPlan',
      title: t('major.withUnit', { title: t('major.fields.annualPlan'), unit: yi }),
      render: (r) =>
        cell(r, 'annualPlan', formatAmount(r.figures.annualPlan, 'yi'), {
          type: 'projects',
          figure: 'all',
          title: t('major.fields.annualPlan'),
        }),
    },
    {
      id: 'completed',
      title: t('major.withUnit', { title: t('major.fields.completed'), unit: yi }),
      render: (r) =>
        cell(r, 'completed', formatAmount(r.figures.completed, 'yi'), {
          type: 'reports',
          title: t('major.dashboard.completedReports'),
        }),
    },
    {
      id: 'completionRate',
      title: t('major.fields.completionRate'),
      render: (r) =>
        cell(r, 'completionRate', formatRate(r.figures.completionRate), {
          type: 'projects',
          figure: 'all',
          title: t('major.fields.completionRate'),
        }),
    },
    {
      id: 'newStarts',
      title: t('major.dashboard.startedOfPlanned'),
      render: (r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {cell(r, 'newStarted', r.figures.newStarted, {
            type: 'projects',
            figure: 'newStarted',
            title: t('major.dashboard.newStarted'),
          })}
          {' / '}
          {cell(r, 'newPlanned', r.figures.newPlanned, {
            type: 'projects',
            figure: 'newPlanned',
            title: t('major.dashboard.newPlanned'),
          })}
        </span>
      ),
    },
    {
      id: 'startRate',
      title: t('major.fields.startRate'),
      render: (r) =>
        r.figures.newPlanned === 0
          ? '—'
          : cell(r, 'startRate', formatRate(r.figures.startRate), {
              type: 'projects',
              figure: 'newPlanned',
              title: t('major.fields.startRate'),
            }),
    },
    {
      id: 'reportsMissing',
      title: t('major.fields.reportsMissing'),
      render: (r) =>
        cell(r, 'reportsMissing', r.figures.reportsMissing, {
          type: 'missing',
          title: t('major.fields.reportsMissing'),
        }),
    },
  ];
  const name = (r: BreakdownRow) => (
    <Typography.Text strong>
      {ranked ? `${r.rank}. ` : ''}
      {r.name}
    </Typography.Text>
  );
  const columns: SimpleColumn<BreakdownRow>[] = isPhone
    ? [
        {
          key: 'all',
          title: nameTitle,
          render: (r) => (
            <Flex vertical gap={2}>
              {name(r)}
              <Flex wrap gap="2px 12px">
                {fields.map((f) => (
                  <span key={f.id}>
                    <Typography.Text type="secondary">{f.title} </Typography.Text>
                    {f.render(r)}
                  </span>
                ))}
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'name', title: nameTitle, render: name },
        ...fields.map((f) => ({ key: f.id, title: f.title, align: 'right' as const, render: f.render })),
      ];
  return <SimpleTable columns={columns} rows={rows} rowKey={(r) => r.key} testId={testId} />;
}
