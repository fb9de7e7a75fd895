import { Drawer } from 'antd';
import type { ReactNode } from 'react';
import { NavMenu } from './NavMenu.tsx';

/** The side menu as a drawer on a phone; its own chunk, so wider screens never load antd's Drawer for it. */
export default function NavDrawer(props: { open: boolean; onClose: () => void; title: ReactNode }) {
  return (
    <Drawer
      placement="left"
      open={props.open}
      onClose={props.onClose}
      size={260}
      title={props.title}
      styles={{ body: { padding: 0 }, header: { padding: '0 8px' } }}
    >
      <NavMenu onNavigate={props.onClose} />
    </Drawer>
  );
}
