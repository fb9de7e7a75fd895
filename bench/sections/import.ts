import { usccCheckChar } from '../../src/core/uscc.ts';
import { writeXlsx } from '../../src/ledger/xlsx.ts';
import { Rng } from '../../src/seed/random.ts';
import { CITIES, companyName, INDUSTRIES, usccBody } from '../../src/seed/synthetic-names.ts';
import type { BenchContext } from '../lib/context.ts';
import { BenchClient } from '../lib/http.ts';
import { loadavg } from '../lib/machine.ts';
import { resetPeakRss, rssOf } from '../lib/processes.ts';
import { round } from '../lib/stats.ts';

/**
 * Importing an investment ledger (.xlsx) through the upload route, the way an
 * office sends one: rows × 15 columns, investors repeating, a third new. The
 * server's peak resident memory is read around each import.
 */

const CHANNELS = ['全员招商', '小分队', '第三方', '部门推送', '大数据招商', '产业链招商', '以商招商', '乡贤招商'];
const STAGES = ['在谈', '签约', '落地', '开工', '竣工', '投产', '终止'];
const REFERRERS = ['经济合作局', '科技局', '经济发展局', '深圳鹏程招商咨询有限公司', ''];

export async function ledgerXlsx(rows: number, tag: string): Promise<Buffer> {
  const rng = new Rng(rows);
  const investors: [string, string | null][] = [];
  const names = new Set<string>();
  while (investors.length < Math.ceil(rows * 0.6)) {
    // City-first names (长沙华瑞电子科技有限公司): the synthetic zones' library never names a company so.
    const name = `${rng.pick(CITIES)[0]}${companyName(rng, rng.pick(INDUSTRIES).trade)}`;
    if (names.has(name)) continue;
    names.add(name);
    const body = usccBody(rng, '430400');
    investors.push([name, rng.next() < 0.9 ? `${body}${usccCheckChar(body)}` : null]);
  }
  const table = {
    sheetName: '招商项目台账',
    headers: [
      '项目编号',
      '项目名称',
      '投资方',
      '统一社会信用代码',
      '三类500强',
      '所属行业',
      '产业链',
      '招商渠道',
      '引荐单位',
      '总投资(万元)',
      '外资金额(万美元)',
      '阶段',
      '签约日期',
      '签约活动',
      '责任人',
    ],
    rows: Array.from({ length: rows }, (_, i) => {
      const [investor, uscc] = rng.pick(investors);
      const industry = rng.pick(INDUSTRIES);
      const stage = rng.pick(STAGES);
      const signed = stage === '在谈' ? null : new Date(Date.UTC(2020 + rng.int(0, 6), rng.int(0, 11), rng.int(1, 28)));
      return [
        `${tag}-${String(i + 1).padStart(6, '0')}`,
        `${rng.pick(industry.products)}项目`,
        investor,
        uscc,
        null,
        industry.name,
        industry.chain,
        rng.pick(CHANNELS),
        rng.pick(REFERRERS) || null,
        rng.int(200, 300000),
        rng.next() < 0.05 ? rng.int(10, 5000) : null,
        stage,
        signed,
        null,
        null,
      ];
    }),
  };
  return writeXlsx(table);
}

async function upload(client: BenchClient, data: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  const t = performance.now();
  const res = await fetch(`${client.base}/api/v1/ledgers/investment-projects/import`, {
    method: 'POST',
    headers: { cookie: client.cookie },
    body: form,
    signal: AbortSignal.timeout(30 * 60_000),
  });
  const json = (await res.json()) as { ok?: boolean; created?: number; problems?: unknown[] };
  const seconds = (performance.now() - t) / 1000;
  if (res.status !== 200 || !json.ok) {
    throw new Error(`import ${filename}: ${res.status} ${JSON.stringify(json).slice(0, 600)}`);
  }
  return { seconds, created: json.created ?? 0 };
}

export interface ImportFigure {
  rows: number;
  fileMb: number;
  seconds: number;
  created: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** The machine's 1-minute load average before and after the import (others may be using the cores). */
  loadavg: [number, number];
}

/** Imports into the zones given (each a fresh zone with the demo's departments), as their admins. */
export async function importLedgers(
  ctx: BenchContext,
  targets: { rows: number; username: string; password: string }[],
) {
  const out: ImportFigure[] = [];
  for (const t of targets) {
    const data = await ledgerXlsx(t.rows, `IMP${t.rows}`);
    const client = await BenchClient.login(ctx.server.url, t.username, t.password);
    const before = rssOf(ctx.server.pid).nowMb;
    resetPeakRss(ctx.server.pid);
    const loadBefore = loadavg().one;
    const r = await upload(client, data, `招商项目台账-${t.rows}.xlsx`);
    const f: ImportFigure = {
      rows: t.rows,
      fileMb: round(data.length / 1024 / 1024),
      seconds: round(r.seconds),
      created: r.created,
      rssBeforeMb: round(before, 0),
      peakRssMb: round(rssOf(ctx.server.pid).peakMb, 0),
      loadavg: [loadBefore, loadavg().one],
    };
    ctx.log(
      `  ${t.rows} rows (${f.fileMb} MB): ${f.seconds} s, server RSS ${f.rssBeforeMb} → peak ${f.peakRssMb} MB (load ${f.loadavg.join(' → ')})`,
    );
    out.push(f);
  }
  return out;
}
