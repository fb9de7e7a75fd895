import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, baseUrl, launch, loginOk, menuItems, open, shot, textOf, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Rollup {
  through: string;
  zones: { zone: string; signedProjects: number; projects: number; reportsMissing: number }[];
  total: { zones: number; signedProjects: number; completionRate: number };
}

describe('区域汇总 (an upper-level viewer)', () => {
  it('shows the zones of the granted region and their total as the API computed them, and exports them', async () => {
    const { context, page } = await open(browser);
    // The demo's 市级查看 oversees 衡阳 (430400), where the demo zone lies.
    await loginOk(page, 'viewer');
    expect(await menuItems(page)).toContain('区域汇总');
    // The home page names the regions overseen, and leads to their rollup as the menu does.
    await textOf(page.getByTestId('home-oversees'), '430400');
    await textOf(page.getByText('所辖区域').first(), '所辖区域');
    await page.getByRole('menuitem', { name: '区域汇总' }).click();
    await visible(page.getByTestId('rollup-table'));
    const call = await apiSession('viewer');
    const year = new Date().getFullYear();
    const api = await call<Rollup>('GET', `/api/v1/rollup?year=${year}`);
    await textOf(page.getByTestId('rollup-scope'), new RegExp(`430400 所辖 1 个园区.*截至 ${api.through}`));
    const row = page.locator('tr.ant-table-row', { hasText: 'HY' });
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
    expect(cells[0].replace(/\s+/g, ' ')).toBe('衡阳高新区 HY · 430400');
    expect(cells[1]).toBe(String(api.zones[0].signedProjects));
    expect(cells[6]).toBe(String(api.zones[0].projects));
    expect(cells[11]).toBe(String(api.zones[0].reportsMissing));
    const total = (await page.getByTestId('rollup-total').locator('td').allInnerTexts()).map((s) => s.trim());
    expect(total[0]).toBe('合计（1 个园区）');
    expect(total[1]).toBe(String(api.total.signedProjects));
    expect(total[9]).toBe(`${(api.total.completionRate * 100).toFixed(1)}%`);
    await shot(page, 'rollup');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rollup-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}年园区汇总（截至\d{4}-\d{2}）\.xlsx$/);
    await context.close();
  });

  it('is neither in the menu nor open to a zone admin without a grant', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    expect(await menuItems(page)).not.toContain('区域汇总');
    await page.goto(`${baseUrl()}/rollup`);
    await visible(page.getByText('没有权限'));
    await context.close();
  });
});
