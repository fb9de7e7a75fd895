import { Tabs } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Permission, Role } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { useMe } from '../../components/MeContext.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import '../../i18n/investment.ts';

// Each page is its own chunk; only the dashboard loads ECharts.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx'));
const PipelinePage = lazy(() => import('./pipeline/PipelinePage.tsx'));
const ProjectListPage = lazy(() => import('./projects/ProjectListPage.tsx'));
const ProjectPage = lazy(() => import('./projects/ProjectPage.tsx'));
const CompaniesPage = lazy(() => import('./companies/CompaniesPage.tsx'));
const LeadsPage = lazy(() => import('./leads/LeadsPage.tsx'));
const VisitsPage = lazy(() => import('./visits/VisitsPage.tsx'));
const SigningEventsPage = lazy(() => import('./events/SigningEventsPage.tsx'));
const AgenciesPage = lazy(() => import('./agencies/AgenciesPage.tsx'));
const TargetsPage = lazy(() => import('./targets/TargetsPage.tsx'));
const CommitmentsPage = lazy(() => import('./commitments/CommitmentsPage.tsx'));
const ImportPage = lazy(() => import('./import/ImportPage.tsx'));
const NotFoundPage = lazy(() => import('../errors/NotFoundPage.tsx'));

interface Section {
  path: string;
  page: ReactNode;
  /** Any one of these opens the section. */
  anyOf: Permission[];
  /** Zone-wide pages the API refuses (403) to agency-only users. */
  zoneWide?: boolean;
}

const SECTIONS: Section[] = [
  { path: 'dashboard', page: <DashboardPage />, anyOf: ['report.read'] },
  { path: 'pipeline', page: <PipelinePage />, anyOf: ['investment.read'] },
  { path: 'projects', page: <ProjectListPage />, anyOf: ['investment.read'] },
  { path: 'leads', page: <LeadsPage />, anyOf: ['investment.read'] },
  { path: 'companies', page: <CompaniesPage />, anyOf: ['investment.read'] },
  { path: 'visits', page: <VisitsPage />, anyOf: ['investment.read'] },
  { path: 'events', page: <SigningEventsPage />, anyOf: ['investment.read'], zoneWide: true },
  { path: 'agencies', page: <AgenciesPage />, anyOf: ['investment.read'] },
  { path: 'targets', page: <TargetsPage />, anyOf: ['investment.read'] },
  { path: 'commitments', page: <CommitmentsPage />, anyOf: ['investment.read'] },
  { path: 'import', page: <ImportPage />, anyOf: ['investment.write', 'report.read'], zoneWide: true },
];

/** Users whose only investment role is an agency: the API narrows them to their own records. */
export function useAgencyOnly(): boolean {
  const me = useMe();
  const inside: Role[] = ['admin', 'leader', 'staff', 'viewer'];
  return me.roles.includes('agency') && !me.roles.some((r) => inside.includes(r));
}

function useSections() {
  const me = useMe();
  const agencyOnly = useAgencyOnly();
  return SECTIONS.filter((s) => s.anyOf.some((p) => me.permissions.includes(p)) && !(s.zoneWide && agencyOnly));
}

/** The module's own tabs under the one 招商引资 entry of the side menu. */
function ModuleNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const sections = useSections();
  const active = pathname.split('/')[2] ?? '';
  return (
    <nav aria-label={t('inv.title')} data-testid="inv-nav">
      <Tabs
        activeKey={active}
        size="small"
        style={{ marginTop: -8, marginBottom: 8 }}
        onChange={(key) => navigate(`/investment/${key}`)}
        items={sections.map((s) => ({ key: s.path, label: t(`inv.nav.${s.path}`) }))}
      />
    </nav>
  );
}

function Guard({ section }: { section: Section }) {
  const allowed = useSections().includes(section);
  if (allowed) return section.page;
  // RequirePermission shows the 403 page with its way home.
  return <RequirePermission permission={section.zoneWide ? 'report.read' : section.anyOf[0]}>{null}</RequirePermission>;
}

/** Every page of 招商引资, below /investment. */
export default function InvestmentRoutes() {
  const sections = useSections();
  const first = sections[0]?.path ?? 'projects';
  return (
    <>
      <ModuleNav />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to={first} replace />} />
          {SECTIONS.map((s) => (
            <Route key={s.path} path={s.path} element={<Guard section={s} />} />
          ))}
          <Route path="projects/:id" element={<ProjectPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
