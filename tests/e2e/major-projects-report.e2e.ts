import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launch, loginOk, open, PHONE, pick, textOf, visible } from './helpers.ts';
import { chinaMonth, png } from './major-projects-kit.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a project owner files a monthly report on a phone', () => {
  it('with a photo, sees it on the project page, and a correction keeps the earlier figure', async () => {
    const owner = await apiSession('owner');
    const mine = await owner<{ items: { id: string; key: string }[] }>('GET', '/api/v1/major-projects');
    const project = mine.items.find((p) => p.key === 'ZD2026-001');
    expect(project, 'the demo owner owns ZD2026-001').toBeDefined();
    const id = project?.id ?? '';
    const month = chinaMonth();

    const { context, page } = await open(browser, PHONE);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await loginOk(page, 'owner');
    // The owner reaches the form through the menu, as on a phone.
    await page.getByTestId('menu-button').click();
    await page.locator('.ant-drawer-open .ant-menu-item', { hasText: '重大项目' }).click();
    await page.getByTestId('major-nav').getByText('月报填报').click();
    await pick(page, '项目', 'ZD2026-001');
    await pick(page, '月份', month);
    expect(await page.getByTestId('correcting').count(), 'this month is not filed yet').toBe(0);

    await page.getByLabel('本月完成投资（万元）').fill('1234.5');
    await page.getByLabel('形象进度').fill('主体结构封顶，开始砌体施工');
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png(80, 60) });
    await visible(page.locator('.ant-upload-list-item'));
    expect(await overflow(), 'the form fits the phone').toBe(0);
    await page.getByTestId('submit-report').click();
    await visible(page.getByTestId('report-done'));
    await textOf(page.getByTestId('report-done').locator('.ant-result-subtitle'), /1,234\.50\s*万元.*上传照片 1 张/);

    // The project page lists the report and serves the photo to its owner.
    await page.getByTestId('view-project').click();
    const row = page.getByTestId('report-history').locator('tr.ant-table-row', { hasText: month });
    await textOf(row, new RegExp(`${month}\\s*1,234\\.50\\s*万元.*主体结构封顶`));
    await page.getByRole('tab', { name: '照片' }).click();
    const img = page.getByTestId('photo').locator('img').first();
    await visible(img);
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth))
      .toBe(80);
    expect(await overflow()).toBe(0);

    // A correction: the form opens on the filed month, asks for a reason and keeps the earlier figure.
    await page.goto(`/major-projects/report?project=${id}&month=${month}`);
    await visible(page.getByTestId('correcting'));
    await expect.poll(() => page.getByLabel('本月完成投资（万元）').inputValue()).toBe('1234.5');
    await page.getByLabel('本月完成投资（万元）').fill('1300');
    await page.getByTestId('submit-report').click();
    await visible(page.getByText('请写明更正原因'));
    await page.getByLabel('更正原因').fill('漏报设备款');
    await page.getByTestId('submit-report').click();
    await visible(page.getByTestId('report-done'));
    await page.getByTestId('view-project').click();
    const corrected = page.getByTestId('report-history').locator('tr.ant-table-row', { hasText: month });
    await textOf(corrected, /1,300\.00\s*万元.*已更正 1 次/);
    const reports = await owner<{ items: { month: string; completed: string; revisions: { completed: string }[] }[] }>(
      'GET',
      `/api/v1/major-projects/${id}/reports`,
    );
    const filed = reports.items.find((r) => r.month === month);
    expect(filed?.completed).toBe('13000000.00');
    expect(filed?.revisions.map((r) => r.completed)).toEqual(['12345000.00']);
    await context.close();
  });
});
