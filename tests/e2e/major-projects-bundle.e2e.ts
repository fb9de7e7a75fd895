import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOrder, FIGURES_SEEN, gzippedScripts } from './bundle-kit.ts';
import { baseUrl, DEMO_PASSWORD, launch, open, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the major-projects bundle', () => {
  it('keeps ECharts and the module off the login page; the dashboard shows its figures within 450 kB gzip', async () => {
    const login = await open(browser);
    const onLogin = gzippedScripts(login.page);
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
    const onDashboard = gzippedScripts(page);
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
