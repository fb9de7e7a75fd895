import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, login, loginOk, open, PHONE, shot, textOf, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function tableReady(page: Page) {
  await visible(page.locator('tr.ant-table-row'));
}

/** Every page at desktop and phone width, saved to screenshots/ for a person to look at. */
describe.each([
  ['1280', DESKTOP],
  ['390', PHONE],
] as const)('screenshots at %s px', (w, viewport) => {
  it('of every page', async () => {
    const { context, page } = await open(browser, viewport);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto('/login');
    await visible(page.getByLabel('用户名'));
    await shot(page, `login-${w}`);
    await login(page, 'admin', 'wrong-password');
    await visible(page.getByTestId('login-error'));
    await shot(page, `login-error-${w}`);

    await loginOk(page, 'admin');
    await visible(page.getByTestId('module-reports'));
    await shot(page, `home-${w}`);
    const pages: [string, string][] = [
      ['departments', '/departments'],
      ['users', '/users'],
      ['audit', '/audit'],
    ];
    for (const [name, path] of pages) {
      await page.goto(path);
      await tableReady(page);
      expect(await overflow(), name).toBe(0);
      await shot(page, `${name}-${w}`);
    }
    await page.locator('.ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)').first().click();
    await visible(page.locator('.ant-table-expanded-row'));
    await shot(page, `audit-expanded-${w}`);

    await page.goto('/departments');
    await tableReady(page);
    await page.getByRole('button', { name: /新建部门/ }).click();
    await page.locator('.ant-drawer-open .ant-drawer-section').getByTestId('save').click();
    await visible(page.locator('.ant-form-item-explain-error'));
    await shot(page, `department-form-${w}`);

    await page.goto('/users');
    await tableReady(page);
    await page
      .locator('tr.ant-table-row', { hasText: 'jhj' })
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    await visible(page.locator('.ant-drawer-open'));
    await shot(page, `user-form-${w}`);

    await page.goto('/account/password');
    await visible(page.getByLabel('当前密码'));
    await shot(page, `password-${w}`);
    await page.goto('/nowhere');
    await visible(page.getByText('页面不存在'));
    await shot(page, `not-found-${w}`);

    if (w === '390') {
      await page.getByTestId('menu-button').click();
      await visible(page.locator('.ant-drawer-open .ant-menu'));
      await shot(page, `menu-drawer-${w}`);
      await page.keyboard.press('Escape');
    }
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.goto('/');
    await textOf(page.getByText('Welcome,').first(), /Welcome, /);
    await shot(page, `home-en-${w}`);
    await page.getByTestId('lang-switch').getByText('中文').click();

    await loginOk(page, 'jhj');
    await page.goto('/users');
    await visible(page.getByText('没有权限'));
    await shot(page, `forbidden-${w}`);
    await context.close();
  });
});
