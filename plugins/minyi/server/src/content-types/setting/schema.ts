/**
 * The county's settings stored in the database, one row per section (metrics, spotCheck, jobs,
 * notifications, calendar), each replacing the environment's default section as a whole. A
 * section row carries the revision it was written at; the row of section "_revision" holds the
 * current revision, raised in the same transaction as every write, and is what each instance polls
 * (services/system/settings.ts). Written only through the settings service.
 */
export default {
  kind: 'collectionType',
  collectionName: 'minyi_settings',
  info: {
    singularName: 'setting',
    pluralName: 'settings',
    displayName: '系统设置 Setting',
    description: 'Settings sections stored by the settings page',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    section: { type: 'string', required: true, unique: true, maxLength: 64 },
    value: { type: 'json' },
    revision: { type: 'integer', required: true, default: 0 },
  },
};
