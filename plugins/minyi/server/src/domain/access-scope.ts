import type { StaffRole } from './vocabulary';

/**
 * Who sees which items (unit scoping, DESIGN §3 Interfaces). A staff member's unit is the grid
 * subtree under their grid or their department; county-wide roles see the whole county. The same
 * rules serve the admin panel's RBAC conditions, the field-staff REST reads and the handling routes.
 */

/** The unit a staff record belongs to, as loaded from `api::staff.staff`. */
export interface StaffUnit {
  role: StaffRole;
  /** Materialised path of the staff member's grid (`/county/township/…/`), null without a grid. */
  gridPath: string | null;
  departmentId: number | null;
}

export type ItemScope =
  | { kind: 'county' }
  | { kind: 'grid-subtree'; gridPath: string }
  | { kind: 'department'; departmentId: number }
  | { kind: 'none' };

/** Roles whose unit is the whole county: they coordinate, lead or oversee every item. */
export const COUNTY_WIDE_ROLES: readonly StaffRole[] = ['county-coordinator', 'leader'];
/** Roles that work for a department (部门联络员): items their department leads or co-handles. */
export const DEPARTMENT_ROLES: readonly StaffRole[] = ['liaison'];

export const NO_SCOPE: ItemScope = { kind: 'none' };
export const COUNTY_SCOPE: ItemScope = { kind: 'county' };

/**
 * The items a staff member may see and handle. No staff record (or an inactive one), or a unit
 * role without its unit, sees nothing: access is granted by a unit, never by its absence.
 */
export function scopeOfStaff(unit: StaffUnit | null): ItemScope {
  if (unit === null) return NO_SCOPE;
  if (COUNTY_WIDE_ROLES.includes(unit.role)) return COUNTY_SCOPE;
  if (DEPARTMENT_ROLES.includes(unit.role)) {
    return unit.departmentId === null
      ? NO_SCOPE
      : { kind: 'department', departmentId: unit.departmentId };
  }
  return unit.gridPath ? { kind: 'grid-subtree', gridPath: unit.gridPath } : NO_SCOPE;
}

/** Admin roles whose holders oversee the whole county even without a staff record of their own. */
export const COUNTY_WIDE_ADMIN_ROLES: readonly string[] = [
  'strapi-super-admin',
  'minyi-county-coordinator',
  'minyi-leader',
  'minyi-auditor',
];

/**
 * The items an admin panel account may see through the plugin's own admin routes (handling,
 * dashboards, lists): a super admin everything; anyone else their staff record's unit; without a
 * staff record, county-wide admin roles everything and everybody else nothing. What the account
 * may *do* is a separate question (the admin role's permissions, the state machine).
 */
export function scopeOfAdminAccount(
  staff: StaffUnit | null,
  adminRoleCodes: readonly string[]
): ItemScope {
  if (adminRoleCodes.includes('strapi-super-admin')) return COUNTY_SCOPE;
  if (staff !== null) return scopeOfStaff(staff);
  return adminRoleCodes.some((code) => COUNTY_WIDE_ADMIN_ROLES.includes(code))
    ? COUNTY_SCOPE
    : NO_SCOPE;
}

/** What the scope check needs to know about an item. */
export interface ItemUnits {
  gridPath: string | null;
  leadDepartmentId: number | null;
  coDepartmentIds: readonly number[];
}

export function itemInScope(scope: ItemScope, item: ItemUnits): boolean {
  switch (scope.kind) {
    case 'county':
      return true;
    case 'grid-subtree':
      return item.gridPath !== null && item.gridPath.startsWith(scope.gridPath);
    case 'department':
      return (
        item.leadDepartmentId === scope.departmentId ||
        item.coDepartmentIds.includes(scope.departmentId)
      );
    case 'none':
      return false;
  }
}

/** A Strapi query filter on items (`filters` / `where`), or null when the scope restricts nothing. */
export type ItemFilter = Record<string, unknown>;

/** Matches no row: ids are never null. */
const NOTHING: ItemFilter = { id: { $null: true } };

/**
 * The database filter that keeps a query inside the scope. Callers AND it with whatever the
 * client asked for, so no client filter can widen it.
 */
export function itemScopeFilter(scope: ItemScope): ItemFilter | null {
  switch (scope.kind) {
    case 'county':
      return null;
    case 'grid-subtree':
      return { gridPath: { $startsWith: scope.gridPath } };
    case 'department':
      return {
        $or: [
          { leadDepartment: { id: scope.departmentId } },
          { coDepartments: { id: scope.departmentId } },
        ],
      };
    case 'none':
      return NOTHING;
  }
}

/** `client AND scope`; the client's filter is kept whole inside the conjunction. */
export function andScope(clientFilters: unknown, scopeFilter: ItemFilter | null): unknown {
  if (scopeFilter === null) return clientFilters;
  const hasClientFilters =
    typeof clientFilters === 'object' &&
    clientFilters !== null &&
    Object.keys(clientFilters).length > 0;
  return hasClientFilters ? { $and: [clientFilters, scopeFilter] } : scopeFilter;
}
