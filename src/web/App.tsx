import { useQueryClient } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
// The ES builds: 'antd/locale/*' is CommonJS and drags antd's CJS copies into the bundle.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './api/client.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Loading } from './components/Loading.tsx';
import { RequireOversight, RequirePermission } from './components/RequirePermission.tsx';

// Each page is its own chunk: the login page loads none of the others.
const LoginPage = lazy(() => import('./pages/auth/LoginPage.tsx'));
const AppLayout = lazy(() => import('./components/AppLayout.tsx'));
const HomePage = lazy(() => import('./pages/home/HomePage.tsx'));
const DepartmentsPage = lazy(() => import('./pages/departments/DepartmentsPage.tsx'));
const UsersPage = lazy(() => import('./pages/users/UsersPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const ChangePasswordPage = lazy(() => import('./pages/auth/ChangePasswordPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage.tsx'));
const MajorProjectsRoutes = lazy(() => import('./pages/major-projects/MajorProjectsRoutes.tsx'));
const InvestmentRoutes = lazy(() => import('./pages/investment/InvestmentRoutes.tsx'));
const RollupPage = lazy(() => import('./pages/rollup/RollupPage.tsx'));

/** Sends the browser to the login page whenever the API says the session is gone. */
function useUnauthorizedRedirect() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const location = useLocation();
  const here = useRef(location.pathname + location.search);
  here.current = location.pathname + location.search;
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (here.current.startsWith('/login')) return;
      qc.clear();
      const next = here.current === '/' ? '' : `?next=${encodeURIComponent(here.current)}`;
      navigate(`/login${next}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, qc]);
}

export function App() {
  const { i18n } = useTranslation();
  useUnauthorizedRedirect();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}
    >
      <ErrorBoundary>
        <Suspense fallback={<Loading full />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route
                path="departments"
                element={
                  <RequirePermission permission="department.read">
                    <DepartmentsPage />
                  </RequirePermission>
                }
              />
              <Route
                path="users"
                element={
                  <RequirePermission permission="user.read">
                    <UsersPage />
                  </RequirePermission>
                }
              />
              <Route
                path="audit"
                element={
                  <RequirePermission permission="audit.read">
                    <AuditPage />
                  </RequirePermission>
                }
              />
              <Route
                path="major-projects/*"
                element={
                  <RequirePermission permission="major.read">
                    <MajorProjectsRoutes />
                  </RequirePermission>
                }
              />
              <Route
                path="investment/*"
                element={
                  <RequirePermission permission="investment.read">
                    <InvestmentRoutes />
                  </RequirePermission>
                }
              />
              <Route
                path="rollup"
                element={
                  <RequireOversight>
                    <RollupPage />
                  </RequireOversight>
                }
              />
              <Route path="account/password" element={<ChangePasswordPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </ConfigProvider>
  );
}
