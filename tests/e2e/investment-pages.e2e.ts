import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, DESKTOP, launch, loginOk, menuItems, open, PHONE, shot, textOf, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const drawer = (page: Page) => page.locator('.ant-drawer-open .ant-drawer-section');
const tabs = async (page: Page) =>
  (await page.getByTestId('inv-nav').locator('.ant-tabs-tab').allInnerTexts()).map((s) => s.trim());

/** The demo's project with an evaluation, commitments short of target, foreign capital and a signing event. */
async function showcase(): Promise<string> {
  const api = await apiSession('admin');
  const list = await api<{ items: { id: string; commitmentShortfalls: number }[] }>(
    'GET',
    '/api/v1/investment/projects?pageSize=100',
  );
  const p = list.items.find((x) => x.commitmentShortfalls > 0);
  if (!p) throw new Error('the demo has no project with a commitment shortfall');
  return p.id;
}

describe.each([
  ['1280', DESKTOP],
  ['390', PHONE],
] as const)('investment pages at %s px', (w, viewport) => {
  it('shows every page without sideways scrolling, and the screenshots are saved', async () => {
    const { context, page } = await open(browser, viewport);
    await loginOk(page, 'admin');
    await visible(page.getByTestId('module-investment').getByText('签约项目'));
    await shot(page, `inv-home-${w}`);

    const pages: [string, string, string][] = [
      ['dashboard', '/investment/dashboard', '[data-testid="figure-signedProjects"]'],
      ['pipeline', '/investment/pipeline', '[data-testid="pipeline-card"]'],
      ['projects', '/investment/projects', '[data-testid="projects-total"]'],
      ['leads', '/investment/leads', '[data-testid="lead-open"]'],
      ['companies', '/investment/companies', 'tr.ant-table-row'],
      ['visits', '/investment/visits', '[data-testid="visit"]'],
      ['events', '/investment/events', '[data-testid="event-open"]'],
      ['agencies', '/investment/agencies', '[data-testid="agency-progress"]'],
      ['targets', '/investment/targets', '[data-testid="rank"]'],
      ['commitments', '/investment/commitments', '[data-testid="commitment-status"]'],
      ['import', '/investment/import', '[data-testid="ledger-foreign-capital"]'],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(path);
      await visible(page.locator(ready));
      await page.waitForLoadState('networkidle');
      expect(await overflow(page), name).toBe(0);
      await shot(page, `inv-${name}-${w}`);
    }

    await context.close();
  });

  it('shows the project page, its tabs, the forms and the drawers', async () => {
    const id = await showcase();
    const { context, page } = await open(browser, viewport);
    await loginOk(page, 'admin');
    // The project page and each of its tabs.
    for (const tab of ['overview', 'history', 'agreements', 'foreign', 'evaluation', 'commitments']) {
      await page.goto(`/investment/projects/${id}?tab=${tab}`);
      await visible(page.getByTestId('project-name'));
      await page.waitForLoadState('networkidle');
      if (tab === 'evaluation') await visible(page.getByTestId('fiscal-balance'));
      if (tab === 'commitments')
        await textOf(page.getByTestId('commitment-status').first(), /未达标|已达标|未到期|逾期/);
      expect(await overflow(page), tab).toBe(0);
      await shot(page, `inv-project-${tab}-${w}`);
    }
    await visible(page.getByTestId('shortfall-flag'));

    // Forms and drawers.
    await page.goto('/investment/projects');
    await visible(page.getByTestId('projects-total'));
    await page.getByRole('button', { name: /新建项目/ }).click();
    await visible(drawer(page));
    await page.getByLabel('投资方', { exact: true }).fill('中科光芯半导体');
    await visible(page.getByTestId('similar-names'));
    await shot(page, `inv-project-form-${w}`);
    await page.keyboard.press('Escape');

    await page.goto('/investment/leads');
    await page.getByTestId('lead-open').first().click();
    await visible(page.getByTestId('lead-drawer'));
    await page.waitForLoadState('networkidle');
    await shot(page, `inv-lead-drawer-${w}`);
    await page.keyboard.press('Escape');

    await page.goto('/investment/visits');
    await page.getByTestId('visit-create').click();
    await visible(drawer(page));
    await shot(page, `inv-visit-form-${w}`);
    if (w === '390') {
      // Single column: every field spans the form's width.
      const widths = await drawer(page)
        .locator('.ant-form-item')
        .evaluateAll((items) => items.map((i) => Math.round(i.getBoundingClientRect().width)));
      const widest = Math.max(...widths);
      expect(widths.filter((x) => x >= widest - 1).length).toBeGreaterThanOrEqual(widths.length - 2);
    }
    await page.keyboard.press('Escape');

    await page.goto('/investment/events');
    await page.getByTestId('event-open').first().click();
    await visible(page.getByTestId('event-drawer'));
    await shot(page, `inv-event-drawer-${w}`);
    await context.close();
  });
});

describe('an agency user', () => {
  it('sees only the investment pages its role opens, and only its own projects and leads', async () => {
    const admin = await apiSession('admin');
    const agency = await apiSession('agency');
    const all = await admin<{ total: number }>('GET', '/api/v1/investment/projects?pageSize=1');
    const own = await agency<{ total: number }>('GET', '/api/v1/investment/projects?pageSize=1');
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(all.total);

    const { context, page } = await open(browser, DESKTOP);
    await loginOk(page, 'agency');
    const menu = await menuItems(page);
    expect(menu).toContain('招商引资');
    expect(menu).not.toContain('部门管理');
    expect(menu).not.toContain('重大项目');
    await visible(page.getByTestId('module-investment').getByText('可见项目'));
    await page.getByRole('menuitem', { name: '招商引资' }).click();
    await visible(page.getByTestId('pipeline-card'));
    const sections = await tabs(page);
    expect(sections).toEqual(['项目看板', '项目', '线索', '企业库', '招商考察', '第三方机构', '任务书', '对赌承诺']);
    await shot(page, 'inv-agency-pipeline-1280');

    await page.goto('/investment/projects');
    await textOf(page.getByTestId('projects-total'), new RegExp(`共 ${own.total} 个项目`));
    const leads = await agency<{ total: number }>('GET', '/api/v1/investment/leads?pageSize=1');
    const allLeads = await admin<{ total: number }>('GET', '/api/v1/investment/leads?pageSize=1');
    expect(leads.total).toBeLessThan(allLeads.total);
    await page.goto('/investment/leads');
    await visible(page.getByTestId('lead-open'));
    await textOf(page.locator('.ant-pagination-total-text'), `共 ${leads.total} 条`);
    await page.goto('/investment/dashboard');
    await visible(page.getByText('没有权限'));
    await page.goto('/investment/events');
    await visible(page.getByText('没有权限'));
    await context.close();
  });
});
