import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/**
 * Puts the API's per-field messages on the form's fields. Returns what is
 * left for a form-level alert (the problem's title and any message about a
 * field the form does not show), or null when every message found its field.
 */
export function applyApiError(form: FormInstance, err: unknown, fields: readonly string[]): string | null {
  if (!isApiError(err)) return err instanceof Error ? err.message : String(err);
  const onForm = new Map<string, string[]>();
  const rest: string[] = [];
  for (const f of err.fields) {
    const name = f.field.split('.')[0];
    if (fields.includes(name)) onForm.set(name, [...(onForm.get(name) ?? []), f.message]);
    else rest.push(`${f.field}: ${f.message}`);
  }
  form.setFields([...onForm].map(([name, errors]) => ({ name, errors })));
  if (onForm.size > 0 && rest.length === 0) return null;
  return rest.length ? `${err.message}（${rest.join('；')}）` : err.message;
}

/** A 409 without field messages: someone else changed the record first. */
export const isStale = (err: unknown) => isApiError(err) && err.status === 409 && err.fields.length === 0;
