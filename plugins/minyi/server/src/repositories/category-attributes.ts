import type { Core } from '@strapi/strapi';
import type { AttributeDefinition } from '../domain/open311/attributes';
import { UID } from './uids';

/** A category as the attribute editor shows it. */
export interface CategoryAttributesRow {
  documentId: string;
  name: string;
  code: string;
  serviceCode: string | null;
  /** As stored (JSON); the service reads it through the domain. */
  attributes: unknown;
}

/**
 * A category's Open311 attributes (the JSON attribute `open311Attributes`): read by document id,
 * written through the Document Service, so the content manager's checks (the attribute guard,
 * services/open311/attribute-guard.ts) and lifecycles see the write like any other.
 */
export function categoryAttributesRepository(strapi: Core.Strapi) {
  return {
    async find(documentId: string): Promise<CategoryAttributesRow | null> {
      const row = (await strapi.db.query(UID.category).findOne({
        where: { documentId },
        select: ['documentId', 'name', 'code', 'open311ServiceCode', 'open311Attributes'],
      })) as {
        documentId: string;
        name: string;
        code: string;
        open311ServiceCode: string | null;
        open311Attributes: unknown;
      } | null;
      return row
        ? {
            documentId: row.documentId,
            name: row.name,
            code: row.code,
            serviceCode: row.open311ServiceCode ?? null,
            attributes: row.open311Attributes ?? null,
          }
        : null;
    },

    async store(documentId: string, attributes: readonly AttributeDefinition[]): Promise<void> {
      await strapi.documents(UID.category).update({
        documentId,
        data: { open311Attributes: attributes },
      } as unknown as Parameters<
        ReturnType<typeof strapi.documents<typeof UID.category>>['update']
      >[0]);
    },
  };
}
