import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types.ts';

const COLORS: Record<Role, string> = {
  admin: 'red',
  leader: 'gold',
  staff: 'blue',
  agency: 'purple',
  owner: 'cyan',
  enterprise: 'green',
  viewer: 'default',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r} color={COLORS[r]}>
          {t(`roles.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}
