import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, DESKTOP, launch, loginOk, open, PHONE, shot, visible } from './helpers.ts';
import { chinaMonth, confirmModal } from './major-projects-kit.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Opens a page, waits for what shows it is ready, checks nothing spills sideways, and saves its picture. */
async function capture(page: Page, name: string, w: string, path: string | null, ready: string) {
  if (path) await page.goto(path);
  await visible(page.locator(ready));
  await page.waitForLoadState('networkidle');
  expect(await overflow(page), name).toBe(0);
  await shot(page, `major-${name}-${w}`);
}

/** Every major-projects page at desktop and phone width, saved to screenshots/ to be looked at. */
describe.each([
  ['1280', DESKTOP],
  ['390', PHONE],
] as const)('major-projects screenshots at %s px', (w, viewport) => {
  it('of every page', async () => {
    const admin = await apiSession('admin');
    const found = await admin<{ items: { id: string }[] }>('GET', '/api/v1/major-projects?q=ZD2026-006');
    const id = found.items[0].id;
    const project = `/major-projects/projects/${id}`;
    const table = 'tr.ant-table-row';

    const { context, page } = await open(browser, viewport);
    await loginOk(page, 'admin');
    await capture(page, 'home', w, '/', '[data-testid=module-projects] .ant-statistic');
    await capture(page, 'dashboard', w, '/major-projects/dashboard', '[data-testid=trend-chart] canvas');
    await page.getByTestId('figure-projects').click();
    await capture(page, 'dashboard-drill', w, null, '[data-testid=drill] tr.ant-table-row');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await capture(page, 'projects', w, '/major-projects/projects', table);
    await capture(page, 'project', w, project, '[data-testid=project-details]');
    await capture(page, 'project-milestones', w, `${project}?tab=milestones`, '[data-testid=milestone-start]');
    // A milestone recorded in the dialog (the same date each run) gives the history something to show.
    await page.getByTestId('milestone-completion').getByRole('button', { name: '编辑' }).click();
    await page.getByLabel('计划日期').fill(`${Number(chinaMonth().slice(0, 4)) + 1}-06-30`);
    await capture(page, 'milestone-edit', w, null, '.ant-modal-wrap:visible input[type=date]');
    await confirmModal(page, '保存');
    await capture(page, 'project-reports', w, `${project}?tab=reports`, `[data-testid=report-history] ${table}`);
    await capture(page, 'project-photos', w, `${project}?tab=photos`, '.ant-empty, [data-testid=photo]');
    await capture(page, 'project-issues', w, `${project}?tab=issues`, `[data-testid=issues] ${table}`);
    await page.goto(`${project}?tab=history`);
    await page.getByTestId('project-history').locator('.ant-table-row-expand-icon').first().click();
    await capture(page, 'project-history', w, null, '[data-testid=audit-diff]');
    await capture(page, 'report', w, `/major-projects/report?project=${id}`, '[data-testid=submit-report]');
    await page.getByTestId('submit-report').click();
    await capture(page, 'report-errors', w, null, '.ant-form-item-explain-error');
    await capture(page, 'missing', w, '/major-projects/report?tab=missing', `[data-testid=missing] ${table}`);
    await capture(page, 'issues', w, '/major-projects/issues', `[data-testid=issues] ${table}`);
    await page.getByTestId('issues').locator(table, { hasText: '环评批复未下达' }).getByTestId('open-issue').click();
    await capture(page, 'issue', w, null, '[data-testid=issue-steps]');
    await page.getByTestId('step-respond').click();
    await capture(page, 'issue-step', w, null, '.ant-modal-wrap:visible textarea');
    await page.keyboard.press('Escape');
    await capture(page, 'supervision', w, '/major-projects/supervision', `[data-testid=supervision] ${table}`);
    await page.getByTestId('send-notice').first().click();
    await capture(page, 'notice-form', w, null, '.ant-modal-wrap:visible textarea');
    await page.keyboard.press('Escape');
    await capture(page, 'notices', w, '/major-projects/supervision?tab=notices', `[data-testid=notices] ${table}`);
    await capture(page, 'settings', w, '/major-projects/supervision?tab=settings', '[data-testid=settings-form]');
    await capture(page, 'import', w, '/major-projects/import', '[data-testid=ledger-major-projects]');

    await page.getByTestId('lang-switch').getByText('EN').click();
    await capture(page, 'dashboard-en', w, '/major-projects/dashboard', '[data-testid=trend-chart] canvas');
    await capture(page, 'issues-en', w, '/major-projects/issues', `[data-testid=issues] ${table}`);
    await page.getByTestId('lang-switch').getByText('中文').click();

    // The leader's overdue list; the owner's own projects and form.
    await loginOk(page, 'leader');
    await capture(page, 'escalated', w, '/major-projects/issues?tab=escalated', `[data-testid=escalated] ${table}`);
    await loginOk(page, 'owner');
    await capture(page, 'owner-home', w, '/', '[data-testid=module-projects] .ant-statistic');
    await capture(page, 'owner-projects', w, '/major-projects/projects', table);
    await capture(page, 'owner-report', w, '/major-projects/report', '[data-testid=submit-report]');
    await context.close();
  }, 240_000);
});
