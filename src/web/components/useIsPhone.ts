import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phone layouts, drawers instead of side menus. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
