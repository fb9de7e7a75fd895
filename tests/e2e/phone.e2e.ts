import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hidden, launch, loginOk, menuItems, open, PHONE, textOf, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Nothing may stick out sideways: wide tables scroll inside their own box. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('at phone width (390 px)', () => {
  it('logs in, opens the menu drawer and moves between pages without sideways scrolling', async () => {
    const { context, page } = await open(browser, PHONE);
    await loginOk(page, 'admin');
    expect(await pageOverflow(page)).toBe(0);
    // No side menu on a phone: a button opens the drawer.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.getByTestId('menu-button').click();
    const drawer = page.locator('.ant-drawer-open');
    await visible(drawer);
    expect(await menuItems(page)).toEqual([
      '园区首页',
      '招商引资',
      '重大项目',
      '部门管理',
      '用户管理',
      '操作日志',
      '修改密码',
    ]);
    await drawer.getByRole('menuitem', { name: '部门管理' }).click();
    await hidden(drawer);
    await page.waitForURL(/\/departments$/);
    await visible(page.locator('tr.ant-table-row', { hasText: '经济合作局' }));
    expect(await pageOverflow(page)).toBe(0);

    await page.getByTestId('menu-button').click();
    await page.locator('.ant-drawer-open').getByRole('menuitem', { name: '用户管理' }).click();
    await visible(page.locator('tr.ant-table-row', { hasText: 'jhj' }));
    expect(await pageOverflow(page)).toBe(0);
    // The create form fills the screen in one column.
    await page.getByRole('button', { name: /新建用户/ }).click();
    const form = page.locator('.ant-drawer-open .ant-drawer-section');
    await visible(form);
    const box = await form.boundingBox();
    expect(box?.width).toBeCloseTo(390, 0);
    await textOf(form.locator('.ant-drawer-title'), '新建用户');
    await context.close();
  });
});
