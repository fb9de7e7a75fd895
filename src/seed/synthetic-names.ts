import type { Rng } from './random.ts';

/**
 * Words the synthetic generator builds its names from: zones in real cities,
 * companies and projects named the way zone offices name them. Kept apart from
 * the generator so the vocabulary can grow without touching the logic.
 */

/** Cities with their GB/T 2260 codes; a zone is "<city>高新区" or "<city>经开区". */
export const CITIES: [string, string][] = (
  '衡阳430400 株洲430200 湘潭430300 岳阳430600 常德430700 益阳430900 郴州431000 永州431100 怀化431200 娄底431300 ' +
  '武汉420100 宜昌420500 襄阳420600 荆州421000 孝感420900 黄石420200 十堰420300 荆门420800 ' +
  '南昌360100 九江360400 赣州360700 吉安360800 上饶361100 宜春360900 萍乡360300 新余360500 ' +
  '广州440100 深圳440300 珠海440400 佛山440600 东莞441900 中山442000 惠州441300 江门440700 肇庆441200 清远441800 ' +
  '长沙430100 成都510100 绵阳510700 德阳510600 宜宾511500 泸州510500 南充511300 乐山511100 ' +
  '重庆500100 贵阳520100 遵义520300 昆明530100 曲靖530300 玉溪530400 南宁450100 柳州450200 桂林450300 ' +
  '郑州410100 洛阳410300 新乡410700 许昌411000 南阳411300 安阳410500 焦作410800 平顶山410400 ' +
  '合肥340100 芜湖340200 蚌埠340300 马鞍山340500 安庆340800 滁州341100 ' +
  '南京320100 苏州320500 无锡320200 常州320400 南通320600 扬州321000 镇江321100 泰州321200 徐州320300 盐城320900 ' +
  '杭州330100 宁波330200 温州330300 嘉兴330400 湖州330500 绍兴330600 金华330700 台州331000 ' +
  '济南370100 青岛370200 淄博370300 烟台370600 潍坊370700 济宁370800 威海371000 临沂371300 ' +
  '石家庄130100 唐山130200 保定130600 廊坊131000 沧州130900 邯郸130400 ' +
  '太原140100 大同140200 长治140400 西安610100 宝鸡610300 咸阳610400 渭南610500 榆林610800 ' +
  '兰州620100 天水620500 银川640100 西宁630100 乌鲁木齐650100 呼和浩特150100 包头150200 ' +
  '沈阳210100 大连210200 鞍山210300 营口210800 长春220100 吉林220200 哈尔滨230100 大庆230600 齐齐哈尔230200 ' +
  '福州350100 厦门350200 泉州350500 漳州350600 莆田350300 海口460100 三亚460200'
)
  .split(' ')
  .map((s) => [s.slice(0, -6), s.slice(-6)]);

export const ZONE_KINDS = ['高新区', '经开区'] as const;

/** Where investors come from. */
export const REGIONS = (
  '广东深圳 广东广州 广东东莞 广东佛山 上海 北京 浙江杭州 浙江宁波 江苏苏州 江苏南京 江苏无锡 湖北武汉 ' +
  '湖南长沙 四川成都 重庆 福建厦门 山东青岛 天津 香港 台湾 新加坡 日本东京 韩国首尔 德国慕尼黑 美国加州'
).split(' ');
export const FOREIGN_REGIONS = new Set(['香港', '台湾', '新加坡', '日本东京', '韩国首尔', '德国慕尼黑', '美国加州']);

/** Two-character brand syllables a company name starts with. */
const BRAND =
  '华湘中鹏粤瑞恒泰嘉润星辰宏远凯盛博雅天元金鼎汇通创新科达联合智芯绿能海川东方南岳北辰西岭安泰德信正和永兴长青卓越领航';
/** Industries as the office writes them, with their GB/T 4754 division and typical products. */
export const INDUSTRIES: { name: string; code: string; trade: string; products: string[]; chain: string }[] = [
  {
    name: '先进装备制造',
    code: 'C34',
    trade: '智能装备',
    products: ['智能装备', '数控机床', '工程机械'],
    chain: '装备制造',
  },
  {
    name: '电子信息',
    code: 'C39',
    trade: '电子科技',
    products: ['电子元器件', '光模块', '显示模组'],
    chain: '电子信息',
  },
  {
    name: '半导体',
    code: 'C39',
    trade: '半导体',
    products: ['芯片封装测试', '功率器件', '晶圆材料'],
    chain: '电子信息',
  },
  { name: '生物医药', code: 'C27', trade: '生物医药', products: ['创新药', '原料药', '生物制剂'], chain: '生物医药' },
  {
    name: '医疗器械',
    code: 'C35',
    trade: '医疗器械',
    products: ['医疗器械', '体外诊断试剂', '康复设备'],
    chain: '生物医药',
  },
  { name: '新能源', code: 'C38', trade: '新能源', products: ['储能电池', '光伏组件', '氢能装备'], chain: '新能源储能' },
  {
    name: '新材料',
    code: 'C31',
    trade: '新材料',
    products: ['特种钢材', '高性能复合材料', '稀土永磁材料'],
    chain: '新材料',
  },
  {
    name: '输变电装备',
    code: 'C38',
    trade: '电气',
    products: ['智能变压器', '电力电缆', '开关设备'],
    chain: '输变电装备',
  },
  {
    name: '汽车零部件',
    code: 'C36',
    trade: '汽车部件',
    products: ['汽车电子', '精密铸件', '新能源汽车电机'],
    chain: '汽车',
  },
  {
    name: '互联网科技',
    code: 'I64',
    trade: '数字科技',
    products: ['数字经济产业园', '软件研发中心', '区域运营中心'],
    chain: '数字经济',
  },
  {
    name: '现代物流',
    code: 'G58',
    trade: '供应链',
    products: ['物流园', '冷链物流中心', '供应链枢纽'],
    chain: '现代物流',
  },
  {
    name: '食品加工',
    code: 'C13',
    trade: '食品',
    products: ['农产品精深加工', '预制菜', '饮品生产线'],
    chain: '绿色食品',
  },
  {
    name: '航空装备',
    code: 'C37',
    trade: '航空科技',
    products: ['航空零部件', '无人机', '通航维修基地'],
    chain: '航空航天',
  },
  {
    name: '科技服务',
    code: 'M74',
    trade: '检测认证',
    products: ['检验检测平台', '研发中心', '中试基地'],
    chain: '科技服务',
  },
  { name: '文化旅游', code: 'R90', trade: '文旅', products: ['文旅综合体', '主题乐园', '特色街区'], chain: '文化旅游' },
];
const SUFFIX = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'];

/** A company name such as 湘瑞智能装备股份有限公司; the caller keeps it unique. */
export function companyName(rng: Rng, trade: string): string {
  const a = BRAND[rng.int(0, BRAND.length - 1)];
  const b = BRAND[rng.int(0, BRAND.length - 1)];
  return `${a}${b}${trade}${rng.pick(SUFFIX)}`;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A unified social credit code body (17 characters) in a region; the caller adds the check character. */
export function usccBody(rng: Rng, region: string): string {
  let body = `91${region}`;
  while (body.length < 17) body += USCC_ALPHABET[rng.int(0, USCC_ALPHABET.length - 1)];
  return body;
}

/** Names of major projects: what is built, and which phase. */
export const MAJOR_WORKS = [
  '产业园',
  '生产基地',
  '智能工厂',
  '研发中心',
  '标准化厂房',
  '产业化项目',
  '技改扩能项目',
  '生产线建设项目',
];
export const PUBLIC_WORKS = [
  '主干道路网提质工程',
  '污水处理厂提标改造',
  '人才公寓',
  '科创大厦',
  '职业教育实训基地',
  '综合管廊',
  '安置小区',
  '片区基础设施配套工程',
];
export const PHASES = ['', '', '一期', '二期', '三期'];
export const ROADS = ['解放大道', '长丰大道', '华新大道', '衡州大道', '创新路', '科技大道', '工业大道', '高新大道'];

/** Texts of monthly progress, follow-ups and issues. */
export const PROGRESS = {
  new: ['场地平整', '桩基施工', '基础施工', '主体结构施工', '主体封顶'],
  continuing: ['主体结构施工', '砌体工程', '机电安装', '设备安装', '装饰装修'],
  finishing: ['设备安装调试', '室外配套', '竣工验收准备', '竣工验收'],
};
export const ISSUE_TEXTS: [string, string][] = [
  ['施工用电增容待供电公司批复', 'utilities'],
  ['部分地块征拆尚未完成', 'land'],
  ['环评批复未下达，影响主体开工', 'environment'],
  ['施工许可证办理材料不全', 'approval'],
  ['项目贷款审批进度慢', 'funding'],
  ['厂区供水管网接驳', 'utilities'],
  ['用地规划条件调整', 'land'],
  ['消防设计审查意见整改', 'approval'],
  ['能评审查', 'approval'],
  ['企业融资担保', 'funding'],
  ['外电源线路迁改', 'utilities'],
  ['临时用地审批', 'land'],
];
export const FOLLOWUPS = [
  '电话初步沟通，了解投资意向',
  '寄送园区推介材料与产业政策',
  '企业高管来园区实地考察',
  '就用地与扶持政策进行洽谈',
  '提交项目投资协议初稿',
];
export const LEAD_TITLES = ['投资意向', '扩产计划', '区域总部选址', '新建生产基地', '产业链配套需求'];
export const CLOSE_REASONS = ['企业投资计划调整', '选址调整至其他地区', '企业资金链紧张', '产业定位不符'];
