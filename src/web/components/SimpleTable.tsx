import type { ReactNode } from 'react';
import './simple-table.css';

export interface SimpleColumn<T> {
  key: string;
  title: ReactNode;
  align?: 'left' | 'right';
  render: (row: T) => ReactNode;
}

/**
 * A plain table for a handful of rows that need no sorting, paging or
 * selection: it looks like antd's small table without loading it, so a page
 * that shows only such tables (the dashboard) stays light.
 */
export function SimpleTable<T>(props: {
  columns: SimpleColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="gx-simple-table" data-testid={props.testId}>
      <table>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} className="gx-simple-table-empty">
                {props.empty ?? '—'}
              </td>
            </tr>
          ) : (
            props.rows.map((r) => (
              <tr key={props.rowKey(r)} className="gx-simple-table-row">
                {props.columns.map((c) => (
                  <td key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                    {c.render(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
