import type { Core } from '@strapi/strapi';
import { PLUGIN_PERMISSIONS } from '../domain/plugin-permissions';
import {
  UNIT_CONDITION_LABELS,
  UNIT_CONDITION_QUERIES,
  type UnitConditionName,
  type UnitContext,
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

  // Strapi evaluates every conditioned permission of a request with the same user object, so the
  // unit is loaded once per request and shared by all of that request's conditions.
  const units = new WeakMap<object, Promise<UnitContext | null>>();
  const unitOf = (user: ConditionUser) => {
    let unit = units.get(user);
    if (!unit) {
      unit = scope().unitContextOfAdmin(user.id);
      units.set(user, unit);
    }
    return unit;
  };

  await permissions.conditionProvider.registerMany(
    (Object.keys(UNIT_CONDITION_QUERIES) as UnitConditionName[]).map((name) => ({
      name,
      plugin: 'minyi',
      category: '民意直通车',
      displayName: UNIT_CONDITION_LABELS[name],
      async handler(user: ConditionUser) {
        const subject = user.permission?.subject; // read before awaiting: Strapi reuses the object
        return UNIT_CONDITION_QUERIES[name](subject, await unitOf(user));
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
