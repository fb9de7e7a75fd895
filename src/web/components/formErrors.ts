import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/**
 * The form field a message's dotted path belongs to: the longest prefix listed
 * in `fields` (`roles.1` → `roles`; `plans.0.year` → itself when a list's items
 * are listed one by one), or null when the form does not show it.
 */
function fieldOf(path: string, fields: readonly string[]): string | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join('.');
    if (fields.includes(name)) return name;
  }
  return null;
}

/** `plans.0.year` as antd's name path ['plans', 0, 'year']. */
const namePath = (name: string) => name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

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
    const name = fieldOf(f.field, fields);
    if (name) onForm.set(name, [...(onForm.get(name) ?? []), f.message]);
    else rest.push(`${f.field}: ${f.message}`);
  }
  form.setFields([...onForm].map(([name, errors]) => ({ name: namePath(name), errors })));
  if (onForm.size > 0 && rest.length === 0) return null;
  return rest.length ? `${err.message}（${rest.join('；')}）` : err.message;
}

/** A 409 without field messages: someone else changed the record first. */
export const isStale = (err: unknown) => isApiError(err) && err.status === 409 && err.fields.length === 0;
