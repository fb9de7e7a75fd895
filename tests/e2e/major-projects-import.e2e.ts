import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launch, loginOk, open, shot, textOf, unique, visible } from './helpers.ts';
import { chinaMonth } from './major-projects-kit.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const HEADER =
  '项目编号,项目名称,建设单位,年度,项目级别,建设性质,总投资(万元),年度计划投资(万元),计划开工日期,实际开工日期,责任单位';

async function choose(page: Page, name: string, text: string) {
  await page
    .getByTestId('ledger-major-projects')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });
}

describe('the ledger import in the web app', () => {
  it('shows a bad row’s problem on its row, writes nothing, then imports the fixed file', async () => {
    const year = chinaMonth().slice(0, 4);
    const a = unique('IMP');
    const b = unique('IMP');
    const good = `${a},导入测试项目甲,衡阳测试建设有限公司,${year},区级,续建,10000,2000,,,经济发展局`;
    const bad = `${b},导入测试项目乙,衡阳测试建设有限公司,${year},国家级,新开工,5000,1000,${year}-03-01,,经济发展局`;

    const { context, page } = await open(browser);
    await loginOk(page, 'jfj');
    await page.goto('/major-projects/import');
    const card = page.getByTestId('ledger-major-projects');
    await visible(card);

    // The template downloads as a spreadsheet.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: /下载空白模板/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await choose(page, '重大项目清单.csv', [HEADER, good, bad].join('\n'));
    await textOf(card.getByTestId('ledger-preview'), /发现 \d+ 个问题，未写入任何数据/);
    const row3 = card.locator('tr[data-row="3"]');
    await textOf(row3, /第 3 行.*项目级别.*国家级/);
    expect(await card.locator('tr[data-row="2"]').count(), 'the good row has no problem').toBe(0);
    await shot(page, 'major-import-problems-1280');
    expect(await card.getByTestId('ledger-confirm').count(), 'nothing to confirm while a row is wrong').toBe(0);
    const jfj = await apiSession('jfj');
    const none = await jfj<{ total: number }>('GET', `/api/v1/major-projects?q=${a}`);
    expect(none.total, 'the good row did not land either').toBe(0);

    // Fixed: the preview counts what would be written, and confirming writes it.
    await choose(page, '重大项目清单（改）.csv', [HEADER, good, bad.replace('国家级', '区级')].join('\n'));
    await textOf(card.getByTestId('ledger-preview'), /检查通过.*共 2 行：新建 2，更新 0，不变 0/);
    expect(await card.locator('tr[data-row]').count()).toBe(0);
    await card.getByTestId('ledger-confirm').click();
    await textOf(card.getByTestId('ledger-done'), /已导入.*共 2 行：新建 2，更新 0，不变 0/);
    const landed = await jfj<{ items: { key: string; plan: { kind: string } | null }[] }>(
      'GET',
      `/api/v1/major-projects?year=${year}&q=IMP`,
    );
    expect(landed.items.filter((p) => p.key === a || p.key === b).map((p) => p.plan?.kind)).toEqual([
      'continuing',
      'new',
    ]);
    // The import is on record, and the list shows the new project.
    await visible(page.locator('tr.ant-table-row', { hasText: '重大项目清单（改）.csv' }));
    await page.goto(`/major-projects/projects?year=${year}&q=${a}`);
    await textOf(page.getByTestId('project-link'), new RegExp(`${a}\\s*导入测试项目甲`));
    await context.close();
  });
});
