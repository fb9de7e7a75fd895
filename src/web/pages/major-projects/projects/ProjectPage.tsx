import { EditOutlined, ExclamationCircleOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { useIssues, useProject, useSupervision } from '../api.ts';
import { IssueDrawer } from '../issues/IssueDrawer.tsx';
import { IssueTable } from '../issues/IssueTable.tsx';
import { NewIssueModal } from '../issues/NewIssueModal.tsx';
import { ColourTag, KindTag, LevelTags, useMayReport, useReasonText } from '../ui.tsx';
import { MilestoneTimeline } from './MilestoneTimeline.tsx';
import { PhotoGallery } from './PhotoGallery.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { ProjectHistory } from './ProjectHistory.tsx';
import { ProjectOverview } from './ProjectOverview.tsx';
import { ReportHistory } from './ReportHistory.tsx';

const TABS = ['overview', 'milestones', 'reports', 'photos', 'issues', 'history'] as const;

/** The supervision colour of the project for the year of its list, with the reasons. */
function ProjectColour({ projectId, year, departmentId }: { projectId: string; year: number; departmentId?: string }) {
  const reason = useReasonText();
  const sup = useSupervision({ year, departmentId });
  const item = sup.data?.items.find((i) => i.projectId === projectId);
  if (!item) return null;
  return (
    <Flex gap={8} align="center" wrap data-testid="project-colour">
      <ColourTag colour={item.colour} />
      {item.reasons.map((r) => (
        <Typography.Text key={r.rule} type={r.colour === 'red' ? 'danger' : 'warning'}>
          {reason(r)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** 项目页: details and lists, milestones, monthly reports, photos, issues and history, each a tab. */
export default function ProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const mayReport = useMayReport();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'overview';
  const [raising, setRaising] = useState(false);
  const [issueId, setIssueId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const project = useProject(id);
  const issues = useIssues({ projectId: id }, tab === 'issues');

  if (project.isPending) return <Loading />;
  if (project.isError) return <Alert type="error" showIcon title={project.error.message} />;
  const p = project.data;
  const setTab = (k: string) =>
    setParams(
      (q) => {
        const n = new URLSearchParams(q);
        n.set('tab', k);
        return n;
      },
      { replace: true },
    );

  return (
    <>
      <Flex vertical gap={8} style={{ marginBottom: 8 }}>
        <Flex justify="space-between" align="start" wrap gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary">{p.key}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-name">
              {p.name}
            </Typography.Title>
            {p.investmentProject ? (
              <Typography.Text type="secondary" data-testid="from-investment">
                {t('major.fromInvestment.from')}
                {can('investment.read') ? (
                  <Link to={`/investment/projects/${p.investmentProject.id}`}>
                    {p.investmentProject.code} {p.investmentProject.name}
                  </Link>
                ) : (
                  `${p.investmentProject.code} ${p.investmentProject.name}`
                )}
                （{t(`major.history.stages.${p.investmentProject.stage}`)}）
              </Typography.Text>
            ) : null}
          </div>
          <Flex gap={8} wrap>
            {can('major.write') ? (
              <Button icon={<FormOutlined />} data-testid="edit-project" onClick={() => setEditing(true)}>
                {t('app.edit')}
              </Button>
            ) : null}
            {mayReport ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                data-testid="file-report"
                onClick={() => navigate(`/major-projects/report?project=${p.id}`)}
              >
                {t('major.report.file')}
              </Button>
            ) : null}
            {mayReport ? (
              <Button icon={<ExclamationCircleOutlined />} onClick={() => setRaising(true)}>
                {t('major.issues.raise')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
        {p.plan ? (
          <Flex gap={4} wrap align="center">
            <Typography.Text type="secondary">{t('major.yearN', { year: p.plan.year })}</Typography.Text>
            <LevelTags levels={p.plan.levels} />
            <KindTag kind={p.plan.kind} />
          </Flex>
        ) : null}
        {p.plan && can('report.read') ? (
          <ProjectColour projectId={p.id} year={p.plan.year} departmentId={p.departmentId ?? undefined} />
        ) : null}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'overview', label: t('major.project.overview'), children: <ProjectOverview project={p} /> },
          { key: 'milestones', label: t('major.project.milestones'), children: <MilestoneTimeline projectId={p.id} /> },
          { key: 'reports', label: t('major.project.reports'), children: <ReportHistory projectId={p.id} /> },
          { key: 'photos', label: t('major.project.photos'), children: <PhotoGallery projectId={p.id} /> },
          {
            key: 'issues',
            label: t('major.project.issues'),
            children: (
              <IssueTable items={issues.data?.items} loading={issues.isFetching} onOpen={(i) => setIssueId(i.id)} />
            ),
          },
          { key: 'history', label: t('major.project.history'), children: <ProjectHistory projectId={p.id} /> },
        ].map((x) => ({ ...x, children: tab === x.key ? x.children : null }))}
      />
      <NewIssueModal projectId={p.id} open={raising} onClose={() => setRaising(false)} />
      <ProjectForm open={editing} record={p} onClose={() => setEditing(false)} />
      <IssueDrawer issueId={issueId} onClose={() => setIssueId(null)} />
    </>
  );
}
