import type { Channel, Stage, Top500List } from '../modules/investment/vocab.ts';

/**
 * The demo zone's investment records, written by src/seed/investment.ts.
 * Names are illustrative. The tables are kept as text, one record a line with
 * `|` between fields, the way the office keeps its sheets; amounts in 亿元.
 */

const rows = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((l) => l.split('|').map((c) => c.trim()));
const yi = (n: string | number) => (Number(n) * 1e8).toFixed(2);
/** `k=v;k=v` extras of a line. */
const extras = (s: string | undefined) =>
  Object.fromEntries(
    (s ?? '')
      .split(';')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );

export interface SeedCompany {
  name: string;
  industry: string;
  industryCode?: string;
  region: string;
  tags?: string[];
  top500?: { list: Top500List; year: number }[];
  parent?: string;
  noCode?: boolean;
  contactTitle?: string;
}

// name | industry | GB/T 4754 | region | tags | 500强 list:year,… | parent | flags
const COMPANY_TABLE = `
湘江智能装备股份有限公司 | 先进装备制造 | C34 | 湖南长沙 | srdi,little_giant | | |
华中生物医药有限公司 | 生物医药 | C27 | 湖北武汉 | | | |
鹏城数字科技集团有限公司 | 互联网科技 | I64 | 广东深圳 | platform,listed | china_private:2024 | |
鹏城数字科技（衡阳）有限公司 | 互联网科技 | I64 | 湖南衡阳 | | | 鹏城数字科技集团有限公司 |
湘电新能源变压器有限公司 | 输变电装备 | C38 | 湖南衡阳 | srdi | | |
中祥电子科技有限公司 | 电子信息 | C39 | 广东东莞 | srdi | | |
中璋重工机械有限公司 | 先进装备制造 | C35 | 江苏徐州 | | | |
美佳宜零售控股有限公司 | 商贸物流 | F52 | 广东东莞 | platform | china_private:2023,china_private:2024 | |
丰宜科技有限公司 | 互联网科技 | I65 | 广东广州 | unicorn | | |
湘财金融控股集团有限公司 | 金融服务 | J69 | 湖南长沙 | | china:2024 | |
中再资源再生集团有限公司 | 再生资源 | C42 | 北京 | | fortune_global:2024,china:2024 | |
东莞威广电子科技有限公司 | 电子信息 | C39 | 广东东莞 | | | |
深圳优智机器人科技股份有限公司 | 智能制造 | C34 | 广东深圳 | unicorn,listed | | |
飞尚实业集团有限公司 | 综合 | | 广东深圳 | | | |
网新数字集团有限公司 | 互联网科技 | I65 | 浙江杭州 | listed | | |
海昌文旅控股有限公司 | 文化旅游 | R90 | 上海 | | | |
衡钢新材料有限公司 | 新材料 | C31 | 湖南衡阳 | | | |
雁城医疗器械有限公司 | 医疗器械 | C35 | 湖南衡阳 | gazelle | | |
粤港澳供应链管理有限公司 | 现代物流 | G58 | 广东广州 | | | |
比优新能源电池有限公司 | 新能源 | C38 | 广东惠州 | | china_private:2025 | |
中科光芯半导体有限公司 | 半导体 | C39 | 江苏无锡 | srdi,little_giant | | |
华南冷链物流有限公司 | 现代物流 | G59 | 广东佛山 | | | |
湘南检验检测认证有限公司 | 科技服务 | M74 | 湖南衡阳 | | | |
谷川产业投资集团有限公司 | 产业投资 | J72 | 广东深圳 | | | |
衡州乡贤实业有限公司 | 食品加工 | C13 | 湖南衡阳 | | | | nocode
宁远储能科技有限公司 | 新能源 | C38 | 广东深圳 | gazelle | | |
华曦医药研发有限公司 | 生物医药 | M73 | 上海 | | | |
南岳航空零部件有限公司 | 航空装备 | C37 | 湖南衡阳 | srdi | | |
`;

export const COMPANIES: SeedCompany[] = rows(COMPANY_TABLE).map(
  ([name, industry, code, region, tags, top, parent, flags]) => ({
    name,
    industry,
    industryCode: code || undefined,
    region,
    tags: tags ? tags.split(',') : [],
    top500: top
      ? top.split(',').map((m) => {
          const [list, year] = m.split(':');
          return { list: list as Top500List, year: Number(year) };
        })
      : [],
    parent: parent || undefined,
    noCode: flags === 'nocode',
  }),
);

export const EVENTS = [
  {
    name: '2025年上半年招商引资项目集中签约仪式',
    heldOn: '2025-07-11',
    place: '衡阳高新区管委会',
    description: '涵盖先进装备制造、生物医药、互联网科技、金融服务等领域',
  },
  {
    name: '2025湘南产业对接会集中签约',
    heldOn: '2025-11-18',
    place: '衡阳国际会展中心',
    description: '产业链招商专场',
  },
  {
    name: '2026年上半年招商引资项目集中签约仪式',
    heldOn: '2026-07-09',
    place: '衡阳高新区管委会',
    description: '含第三方代理招商机构引进项目',
  },
];

export interface PlannedProject {
  code: string;
  name: string;
  company: string;
  industry: string;
  chain?: string;
  channel: Channel;
  referrer: string | null;
  responsible?: string;
  stage: Stage;
  signedOn?: string;
  talksOn?: string;
  total: string;
  fixedAsset?: string;
  foreignUsd?: string;
  landMu?: string;
  event?: string;
  droppedReason?: string;
  description?: string;
}

const AG = '深圳鹏程招商咨询有限公司';
const JH = '经济合作局';

// code | name | investor | industry | channel | 引荐单位 | stage | signed (or talks:date) | 总投资亿元 | extras:
// fa 固定资产(亿) · usd 外资(美元) · mu 用地(亩) · ev 签约活动 1–3 · chain 产业链 · why 终止原因 · note 说明
const PROJECT_TABLE = `
HY-ZS-2025-001 | 智能输变电装备生产项目 | 湘电新能源变压器有限公司 | 先进装备制造 | chain | 经济合作局 | operating | 2025-07-11 | 12 | fa=9;mu=150;ev=1;chain=输变电装备
HY-ZS-2025-002 | 电子电感器生产项目 | 中祥电子科技有限公司 | 电子信息 | squad | 经济合作局 | completed | 2025-07-11 | 5.5 | fa=4.2;mu=80;ev=1;chain=电子元器件
HY-ZS-2025-003 | 丰宜科技华南运营中心 | 丰宜科技有限公司 | 互联网科技 | squad | 经济合作局 | operating | 2025-07-11 | 20 | fa=6;usd=10000000;mu=120;ev=1;note=5年对赌税收1亿元、社会商品零售总额60亿元
HY-ZS-2025-004 | 智能运输设备项目 | 中璋重工机械有限公司 | 先进装备制造 | staff | 科技局 | started | 2025-07-11 | 8 | fa=6.5;mu=110;ev=1
HY-ZS-2025-005 | 数字经济产业园 | 鹏城数字科技（衡阳）有限公司 | 互联网科技 | agency | 深圳鹏程招商咨询有限公司 | started | 2025-07-11 | 30 | fa=22;usd=12000000;mu=260;ev=1;chain=数字经济;note=用税收平衡产业扶持资金，每年至少贡献1000万美元外资
HY-ZS-2025-006 | 湘南产业园 | 美佳宜零售控股有限公司 | 商贸物流 | agency | 深圳鹏程招商咨询有限公司 | landed | 2025-07-11 | 15 | fa=10;mu=200;ev=1
HY-ZS-2025-007 | 创新药研发中心 | 华中生物医药有限公司 | 生物医药 | department | 科技局 | started | 2025-07-11 | 3.2 | fa=2.5;mu=45;ev=1
HY-ZS-2025-008 | 产业金融服务中心 | 湘财金融控股集团有限公司 | 金融服务 | staff | 经济合作局 | operating | 2025-07-11 | 2 | ev=1
HY-ZS-2025-009 | 废钢资源循环利用基地 | 中再资源再生集团有限公司 | 再生资源 | investor_referral | 经济合作局 | started | 2025-07-11 | 18 | fa=14;mu=300;ev=1;note=可望解决废钢资源长期外流问题
HY-ZS-2025-010 | 乡贤食品加工项目 | 衡州乡贤实业有限公司 | 食品加工 | hometown | 经济合作局 | dropped | 2025-07-11 | 1.5 | ev=1;why=企业资金链紧张，主动退出
HY-ZS-2025-011 | 精密电子元件项目 | 东莞威广电子科技有限公司 | 电子信息 | squad | 经济合作局 | completed | 2025-03-18 | 4 | fa=3.1;mu=60
HY-ZS-2025-012 | 医疗器械产业化基地 | 雁城医疗器械有限公司 | 医疗器械 | department | 科技局 | completed | 2025-02-26 | 2.6 | fa=2;mu=40
HY-ZS-2025-013 | 大湾区供应链枢纽 | 粤港澳供应链管理有限公司 | 现代物流 | data | 经济合作局 | landed | 2025-09-05 | 6 | fa=4.5;mu=95
HY-ZS-2025-014 | 冷链物流中心 | 华南冷链物流有限公司 | 现代物流 | data | 经济发展局 | dropped | 2025-05-20 | 2.2 | why=选址调整至邻市
HY-ZS-2025-015 | 动力电池储能系统项目 | 比优新能源电池有限公司 | 新能源 | chain | 经济合作局 | started | 2025-11-18 | 25 | fa=20;usd=5000000;mu=280;ev=2;chain=新能源储能
HY-ZS-2025-016 | 储能变流器项目 | 宁远储能科技有限公司 | 新能源 | chain | 经济合作局 | landed | 2025-11-18 | 3 | fa=2.4;mu=50;ev=2;chain=新能源储能
HY-ZS-2025-017 | 光电芯片封装测试项目 | 中科光芯半导体有限公司 | 半导体 | agency | 深圳鹏程招商咨询有限公司 | started | 2025-11-18 | 16 | fa=13;mu=180;ev=2;chain=电子信息
HY-ZS-2025-018 | 航空零部件精密加工项目 | 南岳航空零部件有限公司 | 航空装备 | staff | 经济发展局 | signed | 2025-11-18 | 1.8 | ev=2
HY-ZS-2025-019 | 检验检测公共服务平台 | 湘南检验检测认证有限公司 | 科技服务 | department | 审批服务部 | landed | 2025-11-18 | 0.8 | ev=2
HY-ZS-2026-001 | 工业机器人研发制造基地 | 深圳优智机器人科技股份有限公司 | 智能制造 | squad | 经济合作局 | landed | 2026-03-12 | 10 | fa=7.5;usd=3000000;mu=130
HY-ZS-2026-002 | 数字文旅综合体 | 海昌文旅控股有限公司 | 文化旅游 | staff | 经济合作局 | signed | 2026-04-22 | 12 |
HY-ZS-2026-003 | 智慧城市创新中心 | 网新数字集团有限公司 | 互联网科技 | staff | 经济合作局 | signed | 2026-07-09 | 6 | ev=3
HY-ZS-2026-004 | 新一代信息技术产业园 | 谷川产业投资集团有限公司 | 电子信息 | agency | 深圳鹏程招商咨询有限公司 | landed | 2026-07-09 | 22 | fa=18;mu=240;ev=3
HY-ZS-2026-005 | 湘南总部经济大厦 | 飞尚实业集团有限公司 | 总部经济 | agency | 深圳鹏程招商咨询有限公司 | signed | 2026-07-09 | 9 | ev=3
HY-ZS-2026-006 | 高端轴承材料项目 | 衡钢新材料有限公司 | 新材料 | chain | 经济发展局 | signed | 2026-07-09 | 4.5 | ev=3;chain=新材料
HY-ZS-2026-007 | 创新药中试基地 | 华曦医药研发有限公司 | 生物医药 | department | 科技局 | signed | 2026-07-09 | 2 | ev=3
HY-ZS-2026-008 | 跨境电商产业园 | 美佳宜零售控股有限公司 | 商贸物流 | investor_referral | 经济合作局 | dropped | 2026-07-09 | 3.5 | ev=3;why=企业调整投资布局
HY-ZS-2026-009 | 数字经济产业园二期 | 鹏城数字科技（衡阳）有限公司 | 互联网科技 | investor_referral | 经济合作局 | signed | 2026-09-16 | 15 |
HY-ZS-2026-010 | 氢能装备产业园 | 湘江智能装备股份有限公司 | 新能源 | squad | 经济合作局 | negotiating | talks:2026-05-08 | 40 |
HY-ZS-2026-011 | 合成生物制造项目 | 华中生物医药有限公司 | 生物医药 | department | 科技局 | negotiating | talks:2026-08-19 | 6 |
HY-ZS-2026-012 | 机器人核心部件项目 | 深圳优智机器人科技股份有限公司 | 智能制造 | agency | 深圳鹏程招商咨询有限公司 | negotiating | talks:2026-09-02 | 8 |
HY-ZS-2026-013 | 区域数据中心 | 丰宜科技有限公司 | 互联网科技 | data | 经济合作局 | negotiating | talks:2026-10-10 | 18 |
`;

export const PROJECT_PLAN: PlannedProject[] = rows(PROJECT_TABLE).map(
  ([code, name, company, industry, channel, referrer, stage, date, total, more]) => {
    const x = extras(more);
    const talks = date.startsWith('talks:');
    return {
      code,
      name,
      company,
      industry,
      channel: channel as Channel,
      referrer: referrer || null,
      stage: stage as Stage,
      signedOn: talks ? undefined : date,
      talksOn: talks ? date.slice(6) : undefined,
      total: yi(total),
      fixedAsset: x.fa ? yi(x.fa) : undefined,
      foreignUsd: x.usd ? Number(x.usd).toFixed(2) : undefined,
      landMu: x.mu,
      event: x.ev ? EVENTS[Number(x.ev) - 1].name : undefined,
      chain: x.chain,
      droppedReason: x.why,
      description: x.note,
    };
  },
);

export interface LeadIdea {
  company: string;
  title: string;
  estimate: string | null;
  industry: string;
  channel: Channel;
  source: string | null;
  agency?: boolean;
  project?: string;
  closed?: string;
  description?: string;
}

// investor | intention | 预计投资亿元 | industry | channel | pushed by | agency? | became project | closed because
const LEAD_TABLE = `
湘江智能装备股份有限公司 | 氢能装备制造基地选址 | 40 | 新能源 | squad | 经济合作局 | | HY-ZS-2026-010 |
华中生物医药有限公司 | 合成生物中试产线 | 6 | 生物医药 | department | 科技局 | | HY-ZS-2026-011 |
深圳优智机器人科技股份有限公司 | 核心零部件配套产能 | 8 | 智能制造 | agency | 深圳鹏程招商咨询有限公司 | agency | HY-ZS-2026-012 |
丰宜科技有限公司 | 区域数据中心布局 | 18 | 互联网科技 | data | 经济合作局 | | HY-ZS-2026-013 |
飞尚实业集团有限公司 | 智慧物流园投资意向 | 5 | 现代物流 | staff | 经济合作局 | | |
东莞威广电子科技有限公司 | 二期扩产计划 | 3 | 电子信息 | squad | 经济合作局 | | |
网新数字集团有限公司 | 软件外包交付中心 | 1.2 | 互联网科技 | staff | 经济发展局 | | |
海昌文旅控股有限公司 | 海洋主题乐园 | 30 | 文化旅游 | staff | 经济合作局 | | | 企业投资方向调整，暂不考虑
宁远储能科技有限公司 | 储能电池回收项目 | 2.5 | 新能源 | chain | 经济合作局 | | |
谷川产业投资集团有限公司 | 产业基金合作 | | 产业投资 | agency | 深圳鹏程招商咨询有限公司 | agency | |
中科光芯半导体有限公司 | 第三代半导体外延片 | 12 | 半导体 | agency | 深圳鹏程招商咨询有限公司 | agency | |
衡钢新材料有限公司 | 特种钢深加工配套 | 2 | 新材料 | hometown | 科技局 | | |
`;

export const LEAD_IDEAS: LeadIdea[] = rows(LEAD_TABLE).map(
  ([company, title, estimate, industry, channel, source, agency, project, closed]) => ({
    company,
    title,
    estimate: estimate ? yi(estimate) : null,
    industry,
    channel: channel as Channel,
    source: source || null,
    agency: agency === 'agency',
    project: project || undefined,
    closed: closed || undefined,
  }),
);

export const VISITS = [
  {
    startedOn: '2025-04-10',
    endedOn: '2025-04-13',
    place: '浙江杭州、上海',
    participants: '管委会主任、经济合作局局长',
    purpose: '考察互联网与文旅企业，推介园区产业定位',
    agreed: '网新数字集团有意在园区设立交付中心',
    nextSteps: '6月邀请企业来园区实地考察',
    department: JH,
    companies: ['网新数字集团有限公司', '海昌文旅控股有限公司'],
    leads: [6, 7],
  },
  {
    startedOn: '2025-05-24',
    endedOn: '2025-05-26',
    place: '广东深圳、东莞',
    participants: '党工委书记、经济合作局局长、招商小分队',
    purpose: '走访智能制造与电子信息企业',
    agreed: '威广电子二期扩产意向明确；优智机器人将派团考察',
    nextSteps: '提交用地与扶持政策方案',
    department: JH,
    companies: [
      '飞尚实业集团有限公司',
      '深圳优智机器人科技股份有限公司',
      '东莞威广电子科技有限公司',
      '美佳宜零售控股有限公司',
    ],
    leads: [4, 5],
  },
  {
    startedOn: '2026-03-02',
    endedOn: '2026-03-04',
    place: '广东广州、佛山',
    participants: '驻粤港澳大湾区招商小分队',
    purpose: '驻点招商，跟进新能源与物流项目',
    agreed: '宁远储能同意开展储能电池回收项目前期研究',
    nextSteps: '组织产业链对接会',
    department: JH,
    companies: ['宁远储能科技有限公司', '华南冷链物流有限公司'],
    leads: [8],
  },
  {
    startedOn: '2026-06-15',
    endedOn: '2026-06-15',
    place: '广东深圳',
    participants: '深圳鹏程招商咨询有限公司项目经理',
    purpose: '陪同企业高管对接园区政策',
    agreed: '谷川集团拟设立产业基金',
    nextSteps: '报经济合作局研判',
    department: AG,
    companies: ['谷川产业投资集团有限公司'],
    leads: [9],
  },
];

export const TARGETS = [2025, 2026].flatMap((year) => [
  {
    year,
    department: JH,
    leads: 30,
    signedProjects: 15,
    signedInvestment: yi(120),
    landedProjects: 8,
    foreignCapitalUsd: '20000000.00',
  },
  {
    year,
    department: '科技局',
    leads: 10,
    signedProjects: 4,
    signedInvestment: yi(15),
    landedProjects: 2,
    foreignCapitalUsd: '0.00',
  },
  {
    year,
    department: '经济发展局',
    leads: 8,
    signedProjects: 3,
    signedInvestment: yi(10),
    landedProjects: 2,
    foreignCapitalUsd: '0.00',
  },
  {
    year,
    department: '审批服务部',
    leads: 4,
    signedProjects: 1,
    signedInvestment: yi(2),
    landedProjects: 1,
    foreignCapitalUsd: '0.00',
  },
  {
    year,
    department: AG,
    leads: 12,
    signedProjects: 4,
    signedInvestment: yi(40),
    landedProjects: 2,
    foreignCapitalUsd: '5000000.00',
  },
]);
