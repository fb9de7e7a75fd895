/** A logged-in JSON client of the benchmark server that also reads the Server-Timing header. */
export class BenchClient {
  cookie = '';
  constructor(readonly base: string) {}

  async call(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown; ms: number; serverMs: number }> {
    const t = performance.now();
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    const ms = performance.now() - t;
    const m = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    for (const c of res.headers.getSetCookie()) {
      const s = /^gaoxin_session=([^;]+)/.exec(c);
      if (s) this.cookie = `gaoxin_session=${s[1]}`;
    }
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json, ms, serverMs: m ? Number(m[1]) : Number.NaN };
  }

  async get<T>(url: string): Promise<T> {
    const r = await this.call('GET', url);
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    return r.json as T;
  }

  static async login(base: string, username: string, password: string): Promise<BenchClient> {
    const c = new BenchClient(base);
    const r = await c.call('POST', '/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`);
    return c;
  }
}
