import * as labels from '../../../server/src/domain/labels';

/**
 * The content manager's edit form shows an enumeration's options through the admin's
 * translations, with the enum value itself as the message id (Strapi 5.54,
 * content-manager InputRenderer → admin EnumerationInput: `formatMessage({ id: value })`). So the
 * domain's Chinese label tables, registered unprefixed for zh-Hans, make the form's selects read
 * 已提交, 乡镇 … instead of codes. The list view prints enum values as they are (no hook there);
 * the workbench and the item panels show labels instead.
 */
export function enumLabelsZh(): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const table of Object.values(labels)) {
    if (typeof table !== 'object' || table === null) continue;
    for (const [value, label] of Object.entries(table as Record<string, unknown>)) {
      if (typeof label === 'string' && !(value in merged)) merged[value] = label;
    }
  }
  return merged;
}
