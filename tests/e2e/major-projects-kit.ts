import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type apiSession, label, pick, visible } from './helpers.ts';

/** Shared set-up for the major-projects browser tests. */

const BASE = '/api/v1/major-projects';

/** Today's month in China (the API's "today"), 'YYYY-MM'. */
export const chinaMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real PNG (RGB, a two-colour gradient), small enough to upload quickly. */
export function png(width = 64, height = 48): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 255) / width, (y * 255) / height, 160], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Call = Awaited<ReturnType<typeof apiSession>>;

interface Supervision {
  through: string;
  items: { projectId: string; colour: string; reportsMissing: number }[];
}

/**
 * The year and month supervision judges now: the current year unless fewer than
 * three of its months are due, then the last year (through December).
 */
export async function supervisedMonth(call: Call): Promise<{ year: number; through: number }> {
  const year = Number(chinaMonth().slice(0, 4));
  const now = await call<Supervision>('GET', `${BASE}/supervision?year=${year}`);
  const through = Number(now.through.slice(5));
  if (now.through.startsWith(`${year}-`) && through >= 3) return { year, through };
  return { year: year - 1, through: 12 };
}

/**
 * A continuing project on the year's zone list (annual plan 1200万元) with the
 * reports of every month up to two before `through` filed, enough to keep up
 * with the time line: the two missing months are its only fault.
 */
export async function projectMissingTwoMonths(call: Call, key: string, departmentId: string) {
  const { year, through } = await supervisedMonth(call);
  const project = await call<{ id: string; name: string }>('POST', BASE, {
    key,
    name: `督导测试项目${key}`,
    builder: '衡阳测试建设有限公司',
    totalInvestment: '50000000.00',
    departmentId,
    plannedStartDate: `${year - 1}-03-01`,
    actualStartDate: `${year - 1}-03-01`,
    plan: { year, levels: ['zone'], kind: 'continuing', annualPlan: '12000000.00' },
  });
  // Each month's share keeps the sum at or above plan × through ÷ 12 (1,000,000 元 a month of the time line).
  const each = Math.ceil((1_000_000 * through) / (through - 2));
  for (let m = 1; m <= through - 2; m++) {
    await call('POST', `${BASE}/${project.id}/reports`, {
      month: `${year}-${String(m).padStart(2, '0')}`,
      completed: `${each}.00`,
      progress: '主体结构施工',
    });
  }
  const months = [through - 1, through].map((m) => `${year}-${String(m).padStart(2, '0')}`);
  return { ...project, year, through: months[1], missing: months };
}

export async function colourOf(call: Call, year: number, projectId: string) {
  const s = await call<Supervision>('GET', `${BASE}/supervision?year=${year}`);
  return s.items.find((i) => i.projectId === projectId);
}

/** Files a month's report in the web form (the page is logged in as someone who may). */
export async function fileInForm(
  page: Page,
  o: { projectId: string; month: string; amountWan: string; progress: string; photo?: Buffer },
) {
  await page.goto(`/major-projects/report?project=${o.projectId}&month=${o.month}`);
  const amount = page.getByLabel('本月完成投资（万元）');
  await visible(amount);
  await amount.fill(o.amountWan);
  await page.getByLabel('形象进度').fill(o.progress);
  if (o.photo) {
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: '形象进度.png', mimeType: 'image/png', buffer: o.photo });
    await visible(page.locator('.ant-upload-list-item'));
  }
  await page.getByTestId('submit-report').click();
  await visible(page.getByTestId('report-done'));
}

/** Picks a project in the report form by its key (the select shows "key name"). */
export async function pickProject(page: Page, key: string) {
  await pick(page, '项目', key);
}

/** Clicks a modal's OK button and waits for the modal to close. */
export async function confirmModal(page: Page, text = '确定') {
  const modal = page.locator('.ant-modal-wrap:visible');
  await modal.getByRole('button', { name: label(text) }).click();
  await expect.poll(() => page.locator('.ant-modal-wrap:visible').count(), { timeout: 15_000 }).toBe(0);
}
