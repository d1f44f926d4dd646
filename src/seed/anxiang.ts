/**
 * The vocabulary of the demo county, in the image of Anxiang County (安乡县), Changde, Hunan.
 * Township names are real; village names, codes, people and phone numbers are made up.
 * Codes are administrative-style (county 430721, township 430721101, village 430721101001,
 * grid 430721101001-01) but they are not the official statistical division codes.
 */

// The workflow's words are the plugin domain's, as the plugin build publishes their types.
import type { Level } from '../../plugins/minyi/dist/server/src/domain/vocabulary';
import type { DepartmentKind } from '../../plugins/minyi/dist/server/src/domain/structure-import/labels';
import type { ItemChannel } from '../../plugins/minyi/dist/server/src/domain/partner-channel';
import type { ITEM_TYPES } from '../../plugins/minyi/dist/server/src/domain/submission';

export type { DepartmentKind, Level };
export type Channel = ItemChannel;
export type ItemType = (typeof ITEM_TYPES)[number];

export const COUNTY = {
  code: '430721',
  name: '安乡县',
  latitude: 29.411,
  longitude: 112.171,
} as const;

export interface TownshipSpec {
  name: string;
  /** How many villages/communities the demo gives it (the county seat is larger). */
  villages: number;
  /** Relative weight of the items it receives. */
  weight: number;
  /** Offset of its centre from the county seat, in degrees. */
  dLat: number;
  dLng: number;
}

/** Twelve of Anxiang's townships (乡镇); the county seat 深柳镇 first. */
export const TOWNSHIPS: readonly TownshipSpec[] = [
  { name: '深柳镇', villages: 6, weight: 3.0, dLat: 0.0, dLng: 0.0 },
  { name: '官垱镇', villages: 4, weight: 1.2, dLat: -0.09, dLng: -0.06 },
  { name: '下渔口镇', villages: 4, weight: 1.0, dLat: -0.05, dLng: 0.08 },
  { name: '陈家嘴镇', villages: 4, weight: 1.1, dLat: 0.07, dLng: 0.11 },
  { name: '三岔河镇', villages: 3, weight: 0.9, dLat: 0.12, dLng: -0.04 },
  { name: '黄山头镇', villages: 4, weight: 1.0, dLat: 0.16, dLng: -0.13 },
  { name: '大湖口镇', villages: 4, weight: 1.1, dLat: -0.03, dLng: -0.12 },
  { name: '出口镇', villages: 3, weight: 0.8, dLat: -0.13, dLng: 0.03 },
  { name: '安康乡', villages: 3, weight: 0.7, dLat: 0.04, dLng: 0.16 },
  { name: '安全乡', villages: 3, weight: 0.7, dLat: 0.1, dLng: 0.05 },
  { name: '安障乡', villages: 3, weight: 0.6, dLat: -0.08, dLng: 0.14 },
  { name: '安丰乡', villages: 3, weight: 0.7, dLat: 0.02, dLng: -0.18 },
];

/** Village/community name stems of the Dongting lake plain; the generator draws without repeats. */
export const VILLAGE_STEMS: readonly string[] = [
  '荷花',
  '永丰',
  '新河',
  '复兴',
  '东湖',
  '西湖',
  '南湖',
  '长岭',
  '白莲',
  '双林',
  '红星',
  '胜利',
  '兴隆',
  '福星',
  '联合',
  '团结',
  '友谊',
  '光明',
  '青龙',
  '白鹤',
  '新洲',
  '三星',
  '同兴',
  '和平',
  '太平',
  '湖心',
  '长春',
  '金鸡',
  '玉堂',
  '五一',
  '安宁',
  '合兴',
  '中兴',
  '振兴',
  '大兴',
  '小港',
  '竹林',
  '杨家',
  '谢家',
  '刘家',
  '曹家',
  '严家',
  '梅花',
  '仙桃',
  '莲花',
  '北河',
  '珊珀',
  '书院洲',
  '育才',
  '明星',
  '幸福',
  '高丰',
  '丰收',
  '东港',
  '西港',
  '陈家台',
  '汇口',
  '新开',
  '保丰',
  '民主',
];

export interface DepartmentSpec {
  code: string;
  name: string;
  kind: DepartmentKind;
}

/** About forty handling units. SHGZB (县委社会工作部) is the county coordinator. */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { code: 'SHGZB', name: '县委社会工作部', kind: 'party-organ' },
  { code: 'XWB', name: '县委办公室', kind: 'party-organ' },
  { code: 'JWJW', name: '县纪委监委', kind: 'party-organ' },
  { code: 'ZFB', name: '县人民政府办公室', kind: 'county-department' },
  { code: 'RD', name: '县人大常委会', kind: 'people-congress' },
  { code: 'ZX', name: '县政协', kind: 'cppcc' },
  { code: 'FGJ', name: '县发展和改革局', kind: 'county-department' },
  { code: 'JYJ', name: '县教育局', kind: 'county-department' },
  { code: 'GAJ', name: '县公安局', kind: 'county-department' },
  { code: 'MZJ', name: '县民政局', kind: 'county-department' },
  { code: 'SFJ', name: '县司法局', kind: 'county-department' },
  { code: 'CZJ', name: '县财政局', kind: 'county-department' },
  { code: 'RSJ', name: '县人力资源和社会保障局', kind: 'county-department' },
  { code: 'ZRZYJ', name: '县自然资源局', kind: 'county-department' },
  { code: 'STHJ', name: '常德市生态环境局安乡分局', kind: 'county-department' },
  { code: 'ZJJ', name: '县住房和城乡建设局', kind: 'county-department' },
  { code: 'JTYSJ', name: '县交通运输局', kind: 'county-department' },
  { code: 'SLJ', name: '县水利局', kind: 'county-department' },
  { code: 'NYNCJ', name: '县农业农村局', kind: 'county-department' },
  { code: 'SWJ', name: '县商务局', kind: 'county-department' },
  { code: 'WLGTJ', name: '县文化旅游广电体育局', kind: 'county-department' },
  { code: 'WJJ', name: '县卫生健康局', kind: 'county-department' },
  { code: 'TYJRJ', name: '县退役军人事务局', kind: 'county-department' },
  { code: 'YJGLJ', name: '县应急管理局', kind: 'county-department' },
  { code: 'SCJGJ', name: '县市场监督管理局', kind: 'county-department' },
  { code: 'YBJ', name: '县医疗保障局', kind: 'county-department' },
  { code: 'CGJ', name: '县城市管理和综合执法局', kind: 'county-department' },
  { code: 'LYJ', name: '县林业局', kind: 'county-department' },
  { code: 'XFJ', name: '县信访局', kind: 'county-department' },
  { code: 'ZWFW', name: '县政务服务中心', kind: 'county-department' },
  { code: 'GJJ', name: '县住房公积金管理部', kind: 'county-department' },
  { code: 'SWUJ', name: '国家税务总局安乡县税务局', kind: 'county-department' },
  { code: 'XFJYDD', name: '县消防救援大队', kind: 'county-department' },
  { code: 'GXS', name: '县供销合作社', kind: 'other' },
  { code: 'ZGH', name: '县总工会', kind: 'social-organisation' },
  { code: 'TXW', name: '共青团安乡县委', kind: 'social-organisation' },
  { code: 'FL', name: '县妇女联合会', kind: 'social-organisation' },
  { code: 'CL', name: '县残疾人联合会', kind: 'social-organisation' },
  { code: 'HSZH', name: '县红十字会', kind: 'social-organisation' },
  { code: 'GDGS', name: '国网安乡县供电公司', kind: 'enterprise' },
  { code: 'ZLSGS', name: '安乡县自来水公司', kind: 'enterprise' },
];

export const COORDINATOR_DEPARTMENT = 'SHGZB';
export const PEOPLE_CONGRESS_DEPARTMENT = 'RD';
export const CPPCC_DEPARTMENT = 'ZX';

export interface CategorySpec {
  code: string;
  name: string;
  defaultLevel: Level;
  department: string;
  days: readonly [grid: number, township: number, county: number];
  urgentHours?: number;
  warningOffsetHours?: number;
  /** A level's own warning offset (working hours); unset: the level warns at warningOffsetHours. */
  levelWarningOffsetHours?: Partial<Record<Level, number>>;
  /** Leaves only: what residents write. `{place}` is replaced by a village or community name. */
  titles?: readonly string[];
  details?: readonly string[];
  children?: readonly CategorySpec[];
  /** Open311 (leaves are published as services under their code): keywords and extra questions. */
  open311?: { keywords?: string; attributes?: readonly Open311AttributeSpec[] };
}

/** An attribute of an Open311 service definition, in GeoReport v2's own shape. */
export interface Open311AttributeSpec {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: ReadonlyArray<{ key: string; name: string }>;
}

const AFFECTS_TRAFFIC: Open311AttributeSpec = {
  variable: true,
  code: 'affects_traffic',
  datatype: 'singlevaluelist',
  required: true,
  datatype_description: null,
  order: 2,
  description: '是否影响出行',
  values: [
    { key: 'yes', name: '是' },
    { key: 'no', name: '否' },
  ],
};

/** A GB/T 39666-style two-level tree with time limits in working days per level. */
export const CATEGORIES: readonly CategorySpec[] = [
  {
    code: '01',
    name: '城乡建设',
    defaultLevel: 'township',
    department: 'ZJJ',
    days: [3, 5, 10],
    children: [
      {
        code: '01.01',
        name: '房屋安全',
        defaultLevel: 'county',
        department: 'ZJJ',
        days: [2, 3, 5],
        urgentHours: 24,
        titles: ['{place}老旧房屋墙体开裂', '{place}自建房存在安全隐患'],
        details: [
          '屋后墙体出现多条裂缝,雨天渗水严重,担心倒塌',
          '邻居加盖楼层后我家墙体开裂,协商无果',
        ],
      },
      {
        code: '01.02',
        name: '物业管理',
        defaultLevel: 'township',
        department: 'ZJJ',
        days: [3, 5, 10],
        // Township officers plan a week ahead: two working days' notice there, three at the county.
        levelWarningOffsetHours: { township: 16, county: 24 },
        titles: ['{place}小区物业服务不到位', '{place}小区电梯长期故障'],
        details: ['小区垃圾无人清理,楼道照明损坏数月未修', '电梯经常停运,老人上下楼困难,物业推诿'],
      },
      {
        code: '01.03',
        name: '违章建筑',
        defaultLevel: 'township',
        department: 'CGJ',
        days: [3, 5, 10],
        titles: ['{place}有人占用公共绿地搭建棚屋', '{place}违规加盖房屋'],
        details: ['有住户在小区绿化带私搭乱建,影响通行', '村民在河堤保护范围内违规建房'],
      },
      {
        code: '01.04',
        name: '农村危房改造',
        defaultLevel: 'township',
        department: 'ZJJ',
        days: [3, 5, 15],
        titles: ['{place}危房改造补助咨询', '{place}危房改造进度缓慢'],
        details: ['家中房屋被鉴定为C级危房,想了解改造补助如何申请', '去年申报的危房改造至今未动工'],
      },
    ],
  },
  {
    code: '02',
    name: '道路交通',
    defaultLevel: 'township',
    department: 'JTYSJ',
    days: [3, 5, 10],
    children: [
      {
        code: '02.01',
        name: '道路破损',
        defaultLevel: 'township',
        department: 'JTYSJ',
        days: [3, 5, 10],
        titles: ['{place}村道路面破损坑洼', '{place}通组公路塌陷'],
        details: ['村道多处坑洼积水,电动车经过容易摔倒', '通组公路一段路基塌陷,大车无法通行'],
        open311: {
          keywords: '坑洼,塌陷,路面',
          attributes: [
            {
              variable: false,
              code: 'safety_notice',
              datatype: 'text',
              required: false,
              datatype_description: null,
              order: 0,
              description: '如有人员受伤或车辆无法通行,请直接拨打 110 或 12345。',
              values: [],
            },
            AFFECTS_TRAFFIC,
            {
              variable: true,
              code: 'damage_kind',
              datatype: 'multivaluelist',
              required: false,
              datatype_description: null,
              order: 3,
              description: '破损情况',
              values: [
                { key: 'pothole', name: '坑洼' },
                { key: 'subsidence', name: '塌陷' },
                { key: 'water', name: '积水' },
              ],
            },
          ],
        },
      },
      {
        code: '02.02',
        name: '路灯照明',
        defaultLevel: 'grid',
        department: 'CGJ',
        days: [2, 3, 5],
        titles: ['{place}路灯不亮', '{place}主干道缺少照明'],
        details: [
          '路口几盏路灯坏了半个月,晚上出行不安全',
          '新修的道路没有安装路灯,群众夜间出行不便',
        ],
        open311: {
          keywords: '路灯,照明,不亮',
          attributes: [
            {
              variable: true,
              code: 'lamp_number',
              datatype: 'string',
              required: true,
              datatype_description: '灯杆上喷涂的编号,如 AX-0123',
              order: 1,
              description: '路灯编号',
              values: [],
            },
            AFFECTS_TRAFFIC,
          ],
        },
      },
      {
        code: '02.03',
        name: '公交客运',
        defaultLevel: 'county',
        department: 'JTYSJ',
        days: [3, 5, 10],
        titles: ['{place}希望增开城乡公交班次', '{place}客运班车不按时发车'],
        details: ['到县城的公交一天只有两班,学生和老人出行不便', '班车经常晚点甚至不来,司机态度差'],
      },
      {
        code: '02.04',
        name: '交通安全',
        defaultLevel: 'county',
        department: 'GAJ',
        days: [2, 3, 5],
        urgentHours: 24,
        titles: ['{place}学校门口缺少减速带', '{place}路口车辆乱停乱放'],
        details: ['学校门口车速快,上下学时段存在安全隐患', '路口长期有货车乱停,遮挡视线,险情多发'],
      },
    ],
  },
  {
    code: '03',
    name: '水利水务',
    defaultLevel: 'township',
    department: 'SLJ',
    days: [3, 5, 10],
    children: [
      {
        code: '03.01',
        name: '供水停水',
        defaultLevel: 'county',
        department: 'ZLSGS',
        days: [1, 2, 3],
        urgentHours: 12,
        titles: ['{place}停水未提前通知', '{place}自来水水压低、水质浑浊'],
        details: ['连续两天停水,没有任何通知,生活受到很大影响', '自来水发黄有异味,高峰期水压很低'],
      },
      {
        code: '03.02',
        name: '沟渠疏浚',
        defaultLevel: 'township',
        department: 'SLJ',
        days: [3, 5, 10],
        titles: ['{place}灌溉沟渠淤塞', '{place}渠道垮塌影响灌溉'],
        details: ['灌溉渠多年未清淤,春耕放水困难', '渠道一段垮塌,下游农田无法灌溉'],
      },
      {
        code: '03.03',
        name: '防汛抗旱',
        defaultLevel: 'county',
        department: 'SLJ',
        days: [1, 2, 3],
        urgentHours: 6,
        warningOffsetHours: 2,
        titles: ['{place}堤段出现管涌', '{place}泵站故障无法排渍'],
        details: ['汛期堤脚出现渗水冒沙,请尽快派人查看', '电排泵站故障,田里积水排不出去'],
      },
      {
        code: '03.04',
        name: '排水内涝',
        defaultLevel: 'township',
        department: 'CGJ',
        days: [2, 3, 5],
        // A flooded street is checked the same day at the grid; the township gets a working day.
        levelWarningOffsetHours: { grid: 4, township: 8 },
        titles: ['{place}下雨天积水严重', '{place}下水道堵塞反水'],
        details: ['每逢下雨路面积水没过脚踝,出行困难', '下水道堵塞,污水倒灌进一楼住户'],
      },
    ],
  },
  {
    code: '04',
    name: '环境保护',
    defaultLevel: 'grid',
    department: 'STHJ',
    days: [3, 5, 10],
    children: [
      {
        code: '04.01',
        name: '垃圾清运',
        defaultLevel: 'grid',
        department: 'CGJ',
        days: [1, 3, 5],
        titles: ['{place}垃圾站满溢无人清运', '{place}河边堆放生活垃圾'],
        details: ['垃圾桶满了好几天没人清运,气味很大', '有人把生活垃圾倒在河边,污染水体'],
        open311: { keywords: '垃圾,清运,环境卫生' },
      },
      {
        code: '04.02',
        name: '噪声扰民',
        defaultLevel: 'township',
        department: 'STHJ',
        days: [2, 3, 5],
        titles: ['{place}夜间施工噪声扰民', '{place}广场舞音响声音过大'],
        details: ['工地晚上十一点后仍在施工,影响休息', '广场舞音响开得很大,影响附近居民和学生'],
      },
      {
        code: '04.03',
        name: '水体污染',
        defaultLevel: 'county',
        department: 'STHJ',
        days: [3, 5, 10],
        titles: ['{place}养殖废水直排沟渠', '{place}河道发黑发臭'],
        details: ['附近养殖场废水直接排入沟渠,水发黑发臭', '河道水质变差,出现死鱼'],
      },
      {
        code: '04.04',
        name: '大气污染',
        defaultLevel: 'township',
        department: 'STHJ',
        days: [2, 3, 5],
        titles: ['{place}有人焚烧秸秆', '{place}工厂排放异味'],
        details: ['田里有人焚烧秸秆,烟雾很大', '附近工厂晚上排放刺鼻气味'],
      },
    ],
  },
  {
    code: '05',
    name: '社会保障',
    defaultLevel: 'county',
    department: 'RSJ',
    days: [3, 5, 15],
    children: [
      {
        code: '05.01',
        name: '养老保险',
        defaultLevel: 'county',
        department: 'RSJ',
        days: [3, 5, 15],
        // Pension questions go to the bureau's records for a fortnight: a week's notice at county.
        levelWarningOffsetHours: { county: 40 },
        titles: ['{place}养老金未按时发放', '{place}城乡居民养老保险缴费咨询'],
        details: ['本月养老金还没有到账,想了解原因', '想咨询城乡居民养老保险的缴费档次和补贴'],
      },
      {
        code: '05.02',
        name: '低保救助',
        defaultLevel: 'township',
        department: 'MZJ',
        days: [3, 5, 10],
        titles: ['{place}低保申请进度查询', '{place}困难群众申请临时救助'],
        details: ['三个月前递交了低保申请,一直没有结果', '家人重病,家庭困难,希望申请临时救助'],
      },
      {
        code: '05.03',
        name: '就业创业',
        defaultLevel: 'county',
        department: 'RSJ',
        days: [3, 5, 10],
        titles: ['{place}返乡创业贷款咨询', '{place}希望提供就业技能培训'],
        details: ['想了解返乡创业担保贷款的条件和流程', '村里留守妇女较多,希望开展技能培训'],
      },
      {
        code: '05.04',
        name: '医疗保险',
        defaultLevel: 'county',
        department: 'YBJ',
        days: [3, 5, 10],
        titles: ['{place}异地就医报销问题', '{place}医保缴费后状态异常'],
        details: ['在外地住院后回来报销,被告知材料不全', '已经缴纳医保,系统显示未参保'],
      },
      {
        code: '05.05',
        name: '欠薪维权',
        defaultLevel: 'county',
        department: 'RSJ',
        days: [2, 3, 5],
        urgentHours: 48,
        titles: ['{place}农民工工资被拖欠', '{place}工程款拖欠导致工人讨薪'],
        details: ['在工地干了三个月,老板一直拖欠工资', '包工头称工程款未结算,工人工资无法发放'],
      },
    ],
  },
  {
    code: '06',
    name: '教育',
    defaultLevel: 'county',
    department: 'JYJ',
    days: [3, 5, 10],
    children: [
      {
        code: '06.01',
        name: '入学招生',
        defaultLevel: 'county',
        department: 'JYJ',
        days: [3, 5, 10],
        titles: ['{place}子女入学学位咨询', '{place}随迁子女就读问题'],
        details: ['孩子今年上一年级,想了解划片和报名要求', '在县城务工,孩子想转入城区学校就读'],
      },
      {
        code: '06.02',
        name: '校园安全',
        defaultLevel: 'county',
        department: 'JYJ',
        days: [2, 3, 5],
        urgentHours: 24,
        titles: ['{place}学校周边有流动摊贩', '{place}校车超载'],
        details: ['学校门口流动摊贩卖三无食品', '接送学生的车辆超载,存在安全隐患'],
      },
      {
        code: '06.03',
        name: '教育收费',
        defaultLevel: 'county',
        department: 'JYJ',
        days: [3, 5, 10],
        titles: ['{place}学校违规收取资料费', '{place}课后服务收费咨询'],
        details: ['学校要求统一购买教辅资料', '想了解课后服务收费标准是否合规'],
      },
    ],
  },
  {
    code: '07',
    name: '医疗卫生',
    defaultLevel: 'county',
    department: 'WJJ',
    days: [3, 5, 10],
    children: [
      {
        code: '07.01',
        name: '医疗服务',
        defaultLevel: 'county',
        department: 'WJJ',
        days: [3, 5, 10],
        titles: ['{place}医院就诊排队时间长', '{place}医生服务态度问题'],
        details: ['县医院挂号和缴费排队时间太长', '就诊时医生态度冷淡,解释不清'],
      },
      {
        code: '07.02',
        name: '村卫生室',
        defaultLevel: 'township',
        department: 'WJJ',
        days: [3, 5, 10],
        titles: ['{place}村卫生室经常没人', '{place}村卫生室缺少常用药'],
        details: ['村卫生室白天经常关门,看病要跑到镇上', '常用的降压药在卫生室买不到'],
      },
      {
        code: '07.03',
        name: '疫苗接种',
        defaultLevel: 'township',
        department: 'WJJ',
        days: [2, 3, 5],
        titles: ['{place}儿童疫苗接种预约难', '{place}老年人接种咨询'],
        details: ['孩子打疫苗一直约不上号', '想了解老年人免费接种的疫苗种类和地点'],
      },
    ],
  },
  {
    code: '08',
    name: '农业农村',
    defaultLevel: 'township',
    department: 'NYNCJ',
    days: [3, 5, 10],
    children: [
      {
        code: '08.01',
        name: '农业补贴',
        defaultLevel: 'township',
        department: 'NYNCJ',
        days: [3, 5, 10],
        titles: ['{place}耕地地力保护补贴未到账', '{place}农机购置补贴咨询'],
        details: ['今年的耕地地力补贴到现在还没发', '买了收割机,想了解补贴如何申请'],
      },
      {
        code: '08.02',
        name: '土地承包',
        defaultLevel: 'township',
        department: 'NYNCJ',
        days: [3, 5, 15],
        titles: ['{place}土地承包经营权纠纷', '{place}土地流转租金未支付'],
        details: ['与邻居对承包地边界有争议,多次协商未果', '流转给合作社的土地租金已拖欠一年'],
      },
      {
        code: '08.03',
        name: '农资质量',
        defaultLevel: 'county',
        department: 'SCJGJ',
        days: [3, 5, 10],
        titles: ['{place}购买的种子发芽率低', '{place}疑似假化肥'],
        details: ['在农资店买的稻种发芽率不到一半', '施用化肥后作物没有效果,怀疑是假货'],
      },
      {
        code: '08.04',
        name: '动物防疫',
        defaultLevel: 'township',
        department: 'NYNCJ',
        days: [2, 3, 5],
        urgentHours: 24,
        titles: ['{place}生猪异常死亡', '{place}病死畜禽随意丢弃'],
        details: ['养殖户家中生猪接连死亡,担心疫情', '有人把病死鸡鸭丢在沟渠里'],
      },
    ],
  },
  {
    code: '09',
    name: '市场监管',
    defaultLevel: 'county',
    department: 'SCJGJ',
    days: [3, 5, 10],
    children: [
      {
        code: '09.01',
        name: '食品安全',
        defaultLevel: 'county',
        department: 'SCJGJ',
        days: [2, 3, 5],
        urgentHours: 24,
        titles: ['{place}餐馆卫生条件差', '{place}超市销售过期食品'],
        details: ['饭店后厨脏乱,吃完后多人腹泻', '在超市买到过期的牛奶,商家拒绝退换'],
      },
      {
        code: '09.02',
        name: '价格收费',
        defaultLevel: 'county',
        department: 'SCJGJ',
        days: [3, 5, 10],
        titles: ['{place}停车收费不规范', '{place}商户哄抬价格'],
        details: ['停车场收费没有公示标准,乱收费', '节假日期间部分商户大幅涨价'],
      },
      {
        code: '09.03',
        name: '消费维权',
        defaultLevel: 'county',
        department: 'SCJGJ',
        days: [3, 5, 10],
        titles: ['{place}预付卡商家跑路', '{place}网购商品质量问题'],
        details: ['在健身房办的卡,商家突然关门', '购买的家电有质量问题,商家拒绝售后'],
      },
    ],
  },
  {
    code: '10',
    name: '治安',
    defaultLevel: 'grid',
    department: 'GAJ',
    days: [2, 3, 5],
    children: [
      {
        code: '10.01',
        name: '邻里纠纷',
        defaultLevel: 'grid',
        department: 'SFJ',
        days: [2, 3, 5],
        titles: ['{place}邻里因排水问题发生矛盾', '{place}宅基地边界纠纷'],
        details: ['邻居修房把排水沟堵了,雨水流到我家', '两家因宅基地边界发生争吵,需要调解'],
      },
      {
        code: '10.02',
        name: '治安隐患',
        defaultLevel: 'township',
        department: 'GAJ',
        days: [2, 3, 5],
        titles: ['{place}夜间有人聚集赌博', '{place}电动车频繁被盗'],
        details: ['村里有人晚上聚集打牌赌博,影响风气', '小区车棚电动车接连被盗'],
      },
      {
        code: '10.03',
        name: '电信诈骗',
        defaultLevel: 'county',
        department: 'GAJ',
        days: [1, 2, 3],
        urgentHours: 24,
        titles: ['{place}老人接到诈骗电话', '{place}疑似网络刷单诈骗'],
        details: ['家里老人接到冒充医保局的电话,被要求转账', '在网上做刷单兼职被骗了钱'],
      },
    ],
  },
];

export const SURNAMES: readonly string[] = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '董',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '彭',
  '曾',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '丁',
  '魏',
  '叶',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '姜',
  '范',
  '方',
  '石',
  '姚',
  '谭',
  '廖',
  '邹',
  '熊',
  '金',
  '陆',
  '孔',
  '毛',
  '邱',
  '秦',
  '江',
  '龙',
  '段',
  '雷',
  '汤',
  '易',
  '龚',
];

export const GIVEN_NAME_CHARS: readonly string[] = [
  '建',
  '国',
  '华',
  '明',
  '军',
  '平',
  '红',
  '英',
  '桂',
  '兰',
  '芳',
  '秀',
  '伟',
  '强',
  '勇',
  '志',
  '文',
  '德',
  '海',
  '云',
  '春',
  '丽',
  '敏',
  '静',
  '玉',
  '霞',
  '林',
  '波',
  '辉',
  '斌',
  '涛',
  '杰',
  '鹏',
  '梅',
  '娟',
  '燕',
  '萍',
  '刚',
  '清',
  '珍',
  '凤',
  '琴',
  '湘',
  '洪',
  '安',
  '新',
  '长',
  '立',
  '家',
  '成',
  '元',
  '和',
  '松',
  '荣',
];

export const MOBILE_PREFIXES: readonly string[] = [
  '133',
  '135',
  '138',
  '139',
  '150',
  '151',
  '158',
  '173',
  '177',
  '180',
  '187',
  '189',
  '199',
];

/** The "five cars" and the rest, with a realistic share of the intake. */
export const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['grid-worker', 30],
  ['mayor-hotline', 15],
  ['opinion-hotline', 12],
  ['door-to-door', 13],
  ['deputy-station', 7],
  ['cppcc-cloud', 4],
  ['department', 5],
  ['social-organisation', 4],
  ['website', 8],
  ['open311', 2],
];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  'grid-worker': '网格员走访(引导车)',
  department: '部门转办(应急车)',
  'mayor-hotline': '县长热线(应急车)',
  'opinion-hotline': '民意热线(应急车)',
  'door-to-door': '四进四访(巡诊车)',
  'deputy-station': '代表联络站扫码(便民车)',
  'cppcc-cloud': '政协云(便民车)',
  'social-organisation': '社会组织(共享车)',
  website: '政府网站',
  open311: 'Open311 接口',
};

export const TYPE_WEIGHTS: ReadonlyArray<readonly [ItemType, number]> = [
  ['request', 45],
  ['complaint', 25],
  ['consultation', 15],
  ['suggestion', 15],
];

export const ASKS: readonly string[] = [
  '希望有关部门尽快处理。',
  '请帮忙协调解决。',
  '希望尽快派人来看看。',
  '恳请相关单位给个答复。',
  '希望能给个说法。',
];

export const RESOLUTIONS: Readonly<Record<Level, readonly string[]>> = {
  grid: [
    '网格员当天上门核实,协调相关户及村委会现场处理完毕,反映人认可处理结果。',
    '网格长组织邻长入户调解,双方达成一致意见,问题已解决。',
    '经网格员现场查看,已联系村组安排人员处理,并向反映人反馈。',
  ],
  township: [
    '乡镇民意办交办相关站所现场处置,已整改到位,并向反映人当面反馈。',
    '乡镇组织村干部和站所工作人员实地调查,依政策作出答复,反映人表示理解。',
    '经乡镇协调,已安排专项资金和人员完成整改。',
  ],
  county: [
    '县委社会工作部牵头召开协调会,责任单位已按时限办结并书面答复。',
    '主办部门依法调查处理,涉事单位已完成整改,处理结果已告知反映人。',
    '经县直部门联合核查,已依政策解决,并纳入长效管理。',
  ],
};
