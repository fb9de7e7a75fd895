import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DEMO_PASSWORD, launch, open, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every script the page fetches, by path, with its gzipped size. */
function scripts(page: Page) {
  const pending: Promise<[string, number]>[] = [];
  page.on('response', (res) => {
    if (!res.url().endsWith('.js')) return;
    pending.push(res.body().then((body) => [new URL(res.url()).pathname, gzipSync(body).length]));
  });
  return async () => new Map(await Promise.all(pending));
}

/**
 * Records (on the page's clock, as the resource timings) when the first figure
 * card appears. A string: the test runner's name helpers do not exist in the page.
 */
const FIGURES_SEEN = `new MutationObserver((_, o) => {
  if (document.querySelector('[data-testid^="figure-"]')) {
    window.__figuresAt = performance.now();
    o.disconnect();
  }
}).observe(document, { childList: true, subtree: true });`;

/** When the figures appeared and when ECharts was asked for, on the page's clock. */
const chartOrder = (page: Page) =>
  page.evaluate(() => ({
    figures: (window as unknown as { __figuresAt?: number }).__figuresAt ?? Number.NaN,
    chart:
      performance.getEntriesByType('resource').find((e) => /\/EChart-[^/]*\.js$/.test(e.name))?.startTime ?? Number.NaN,
  }));

describe('the major-projects bundle', () => {
  it('keeps ECharts and the module off the login page; the dashboard shows its figures within 450 kB gzip', async () => {
    const login = await open(browser);
    const onLogin = scripts(login.page);
    await login.page.goto('/login');
    await visible(login.page.getByLabel('用户名'));
    await login.page.waitForLoadState('networkidle');
    const loginNames = [...(await onLogin()).keys()].join(' ');
    expect(loginNames).not.toMatch(/DashboardPage|MajorProjectsRoutes|echarts/i);
    await login.context.close();

    // A fresh browser with a session opens the dashboard straight away: everything it loads counts.
    const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: DEMO_PASSWORD }),
    });
    const [name, value] = (res.headers.get('set-cookie') ?? '').split(';')[0].split('=');
    const { context, page } = await open(browser);
    await context.addCookies([{ name, value, url: baseUrl() }]);
    await context.addInitScript({ content: FIGURES_SEEN });
    const onDashboard = scripts(page);
    await page.goto('/major-projects/dashboard');
    await visible(page.getByTestId('trend-chart').locator('canvas'));
    await page.waitForLoadState('networkidle');
    const loaded = await onDashboard();
    const sum = (test: (path: string) => boolean) =>
      [...loaded].filter(([p]) => test(p)).reduce((a, [, n]) => a + n, 0);
    const chartChunk = (p: string) => /EChart|TrendChart/.test(p);
    const total = sum(() => true);
    const chart = sum(chartChunk);
    const figures = total - chart;
    const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    console.log(
      `dashboard route: ${loaded.size} scripts, ${kB(total)} gzip in all: ` +
        `${kB(figures)} to show the figures, then ${kB(chart)} for the chart (ECharts)`,
    );
    expect(loaded.has([...loaded.keys()].find((p) => /DashboardPage/.test(p)) ?? '')).toBe(true);
    expect(chart, 'only the chart types and components used, not all of ECharts').toBeGreaterThan(0);
    expect(chart).toBeLessThanOrEqual(200 * 1024);
    expect(figures).toBeLessThanOrEqual(450 * 1024);
    // ECharts is asked for only once the figures are on screen: it never holds them up.
    const order = await chartOrder(page);
    expect(order.chart, `ECharts requested at ${order.chart} ms, figures at ${order.figures} ms`).toBeGreaterThan(
      order.figures,
    );
    await context.close();
  });
});
