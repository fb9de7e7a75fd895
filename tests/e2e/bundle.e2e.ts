import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, open, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the login page', () => {
  it('loads at most 250 kB of gzipped JavaScript and none of the other pages', async () => {
    const { context, page } = await open(browser);
    const pending: Promise<[string, number]>[] = [];
    page.on('response', (res) => {
      if (!res.url().endsWith('.js')) return;
      expect(res.status(), res.url()).toBe(200);
      pending.push(res.body().then((body) => [new URL(res.url()).pathname, gzipSync(body).length]));
    });
    await page.goto('/login');
    await visible(page.getByLabel('用户名'));
    await page.waitForLoadState('networkidle');
    const scripts = new Map(await Promise.all(pending));
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.log(`login page: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} kB gzip`);
    expect(total).toBeLessThanOrEqual(250 * 1024);
    const names = [...scripts.keys()].join(' ');
    expect(names).toMatch(/LoginPage/);
    expect(names).not.toMatch(/DepartmentsPage|UsersPage|AuditPage|AppLayout|HomePage/);
    await context.close();
  });
});
