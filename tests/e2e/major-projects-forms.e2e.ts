import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  DESKTOP,
  label,
  launch,
  loginOk,
  open,
  PHONE,
  SCREENSHOTS,
  shot,
  textOf,
  unique,
  visible,
} from './helpers.ts';

/**
 * The major-project forms: a public project created and edited in the web form (an
 * API refusal shown on its field), and a signed investment project put on the
 * year's list from its page, with the links both ways and its stage history.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));
const drawer = (page: Page) => page.locator('.ant-drawer-open');
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The open drawer as the user sees it, scrolled to its top and to its end. */
async function formShots(page: Page, name: string) {
  const body = drawer(page).locator('.ant-drawer-body');
  await shot(page, `${name}-page`);
  for (const [end, top] of [
    ['top', 0],
    ['end', 1e6],
  ] as const) {
    await body.evaluate((el, y) => el.scrollTo(0, y), top);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${end}.png`) });
  }
}

async function save(page: Page) {
  await drawer(page).getByTestId('save').click();
}

/** Waits for the drawer to close after a save the API took. */
async function saved(page: Page) {
  await expect.poll(() => drawer(page).count(), { timeout: 15_000 }).toBe(0);
}

async function fillPlan(row: Locator, o: { levels: string[]; kind: string; wan: string }) {
  for (const l of o.levels) await row.getByLabel(l).check();
  await row.getByText(o.kind, { exact: true }).click();
  await row.getByLabel('年度计划投资（万元）').fill(o.wan);
}

describe.each([
  ['1280', DESKTOP],
  ['390', PHONE],
] as const)('major-project forms at %s px', (w, viewport) => {
  it('creates a public project in the form, showing the API refusal on its field, then edits it', async () => {
    const key = unique('GK');
    const { context, page } = await open(browser, viewport);
    await loginOk(page, 'jfj');
    await page.goto('/major-projects/projects');
    await page.getByTestId('create-project').click();
    const d = drawer(page);
    await visible(d.getByLabel('项目编号'));
    // A key another project holds: the API's 409 lands on the key field.
    await d.getByLabel('项目编号').fill('ZD2026-001');
    await d.getByLabel('项目名称').fill(`表单新建项目${key}`);
    await d.getByLabel('建设单位').fill('衡阳表单建设有限公司');
    await d.getByLabel('总投资（万元）').fill('25000');
    await d.getByLabel('计划开工日期').fill(`${year}-03-01`);
    // 区级 is ticked already.
    await fillPlan(d.getByTestId('plan-row-0'), { levels: ['市级'], kind: '新开工', wan: '6000' });
    await d.getByTestId('add-member').click();
    const member = d.getByTestId('member-row-0');
    await member.getByLabel('姓名').fill('张专班');
    await member.getByLabel('职务').fill('专班组长');
    await member.getByLabel('电话').fill('0734-8888888');
    expect(await overflow(page)).toBe(0);
    await formShots(page, `major-project-create-${w}`);
    await save(page);
    await textOf(d.locator('.ant-form-item-has-error .ant-form-item-explain-error'), /项目编号“ZD2026-001”已存在/);
    await d.getByLabel('项目编号').fill(key);
    await save(page);
    await saved(page);

    await textOf(page.getByTestId('project-name'), `表单新建项目${key}`);
    const details = page.getByTestId('project-details');
    await textOf(details.locator('.ant-descriptions-item-content').first(), key);
    await visible(page.getByText('张专班'));
    await visible(page.getByRole('cell', { name: '6,000.00 万元' }));

    // Edit: the name, the year's plan, and one more year on the list.
    await page.getByTestId('edit-project').click();
    await visible(d.getByLabel('项目名称'));
    await d.getByLabel('项目名称').fill(`表单修改项目${key}`);
    await d.getByTestId('plan-row-0').getByLabel('年度计划投资（万元）').fill('6500');
    await d.getByTestId('add-plan').click();
    await fillPlan(d.getByTestId('plan-row-1'), { levels: ['区级'], kind: '续建', wan: '9000' });
    expect(await overflow(page)).toBe(0);
    await formShots(page, `major-project-edit-${w}`);
    await save(page);
    await saved(page);
    await textOf(page.getByTestId('project-name'), `表单修改项目${key}`);
    await visible(page.getByRole('cell', { name: '9,000.00 万元' }));
    await visible(page.getByRole('cell', { name: '6,500.00 万元' }));
    const call = await apiSession('jfj');
    const found = await call<{ items: { id: string }[] }>('GET', `/api/v1/major-projects?q=${key}`);
    const p = await call<{ plans: { year: number; levels: string[]; kind: string; annualPlan: string }[] }>(
      'GET',
      `/api/v1/major-projects/${found.items[0].id}`,
    );
    expect(p.plans).toEqual([
      { year: year + 1, levels: ['zone'], kind: 'continuing', annualPlan: '90000000.00', version: 1 },
      { year, levels: ['city', 'zone'], kind: 'new', annualPlan: '65000000.00', version: 2 },
    ]);
    await context.close();
  });

  it('puts a signed investment project on the list from its page, linked both ways with its history', async () => {
    const code = unique('ZS');
    const admin = await apiSession('admin');
    const inv = await admin<{ id: string }>('POST', '/api/v1/investment/projects', {
      code,
      name: `签约转重大项目${code}`,
      companyName: `衡阳转化投资${code}有限公司`,
      channel: 'staff',
      totalInvestment: '300000000',
      stage: 'signed',
      stageOn: `${year - 1}-05-20`,
    });
    const { context, page } = await open(browser, viewport);
    await loginOk(page, 'admin');
    await page.goto(`/investment/projects/${inv.id}`);
    await page.getByTestId('list-as-major').click();
    const d = drawer(page);
    await visible(d.getByTestId('from-investment-form'));
    await fillPlan(d, { levels: ['区级', '省级'], kind: '续建', wan: '12000' });
    expect(await overflow(page)).toBe(0);
    await formShots(page, `major-from-investment-${w}`);
    await save(page);
    await saved(page);

    const link = page.getByTestId('major-project-link');
    await textOf(link, `${code} 签约转重大项目${code}`);
    await expect.poll(() => page.getByTestId('list-as-major').count()).toBe(0);
    await shot(page, `major-from-investment-linked-${w}`);
    await link.click();
    await textOf(page.getByTestId('project-name'), `签约转重大项目${code}`);
    await textOf(page.getByTestId('from-investment'), new RegExp(`${code}`));
    await page.getByRole('tab', { name: label('变更记录') }).click();
    await textOf(page.getByTestId('history-stage'), /招商阶段\s*进入“签约”/);
    await visible(page.getByRole('cell', { name: `${year - 1}-05-20` }));
    await shot(page, `major-from-investment-history-${w}`);
    await page.getByTestId('from-investment').getByRole('link').click();
    await textOf(page.getByTestId('project-name'), `签约转重大项目${code}`);
    await visible(page.getByTestId('major-project-link'));
    await context.close();
  });
});
