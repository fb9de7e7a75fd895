import { MenuOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Layout, Typography, theme } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { isApiError } from '../api/client.ts';
import { useMe as useMeQuery } from '../api/queries.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { Loading } from './Loading.tsx';
import { MeProvider } from './MeContext.tsx';
import { NavMenu } from './NavMenu.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useIsPhone } from './useIsPhone.ts';

// antd's Result only on the rare failure to read the session.
const LoadErrorPage = lazy(() => import('../pages/errors/LoadErrorPage.tsx'));
const NavDrawer = lazy(() => import('./NavDrawer.tsx'));

function Brand({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex
      align="center"
      gap={8}
      style={{ height: 56, paddingInline: compact ? 0 : 20 }}
      justify={compact ? 'center' : 'start'}
    >
      <span className="gx-logo" aria-hidden>
        高
      </span>
      {compact ? null : (
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.short')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The shell of every page after login: side menu (a drawer on a phone), header, content. */
export default function AppLayout() {
  const { t } = useTranslation();
  const me = useMeQuery();
  const isPhone = useIsPhone();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const { token } = theme.useToken();

  if (me.isPending) return <Loading full />;
  if (me.isError) {
    // A 401 has already sent the browser to the login page.
    if (isApiError(me.error) && me.error.status === 401) return <Loading full />;
    return (
      <Suspense fallback={<Loading full />}>
        <LoadErrorPage message={me.error.message} onRetry={() => void me.refetch()} />
      </Suspense>
    );
  }

  return (
    <MeProvider value={me.data}>
      {/* antd's message and modal hooks live here, not at the root, to keep them off the login page. */}
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          {isPhone ? null : (
            <Layout.Sider
              theme="light"
              width={216}
              collapsible
              collapsed={collapsed}
              onCollapse={setCollapsed}
              // Stays in view while a long page scrolls.
              style={{
                borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
                position: 'sticky',
                top: 0,
                height: '100vh',
                overflow: 'auto',
              }}
            >
              <Brand compact={collapsed} />
              <NavMenu />
            </Layout.Sider>
          )}
          <Layout>
            <Layout.Header
              style={{
                background: token.colorBgContainer,
                borderBottom: `1px solid ${token.colorBorderSecondary}`,
                paddingInline: isPhone ? 8 : 24,
                height: 56,
                lineHeight: '56px',
              }}
            >
              <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
                <Flex align="center" gap={8} style={{ minWidth: 0 }}>
                  {isPhone ? (
                    <Button
                      type="text"
                      icon={<MenuOutlined />}
                      aria-label={t('nav.menu')}
                      data-testid="menu-button"
                      onClick={() => setDrawer(true)}
                    />
                  ) : null}
                  <Typography.Text strong ellipsis data-testid="zone-name" style={{ fontSize: 16 }}>
                    {me.data.zone.name}
                  </Typography.Text>
                </Flex>
                <Flex align="center" gap={isPhone ? 4 : 12}>
                  <LangSwitch />
                  <UserMenu />
                </Flex>
              </Flex>
            </Layout.Header>
            <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
              <ErrorBoundary resetKey={location.pathname}>
                <Suspense fallback={<Loading />}>
                  <Outlet />
                </Suspense>
              </ErrorBoundary>
            </Layout.Content>
          </Layout>
          {isPhone ? (
            <Suspense fallback={null}>
              <NavDrawer open={drawer} onClose={() => setDrawer(false)} title={<Brand compact={false} />} />
            </Suspense>
          ) : null}
        </Layout>
      </AntApp>
    </MeProvider>
  );
}
