import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDepartments } from '../../../api/queries.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  COLOUR_LIST,
  type Colour,
  currentYear,
  KIND_LIST,
  type Kind,
  LEVEL_LIST,
  type Level,
  type Project,
  type SupervisionItem,
  useProjects,
  useSupervision,
  yearOptions,
} from '../api.ts';
import { Amount, ColourTag, KindTag, LevelTags, useReasonText } from '../ui.tsx';
import { ProjectForm } from './ProjectForm.tsx';

/** The year's projects with the list filters in the address (year, level, kind, department, colour, text). */
export default function ProjectListPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const can = useCan();
  const reason = useReasonText();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const year = Number(params.get('year')) || currentYear();
  const level = (params.get('level') as Level | null) ?? undefined;
  const kind = (params.get('kind') as Kind | null) ?? undefined;
  const departmentId = params.get('department') ?? undefined;
  const colour = (params.get('colour') as Colour | null) ?? undefined;
  const q = params.get('q') ?? '';
  const set = (k: string, v: string | number | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v === undefined || v === '') n.delete(k);
        else n.set(k, String(v));
        return n;
      },
      { replace: true },
    );

  const seesColours = can('report.read');
  const list = useProjects({ year, level, kind, departmentId, q: q || undefined });
  const departments = useDepartments({}, can('department.read'));
  // Colours are the supervision endpoint's; the list only matches them to its rows.
  const sup = useSupervision({ year }, seesColours);
  const colourOf = new Map<string, SupervisionItem>((sup.data?.items ?? []).map((i) => [i.projectId, i]));
  const rows = (list.data?.items ?? []).filter((p) => !colour || colourOf.get(p.id)?.colour === colour);

  const name = (p: Project) => (
    <Link to={`/major-projects/projects/${p.id}`} data-testid="project-link">
      <Typography.Text type="secondary">{p.key}</Typography.Text> {p.name}
    </Link>
  );
  const wan = t('major.units.wan');
  const colourCell = (p: Project) => {
    const s = colourOf.get(p.id);
    if (!s) return null;
    return (
      <span title={s.reasons.map(reason).join('；')}>
        <ColourTag colour={s.colour} />
      </span>
    );
  };
  const columns: TableColumnsType<Project> = isPhone
    ? [
        {
          key: 'all',
          title: t('major.fields.project'),
          render: (_, p) => (
            <Flex vertical gap={2}>
              <span>
                {name(p)} {seesColours ? colourCell(p) : null}
              </span>
              <span>
                {p.plan ? <LevelTags levels={p.plan.levels} /> : null}
                {p.plan ? <KindTag kind={p.plan.kind} /> : null}
              </span>
              <Typography.Text type="secondary">
                {p.departmentName ?? ''} · {t('major.fields.annualPlan')}{' '}
                {p.plan ? <Amount yuan={p.plan.annualPlan} /> : '—'}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        {
          key: 'name',
          title: t('major.fields.project'),
          render: (_, p) => (
            <Flex vertical>
              {name(p)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.builder}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'levels',
          title: t('major.fields.level'),
          render: (_, p) => (p.plan ? <LevelTags levels={p.plan.levels} /> : null),
        },
        {
          key: 'kind',
          title: t('major.fields.kind'),
          render: (_, p) => (p.plan ? <KindTag kind={p.plan.kind} /> : null),
        },
        { key: 'department', title: t('major.fields.department'), render: (_, p) => p.departmentName ?? '' },
        {
          key: 'total',
          title: t('major.withUnit', { title: t('major.fields.totalInvestment'), unit: wan }),
          align: 'right',
          render: (_, p) => <Amount yuan={p.totalInvestment} bare />,
        },
        {
          key: 'plan',
          title: t('major.withUnit', { title: t('major.fields.annualPlan'), unit: wan }),
          align: 'right',
          render: (_, p) => (p.plan ? <Amount yuan={p.plan.annualPlan} bare /> : '—'),
        },
        ...(seesColours
          ? [{ key: 'colour', title: t('major.fields.colour'), render: (_: unknown, p: Project) => colourCell(p) }]
          : []),
      ];

  return (
    <>
      <PageHeader
        title={t('major.list.title')}
        extra={
          can('major.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="create-project"
              onClick={() => setCreating(true)}
            >
              {t('major.form.create')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="project-filters">
        <Select
          aria-label={t('major.filter', { field: t('major.year') })}
          value={year}
          style={{ width: 110 }}
          onChange={(v) => set('year', v)}
          options={yearOptions().map((v) => ({ value: v, label: t('major.yearN', { year: v }) }))}
        />
        <Select
          aria-label={t('major.filter', { field: t('major.fields.level') })}
          allowClear
          placeholder={t('major.list.allLevels')}
          value={level}
          style={{ width: 120 }}
          onChange={(v) => set('level', v)}
          options={LEVEL_LIST.map((l) => ({ value: l, label: t(`major.levels.${l}`) }))}
        />
        <Select
          aria-label={t('major.filter', { field: t('major.fields.kind') })}
          allowClear
          placeholder={t('major.list.allKinds')}
          value={kind}
          style={{ width: 120 }}
          onChange={(v) => set('kind', v)}
          options={KIND_LIST.map((k) => ({ value: k, label: t(`major.kinds.${k}`) }))}
        />
        {can('department.read') ? (
          <Select
            aria-label={t('major.filter', { field: t('major.fields.department') })}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('major.list.allDepartments')}
            value={departmentId}
            style={{ width: 170 }}
            onChange={(v) => set('department', v)}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        {seesColours ? (
          <Select
            aria-label={t('major.filter', { field: t('major.fields.colour') })}
            allowClear
            placeholder={t('major.list.allColours')}
            value={colour}
            style={{ width: 120 }}
            onChange={(v) => set('colour', v)}
            options={COLOUR_LIST.map((c) => ({ value: c, label: t(`major.colours.${c}`) }))}
          />
        ) : null}
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('major.list.search')}
          aria-label={t('app.search')}
          style={{ width: isPhone ? '100%' : 240 }}
          onSearch={(v) => set('q', v.trim())}
        />
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} /> : null}
      <Table<Project>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('app.total', { count }) }}
      />
      <ProjectForm open={creating} record={null} onClose={() => setCreating(false)} />
    </>
  );
}
