import { ApiError, type Query } from '../api/client.ts';
import { currentLang } from '../i18n/index.ts';

/**
 * A multipart upload (field `file`) to the API, which api/client.ts (JSON only)
 * does not do. Answers whose status is in `accept` come back with their body
 * (the ledger preview answers 422 with the problems); any other failure is an
 * ApiError carrying the problem's title and field messages, like client.ts.
 */
export async function sendFile<T>(
  path: string,
  file: Blob,
  opts: { filename?: string; query?: Query; accept?: number[] } = {},
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('file', file, opts.filename ?? (file instanceof File ? file.name : 'file'));
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const url = params.size ? `${path}?${params}` : path;
  const lang = currentLang();
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': lang },
    });
  } catch {
    throw new ApiError(0, lang === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络后重试');
  }
  let body: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) body = await res.json().catch(() => null);
  if (res.ok || opts.accept?.includes(res.status)) return { status: res.status, body: body as T };
  const problem = (body ?? {}) as { title?: unknown; errors?: unknown };
  const fields = Array.isArray(problem.errors)
    ? problem.errors.flatMap((e: { field?: unknown; message?: unknown }) =>
        typeof e?.field === 'string' && typeof e.message === 'string' ? [{ field: e.field, message: e.message }] : [],
      )
    : [];
  const title = typeof problem.title === 'string' ? problem.title : `${res.status} ${res.statusText}`;
  throw new ApiError(res.status, title, fields);
}
