import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, DESKTOP, launch, loginOk, open, PHONE, shot, textOf, unique, visible } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

// A month the demo has no signings in, so the figures are exactly what this test imports.
const FROM = '2019-03-01';
const TO = '2019-03-31';
const HEADERS = [
  '项目编号',
  '项目名称',
  '投资方',
  '三类500强',
  '所属行业',
  '招商渠道',
  '总投资（万元）',
  '阶段',
  '签约日期',
];

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('招商项目台账');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const figure = (page: Page, id: string) => page.getByTestId(`figure-${id}`);

async function upload(page: Page, name: string, data: Buffer) {
  await page.getByTestId('ledger-investment-projects').locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: data,
  });
}

describe('investment-projects ledger in the browser', () => {
  it('shows a bad row’s problem on its row, imports the fixed file, and the dashboard’s figures and records follow', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await loginOk(page, 'jhj');
    const tag = unique('E2E');
    const good = [
      `${tag}-1`,
      `${tag}智能制造基地`,
      `${tag}装备股份有限公司`,
      '世界500强、中国500强',
      '先进装备制造',
      '小分队',
      '20,000.00',
      '开工',
      new Date(Date.UTC(2019, 2, 15)),
    ];
    const bad = [
      `${tag}-2`,
      `${tag}生物医药中心`,
      `${tag}生物有限公司`,
      '',
      '生物医药',
      '第三方',
      19999.99,
      '签约',
      '',
    ];

    const dashboard = `/investment/dashboard?period=custom&from=${FROM}&to=${TO}`;
    await page.goto(dashboard);
    await textOf(figure(page, 'signedProjects'), '0');
    await textOf(figure(page, 'signedInvestment'), '0.00');

    // One bad row: the preview lists its problem on row 3 (the header is row 1), and nothing lands.
    await page.goto('/investment/import');
    await upload(page, 'bad.xlsx', await xlsx([good, bad]));
    await textOf(page.getByTestId('ledger-preview'), /发现 1 个问题，未写入任何数据/);
    const problemRow = page.locator('[data-row="3"]');
    await textOf(problemRow, /第 3 行.*签约日期.*须填写签约日期/);
    expect(await page.locator('[data-row="2"]').count()).toBe(0);
    expect(await page.getByTestId('ledger-confirm').count()).toBe(0);
    await shot(page, 'inv-import-problems-1280');
    const api = await apiSession('jhj');
    const none = await api<{ total: number }>('GET', `/api/v1/investment/projects?q=${encodeURIComponent(tag)}`);
    expect(none.total).toBe(0);

    // The fixed file: the preview passes, confirming imports both rows.
    bad[8] = '2019年3月20日';
    await upload(page, 'fixed.xlsx', await xlsx([good, bad]));
    await textOf(page.getByTestId('ledger-preview'), /检查通过.*新建 2/s);
    await page.getByTestId('ledger-confirm').click();
    await textOf(page.getByTestId('ledger-done'), /已导入 fixed\.xlsx.*新建 2/s);

    // The figures are the API's: 2 signed, 3.9999999亿 → 4.00, exactly one of 2亿以上 (20,000.00 万元 counts), one 500强.
    await page.goto(dashboard);
    await textOf(figure(page, 'signedProjects'), '2');
    await textOf(figure(page, 'signedInvestment'), '4.00');
    await textOf(figure(page, 'signedAtLeast200M'), '1');
    await textOf(figure(page, 'signedTop500'), '1');

    // Drilling into a figure lists exactly the records behind it.
    await figure(page, 'signedAtLeast200M').click();
    const drill = page.getByTestId('drill');
    await textOf(drill.getByTestId('drill-total'), /共 1 条 · 合计 2\.00 亿元/);
    await textOf(drill.locator('tr.ant-table-row'), new RegExp(`${tag}-1.*${tag}智能制造基地.*2019-03-15.*开工`));
    await page.keyboard.press('Escape');
    await figure(page, 'signedProjects').click();
    await textOf(drill.getByTestId('drill-total'), /共 2 条/);
    expect(await drill.locator('tr.ant-table-row').count()).toBe(2);
    await page.keyboard.press('Escape');
    // A chart segment opens its records too: the 第三方 channel holds the fixed row.
    await page.getByTestId('by-channel-agency').click();
    await textOf(drill.locator('tr.ant-table-row'), new RegExp(`${tag}-2.*${tag}生物医药中心.*2019-03-20`));
    expect(await drill.locator('tr.ant-table-row').count()).toBe(1);
    await shot(page, 'inv-dashboard-drill-1280');
    await context.close();
  });

  it('lists the records behind a figure at phone width, one record per stacked cell', async () => {
    const { context, page } = await open(browser, PHONE);
    await loginOk(page, 'leader');
    await page.goto(`/investment/dashboard?period=custom&from=${FROM}&to=${TO}`);
    await visible(page.getByTestId('dashboard'));
    await figure(page, 'signedProjects').click();
    await textOf(page.getByTestId('drill-total'), /共 2 条/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await shot(page, 'inv-dashboard-drill-390');
    await context.close();
  });
});
