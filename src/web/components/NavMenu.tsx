import {
  ApartmentOutlined,
  AuditOutlined,
  BuildOutlined,
  FundProjectionScreenOutlined,
  GlobalOutlined,
  HomeOutlined,
  LockOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Permission } from '../api/types.ts';
import { useCan, useMe } from './MeContext.tsx';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only to users the API would serve; absent means every logged-in user. */
  permission?: Permission;
  /** Shown only to upper-level viewers (the operator granted them regions). */
  oversight?: boolean;
}

const ITEMS: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  {
    path: '/investment',
    label: 'home.investment',
    icon: <FundProjectionScreenOutlined />,
    permission: 'investment.read',
  },
  { path: '/major-projects', label: 'major.title', icon: <BuildOutlined />, permission: 'major.read' },
  { path: '/departments', label: 'nav.departments', icon: <ApartmentOutlined />, permission: 'department.read' },
  { path: '/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/rollup', label: 'nav.rollup', icon: <GlobalOutlined />, oversight: true },
  { path: '/account/password', label: 'nav.password', icon: <LockOutlined /> },
];

/** The left navigation, built from the permissions GET /api/v1/me returned. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const oversees = useMe().oversees.length > 0;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items: MenuProps['items'] = ITEMS.filter(
    (i) => (!i.permission || can(i.permission)) && (!i.oversight || oversees),
  ).map((i) => ({
    key: i.path,
    icon: i.icon,
    label: t(i.label),
  }));
  const selected = ITEMS.filter((i) => i.path === pathname || (i.path !== '/' && pathname.startsWith(`${i.path}/`)));
  return (
    <nav aria-label={t('nav.menu')} data-testid="nav">
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected.map((i) => i.path)}
        style={{ borderInlineEnd: 'none' }}
        onClick={({ key }) => {
          navigate(key);
          onNavigate?.();
        }}
      />
    </nav>
  );
}
