import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import type { BenchContext } from '../lib/context.ts';
import { round } from '../lib/stats.ts';

/**
 * In Chromium, cold (a fresh context: no cache, no storage): the JavaScript a
 * page needs, gzip-compressed, until it is usable (the login form; the
 * dashboard's figures), before first paint, and in all (what loads after the
 * figures, the dashboards' charts, included); how long the figures and the
 * first chart take to show.
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
  /** The five largest scripts (gzip) of all the page loaded, to see what to split. */
  largest: string[];
  path: string;
  /** Scripts the page loaded in all. */
  scripts: number;
  /** Scripts fully received by the time the page was usable. */
  scriptsUntilUsable: number;
  /** gzip kB of the scripts fully received by the time the page was usable (the figures on screen). */
  jsGzipKb: number;
  /** gzip kB of every script the page loaded until the network went idle (charts included). */
  jsAllGzipKb: number;
  jsBeforeFirstPaintGzipKb: number;
  firstContentfulPaintMs: number;
  /** Navigation start → the usable element in the page (the page's own clock). */
  usableMs: number;
  /** Navigation start → the first chart's canvas in the page, where the page has charts. */
  chartMs: number | null;
}

/**
 * Records, on the page's own clock, when the first element matching each
 * selector appears: the same clock as the scripts' resource timings, so a
 * script can be told apart as loaded before or after the page was usable.
 * A string, not a function: tsx's name helpers do not exist in the page.
 */
const watchFor = (selectors: { ready: string; chart: string | null }) => `(() => {
  const sel = ${JSON.stringify(selectors)};
  const seen = (window.__gxBench = {});
  const check = () => {
    const now = performance.now();
    if (seen.ready === undefined && document.querySelector(sel.ready)) seen.ready = now;
    if (sel.chart && seen.chart === undefined && document.querySelector(sel.chart)) seen.chart = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

async function measure(
  browser: Browser,
  ctx: BenchContext,
  path: string,
  selectors: { ready: string; chart: string | null },
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
  await context.addInitScript({ content: watchFor(selectors) });
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
  await page.goto(path);
  await page.locator(selectors.ready).first().waitFor({ state: 'visible' });
  if (selectors.chart) await page.locator(selectors.chart).first().waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    seen: (window as unknown as { __gxBench: { ready?: number; chart?: number } }).__gxBench,
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js'))
      .map((e) => ({ url: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
  }));
  const sizes = new Map<string, number>();
  for (const [url, size] of bodies) sizes.set(url, await size);
  const sum = (urls: string[]) => urls.reduce((a, u) => a + (sizes.get(u) ?? 0), 0);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const usableAt = timing.seen.ready ?? Number.NaN;
  const untilUsable = timing.scripts.filter((s) => s.end <= usableAt).map((s) => s.url);
  const beforePaint = timing.scripts.filter((s) => s.end <= timing.fcp).map((s) => s.url);
  await context.close();
  const largest = [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([url, size]) => `${new URL(url).pathname.split('/').pop()} ${round(size / 1024, 1)} kB`);
  return {
    largest,
    scripts: sizes.size,
    scriptsUntilUsable: untilUsable.length,
    jsGzipKb: round(sum(untilUsable) / 1024, 1),
    jsAllGzipKb: round(total / 1024, 1),
    jsBeforeFirstPaintGzipKb: round(sum(beforePaint) / 1024, 1),
    firstContentfulPaintMs: round(timing.fcp, 0),
    usableMs: round(usableAt, 0),
    chartMs: timing.seen.chart === undefined ? null : round(timing.seen.chart, 0),
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
    const login = await measure(browser, ctx, '/login', {
      ready: 'input[autocomplete="username"]',
      chart: null,
    });
    out.push({ page: 'login', path: '/login', ...login });
    for (const d of dashboards) {
      // Figures visible: the first figure card of the dashboard has its number; then the first chart draws.
      const selectors = { ready: '[data-testid^="figure-"]', chart: '[data-testid$="-chart"] canvas' };
      out.push({ ...d, ...(await measure(browser, ctx, d.path, selectors, ctx.admin.cookie)) });
    }
  } finally {
    await browser.close();
  }
  for (const f of out) {
    ctx.log(
      `  ${f.page}: ${f.jsGzipKb} kB gzip until usable after ${f.usableMs} ms (${f.scriptsUntilUsable} scripts; ${f.jsBeforeFirstPaintGzipKb} kB before first paint at ${f.firstContentfulPaintMs} ms); ${f.jsAllGzipKb} kB in all (${f.scripts} scripts)${f.chartMs === null ? '' : `, first chart after ${f.chartMs} ms`}`,
    );
  }
  const dash = out.filter((f) => f.page !== 'login');
  return {
    pages: out,
    loginJsGzipKb: out[0].jsAllGzipKb,
    dashboardJsGzipKb: Math.max(...dash.map((f) => f.jsGzipKb)),
    dashboardJsAllGzipKb: Math.max(...dash.map((f) => f.jsAllGzipKb)),
    dashboardFiguresMs: Math.max(...dash.map((f) => f.usableMs)),
    dashboardChartMs: Math.max(...dash.map((f) => f.chartMs ?? Number.NaN)),
  };
}
