/**
 * The content types the plugin reads and writes, by glossary name: the one place their UIDs are
 * spelled. Repositories take table, column and link names from `strapi.db.metadata` for these.
 */
export const UID = {
  item: 'api::item.item',
  itemEvent: 'api::item-event.item-event',
  grid: 'api::grid.grid',
  department: 'api::department.department',
  staff: 'api::staff.staff',
  category: 'api::category.category',
  notice: 'api::notice.notice',
  spotCheck: 'api::spot-check.spot-check',
  outboxMessage: 'plugin::minyi.outbox-message',
  jobRun: 'plugin::minyi.job-run',
  jobLease: 'plugin::minyi.job-lease',
} as const;

export type ContentUid = (typeof UID)[keyof typeof UID];
