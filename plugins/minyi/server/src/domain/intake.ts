import type { ItemChannel } from './partner-channel';
import type { StaffRole } from './vocabulary';

/**
 * 登记民意 (首问负责制): what staff may record when they register an item on a resident's behalf.
 * The website and Open311 are the residents' and partners' own channels, never recorded by staff.
 */
export const CHANNEL_LABELS_ZH: Readonly<Record<ItemChannel, string>> = {
  'grid-worker': '网格员收集(引导车)',
  department: '县直部门(应急车)',
  'mayor-hotline': '县长热线',
  'opinion-hotline': '民意热线',
  'door-to-door': '四进四访(巡诊车)',
  'deputy-station': '代表联络站扫码(便民车)',
  'cppcc-cloud': '政协云(便民车)',
  'social-organisation': '社会组织与志愿者(共享车)',
  website: '政府网站',
  open311: 'Open311',
};

export const ITEM_TYPE_LABELS_ZH: Readonly<Record<string, string>> = {
  request: '求助',
  complaint: '投诉',
  suggestion: '建议',
  consultation: '咨询',
};

export const STAFF_CHANNELS: readonly ItemChannel[] = [
  'grid-worker',
  'door-to-door',
  'opinion-hotline',
  'mayor-hotline',
  'department',
  'deputy-station',
  'cppcc-cloud',
  'social-organisation',
];

/** The channel a staff member's unit usually records: the form's preset. */
export function presetChannelOf(role: StaffRole | null): ItemChannel {
  switch (role) {
    case 'liaison':
      return 'department';
    case 'township-officer':
      return 'door-to-door';
    case 'county-coordinator':
    case 'leader':
      return 'opinion-hotline';
    case 'volunteer':
      return 'social-organisation';
    default:
      return 'grid-worker';
  }
}

/** Channels in the form, the preset first. */
export function channelsFor(role: StaffRole | null): ItemChannel[] {
  const preset = presetChannelOf(role);
  return [preset, ...STAFF_CHANNELS.filter((channel) => channel !== preset)];
}

/** Possible duplicates are looked for among items received in the last 30 days. */
export const DUPLICATE_WINDOW_DAYS = 30;
