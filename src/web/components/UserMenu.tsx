import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useMe } from './MeContext.tsx';
import { useIsPhone } from './useIsPhone.ts';

/** The header's account button: change password, log out. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      // Whatever the server said, this page forgets the user.
      qc.clear();
      navigate('/login', { replace: true });
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <LockOutlined />, label: t('nav.password') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
        ],
        onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/account/password')),
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={me.user.displayName}>
        {isPhone ? null : me.user.displayName}
      </Button>
    </Dropdown>
  );
}
