import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, hidden, launch, loginOk, open, pick, textOf, unique, visible } from './helpers.ts';
import { colourOf, confirmModal, fileInForm, projectMissingTwoMonths } from './major-projects-kit.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A figure as shown, in hundredths (2,208,999.00 → 220899900), to compare without floats. */
async function figure(page: Page, id: string): Promise<bigint> {
  const text = ((await page.getByTestId(`figure-${id}`).textContent()) ?? '').replace(/[^\d.]/g, '');
  const [int, frac = ''] = text.split('.');
  return BigInt(int + frac.padEnd(2, '0').slice(0, 2));
}

async function openDashboard(page: Page, year: number, through: string) {
  await page.goto(`/major-projects/dashboard?year=${year}&through=${through}`);
  await visible(page.getByTestId('dashboard'));
  await textOf(page.getByTestId('dashboard-scope'), new RegExp(`截至 ${through}`));
}

async function drill(page: Page, testId: string) {
  await page.getByTestId(testId).click();
  await visible(page.getByTestId('drill'));
  await visible(page.getByTestId('drill-total'));
}

/** Opens a figure's records and reads how many the API said there are. */
async function drillTotal(page: Page, testId: string): Promise<number> {
  await drill(page, testId);
  await textOf(page.getByTestId('drill-total'), /共 \d+ 条/);
  const n = Number(/共 (\d+) 条/.exec((await page.getByTestId('drill-total').textContent()) ?? '')?.[1]);
  await closeDrill(page);
  return n;
}

async function closeDrill(page: Page) {
  await page.locator('.ant-drawer-open .ant-drawer-close').click();
  await hidden(page.locator('.ant-drawer-open'));
}

describe('supervision colours and the dashboard follow the monthly reports', () => {
  it('a project missing two reports is red, turns green when they are filed, and the figures move with them', async () => {
    const jfj = await apiSession('jfj');
    const me = await jfj<{ user: { departmentId: string } }>('GET', '/api/v1/me');
    const key = unique('DB');
    const p = await projectMissingTwoMonths(jfj, key, me.user.departmentId);
    // The set-up is what the rules call red for missing reports only.
    expect(await colourOf(jfj, p.year, p.id)).toMatchObject({ colour: 'red', reportsMissing: 2 });

    const { context, page } = await open(browser);
    await loginOk(page, 'jfj');
    await page.goto(`/major-projects/projects/${p.id}`);
    await textOf(page.getByTestId('project-colour'), /红灯\s*缺报月报 2 个月/);

    // The dashboard counts the two missing reports; the figure opens them.
    await openDashboard(page, p.year, p.through);
    const missingBefore = await figure(page, 'reportsMissing');
    const completedBefore = await figure(page, 'completed');
    const reportsBefore = await drillTotal(page, 'figure-completed');
    await drill(page, 'figure-reportsMissing');
    const ours = page.getByTestId('drill').locator('tr.ant-table-row', { hasText: key });
    await expect.poll(() => ours.count()).toBe(2);
    // Each record names the project by its key and name, with the month it owes.
    await textOf(ours.first(), new RegExp(`${p.missing[0]}.*${key}\\s*督导测试项目${key}`));
    await closeDrill(page);

    // One month filed: one missing, yellow.
    await fileInForm(page, { projectId: p.id, month: p.missing[0], amountWan: '3000', progress: '砌体工程' });
    await page.goto(`/major-projects/projects/${p.id}`);
    await textOf(page.getByTestId('project-colour'), /黄灯\s*缺报月报 1 个月/);
    // Both filed: green, no reasons.
    await fileInForm(page, { projectId: p.id, month: p.missing[1], amountWan: '3000', progress: '机电安装' });
    await page.goto(`/major-projects/projects/${p.id}`);
    await textOf(page.getByTestId('project-colour'), '绿灯');
    expect(await colourOf(jfj, p.year, p.id)).toMatchObject({ colour: 'green', reportsMissing: 0 });

    // The dashboard moved by exactly what was filed: two reports fewer missing, 0.60亿元 more completed.
    await openDashboard(page, p.year, p.through);
    await expect.poll(() => figure(page, 'reportsMissing')).toBe(missingBefore - 200n);
    expect(await figure(page, 'completed')).toBe(completedBefore + 60n);
    expect(await drillTotal(page, 'figure-completed'), 'the reports behind the figure: two more').toBe(
      reportsBefore + 2,
    );

    // The trend's month opens that month's reports, ours among them; a level's figure opens its projects.
    await page.getByText('按月明细').click();
    await drill(page, `trend-${p.through}`);
    const month = page.getByTestId('drill').locator('tr.ant-table-row', { hasText: key });
    await textOf(month, new RegExp(`${p.through}.*3,000\\.00\\s*万元.*机电安装`));
    await closeDrill(page);
    await drill(page, 'by-level-zone-projects');
    await visible(page.getByTestId('drill').locator('tr.ant-table-row', { hasText: key }));
    await closeDrill(page);

    // The project list finds it among the green ones, and not among the red.
    await page.goto(`/major-projects/projects?year=${p.year}&colour=green&q=${key}`);
    await textOf(page.locator('tr.ant-table-row', { hasText: key }).getByTestId('colour'), '绿灯');
    await page.goto(`/major-projects/projects?year=${p.year}&colour=red&q=${key}`);
    await visible(page.locator('.ant-table-placeholder'));
    await context.close();
  });

  it('a notice goes from the colour board to a department, and its staff record the answer', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'jfj');
    await page.goto('/major-projects/supervision');
    await page.getByTestId('colour-filter').getByText(/^红灯/).click();
    const red = page.getByTestId('supervision').locator('tr.ant-table-row').first();
    await textOf(red.getByTestId('colour'), '红灯');
    await red.getByTestId('send-notice').click();
    // Pre-filled from the row: the title names the project, the content gives the reasons.
    const modal = page.locator('.ant-modal-wrap:visible');
    await expect.poll(() => modal.getByLabel('标题').inputValue()).toMatch(/^关于.+的督办通知$/);
    expect(await modal.getByLabel('督办内容').inputValue()).not.toBe('');
    const title = unique('关于加快进度的督办通知');
    await modal.getByLabel('标题').fill(title);
    await pick(page, '接收部门', '经济发展局');
    await confirmModal(page, '发送');

    await page.goto('/major-projects/supervision?tab=notices');
    const row = page.getByTestId('notices').locator('tr.ant-table-row', { hasText: title });
    await textOf(row.locator('.ant-tag').first(), '待答复');
    await row.getByTestId('answer-notice').click();
    await page.locator('.ant-modal-wrap:visible').getByLabel('部门答复').fill('已约谈建设单位，下月补齐进度');
    await confirmModal(page, '保存');
    await textOf(row, /已答复.*已约谈建设单位，下月补齐进度/);
    expect(await row.getByTestId('answer-notice').count(), 'answered once').toBe(0);
    await context.close();
  });

  it('the admin’s rules refuse a red threshold above the yellow one, on its field, and keep the rules', async () => {
    const admin = await apiSession('admin');
    const before = await admin<{ version: number; lagRed: number }>('GET', '/api/v1/major-projects/settings');
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.goto('/major-projects/supervision?tab=settings');
    const red = page.getByLabel('超时间进度 ≤ 此值为红灯');
    await expect.poll(() => red.inputValue()).toBe(String(Math.round(before.lagRed * 100)));
    await red.fill('-1');
    await page
      .getByTestId('settings-form')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await textOf(page.locator('.ant-form-item-has-error .ant-form-item-explain-error'), '红灯阈值应不高于黄灯阈值');
    expect(await admin('GET', '/api/v1/major-projects/settings')).toEqual(before);
    await context.close();
  });
});
