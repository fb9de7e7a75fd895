import { lazy, type ReactNode, Suspense } from 'react';
import type { Permission } from '../api/types.ts';
import { useCan, useMe } from './MeContext.tsx';

// antd's Result (10 kB gzip of illustrations) loads only when a page is refused: every page sits under this.
const ForbiddenPage = lazy(() => import('../pages/errors/ForbiddenPage.tsx'));

const refused = (
  <Suspense fallback={null}>
    <ForbiddenPage />
  </Suspense>
);

/** A page the user's roles do not open shows 403 instead of a table of refusals. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : refused;
}

/** The regional rollup opens only for a user the operator granted regions to (GET /api/v1/me `oversees`). */
export function RequireOversight({ children }: { children: ReactNode }) {
  return useMe().oversees.length ? children : refused;
}
