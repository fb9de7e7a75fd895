import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'screenshots');
export const DEMO_PASSWORD = 'Gaoxin@2026';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const baseUrl = () => inject('baseUrl');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies and localStorage) with the given viewport. */
export async function open(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/**
 * A button's accessible name: antd may put a space between the two characters
 * of a Chinese label (登 录), and an icon adds its own name in front ("plus 新建部门").
 */
export const label = (text: string) =>
  new RegExp(`(^|\\s)${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await fillLogin(page, username, password);
}

/** Fills and submits the login form already on screen. */
export async function fillLogin(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^\s*(登\s*录|Log in)\s*$/ }).click();
}

export async function loginOk(page: Page, username: string, password = DEMO_PASSWORD) {
  await login(page, username, password);
  await textOf(page.getByTestId('zone-name'), '衡阳高新区');
}

/** Waits until the element is visible (playwright-core has no expect of its own). */
export const visible = (l: Locator) => l.first().waitFor({ state: 'visible' });
export const hidden = (l: Locator) => l.first().waitFor({ state: 'hidden' });

/** Waits until the element's text is (or matches) the given one. */
export async function textOf(l: Locator, want: string | RegExp) {
  const poll = expect.poll(async () => ((await l.count()) ? ((await l.first().textContent()) ?? '').trim() : null), {
    timeout: 15_000,
  });
  if (typeof want === 'string') await poll.toBe(want);
  else await poll.toMatch(want);
}

/** Opens the header's account menu and picks an item (修改密码, 退出登录). */
export async function accountMenu(page: Page, item: string | RegExp) {
  await page.getByTestId('user-menu').click();
  await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: item }).click();
}

/**
 * Picks options of the antd Select labelled `fieldLabel`, checking each took:
 * on a loaded machine a click can land while the dropdown is still animating in.
 */
export async function pick(page: Page, fieldLabel: string, ...options: string[]) {
  const input = page.getByLabel(fieldLabel, { exact: true });
  const select = page.locator('.ant-select', { has: input });
  const openDropdowns = () => page.locator('.ant-select-dropdown:visible').count();
  const expanded = async () => (await input.getAttribute('aria-expanded')) === 'true';
  const chosen = async (o: string) =>
    (await select.locator('.ant-select-selection-item, .ant-select-content-has-value').allTextContents()).some((t) =>
      t.includes(o),
    );
  // Another select's dropdown may still be fading out.
  await expect.poll(openDropdowns).toBe(0);
  for (const o of options) {
    for (let attempt = 1; !(await chosen(o)); attempt++) {
      if (attempt > 3) throw new Error(`could not pick ${o} in ${fieldLabel}`);
      if (!(await expanded())) await input.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: o }).first().click();
      await expect
        .poll(() => chosen(o), { timeout: 2_000 })
        .toBe(true)
        .catch(() => undefined);
    }
  }
  // A multiple select stays open; Escape only when it is, or it would close the drawer around it.
  if (await expanded()) await page.keyboard.press('Escape');
  await expect.poll(openDropdowns).toBe(0);
}

/** The texts of the navigation menu's items. */
export async function menuItems(page: Page): Promise<string[]> {
  const items = page.getByTestId('nav').first().getByRole('menuitem');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((s) => s.trim());
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Let antd's motion settle so the picture shows the resting state.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Logged-in API calls from Node, for setting up state a test then looks at in the browser. */
export async function apiSession(username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl()}${p}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  return call;
}

let counter = 0;
/** A name no other test run in this server has used. */
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
