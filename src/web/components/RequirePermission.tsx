import { lazy, type ReactNode, Suspense } from 'react';
import type { Permission } from '../api/types.ts';
import { useCan } from './MeContext.tsx';

// antd's Result (10 kB gzip of illustrations) loads only when a page is refused: every page sits under this.
const ForbiddenPage = lazy(() => import('../pages/errors/ForbiddenPage.tsx'));

/** A page the user's roles do not open shows 403 instead of a table of refusals. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (can(permission)) return children;
  return (
    <Suspense fallback={null}>
      <ForbiddenPage />
    </Suspense>
  );
}
