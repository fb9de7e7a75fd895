/**
 * The one way the web app talks to the API: same-origin fetch with the
 * session cookie, JSON both ways, the UI language in Accept-Language, and
 * RFC 9457 problems turned into ApiError with a message per field.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let language = 'zh-CN';
let onUnauthorized: (() => void) | null = null;

export function setApiLanguage(lang: string) {
  language = lang;
}

/** Called when any request (other than logging in) answers 401: the session is gone. */
export function setUnauthorizedHandler(fn: (() => void) | null) {
  onUnauthorized = fn;
}

const NETWORK_ERROR: Record<string, string> = {
  'zh-CN': '无法连接服务器，请检查网络后重试',
  en: 'Cannot reach the server; check the network and try again',
};

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
}

function fieldsOf(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    const f = e as { field?: unknown; message?: unknown };
    return typeof f?.field === 'string' && typeof f.message === 'string'
      ? [{ field: f.field, message: f.message }]
      : [];
  });
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    if ((res.headers.get('content-type') ?? '').includes('json')) body = (await res.json()) as ProblemBody;
  } catch {
    // A proxy's HTML error page: fall back to the status line.
  }
  const title = typeof body.title === 'string' ? body.title : `${res.status} ${res.statusText}`;
  return new ApiError(res.status, title, fieldsOf(body.errors));
}

export type Query = Record<string, string | number | boolean | undefined | null>;

function urlOf(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(method: string, path: string, opts: { body?: unknown; query?: Query } = {}) {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR[language] ?? NETWORK_ERROR['zh-CN']);
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && path !== '/api/v1/auth/login') onUnauthorized?.();
    throw err;
  }
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
};
