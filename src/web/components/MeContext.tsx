import { createContext, useContext } from 'react';
import type { Me, Permission } from '../api/types.ts';

const MeContext = createContext<Me | null>(null);
export const MeProvider = MeContext.Provider;

/** The logged-in user; only used below the app shell, which loads it first. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the app shell');
  return me;
}

/** What the API would allow, from GET /api/v1/me: the web hides what the API would refuse. */
export function useCan(): (p: Permission) => boolean {
  const me = useMe();
  return (p) => me.permissions.includes(p);
}
