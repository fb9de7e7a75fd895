import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import type { Plan, ProjectDetail } from '../api.ts';
import { Amount, KindTag, LevelTags } from '../ui.tsx';

type Member = ProjectDetail['taskForce'][number];

/** The project's record, its yearly lists, its owners' accounts and its task force (专班). */
export function ProjectOverview({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          data-testid="project-details"
          items={[
            { key: 'key', label: t('major.fields.key'), children: project.key },
            { key: 'builder', label: t('major.fields.builder'), children: project.builder },
            { key: 'department', label: t('major.fields.department'), children: project.departmentName ?? '—' },
            {
              key: 'total',
              label: t('major.fields.totalInvestment'),
              children: <Amount yuan={project.totalInvestment} />,
            },
            { key: 'planned', label: t('major.fields.plannedStart'), children: project.plannedStartDate ?? '—' },
            { key: 'actual', label: t('major.fields.actualStart'), children: project.actualStartDate ?? '—' },
            { key: 'location', label: t('major.fields.location'), children: project.location || '—' },
            {
              key: 'owners',
              label: t('major.fields.owners'),
              children: project.owners.length
                ? project.owners.map((o) => <Tag key={o.userId}>{o.displayName}</Tag>)
                : '—',
            },
            ...(project.description
              ? [{ key: 'description', label: t('major.fields.description'), children: project.description }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('major.project.plans')}>
        <Table<Plan>
          rowKey="year"
          size="small"
          pagination={false}
          dataSource={project.plans}
          locale={{ emptyText: <Empty description={t('major.project.noPlans')} /> }}
          columns={[
            { key: 'year', title: t('major.year'), dataIndex: 'year' },
            { key: 'levels', title: t('major.fields.level'), render: (_, p) => <LevelTags levels={p.levels} /> },
            { key: 'kind', title: t('major.fields.kind'), render: (_, p) => <KindTag kind={p.kind} /> },
            {
              key: 'plan',
              title: t('major.fields.annualPlan'),
              align: 'right',
              render: (_, p) => <Amount yuan={p.annualPlan} />,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('major.project.taskForce')}>
        <Table<Member>
          rowKey={(m) => `${m.name}|${m.role}|${m.departmentId}`}
          size="small"
          pagination={false}
          dataSource={project.taskForce}
          locale={{ emptyText: <Empty description={t('major.project.noTaskForce')} /> }}
          columns={
            isPhone
              ? [
                  {
                    key: 'all',
                    title: t('major.project.member'),
                    render: (_, m) => (
                      <Flex vertical>
                        <span>
                          <Typography.Text strong>{m.name}</Typography.Text> {m.role ? <Tag>{m.role}</Tag> : null}
                        </span>
                        <Typography.Text type="secondary">
                          {m.departmentName ?? ''} {m.phone ?? ''}
                        </Typography.Text>
                      </Flex>
                    ),
                  },
                ]
              : [
                  { key: 'name', title: t('major.project.member'), dataIndex: 'name' },
                  { key: 'role', title: t('major.project.role'), dataIndex: 'role' },
                  { key: 'department', title: t('major.fields.department'), render: (_, m) => m.departmentName ?? '' },
                  { key: 'phone', title: t('major.project.phone'), render: (_, m) => m.phone ?? '' },
                ]
          }
        />
      </Card>
    </Flex>
  );
}
