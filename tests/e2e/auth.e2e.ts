import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountMenu,
  DEMO_PASSWORD,
  fillLogin,
  launch,
  login,
  loginOk,
  menuItems,
  open,
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

describe('logging in and out', () => {
  it('admin logs in and the zone home shows 衡阳高新区, the roles and the coming modules', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await textOf(page.getByTestId('home-zone'), '衡阳高新区');
    await visible(page.getByText('欢迎，'));
    await visible(page.locator('main, .ant-layout-content').getByText('管理员', { exact: true }));
    for (const m of ['惠企服务', '数据报表'])
      await textOf(page.getByTestId(/^module-/).filter({ hasText: m }), /即将上线/);
    expect(await menuItems(page)).toEqual([
      '园区首页',
      '招商引资',
      '重大项目',
      '部门管理',
      '用户管理',
      '操作日志',
      '修改密码',
    ]);
    await context.close();
  });

  it('a wrong password shows the API message and stays on the login page', async () => {
    const { context, page } = await open(browser);
    await login(page, 'admin', 'not-the-password');
    await textOf(page.getByTestId('login-error'), '用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('after ten failures the login page shows the 429 message', async () => {
    const { context, page } = await open(browser);
    const name = unique('nobody');
    for (let i = 0; i < 10; i++) {
      const res = await context.request.post('/api/v1/auth/login', { data: { username: name, password: 'x' } });
      expect(res.status()).toBe(401);
    }
    await login(page, name, 'whatever');
    await textOf(page.getByTestId('login-error'), '登录失败次数过多，请 15 分钟后再试');
    await context.close();
  });

  it('logout returns to the login page, and the session is gone for every page', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await accountMenu(page, '退出登录');
    await page.waitForURL(/\/login$/);
    await page.goto('/departments');
    // GET /api/v1/me answers 401: the app sends the browser back to log in, remembering where it was.
    await page.waitForURL(/\/login\?next=%2Fdepartments$/);
    await fillLogin(page, 'admin');
    await page.waitForURL(/\/departments$/);
    await visible(page.getByRole('cell', { name: '经济合作局' }));
    await context.close();
  });

  it('a 401 from any call (session ended elsewhere) goes back to the login page', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    // The home page's cards have loaded their figures: the next call is the click's.
    await page.waitForLoadState('networkidle');
    await context.clearCookies();
    await page.getByRole('menuitem', { name: '部门管理' }).click();
    await page.waitForURL(/\/login\?next=%2Fdepartments$/);
    await context.close();
  });

  it('an unknown address shows the 404 page', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.goto('/no/such/page');
    await visible(page.getByText('页面不存在'));
    await page.getByRole('button', { name: '返回首页' }).click();
    await visible(page.getByTestId('home-zone'));
    await context.close();
  });

  it('the English switch changes the UI and the API messages, and is remembered', async () => {
    const { context, page } = await open(browser);
    await page.goto('/login');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await visible(page.getByRole('button', { name: 'Log in' }));
    await login(page, 'admin', 'wrong-password');
    await textOf(page.getByTestId('login-error'), 'Wrong username or password');
    await login(page, 'admin', DEMO_PASSWORD);
    await visible(page.getByText('Welcome,'));
    expect(await menuItems(page)).toEqual([
      'Zone home',
      'Investment promotion',
      'Major projects',
      'Departments',
      'Users',
      'Audit log',
      'Change password',
    ]);
    await page.reload();
    await visible(page.getByRole('menuitem', { name: 'Departments' }));
    await page.getByTestId('lang-switch').getByText('中文').click();
    await visible(page.getByRole('menuitem', { name: '部门管理' }));
    await context.close();
  });

  it('a page whose code cannot be loaded (e.g. after a new deploy) offers a reload instead of a blank screen', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.route(/\/assets\/AuditPage-[^/]+\.js$/, (route) => route.abort());
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await visible(page.getByText('页面加载失败，可能系统已更新，请重新加载'));
    // The shell survives: the menu still works.
    await page.getByRole('menuitem', { name: '园区首页' }).click();
    await visible(page.getByTestId('home-zone'));
    await context.close();
  });
});
