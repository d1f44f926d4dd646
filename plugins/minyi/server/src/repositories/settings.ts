import type { Core } from '@strapi/strapi';
import { newDocumentId } from './document-ids';
import { tableOf } from './metadata';
import { UID } from './uids';

export const SETTING_UID = 'plugin::minyi.setting';
export const SETTINGS_CHANGE_UID = 'plugin::minyi.settings-change';

type Connection = Core.Strapi['db']['connection'];

/** One row of the settings log (minyi_settings_changes), as the services/system/settings.ts writes it. */
export interface SettingsChangeRow {
  section: string;
  target: string | null;
  targetLabel: string | null;
  oldValue: unknown;
  newValue: unknown;
  changedById: number | null;
  changedByEmail: string | null;
  changedByName: string | null;
  changedAt: Date;
  revision: number | null;
}

/**
 * The stored settings (minyi_settings: one row per section, and the `revisionSection` row whose
 * revision is the settings' current revision), their change log, and the categories' time limits
 * the settings page edits. Writes inside the caller's `strapi.db.transaction` join it.
 */
export function settingsRepository(strapi: Core.Strapi, revisionSection: string) {
  const table = () => tableOf(strapi, SETTING_UID);
  const settingRows = () => strapi.db.query(SETTING_UID);
  const changeRows = () => strapi.db.query(SETTINGS_CHANGE_UID);
  const categories = () => strapi.documents(UID.category);
  type CategoryFields = NonNullable<
    Parameters<ReturnType<typeof strapi.documents<typeof UID.category>>['findOne']>[0]
  >['fields'];

  async function maxRevision(db: Connection): Promise<number | null> {
    const row = (await db(table())
      .where({ section: revisionSection })
      .max({ revision: 'revision' })
      .first()) as { revision?: number | string | null } | undefined;
    return row?.revision === null || row?.revision === undefined ? null : Number(row.revision);
  }

  return {
    /** The settings' current revision; 0 before the first change. */
    async readRevision(): Promise<number> {
      return (await maxRevision(strapi.db.connection)) ?? 0;
    },

    /** Raises the revision in the transaction `trx` and answers the new one. */
    async nextRevision(trx: Connection): Promise<number> {
      const updated = await trx(table())
        .where({ section: revisionSection })
        .increment('revision', 1);
      if (Number(updated) === 0) {
        await settingRows().create({
          data: { documentId: newDocumentId(), section: revisionSection, value: {}, revision: 1 },
        });
      }
      return (await maxRevision(trx)) ?? 1;
    },

    /** The stored rows of these sections, their values as stored. */
    async sections(names: readonly string[]): Promise<Array<{ section: string; value: unknown }>> {
      return (await settingRows().findMany({
        where: { section: { $in: [...names] } },
      })) as Array<{ section: string; value: unknown }>;
    },

    /** Stores a section's value at `revision`, or removes its row (value null). */
    async storeSection(section: string, value: unknown, revision: number): Promise<void> {
      const existing = (await settingRows().findOne({ where: { section } })) as {
        id: number;
      } | null;
      if (value === null) {
        if (existing) await settingRows().delete({ where: { id: existing.id } });
      } else if (existing) {
        await settingRows().update({ where: { id: existing.id }, data: { value, revision } });
      } else {
        await settingRows().create({
          data: { documentId: newDocumentId(), section, value, revision },
        });
      }
    },

    async recordChange(change: SettingsChangeRow): Promise<void> {
      await changeRows().create({ data: { documentId: newDocumentId(), ...change } });
    },

    /** A page of the log, newest first, and how many rows match. */
    async changes(
      where: { section?: string },
      { limit, offset }: { limit: number; offset: number }
    ): Promise<[Array<Record<string, unknown>>, number]> {
      const [rows, total] = await Promise.all([
        changeRows().findMany({
          where,
          orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
          limit,
          offset,
        }) as Promise<Array<Record<string, unknown>>>,
        changeRows().count({ where }),
      ]);
      return [rows, Number(total)];
    },

    /** Every category with these fields, by code (at most 1000). */
    async categories(fields: CategoryFields): Promise<Array<Record<string, unknown>>> {
      return (await categories().findMany({
        fields,
        sort: 'code:asc',
        limit: 1000,
      })) as unknown as Array<Record<string, unknown>>;
    },

    async category(
      documentId: string,
      fields: CategoryFields
    ): Promise<Record<string, unknown> | null> {
      return (await categories().findOne({
        documentId,
        fields,
      })) as unknown as Record<string, unknown> | null;
    },

    async updateCategory(documentId: string, data: Record<string, unknown>): Promise<void> {
      await categories().update({
        documentId,
        data,
      } as Parameters<ReturnType<typeof strapi.documents<typeof UID.category>>['update']>[0]);
    },
  };
}
