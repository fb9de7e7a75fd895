import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launch, loginOk, open, pick, textOf, unique, visible } from './helpers.ts';
import { confirmModal } from './major-projects-kit.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Issue {
  id: string;
  status: string;
  steps: { step: string; onDate: string; actorName: string; departmentName: string | null }[];
}

/** Opens the dialog of a step from the drawer's buttons. */
async function step(page: Page, name: string) {
  await page.getByTestId(`step-${name}`).click();
  await visible(page.locator('.ant-modal-wrap:visible'));
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a department takes an issue through its loop', () => {
  it('交办 → 办理 → 反馈 → 复核 → 销号, each step dated and signed', async () => {
    const jfj = await apiSession('jfj');
    const me = await jfj<{ user: { displayName: string } }>('GET', '/api/v1/me');
    const list = await jfj<{ items: { id: string; key: string }[] }>('GET', '/api/v1/major-projects?q=ZD2026-005');
    const text = unique('施工用电临时接入');
    const created = await jfj<Issue>('POST', `/api/v1/major-projects/${list.items[0].id}/issues`, {
      description: text,
      category: 'utilities',
    });
    expect(created.status).toBe('open');

    const { context, page } = await open(browser);
    await loginOk(page, 'jfj');
    await page.goto('/major-projects/issues');
    const row = page.getByTestId('issues').locator('tr.ant-table-row', { hasText: text });
    await textOf(row.getByTestId('issue-status'), '待交办');
    await row.getByTestId('open-issue').click();
    const drawer = page.getByTestId('issue-drawer');
    await textOf(drawer.locator('h5').first(), text);

    // 交办: a responsible unit and a deadline in working days.
    await step(page, 'assign');
    await pick(page, '责任单位', '经济发展局');
    await page.getByLabel('限办工作日').fill('5');
    await confirmModal(page);
    await textOf(page.locator('.ant-drawer-extra').getByTestId('issue-status'), '已交办');
    await textOf(drawer.getByTestId('stage-assign'), new RegExp(literal(me.user.displayName)));

    await step(page, 'handle');
    await confirmModal(page);
    await textOf(page.locator('.ant-drawer-extra').getByTestId('issue-status'), '办理中');

    // 反馈 needs its result.
    await step(page, 'respond');
    await page
      .locator('.ant-modal-wrap:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await visible(page.getByText('请填写办理结果'));
    await page.getByLabel('办理结果').fill('已协调供电公司完成临时接入');
    await confirmModal(page);
    await textOf(page.locator('.ant-drawer-extra').getByTestId('issue-status'), '已反馈');

    await step(page, 'review');
    await visible(page.getByLabel('通过'));
    await confirmModal(page);
    await textOf(page.locator('.ant-drawer-extra').getByTestId('issue-status'), '已复核');

    await step(page, 'close');
    await confirmModal(page);
    await textOf(page.locator('.ant-drawer-extra').getByTestId('issue-status'), '已销号');
    expect(await drawer.getByTestId('step-buttons').count(), 'a closed issue has no next step').toBe(0);

    // Every stage shows its date and who did it; the record lists each step.
    for (const s of ['assign', 'handle', 'respond', 'review', 'close']) {
      await textOf(drawer.getByTestId(`stage-${s}`), /\d{4}-\d{2}-\d{2}/);
    }
    const record = await drawer.getByTestId('issue-steps').textContent();
    for (const word of ['提出', '交办', '办理', '反馈', '复核通过', '销号', '已协调供电公司完成临时接入']) {
      expect(record).toContain(word);
    }
    const done = await jfj<Issue>('GET', `/api/v1/major-projects/issues/${created.id}`);
    expect(done.status).toBe('closed');
    expect(done.steps.map((s) => s.step)).toEqual(['raise', 'assign', 'handle', 'respond', 'review_pass', 'close']);
    expect(new Set(done.steps.slice(1).map((s) => s.actorName))).toEqual(new Set([me.user.displayName]));
    expect(done.steps[1].departmentName).toBe('经济发展局');

    // The list shows it closed, and the filter by status finds it there.
    await page.goto('/major-projects/issues');
    await visible(page.getByTestId('issues').locator('tr.ant-table-row').first());
    await pick(page, '筛选状态', '已销号');
    await textOf(
      page.getByTestId('issues').locator('tr.ant-table-row', { hasText: text }).getByTestId('issue-status'),
      '已销号',
    );
    await context.close();
  });
});
