import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, hidden, label, launch, loginOk, open, pick, textOf, unique, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-section');
const row = (page: Page, text: string) => page.locator('tr.ant-table-row', { hasText: text });
const fieldError = (page: Page) => page.locator('.ant-form-item-explain-error');

async function save(page: Page) {
  await drawer(page).getByTestId('save').click();
}

describe('departments (zone admin)', () => {
  it('creates with API validation messages on the fields, edits, deletes and restores', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.getByRole('menuitem', { name: '部门管理' }).click();
    await visible(row(page, '经济合作局'));

    // Nothing typed: the API's message appears under the name field.
    await page.getByRole('button', { name: label('新建部门') }).click();
    await save(page);
    await textOf(fieldError(page), '至少 1 个字符');
    // A name already taken: the API's 409 names the field.
    await page.getByLabel('名称', { exact: true }).fill('经济合作局');
    await save(page);
    await textOf(fieldError(page), '已有名为“经济合作局”的部门');

    const name = unique('测试部门');
    await page.getByLabel('名称', { exact: true }).fill(name);
    await pick(page, '类型', '外部单位');
    await page.getByLabel('职责说明').fill('用于浏览器测试');
    await page.getByLabel('排序').fill('990');
    await save(page);
    await hidden(drawer(page));
    await textOf(row(page, name), new RegExp(`${name}.*外部单位.*用于浏览器测试.*990`, 's'));

    await row(page, name)
      .getByRole('button', { name: label('编辑') })
      .click();
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe(name);
    await page.getByLabel('职责说明').fill('已修改的职责');
    await save(page);
    await hidden(drawer(page));
    await textOf(row(page, name), /已修改的职责/);

    await row(page, name)
      .getByRole('button', { name: label('删除') })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: label('确定') })
      .click();
    await hidden(row(page, name));
    await page.getByRole('checkbox', { name: '显示已删除' }).check();
    await textOf(row(page, name), /已删除/);
    await row(page, name)
      .getByRole('button', { name: label('恢复') })
      .click();
    await textOf(row(page, name), /编\s*辑/);
    expect(await row(page, name).textContent()).not.toMatch(/已删除/);
    await context.close();
  });

  it('a stale edit shows the 409 message; reload takes the other change and saving then works', async () => {
    const api = await apiSession('admin');
    const name = unique('并发部门');
    const dep = await api<{ id: string; version: number }>('POST', '/api/v1/departments', { name });
    const { context, page } = await open(browser);
    await loginOk(page, 'admin');
    await page.goto('/departments');
    await row(page, name)
      .getByRole('button', { name: label('编辑') })
      .click();
    // Someone else saves first.
    await api('PATCH', `/api/v1/departments/${dep.id}`, { version: dep.version, description: '他人先改' });
    await page.getByLabel('排序').fill('7');
    await save(page);
    const alert = drawer(page).getByTestId('form-error');
    await textOf(alert, /记录已被他人修改，请刷新后重试/);
    await alert.getByRole('button', { name: label('重新加载') }).click();
    await hidden(alert);
    expect(await page.getByLabel('职责说明').inputValue()).toBe('他人先改');
    await page.getByLabel('排序').fill('7');
    await save(page);
    await hidden(drawer(page));
    await textOf(row(page, name), /他人先改.*7/s);
    await context.close();
  });

  it('department staff see the list read-only', async () => {
    const { context, page } = await open(browser);
    await loginOk(page, 'jhj');
    await page.getByRole('menuitem', { name: '部门管理' }).click();
    await visible(row(page, '经济合作局'));
    await visible(page.getByText('只读'));
    expect(await page.getByRole('button', { name: label('新建部门') }).count()).toBe(0);
    expect(await page.getByRole('button', { name: label('编辑') }).count()).toBe(0);
    await context.close();
  });
});
