/**
 * The settings-change log: who changed which setting when, with the value before and after.
 * Append-only (bootstrap refuses updates and deletes), written in the transaction of the change.
 */
export default {
  kind: 'collectionType',
  collectionName: 'minyi_settings_changes',
  info: {
    singularName: 'settings-change',
    pluralName: 'settings-changes',
    displayName: '设置变更记录 Settings change',
    description: 'Who changed a setting, when, from what to what',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    /** A settings section, or "category" for a category's time limits. */
    section: { type: 'string', required: true, maxLength: 64 },
    /** The category's documentId for "category". */
    target: { type: 'string', maxLength: 64 },
    targetLabel: { type: 'string', maxLength: 200 },
    oldValue: { type: 'json' },
    newValue: { type: 'json' },
    changedById: { type: 'integer' },
    changedByEmail: { type: 'string', maxLength: 255 },
    changedByName: { type: 'string', maxLength: 200 },
    changedAt: { type: 'datetime', required: true },
    revision: { type: 'integer' },
  },
};
