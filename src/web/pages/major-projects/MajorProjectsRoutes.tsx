import { Tabs } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { useCan } from '../../components/MeContext.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';

// Each page is its own chunk; only the dashboard loads ECharts.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx'));
const ProjectListPage = lazy(() => import('./projects/ProjectListPage.tsx'));
const ProjectPage = lazy(() => import('./projects/ProjectPage.tsx'));
const ReportPage = lazy(() => import('./reports/ReportPage.tsx'));
const IssuesPage = lazy(() => import('./issues/IssuesPage.tsx'));
const SupervisionPage = lazy(() => import('./supervision/SupervisionPage.tsx'));
const ImportPage = lazy(() => import('./import/ImportPage.tsx'));
const NotFoundPage = lazy(() => import('../errors/NotFoundPage.tsx'));

interface Section {
  path: string;
  /** Any one of these opens the section. */
  anyOf: Permission[];
}

const SECTIONS: Section[] = [
  { path: 'dashboard', anyOf: ['report.read'] },
  { path: 'projects', anyOf: ['major.read'] },
  { path: 'report', anyOf: ['major.write', 'major.report'] },
  { path: 'issues', anyOf: ['major.read'] },
  { path: 'supervision', anyOf: ['report.read'] },
  { path: 'import', anyOf: ['major.write', 'report.read'] },
];

function useSections() {
  const can = useCan();
  return SECTIONS.filter((s) => s.anyOf.some(can));
}

/** The module's own tabs under the one 重大项目 entry of the side menu. */
function ModuleNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const sections = useSections();
  const active = pathname.split('/')[2] ?? '';
  return (
    <nav aria-label={t('major.title')} data-testid="major-nav">
      <Tabs
        activeKey={active}
        size="small"
        style={{ marginTop: -8, marginBottom: 8 }}
        onChange={(key) => navigate(`/major-projects/${key}`)}
        items={sections.map((s) => ({ key: s.path, label: t(`major.nav.${s.path}`) }))}
      />
    </nav>
  );
}

function Guard({ section, children }: { section: string; children: ReactNode }) {
  const allowed = useSections().some((s) => s.path === section);
  const need = SECTIONS.find((s) => s.path === section)?.anyOf[0] ?? 'major.read';
  // RequirePermission shows the 403 page with its way home.
  return allowed ? children : <RequirePermission permission={need}>{children}</RequirePermission>;
}

/** Every page of 重大项目, below /major-projects. */
export default function MajorProjectsRoutes() {
  const sections = useSections();
  const first = sections[0]?.path ?? 'projects';
  return (
    <>
      <ModuleNav />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to={first} replace />} />
          <Route
            path="dashboard"
            element={
              <Guard section="dashboard">
                <DashboardPage />
              </Guard>
            }
          />
          <Route path="projects" element={<ProjectListPage />} />
          <Route path="projects/:id" element={<ProjectPage />} />
          <Route
            path="report"
            element={
              <Guard section="report">
                <ReportPage />
              </Guard>
            }
          />
          <Route path="issues" element={<IssuesPage />} />
          <Route
            path="supervision"
            element={
              <Guard section="supervision">
                <SupervisionPage />
              </Guard>
            }
          />
          <Route
            path="import"
            element={
              <Guard section="import">
                <ImportPage />
              </Guard>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
