import { Select, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AmountUnit, formatAmount, formatRate } from '../../components/amount.ts';
import { useCan } from '../../components/MeContext.tsx';
import { addMonths, COLOUR_TAG, type Colour, currentYear, type IssueStatus, type Kind, type Level } from './api.ts';

/** Small pieces every major-projects page shows the same way. */

const KIND_COLOURS: Record<Kind, string> = { new: 'blue', continuing: 'cyan', finishing: 'purple' };
const LEVEL_COLOURS: Record<Level, string> = { province: 'volcano', city: 'orange', zone: 'geekblue' };
const STATUS_COLOURS: Record<IssueStatus, string> = {
  open: 'default',
  assigned: 'blue',
  handling: 'processing',
  responded: 'cyan',
  reviewed: 'purple',
  closed: 'green',
};

export function LevelTags({ levels }: { levels: readonly Level[] }) {
  const { t } = useTranslation();
  return (
    <>
      {levels.map((l) => (
        <Tag key={l} color={LEVEL_COLOURS[l]} style={{ marginInlineEnd: 4 }}>
          {t(`major.levels.${l}`)}
        </Tag>
      ))}
    </>
  );
}

export function KindTag({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOURS[kind]}>{t(`major.kinds.${kind}`)}</Tag>;
}

export function ColourTag({ colour }: { colour: Colour }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOUR_TAG[colour]} data-testid="colour" data-colour={colour}>
      {t(`major.colours.${colour}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: IssueStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="issue-status">
      {t(`major.statuses.${status}`)}
    </Tag>
  );
}

/** An amount from the API (元) in the unit, with the unit's name after it. */
export function Amount({ yuan, unit = 'wan', bare }: { yuan: string; unit?: AmountUnit; bare?: boolean }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatAmount(yuan, unit)}
      {bare ? null : <Typography.Text type="secondary"> {t(`major.units.${unit}`)}</Typography.Text>}
    </span>
  );
}

export const Rate = ({ value }: { value: number | null }) => <span>{formatRate(value)}</span>;

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

/** The year and the through month of a page, kept in the address so a figure's link can be shared. */
export function useYearThrough() {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const raw = params.get('through');
  const through = raw?.startsWith(`${year}-`) ? raw : undefined;
  const set = (next: { year?: number; through?: string | null }) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next.year !== undefined) {
          q.set('year', String(next.year));
          q.delete('through');
        }
        if (next.through === null) q.delete('through');
        else if (next.through) q.set('through', next.through);
        return q;
      },
      { replace: true },
    );
  return { year, through, set };
}

/** Year and through-month pickers; `shown` is the through the API answered with when none was picked. */
export function YearThroughPicker(props: {
  year: number;
  through: string | undefined;
  shown: string | undefined;
  onChange: (v: { year?: number; through?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const y = currentYear();
  const years = [y + 1, y, y - 1, y - 2, y - 3];
  const months = Array.from({ length: 12 }, (_, i) => addMonths(`${props.year}-01`, i));
  return (
    <>
      <Select
        aria-label={t('major.year')}
        data-testid="year-picker"
        value={props.year}
        style={{ width: 110 }}
        onChange={(v) => props.onChange({ year: v })}
        options={years.map((v) => ({ value: v, label: t('major.yearN', { year: v }) }))}
      />
      <Select
        aria-label={t('major.through')}
        data-testid="through-picker"
        value={props.through ?? props.shown}
        style={{ width: 150 }}
        onChange={(v) => props.onChange({ through: v })}
        options={months.map((m) => ({ value: m, label: t('major.throughN', { month: Number(m.slice(5)) }) }))}
      />
    </>
  );
}

/** Who may file monthly reports and raise issues: department staff (major.write) or a project owner. */
export function useMayReport(): boolean {
  const can = useCan();
  return can('major.write') || can('major.report');
}

/** The reason texts of a supervision colour in the reader's language. */
export function useReasonText() {
  const { i18n } = useTranslation();
  return (r: { text: { 'zh-CN': string; en: string } }) => (i18n.language === 'en' ? r.text.en : r.text['zh-CN']);
}
