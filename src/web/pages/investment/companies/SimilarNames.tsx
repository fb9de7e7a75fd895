import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { BASE } from '../api.ts';
import { useAgencyOnly } from '../InvestmentRoutes.tsx';

/** While a company name is typed: the library's companies with a near name, so a duplicate is not created. */
export function SimilarNames({ name, excludeId }: { name: string | undefined; excludeId?: string }) {
  const { t } = useTranslation();
  const agencyOnly = useAgencyOnly();
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled((name ?? '').trim()), 400);
    return () => clearTimeout(timer);
  }, [name]);
  const q = useQuery({
    queryKey: ['inv', 'similar', settled, excludeId],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; uscc: string | null }[] }>(`${BASE}/companies/similar`, {
        name: settled,
        excludeId,
      }),
    // The check is zone-wide: agencies are not asked (the API refuses them).
    enabled: settled.length >= 2 && !agencyOnly,
  });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="similar-names"
      style={{ marginBottom: 12 }}
      title={t('inv.companies.similar', { names: items.map((c) => c.name).join('、') })}
    />
  );
}
