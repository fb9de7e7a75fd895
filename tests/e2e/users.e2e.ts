import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountMenu,
  apiSession,
  hidden,
  label,
  launch,
  login,
  loginOk,
  menuItems,
  open,
  pick,
  textOf,
  unique,
  visible,
} from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-section');
const row = (page: Page, text: string) => page.locator('tr.ant-table-row', { hasText: text });
const fieldError = (page: Page, field: string) => page.locator(`#${field}_help .ant-form-item-explain-error`);

async function forbidden(page: Page, path: string) {
  await page.goto(path);
  await visible(page.getByText('没有权限'));
}

describe('users and roles', () => {
  it('admin creates a user with two roles; that user sees only what the roles allow', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await visible(row(page, 'jhj'));
    await page.getByRole('button', { name: label('新建用户') }).click();

    // The API's messages land on the fields they concern.
    await page.getByLabel('用户名', { exact: true }).fill('Bad Name!');
    await page.getByLabel('初始密码').fill('short');
    await drawer(page).getByTestId('save').click();
    await textOf(fieldError(page, 'username'), /3–64 位小写字母/);
    await textOf(fieldError(page, 'password'), '至少 8 个字符');
    await textOf(fieldError(page, 'roles'), '至少选择 1 项');

    const username = unique('e2e');
    await page.getByLabel('用户名', { exact: true }).fill(username);
    await page.getByLabel('姓名').fill('测试用户甲');
    await page.getByLabel('初始密码').fill('Start@2026');
    await pick(page, '角色', '部门人员', '领导');
    await pick(page, '所属部门', '科技局');
    await drawer(page).getByTestId('save').click();
    await hidden(drawer(page));
    await textOf(row(page, username), /测试用户甲[\s\S]*部门人员[\s\S]*领导[\s\S]*科技局/);

    // The new user, in a browser of their own: leader + staff read users and departments, no audit log.
    const other = await open(browser);
    await loginOk(other.page, username, 'Start@2026');
    expect(await menuItems(other.page)).toEqual([
      '园区首页',
      '招商引资',
      '重大项目',
      '部门管理',
      '用户管理',
      '修改密码',
    ]);
    await other.page.getByRole('menuitem', { name: '用户管理' }).click();
    await visible(row(other.page, username));
    expect(await other.page.getByRole('button', { name: label('新建用户') }).count()).toBe(0);
    await forbidden(other.page, '/audit');

    // Admin takes the leader role away: after logging in again the user list is gone from the menu.
    await row(page, username)
      .getByRole('button', { name: label('编辑') })
      .click();
    await drawer(page)
      .locator('.ant-select-selection-item', { hasText: '领导' })
      .locator('.ant-select-selection-item-remove')
      .click();
    await drawer(page).getByTestId('save').click();
    await hidden(drawer(page));
    await textOf(row(page, username), /部门人员/);
    expect(await row(page, username).textContent()).not.toMatch(/领导/);
    await loginOk(other.page, username, 'Start@2026');
    expect(await menuItems(other.page)).toEqual(['园区首页', '招商引资', '重大项目', '部门管理', '修改密码']);

    // Reset the password: the old one stops working, the new one works.
    await row(page, username)
      .getByRole('button', { name: label('重置密码') })
      .click();
    await page.getByLabel('新密码').fill('Reset@2026');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: label('保存') })
      .click();
    await visible(page.getByText('密码已重置，该用户需重新登录'));
    await login(other.page, username, 'Start@2026');
    await textOf(other.page.getByTestId('login-error'), '用户名或密码错误');
    await loginOk(other.page, username, 'Reset@2026');

    // Delete and restore.
    await row(page, username)
      .getByRole('button', { name: label('删除') })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: label('确定') })
      .click();
    await hidden(row(page, username));
    await page.getByRole('checkbox', { name: '显示已删除' }).check();
    await textOf(row(page, username), /已删除/);
    await row(page, username)
      .getByRole('button', { name: label('恢复') })
      .click();
    await textOf(row(page, username), /重置密码/);
    await other.context.close();
    await context.close();
  });

  it('department staff see no user management and agencies see neither list', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'jhj');
    expect(await menuItems(page)).toEqual(['园区首页', '招商引资', '重大项目', '部门管理', '修改密码']);
    await forbidden(page, '/users');
    await loginOk(page, 'agency');
    expect(await menuItems(page)).toEqual(['园区首页', '招商引资', '修改密码']);
    await forbidden(page, '/departments');
    await context.close();
  });

  it('a user changes their own password, then logs in with the new one', async () => {
    const admin = await apiSession('admin');
    const username = unique('pw');
    await admin('POST', '/api/v1/users', {
      username,
      displayName: '改密用户',
      password: 'First@2026',
      roles: ['staff'],
    });
    const { context, page } = await open(browser);
    await loginOk(page, username, 'First@2026');
    await accountMenu(page, '修改密码');
    await page.getByLabel('当前密码').fill('wrong-one');
    await page.getByLabel('新密码', { exact: true }).fill('Second@2026');
    await page.getByLabel('确认新密码').fill('Second@2026');
    await page.getByRole('button', { name: label('修改密码') }).click();
    await textOf(fieldError(page, 'currentPassword'), '当前密码不正确');
    await page.getByLabel('当前密码').fill('First@2026');
    await page.getByRole('button', { name: label('修改密码') }).click();
    await visible(page.getByText('密码已修改，其他设备上的登录已失效'));

    await accountMenu(page, '退出登录');
    await page.waitForURL(/\/login$/);
    await login(page, username, 'First@2026');
    await textOf(page.getByTestId('login-error'), '用户名或密码错误');
    await loginOk(page, username, 'Second@2026');
    await context.close();
  });

  it('the audit log shows who changed what, with the fields before and after', async () => {
    const admin = await apiSession('admin');
    const name = unique('审计部门');
    const dep = await admin<{ id: string; version: number }>('POST', '/api/v1/departments', { name });
    await admin('PATCH', `/api/v1/departments/${dep.id}`, { version: dep.version, description: '改后的说明' });
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.locator('.ant-select', { hasText: '全部对象' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '部门' }).click();
    const update = page.locator('tr.ant-table-row', { hasText: '修改' }).first();
    await textOf(update, /修改[\s\S]*部门/);
    await update.locator('.ant-table-row-expand-icon').click();
    const diff = page.locator('.ant-table-expanded-row').first();
    await textOf(diff, /description[\s\S]*改后的说明/);
    expect(await diff.textContent()).not.toMatch(/zoneId|createdAt/);
    await context.close();
  });
});
