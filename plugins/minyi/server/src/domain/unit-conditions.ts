import { pathCodes } from './grid-path';

/**
 * The admin panel's unit conditions (RBAC), as pure functions from "the signed-in person's unit"
 * to a query object. Strapi matches these queries in the database for lists and in memory (sift)
 * for single records, where only $or/$and/$eq/$ne/$in/$nin/$lt…/$exists/$elemMatch exist — no
 * $startsWith. A grid subtree is therefore spelled as the list of paths (or ids) in it, which the
 * caller loads once per request.
 */

export const UNIT_CONDITION_NAMES = {
  gridSubtree: 'item-in-my-grid-subtree',
  department: 'item-of-my-department',
  noticeToMyUnit: 'notice-to-my-unit',
  registeredByMe: 'item-registered-by-me',
} as const;
export type UnitConditionName = (typeof UNIT_CONDITION_NAMES)[keyof typeof UNIT_CONDITION_NAMES];

/** The condition id Strapi gives a condition registered by the minyi plugin. */
export const unitConditionId = (name: UnitConditionName) => `plugin::minyi.${name}`;

export const UNIT_CONDITION_LABELS: Readonly<Record<UnitConditionName, string>> = {
  'item-in-my-grid-subtree': '本人所在网格及下级网格(In my grid subtree)',
  'item-of-my-department': '本部门牵头或协办(Led or co-handled by my department)',
  'notice-to-my-unit': '发给本单位的通报(Addressed to my unit)',
  'item-registered-by-me': '本人登记的事项(Registered by me, first responder)',
};

/** The signed-in person's unit, loaded from their staff record. */
export interface UnitContext {
  /** Paths of the staff member's grid and every grid below it. Empty without a grid. */
  subtreePaths: readonly string[];
  /** Ids of the same grids. */
  subtreeGridIds: readonly number[];
  /** Ids of the grids above the staff member's grid (a notice to the county concerns everyone in it). */
  ancestorGridIds: readonly number[];
  departmentId: number | null;
  /** The staff record itself: its first-responder items. */
  staffId: number;
}

export type ConditionQuery = Record<string, unknown> | false;

const ITEM = 'api::item.item';
const ITEM_EVENT = 'api::item-event.item-event';
const STAFF = 'api::staff.staff';
const NOTICE = 'api::notice.notice';

/**
 * "Item in my grid subtree": items whose grid lies in the subtree, their events, and the staff of
 * those grids. Any other subject, or no grid, grants nothing.
 */
export function gridSubtreeQuery(
  subject: string | null | undefined,
  unit: UnitContext | null
): ConditionQuery {
  if (!unit || unit.subtreePaths.length === 0) return false;
  const paths = [...unit.subtreePaths];
  if (subject === ITEM) return { gridPath: { $in: paths } };
  if (subject === ITEM_EVENT) return { 'item.gridPath': { $in: paths } };
  if (subject === STAFF) return { 'grid.id': { $in: [...unit.subtreeGridIds] } };
  return false;
}

/** "Item assigned to my department (lead or co-handler)", their events, and the department's staff. */
export function departmentQuery(
  subject: string | null | undefined,
  unit: UnitContext | null
): ConditionQuery {
  const department = unit?.departmentId ?? null;
  if (department === null) return false;
  if (subject === ITEM)
    return { $or: [{ 'leadDepartment.id': department }, { 'coDepartments.id': department }] };
  if (subject === ITEM_EVENT)
    return {
      $or: [{ 'item.leadDepartment.id': department }, { 'item.coDepartments.id': department }],
    };
  if (subject === STAFF) return { 'department.id': department };
  return false;
}

/**
 * "Notice addressed to my unit": to my department, to my grid or one below it, or to a grid
 * above mine (a county-wide bulletin reaches every township in it).
 */
export function noticeToMyUnitQuery(
  subject: string | null | undefined,
  unit: UnitContext | null
): ConditionQuery {
  if (!unit || subject !== NOTICE) return false;
  const grids = [...unit.subtreeGridIds, ...unit.ancestorGridIds];
  const branches: Record<string, unknown>[] = [];
  if (grids.length > 0) branches.push({ 'targetGrids.id': { $in: grids } });
  if (unit.departmentId !== null) branches.push({ 'targetDepartments.id': unit.departmentId });
  if (branches.length === 0) return false;
  return branches.length === 1 ? branches[0] : { $or: branches };
}

/**
 * "Item registered by me": 首问负责制 — whoever receives an item registers it, wherever it happened,
 * and stays accountable for it, so they keep sight of it (and its history) after routing.
 */
export function registeredByMeQuery(
  subject: string | null | undefined,
  unit: UnitContext | null
): ConditionQuery {
  if (!unit) return false;
  if (subject === ITEM) return { 'firstResponder.id': unit.staffId };
  if (subject === ITEM_EVENT) return { 'item.firstResponder.id': unit.staffId };
  return false;
}

export const UNIT_CONDITION_QUERIES: Readonly<
  Record<
    UnitConditionName,
    (subject: string | null | undefined, unit: UnitContext | null) => ConditionQuery
  >
> = {
  'item-in-my-grid-subtree': gridSubtreeQuery,
  'item-of-my-department': departmentQuery,
  'notice-to-my-unit': noticeToMyUnitQuery,
  'item-registered-by-me': registeredByMeQuery,
};

/** The paths of the grids above a path (root first), the path's own grid excluded. */
export function ancestorPaths(path: string): string[] {
  const codes = pathCodes(path);
  return codes.slice(0, -1).map((_, index) => `/${codes.slice(0, index + 1).join('/')}/`);
}
