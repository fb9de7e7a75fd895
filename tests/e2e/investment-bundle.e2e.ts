import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOrder, FIGURES_SEEN, gzippedScripts } from './bundle-kit.ts';
import { launch, loginOk, open, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const kb = (scripts: Map<string, number>) => [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;

describe('the investment dashboard route', () => {
  it('shows its figures within 450 kB of gzipped JavaScript opened straight from its address; ECharts (≤ 200 kB) follows', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'leader');
    await context.addInitScript({ content: FIGURES_SEEN });
    // A fresh page load: everything the route needs, counted from nothing.
    const fresh = await context.newPage();
    const scripts = gzippedScripts(fresh);
    await fresh.goto('/investment/dashboard');
    await visible(fresh.getByTestId('by-channel-chart').locator('canvas'));
    await fresh.waitForLoadState('networkidle');
    const all = await scripts();
    const chart = new Map([...all].filter(([p]) => /EChart/.test(p)));
    const figures = new Map([...all].filter(([p]) => !chart.has(p)));
    console.log(
      `investment dashboard: ${all.size} scripts, ${kb(all).toFixed(1)} kB gzip in all: ` +
        `${kb(figures).toFixed(1)} kB for the figures, then ${kb(chart).toFixed(1)} kB for the charts (ECharts)`,
    );
    expect(kb(chart)).toBeGreaterThan(0);
    expect(kb(chart)).toBeLessThanOrEqual(200);
    expect(kb(figures)).toBeLessThanOrEqual(450);
    // ECharts is asked for only once the figures are on screen: it never holds them up.
    const order = await chartOrder(fresh);
    expect(order.chart, `ECharts requested at ${order.chart} ms, figures at ${order.figures} ms`).toBeGreaterThan(
      order.figures,
    );
    const names = [...all.keys()].join(' ');
    expect(names).toMatch(/DashboardPage/);
    // Other investment pages, and the records' table, stay out until asked for.
    expect(names).not.toMatch(/PipelinePage|LeadsPage|CompaniesPage|VisitsPage|ProjectPage-|RecordsDrawer/);
    await context.close();
  });

  it('keeps ECharts off the pipeline board', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'jhj');
    const fresh = await context.newPage();
    const scripts = gzippedScripts(fresh);
    await fresh.goto('/investment/pipeline');
    await visible(fresh.getByTestId('pipeline-card'));
    await fresh.waitForLoadState('networkidle');
    const all = await scripts();
    console.log(`investment pipeline: ${all.size} scripts, ${kb(all).toFixed(1)} kB gzip`);
    expect([...all.keys()].join(' ')).not.toMatch(/echarts|EChart|DashboardPage/);
    await context.close();
  });
});
