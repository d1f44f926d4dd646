import type { Core } from '@strapi/strapi';
import {
  andScope,
  COUNTY_SCOPE,
  type ItemFilter,
  type ItemScope,
  itemInScope,
  itemScopeFilter,
  NO_SCOPE,
  scopeOfAdminAccount,
  scopeOfStaff,
} from '../../domain/access-scope';
import { ancestorPaths, type UnitContext } from '../../domain/unit-conditions';
import { itemsRepository } from '../../repositories/items';
import { type StaffLink, staffRepository } from '../../repositories/staff';
import { structureRepository } from '../../repositories/structure';
import type { StaffRole } from '../../domain/vocabulary';
import { requestMemo } from './request-memo';

export type { StaffLink } from '../../repositories/staff';

export interface LinkedStaff {
  id: number;
  name: string;
  role: StaffRole;
  gridId: number | null;
  gridPath: string | null;
  departmentId: number | null;
}

/** The admin user on `ctx.state.user` of an admin route. */
export interface AdminAccount {
  id: number;
  roles?: Array<{ code: string }>;
}

export interface RequestState {
  user?: { id: number };
  auth?: { strategy?: { name?: string } };
}

/**
 * Unit scoping in Strapi terms: loads the staff record behind an account and its grid subtree,
 * and applies the domain's rules (domain/access-scope.ts, domain/unit-conditions.ts).
 */
const accessScope = ({ strapi }: { strapi: Core.Strapi }) => {
  async function linkedStaff(link: StaffLink, accountId: number): Promise<LinkedStaff | null> {
    const row = await staffRepository(strapi).linkedTo(link, accountId);
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      gridId: row.grid?.id ?? null,
      gridPath: row.grid?.path ?? null,
      departmentId: row.department?.id ?? null,
    };
  }

  const scopeOf = (staff: LinkedStaff | null): ItemScope => scopeOfStaff(staff);

  /** The staff record behind an admin account, read once per request (conditions and route alike). */
  const staffOfAdmin = requestMemo(strapi, (adminUserId: number) =>
    linkedStaff('adminUser', adminUserId)
  );

  /**
   * The scope of a REST caller. API tokens are issued by an administrator with explicit
   * permissions and are not people: they are not narrowed to a unit. Every person is, through
   * their staff record; a person without one sees nothing.
   */
  async function scopeOfRequest(state: RequestState): Promise<ItemScope> {
    if (state.auth?.strategy?.name === 'api-token') return COUNTY_SCOPE;
    if (state.auth?.strategy?.name !== 'users-permissions' || !state.user) return NO_SCOPE;
    return scopeOf(await linkedStaff('user', state.user.id));
  }

  /** An admin panel account's staff record and item scope (domain/access-scope.ts scopeOfAdminAccount). */
  async function adminAccount(
    user: AdminAccount
  ): Promise<{ staff: LinkedStaff | null; scope: ItemScope }> {
    const staff = await staffOfAdmin(user.id);
    return {
      staff,
      scope: scopeOfAdminAccount(
        staff,
        (user.roles ?? []).map((role) => role.code)
      ),
    };
  }

  async function loadUnitContext(adminUserId: number): Promise<UnitContext | null> {
    const staff = await staffOfAdmin(adminUserId);
    if (!staff) return null;
    let subtree: Array<{ id: number; path: string }> = [];
    let ancestors: Array<{ id: number }> = [];
    if (staff.gridPath) {
      subtree = await structureRepository(strapi).subtree(staff.gridPath);
      const above = ancestorPaths(staff.gridPath);
      if (above.length > 0) ancestors = await structureRepository(strapi).gridIdsAtPaths(above);
    }
    return {
      subtreePaths: subtree.map((grid) => grid.path),
      subtreeGridIds: subtree.map((grid) => grid.id),
      ancestorGridIds: ancestors.map((grid) => grid.id),
      departmentId: staff.departmentId,
      staffId: staff.id,
    };
  }
  const unitContextOfAdmin = requestMemo(strapi, loadUnitContext);

  return {
    linkedStaff,
    scopeOf,
    scopeOfRequest,
    adminAccount,
    /** The database filter for items in a scope (null: no restriction), for the plugin's own queries. */
    itemFilter: itemScopeFilter,

    /** The client's filters AND the caller's scope: what a REST list of items may return. */
    async scopedItemFilters(state: RequestState, clientFilters: unknown): Promise<unknown> {
      return andScope(clientFilters, itemScopeFilter(await scopeOfRequest(state)));
    },

    /** Whether a REST caller may read this item (false for an unknown item, too). */
    async mayReadItem(state: RequestState, documentId: string): Promise<boolean> {
      const filter: ItemFilter | null = itemScopeFilter(await scopeOfRequest(state));
      return itemsRepository(strapi).existsWhere(
        filter ? { $and: [{ documentId }, filter] } : { documentId }
      );
    },

    /** Whether an existing item lies in the scope; null when there is no such item. */
    async itemInScope(scope: ItemScope, documentId: string): Promise<boolean | null> {
      const unit = await itemsRepository(strapi).unitOf(documentId);
      return unit === null ? null : itemInScope(scope, unit);
    },

    /**
     * The unit an admin panel user's RBAC conditions are evaluated against; null without staff.
     * Read once per request: Strapi evaluates every condition of the role with it.
     */
    unitContextOfAdmin,
  };
};

export type AccessScopeService = ReturnType<typeof accessScope>;
export default accessScope;
