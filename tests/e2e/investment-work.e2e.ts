import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, DESKTOP, hidden, launch, loginOk, open, PHONE, shot, textOf, unique, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-section');
const modalOk = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary');

describe('leads and visits in the browser', () => {
  it('registers a lead (near-name warning), claims it, follows up, converts it to a project', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await loginOk(page, 'jhj');
    const title = unique('E2E线索');
    await page.goto('/investment/leads');
    await page.getByTestId('lead-create').click();
    await visible(drawer(page));
    // A near name of a library company is flagged while typing.
    await page.getByLabel('投资方', { exact: true }).fill('中科光芯半导体');
    await textOf(page.getByTestId('similar-names'), /中科光芯半导体有限公司/);
    await page.getByLabel('投资方', { exact: true }).fill(`${title}科技有限公司`);
    await page.getByLabel('投资意向').fill(title);
    await page.getByLabel('预计投资').fill('abc');
    await drawer(page).getByTestId('save').click();
    await textOf(page.locator('.ant-form-item-explain-error'), /不小于 0 的数字/);
    await page.getByLabel('预计投资').fill('12000');
    await drawer(page).getByTestId('save').click();
    await hidden(drawer(page));

    await page.getByPlaceholder('企业或意向').fill(title);
    await page.getByPlaceholder('企业或意向').press('Enter');
    await page.getByTestId('lead-open').filter({ hasText: title }).click();
    const lead = page.getByTestId('lead-drawer');
    await textOf(lead.getByTestId('lead-status'), '待跟进');
    await lead.getByTestId('lead-claim').click();
    await textOf(lead.locator('.ant-descriptions-row', { hasText: '负责' }), /郑航/);

    await lead.getByLabel('跟进情况').fill('电话沟通，企业拟下月来园区考察');
    await lead.getByTestId('followup-add').click();
    await textOf(lead.getByTestId('followups'), /电话沟通，企业拟下月来园区考察/);
    await textOf(lead.getByTestId('lead-status'), '跟进中');
    await shot(page, 'inv-lead-followup-1280');

    await lead.getByTestId('lead-convert').click();
    const code = unique('E2E-L-');
    await page.getByLabel('项目编号').fill(code);
    await modalOk(page).click();
    await textOf(page.getByTestId('project-name'), title);
    await textOf(page.getByTestId('stage'), '在谈');
    await page.getByRole('tab', { name: '阶段历史' }).click();
    await textOf(page.getByTestId('stage-event'), /在谈.*线索转化/s);
    const api = await apiSession('jhj');
    const found = await api<{ items: { code: string; totalInvestment: string }[] }>(
      'GET',
      `/api/v1/investment/projects?q=${encodeURIComponent(code)}`,
    );
    expect(found.items).toMatchObject([{ code, totalInvestment: '120000000.00' }]);
    await context.close();
  });

  it('records a visit on a phone in one column, with a company that is new to the library', async () => {
    const { context, page } = await open(browser, PHONE);
    await loginOk(page, 'jhj');
    const place = unique('广东东莞');
    const company = unique('东莞新材料');
    await page.goto('/investment/visits');
    await page.getByTestId('visit-create').click();
    await visible(drawer(page));
    await page.getByLabel('地点').fill(place);
    await page.getByLabel('参加人员').fill('党工委书记、经济合作局局长');
    await page.getByLabel('考察企业').fill(company);
    await page.getByLabel('考察企业').press('Enter');
    await page.getByLabel('达成意向').fill('企业同意来园区实地考察');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await shot(page, 'inv-visit-filled-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await drawer(page).getByTestId('save').click();
    await hidden(drawer(page));
    const card = page.getByTestId('visit').filter({ hasText: place });
    await textOf(card, new RegExp(`${place}.*党工委书记.*${company}.*企业同意来园区实地考察`, 's'));
    const api = await apiSession('jhj');
    const companies = await api<{ total: number }>(
      'GET',
      `/api/v1/investment/companies?q=${encodeURIComponent(company)}`,
    );
    expect(companies.total).toBe(1);
    await context.close();
  });
});
