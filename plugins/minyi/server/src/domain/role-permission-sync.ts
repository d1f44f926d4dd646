/**
 * Which plugin permissions a county role receives on an upgrade. The roles are created once on
 * the first start; a permission the plugin added later (the dashboard, the spot-check review, the
 * notices, the settings) must still reach a role created before it existed, but a permission an
 * administrator took away in Settings → Roles must stay away. The difference is the record: the
 * permission uids already granted to the role once (kept by the shell in the plugin store). A
 * permission in the record was dealt with — whatever the role holds now is the administrator's
 * choice; a permission of the definition that is not in the record is new to this role: grant it.
 */

export interface RolePermissionSyncInput {
  /** The plugin permission uids the role's definition gives it now. */
  defined: readonly string[];
  /** The uids recorded as granted to the role before; null when the role has no record yet. */
  recorded: readonly string[] | null;
  /** The plugin permission uids the role holds now. */
  held: readonly string[];
  /**
   * What a role without a record was created with: roles made before the record existed were
   * made by a release that granted only these (treated as recorded, so their removal is kept).
   */
  legacy: readonly string[];
}

export interface RolePermissionSync {
  /** The uids to add to the role, sorted. */
  grant: string[];
  /** The record to store after granting, sorted: every uid dealt with so far. */
  record: string[];
}

export function rolePermissionSync(input: RolePermissionSyncInput): RolePermissionSync {
  const recorded = new Set(input.recorded ?? input.legacy);
  const held = new Set(input.held);
  const grant = [...new Set(input.defined)].filter((uid) => !recorded.has(uid) && !held.has(uid));
  const record = new Set([...recorded, ...input.defined]);
  return { grant: grant.sort(), record: [...record].sort() };
}

/** True when storing `next` changes nothing (same uids), so a start without news writes nothing. */
export function sameRecord(previous: readonly string[] | null, next: readonly string[]): boolean {
  if (!previous || previous.length !== next.length) return false;
  const before = new Set(previous);
  return next.every((uid) => before.has(uid));
}

/**
 * The plugin permissions (uids) the release before the permission table gave a role: only the
 * handling permission, to the roles that handle items. A role without a record was made by it.
 */
export function legacyPluginPermissions(role: { handlesItems: boolean }, handleItemsUid: string) {
  return role.handlesItems ? [handleItemsUid] : [];
}
