import type { ActorRole, ItemStatus, Level } from './vocabulary';
import type { ItemChannel } from './partner-channel';

/** Chinese names as staff and residents know them; used in refusals, emails and the admin UI. */
export const STATUS_LABELS_ZH: Readonly<Record<ItemStatus, string>> = {
  submitted: '已提交',
  accepted: '已受理',
  assigned: '已交办',
  'in-progress': '办理中',
  resolved: '已办结',
  closed: '已关闭',
  escalated: '已上报',
  extended: '已延期',
  returned: '已退回',
  rejected: '不予受理',
  reopened: '重新办理',
};

export const LEVEL_LABELS_ZH: Readonly<Record<Level, string>> = {
  grid: '网格',
  township: '乡镇',
  county: '县级',
};

export const ROLE_LABELS_ZH: Readonly<Record<ActorRole, string>> = {
  instructor: '指导员',
  'grid-head': '网格长',
  'grid-member': '网格员',
  'neighbour-head': '邻长',
  volunteer: '志愿者',
  liaison: '部门联络员',
  'township-officer': '乡镇干部',
  'county-coordinator': '县委社会工作部',
  leader: '县级领导',
  system: '系统',
  resident: '群众',
};

/** Collection channels (the five cars, hotlines, website, QR at the liaison stations, CPPCC cloud, Open311). */
export const CHANNEL_LABELS_ZH: Readonly<Record<ItemChannel, string>> = {
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
