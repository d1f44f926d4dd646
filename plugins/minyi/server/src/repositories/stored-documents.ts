import type { Core } from '@strapi/strapi';

/**
 * One stored document by document id, with the attributes and relations asked for, through the
 * Query Engine (it joins the caller's transaction; no lifecycles, no Document Service middleware).
 * For the checks that compare a write with what is stored (the owned-fields guard).
 */
export async function storedDocument(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  { select, populate }: { select: string[]; populate: Record<string, { select: string[] }> }
): Promise<Record<string, unknown> | null> {
  return (await strapi.db
    .query(uid as Parameters<typeof strapi.db.query>[0])
    .findOne({ where: { documentId }, select, populate })) as Record<string, unknown> | null;
}
