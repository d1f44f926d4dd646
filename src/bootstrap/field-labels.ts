import type { Core } from '@strapi/strapi';
import { minyiService } from '../minyi';
import { LABELS_ZH } from './labels-zh';

interface FieldMetadata {
  edit?: { label?: string; editable?: boolean };
  list?: { label?: string };
}
interface ContentManagerConfiguration {
  settings: { mainField?: string; defaultSortBy?: string; defaultSortOrder?: string };
  metadatas: Record<string, FieldMetadata>;
  layouts: unknown;
}
interface ContentTypesService {
  findConfiguration(contentType: { uid: string }): Promise<ContentManagerConfiguration>;
  updateConfiguration(
    contentType: { uid: string },
    configuration: ContentManagerConfiguration
  ): Promise<unknown>;
}

/**
 * Puts the Chinese labels into the content manager's stored layout. A label is only replaced
 * while it is still Strapi's default (the field name), so an administrator's own wording stays.
 */
export async function applyChineseFieldLabels(strapi: Core.Strapi): Promise<void> {
  // Main fields are chosen once; after that they are the administrator's to change.
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  const chooseMainFields = !(await store.get({ key: 'main-fields-initialised' }));
  const contentTypes = strapi
    .plugin('content-manager')
    .service('content-types') as ContentTypesService;
  const owned = minyiService(strapi, 'owned-fields');
  for (const [uid, labels] of Object.entries(LABELS_ZH)) {
    if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) continue;
    const configuration = await contentTypes.findConfiguration({ uid });
    let changed = false;
    for (const [field, label] of Object.entries(labels.fields)) {
      const metadata = configuration.metadatas[field];
      if (!metadata) continue;
      for (const view of [metadata.edit, metadata.list]) {
        if (view && (view.label === undefined || view.label === field)) {
          view.label = label;
          changed = true;
        }
      }
    }
    // The fields the workflow owns (plugins/minyi domain/owned-fields.ts) are read-only too.
    for (const field of new Set([...(labels.readOnly ?? []), ...owned.readOnlyInEditView(uid)])) {
      const edit = configuration.metadatas[field]?.edit;
      if (edit && edit.editable !== false) {
        edit.editable = false;
        changed = true;
      }
    }
    const listKey = `list-layout-initialised:${uid}`;
    const setList = labels.list && !(await store.get({ key: listKey }));
    if (setList && labels.list) {
      (configuration.layouts as { list: string[] }).list = labels.list.filter(
        (field) => field === 'id' || configuration.metadatas[field]
      );
      if (labels.sort && configuration.metadatas[labels.sort.field]) {
        configuration.settings.defaultSortBy = labels.sort.field;
        configuration.settings.defaultSortOrder = labels.sort.order;
      }
      await store.set({ key: listKey, value: true });
      changed = true;
    }
    if (chooseMainFields && configuration.settings.mainField !== labels.mainField) {
      configuration.settings.mainField = labels.mainField;
      changed = true;
    }
    if (changed) {
      await contentTypes.updateConfiguration(
        { uid },
        {
          settings: configuration.settings,
          metadatas: configuration.metadatas,
          layouts: configuration.layouts,
        }
      );
    }
  }
  if (chooseMainFields) await store.set({ key: 'main-fields-initialised', value: true });
}
