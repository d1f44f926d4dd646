import type { Core } from '@strapi/strapi';
import { grantToPublicOnce } from './public-role';

/**
 * What the Public role may read out of the box: the county's structure, never items or people.
 * Granted once; an administrator's later changes in Settings → Roles are kept.
 */
export const PUBLIC_READABLE = [
  'api::grid.grid',
  'api::department.department',
  'api::category.category',
] as const;

export async function ensurePublicPermissions(strapi: Core.Strapi): Promise<void> {
  const wanted = PUBLIC_READABLE.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);
  await grantToPublicOnce(strapi, 'public-permissions-initialised', wanted);
}
