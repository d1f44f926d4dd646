/**
 * Who may read and who may answer a notice (通报、整改通知书、报告) through the plugin's admin routes.
 * Reading follows the content manager's "notice addressed to my unit" condition
 * (unit-conditions.ts): county-wide accounts read every notice; a unit's staff read the notices
 * addressed to their grid, a grid below it or above it (a notice to the county reaches everyone
 * in it), or to their department. A notice addressed to no unit (a county-wide report or bulletin)
 * is read by everyone with a unit: it ranks or reports on all of them, and the 通报与整改 page
 * lists it to them (docs/decisions.md). Answering (签收, 整改完成) is for the addressee itself — the notice
 * names the caller's own grid or department — and for the super admin, who may act for a unit.
 */

import type { ItemScope } from './access-scope';

export interface NoticeAddressees {
  readonly gridIds: readonly number[];
  readonly departmentIds: readonly number[];
}

export interface NoticeCaller {
  /** A super admin: reads everything and may answer for any unit. */
  readonly superAdmin: boolean;
  /** Whether the account's item scope is the whole county (coordinator, leader, auditor). */
  readonly countyWide: boolean;
  /** The caller's unit through their staff record; null without one. */
  readonly unit: null | {
    readonly gridId: number | null;
    readonly subtreeGridIds: readonly number[];
    readonly ancestorGridIds: readonly number[];
    readonly departmentId: number | null;
  };
}

export function mayReadNotice(caller: NoticeCaller, notice: NoticeAddressees): boolean {
  if (caller.superAdmin || caller.countyWide) return true;
  const unit = caller.unit;
  if (!unit) return false;
  if (notice.gridIds.length === 0 && notice.departmentIds.length === 0) return true;
  const reachable = new Set([...unit.subtreeGridIds, ...unit.ancestorGridIds]);
  if (notice.gridIds.some((id) => reachable.has(id))) return true;
  return unit.departmentId !== null && notice.departmentIds.includes(unit.departmentId);
}

export function mayRespondToNotice(caller: NoticeCaller, notice: NoticeAddressees): boolean {
  if (caller.superAdmin) return true;
  const unit = caller.unit;
  if (!unit) return false;
  if (unit.gridId !== null && notice.gridIds.includes(unit.gridId)) return true;
  return unit.departmentId !== null && notice.departmentIds.includes(unit.departmentId);
}

/** A notice's addressees as the notices list reads them: target grids by path, departments by id. */
export interface NoticeTargets {
  readonly gridPaths: readonly string[];
  readonly departmentIds: readonly number[];
}

/**
 * Whether an item scope lists a notice — the same reach as mayReadNotice, spelled in paths: a
 * county-wide scope lists every notice; a unit lists the notices addressed to no unit, to a grid
 * at, above or below its own, or to its department.
 */
export function scopeListsNotice(scope: ItemScope, notice: NoticeTargets): boolean {
  if (scope.kind === 'county') return true;
  if (scope.kind === 'none') return false;
  if (notice.gridPaths.length === 0 && notice.departmentIds.length === 0) return true;
  if (scope.kind === 'grid-subtree')
    return notice.gridPaths.some(
      (path) => scope.gridPath.startsWith(path) || path.startsWith(scope.gridPath)
    );
  return notice.departmentIds.includes(scope.departmentId);
}
