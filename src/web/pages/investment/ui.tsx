import { Alert, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { type AmountUnit, formatAmount } from '../../components/amount.ts';
import type { Channel, CompanyTag, Stage, Top500List, Warning } from './api.ts';

/** Small pieces every investment page shows the same way. */

export const STAGE_COLOURS: Record<Stage, string> = {
  negotiating: 'default',
  signed: 'blue',
  landed: 'cyan',
  started: 'geekblue',
  completed: 'purple',
  operating: 'green',
  dropped: 'red',
};

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLOURS[stage]} data-testid="stage" data-stage={stage}>
      {t(`inv.stages.${stage}`)}
    </Tag>
  );
}

export function ChannelText({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return <>{t(`inv.channels.${channel}`)}</>;
}

export function Top500Tags({ lists }: { lists: { list: Top500List; year: number | null }[] }) {
  const { t } = useTranslation();
  return (
    <>
      {lists.map((m) => (
        <Tag key={`${m.list}${m.year}`} color="gold" style={{ marginInlineEnd: 4 }}>
          {t(`inv.top500.${m.list}`)}
          {m.year ? ` ${m.year}` : ''}
        </Tag>
      ))}
    </>
  );
}

export function CompanyTags({ tags }: { tags: CompanyTag[] }) {
  const { t } = useTranslation();
  return (
    <>
      {tags.map((x) => (
        <Tag key={x} color="blue" style={{ marginInlineEnd: 4 }}>
          {t(`inv.tags.${x}`)}
        </Tag>
      ))}
    </>
  );
}

/** An amount from the API (元) in the unit, with the unit's name after it. */
export function Amount({ yuan, unit = 'wan', bare }: { yuan: string | null; unit?: AmountUnit; bare?: boolean }) {
  const { t } = useTranslation();
  if (yuan === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatAmount(yuan, unit)}
      {bare ? null : <Typography.Text type="secondary"> {t(`inv.units.${unit}`)}</Typography.Text>}
    </span>
  );
}

/** US dollars from the API shown in 万美元. */
export function Usd({ usd, bare }: { usd: string | null; bare?: boolean }) {
  const { t } = useTranslation();
  if (usd === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatAmount(usd, 'wan')}
      {bare ? null : <Typography.Text type="secondary"> {t('inv.units.wanUsd')}</Typography.Text>}
    </span>
  );
}

export function ProjectLink({ p }: { p: { id: string; code: string; name: string } }) {
  return (
    <Link to={`/investment/projects/${p.id}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.code}
      </Typography.Text>{' '}
      {p.name}
    </Link>
  );
}

/** A figure the user can click to see the records behind it. */
export function DrillLink({
  children,
  onClick,
  testId,
}: {
  children: ReactNode;
  onClick: () => void;
  testId?: string;
}) {
  return (
    <Typography.Link onClick={onClick} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {children}
    </Typography.Link>
  );
}

/** What the API warned about after a save (near-duplicate names, the company already has leads or projects). */
export function Warnings({ warnings }: { warnings: Warning[] }) {
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="warnings"
      style={{ marginBottom: 12 }}
      title={warnings.map((w) => (
        <div key={w.code}>
          {w.message}
          {w.records.length ? `：${w.records.map((r) => r.name).join('、')}` : ''}
        </div>
      ))}
    />
  );
}

/** A stacked label: value line for phone cards and detail lists. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {children}
    </div>
  );
}

/** What the API said, in words: the field messages of a refusal (they name the rule), else its title. */
export function errorText(err: unknown): string {
  if (isApiError(err) && err.fields.length) return err.fields.map((f) => f.message).join('；');
  return err instanceof Error ? err.message : String(err);
}
