import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * The fields an audited write changed, before and after; unchanged fields are
 * left out. A plain definition list: it wraps at any width, so a phone shows
 * whole values instead of a table cut at the screen's edge.
 */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const b = asRecord(before);
  const a = asRecord(after);
  const show = (v: unknown): string => {
    if (v === undefined || v === null || v === '') return t('audit.empty');
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('、');
    return JSON.stringify(v);
  };
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  if (fields.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const hasBefore = before !== null && before !== undefined;
  return (
    <dl className="gx-diff" data-testid="audit-diff">
      {fields.map((f) => (
        <div key={f} className="gx-diff-row">
          <dt>
            {t(`audit.fields.${f}`, { defaultValue: f })} <code>{f}</code>
          </dt>
          <dd>
            {hasBefore ? (
              <>
                <Typography.Text delete type="secondary">
                  {show(b[f])}
                </Typography.Text>
                <span aria-hidden> → </span>
              </>
            ) : null}
            <Typography.Text type="success">{show(a[f])}</Typography.Text>
          </dd>
        </div>
      ))}
    </dl>
  );
}
