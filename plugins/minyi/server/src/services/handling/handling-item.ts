import type { Core } from '@strapi/strapi';
import type { Recipient } from '../../domain/notifications';
import { type Contact, type HandlingItem, itemsRepository } from '../../repositories/items';

type Connection = Core.Strapi['db']['connection'];

export type { Contact, HandlingItem } from '../../repositories/items';

/**
 * The item as a handling move sees it: its fields, category limits, owners and the contacts its
 * mail goes to, in ONE statement through the move's transaction (the items repository's
 * loadForMove); co-departments, a to-many relation, only when asked for.
 */
const handlingItem = ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(
    trx: Connection,
    documentId: string,
    options: { coDepartments: boolean }
  ): Promise<HandlingItem | null> {
    return itemsRepository(strapi).loadForMove(trx, documentId, options);
  },
});

/** A contact as a recipient of the given reason, when it has an address. */
export function recipientOf(contact: Contact | null, reason: Recipient['reason']): Recipient[] {
  return contact?.email ? [{ email: contact.email, label: contact.name ?? '', reason }] : [];
}

export type HandlingItemService = ReturnType<typeof handlingItem>;
export default handlingItem;
