import type { Table } from '../../ledger/xlsx.ts';
import type { Rollup } from './api.ts';

type Figures = Rollup['total'] | Rollup['zones'][number];

const cells = (f: Figures) => [
  f.signedProjects,
  f.signedInvestment,
  f.signedAtLeast200M,
  f.signedTop500,
  f.foreignCapitalUtilisedUsd,
  f.projects,
  f.annualPlan,
  f.completed,
  f.completionRate,
  f.newStarts.planned,
  f.newStarts.started,
  f.newStarts.startRate,
  f.reportsMissing,
];

/** The rollup as one sheet: a row per zone, the totals last; the figures exactly as the API answers them. */
export function rollupTable(r: Rollup): Table {
  return {
    sheetName: `${r.year}年汇总`,
    headers: [
      '园区代码',
      '园区',
      '行政区划代码',
      `签约项目数（${r.from}至${r.to}）`,
      '签约总投资(元)',
      '2亿元以上项目数',
      '500强项目数',
      '实际利用外资(美元)',
      `重大项目数（${r.year}年）`,
      '年度计划投资(元)',
      `累计完成投资(元，截至${r.through})`,
      '投资完成率',
      '新开工计划数',
      '新开工已开工数',
      '开工率',
      '缺报月报（项目·月）',
    ],
    rows: [
      ...r.zones.map((z) => [z.zone, z.name, z.regionCode, ...cells(z)]),
      [`合计（${r.total.zones}个园区）`, null, r.regions.join(' '), ...cells(r.total)],
    ],
  };
}
