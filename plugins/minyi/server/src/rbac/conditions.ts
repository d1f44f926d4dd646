import type { Core } from '@strapi/strapi';
import { PLUGIN_PERMISSIONS } from '../domain/plugin-permissions';
import {
  UNIT_CONDITION_LABELS,
  UNIT_CONDITION_QUERIES,
  type UnitConditionName,
} from '../domain/unit-conditions';
import { minyiService } from '../plugin';

/** The admin user Strapi hands a condition handler, with the permission being evaluated merged in. */
interface ConditionUser {
  id: number;
  permission?: { subject?: string | null };
}

interface AdminPermissionService {
  conditionProvider: { registerMany(conditions: unknown[]): Promise<unknown> };
  actionProvider: { registerMany(actions: unknown[]): Promise<unknown> };
}

/**
 * Registers the unit conditions and the plugin's permissions (domain/plugin-permissions.ts) with the admin panel's RBAC. Runs
 * in the plugin's bootstrap: Strapi accepts conditions and actions only before it has loaded.
 */
export async function registerUnitRbac(strapi: Core.Strapi): Promise<void> {
  const permissions = strapi.service('admin::permission') as unknown as AdminPermissionService;
  const scope = () => minyiService(strapi, 'access-scope');

  // Strapi calls a condition's handler once per condition of every conditioned permission, each
  // time with a fresh copy of the user (lodash/fp's merge in @strapi/permissions' engine), so the
  // user object cannot key a cache; the service keeps the unit for the request instead.
  const unitOf = (adminUserId: number) => scope().unitContextOfAdmin(adminUserId);

  await permissions.conditionProvider.registerMany(
    (Object.keys(UNIT_CONDITION_QUERIES) as UnitConditionName[]).map((name) => ({
      name,
      plugin: 'minyi',
      category: '民意直通车',
      displayName: UNIT_CONDITION_LABELS[name],
      async handler(user: ConditionUser) {
        const subject = user.permission?.subject;
        return UNIT_CONDITION_QUERIES[name](subject, await unitOf(user.id));
      },
    }))
  );

  await permissions.actionProvider.registerMany(
    Object.values(PLUGIN_PERMISSIONS).map(({ uid, displayName }) => ({
      section: 'plugins',
      displayName,
      uid,
      pluginName: 'minyi',
    }))
  );
}
