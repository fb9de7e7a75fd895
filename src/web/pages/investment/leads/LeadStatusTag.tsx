import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../api.ts';

const COLOURS: Record<LeadStatus, string> = {
  open: 'orange',
  following: 'processing',
  converted: 'green',
  closed: 'default',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOURS[status]} data-testid="lead-status">
      {t(`inv.leadStatuses.${status}`)}
    </Tag>
  );
}
