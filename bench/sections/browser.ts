import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { BenchContext } from '../lib/context.ts';
import { round } from '../lib/stats.ts';

/**
 * In Chromium, cold (a fresh context: no cache, no storage): the JavaScript a
 * page needs, gzip-compressed, before first paint and until it is usable (the
 * login form; the dashboard's figures), and how long the figures take to show.
 */

// The flags of tests/e2e/helpers.ts.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageFigure {
  page: string;
  /** The five largest scripts (gzip), to see what to split. */
  largest: string[];
  path: string;
  scripts: number;
  jsGzipKb: number;
  jsBeforeFirstPaintGzipKb: number;
  firstContentfulPaintMs: number;
  usableMs: number;
}

async function measure(
  browser: Browser,
  ctx: BenchContext,
  path: string,
  ready: (p: Page) => Promise<void>,
  cookie?: string,
) {
  const context = await browser.newContext({
    baseURL: ctx.server.url,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: ctx.server.url }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const bodies = new Map<string, Promise<number>>();
  page.on('response', (res) => {
    if (res.url().endsWith('.js'))
      bodies.set(
        res.url(),
        res.body().then((b) => gzipSync(b).length),
      );
  });
  const started = Date.now();
  await page.goto(path);
  await ready(page);
  const usableMs = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js'))
      .map((e) => ({ url: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
  }));
  const sizes = new Map<string, number>();
  for (const [url, size] of bodies) sizes.set(url, await size);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const beforePaint = timing.scripts
    .filter((s) => s.end <= timing.fcp)
    .reduce((a, s) => a + (sizes.get(s.url) ?? 0), 0);
  await context.close();
  const largest = [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([url, size]) => `${new URL(url).pathname.split('/').pop()} ${round(size / 1024, 1)} kB`);
  return {
    largest,
    scripts: sizes.size,
    jsGzipKb: round(total / 1024, 1),
    jsBeforeFirstPaintGzipKb: round(beforePaint / 1024, 1),
    firstContentfulPaintMs: round(timing.fcp, 0),
    usableMs,
  };
}

export async function browserFigures(ctx: BenchContext, dashboards: { page: string; path: string }[]) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  const out: PageFigure[] = [];
  try {
    const login = await measure(browser, ctx, '/login', (p) =>
      p
        .getByLabel(/用户名|Username/)
        .first()
        .waitFor(),
    );
    out.push({ page: 'login', path: '/login', ...login });
    for (const d of dashboards) {
      // Figures visible: the first figure card of the dashboard has its number.
      const figures = (p: Page) => p.locator('[data-testid^="figure-"]').first().waitFor({ state: 'visible' });
      out.push({ ...d, ...(await measure(browser, ctx, d.path, figures, ctx.admin.cookie)) });
    }
  } finally {
    await browser.close();
  }
  for (const f of out) {
    ctx.log(
      `  ${f.page}: ${f.scripts} scripts, ${f.jsGzipKb} kB gzip (${f.jsBeforeFirstPaintGzipKb} kB before first paint at ${f.firstContentfulPaintMs} ms), usable after ${f.usableMs} ms`,
    );
  }
  const dash = out.filter((f) => f.page !== 'login');
  return {
    pages: out,
    loginJsGzipKb: out[0].jsGzipKb,
    dashboardJsGzipKb: Math.max(...dash.map((f) => f.jsGzipKb)),
    dashboardFiguresMs: Math.max(...dash.map((f) => f.usableMs)),
  };
}
