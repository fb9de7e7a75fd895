import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, DESKTOP, launch, loginOk, open, shot, textOf, unique, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

// Dates in a month the demo never touches, so the stage figures are this test's alone.
const SIGNED_ON = '2018-06-05';
const LANDED_ON = '2018-07-02';
const dashboard = '/investment/dashboard?period=custom&from=2018-06-01&to=2018-06-30';

/**
 * HTML5 drag and drop right after the board re-renders can start on a card that
 * is being replaced; the gesture (not the test) is repeated until the drop lands.
 */
async function dragToColumn(page: Page, code: string, column: ReturnType<Page['getByTestId']>) {
  await page.waitForLoadState('networkidle');
  for (let i = 0; i < 3; i++) {
    await card(page, code).dragTo(column);
    try {
      await page.getByTestId('stage-modal').first().waitFor({ state: 'visible', timeout: 5000 });
      return;
    } catch {
      // the drop did not register; try the gesture again
    }
  }
}

const card = (page: Page, code: string) => page.locator(`[data-testid="pipeline-card"][data-project="${code}"]`);

describe('the pipeline board', () => {
  it('drags a card from 签约 to 落地: asks the date, moves the card, records the event; the dashboard follows', async () => {
    const api = await apiSession('jhj');
    const code = unique('E2E-P-');
    const name = `${code}新能源装备项目`;
    const p = await api<{ id: string }>('POST', '/api/v1/investment/projects', {
      code,
      name,
      companyName: `${code}新能源有限公司`,
      channel: 'squad',
      totalInvestment: '300000000.00',
      stage: 'signed',
      stageOn: SIGNED_ON,
    });

    const { context, page } = await open(browser, DESKTOP);
    await loginOk(page, 'jhj');
    await page.goto(dashboard);
    await textOf(page.getByTestId('by-stage-signed'), /^1个/);
    expect(await page.getByTestId('by-stage-landed').count()).toBe(0);

    await page.goto('/investment/pipeline');
    await page.getByPlaceholder('编号、名称或投资方').fill(code);
    await page.getByPlaceholder('编号、名称或投资方').press('Enter');
    await page.waitForLoadState('networkidle');
    const signed = page.getByTestId('column-signed');
    const landed = page.getByTestId('column-landed');
    await visible(signed.locator(card(page, code)));

    // Drop on 落地: the date is asked for, nothing moves until it is confirmed.
    await dragToColumn(page, code, landed);
    const modal = page.getByTestId('stage-modal');
    await visible(modal);
    await textOf(modal, /签约.*→.*落地/s);
    await page.getByTestId('stage-date').fill(LANDED_ON);
    await shot(page, 'inv-pipeline-drop-1280');
    await page.getByTestId('stage-confirm').click();
    await visible(landed.locator(card(page, code)));
    expect(await signed.locator(card(page, code)).count()).toBe(0);
    await textOf(landed.locator(card(page, code)).getByTestId('card-stage-on'), `${LANDED_ON} 起`);

    // Backwards is refused by the API; its message shows and the card stays.
    await dragToColumn(page, code, signed);
    await visible(page.getByTestId('stage-modal'));
    await page.getByTestId('stage-confirm').click();
    await textOf(page.getByTestId('stage-error'), '不能从“落地”退回“签约”');
    await shot(page, 'inv-pipeline-refused-1280');
    await page.keyboard.press('Escape');
    await visible(landed.locator(card(page, code)));
    const after = await api<{ stage: string; landedOn: string }>('GET', `/api/v1/investment/projects/${p.id}`);
    expect(after).toMatchObject({ stage: 'landed', landedOn: LANDED_ON });

    // The history shows the dated event.
    await landed.locator(card(page, code)).getByRole('link', { name }).click();
    await textOf(page.getByTestId('project-name'), name);
    await page.getByRole('tab', { name: '阶段历史' }).click();
    const event = page.locator('[data-testid="stage-event"][data-to="landed"]');
    await textOf(event, new RegExp(`${LANDED_ON}.*签约.*落地.*`, 's'));
    await shot(page, 'inv-project-history-1280');

    // The dashboard's stage breakdown moved with it, and its segment drills to the project.
    await page.goto(dashboard);
    await textOf(page.getByTestId('by-stage-landed'), /^1个/);
    expect(await page.getByTestId('by-stage-signed').count()).toBe(0);
    await page.getByTestId('by-stage-landed').click();
    await textOf(page.getByTestId('drill').locator('tr.ant-table-row'), new RegExp(`${code}.*${name}.*落地`));
    await context.close();
  });

  it('asks a reason for 终止 from the card menu, the way a phone moves a card', async () => {
    const api = await apiSession('jhj');
    const code = unique('E2E-D-');
    await api('POST', '/api/v1/investment/projects', {
      code,
      name: `${code}物流项目`,
      companyName: `${code}物流有限公司`,
      channel: 'data',
      totalInvestment: '50000000.00',
    });
    const { context, page } = await open(browser, DESKTOP);
    await loginOk(page, 'jhj');
    await page.goto('/investment/pipeline');
    await page.getByPlaceholder('编号、名称或投资方').fill(code);
    await page.getByPlaceholder('编号、名称或投资方').press('Enter');
    await page.waitForLoadState('networkidle');
    await card(page, code).getByTestId('card-move').click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '终止' }).click();
    await visible(page.getByTestId('stage-reason'));
    expect(await page.getByTestId('stage-confirm').isDisabled()).toBe(true);
    await page.getByTestId('stage-reason').fill('企业调整投资方向');
    await page.getByTestId('stage-confirm').click();
    await visible(page.getByTestId('column-dropped').locator(card(page, code)));
    await context.close();
  });
});
