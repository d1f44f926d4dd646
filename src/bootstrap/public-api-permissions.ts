import type { Core } from '@strapi/strapi';
import { grantToPublicOnce } from './public-role';

/** The public item routes (src/api/item/routes/01-public-items.ts), as users-permissions actions. */
export const PUBLIC_ITEM_ACTIONS = [
  'api::item.public-item.submit',
  'api::item.public-item.track',
  'api::item.public-item.feedbackForm',
  'api::item.public-item.feedback',
] as const;

/**
 * Lets anyone submit, track and give feedback, once, on the first start that knows these routes.
 * An administrator may later withdraw them (e.g. to take submissions only through partner
 * tokens); that choice is kept.
 */
export async function ensurePublicItemPermissions(strapi: Core.Strapi): Promise<void> {
  await grantToPublicOnce(strapi, 'public-item-permissions-initialised', PUBLIC_ITEM_ACTIONS);
}
