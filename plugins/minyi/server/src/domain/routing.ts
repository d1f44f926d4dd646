import { pathCodes } from './grid-path';
import { type Complexity, type Level, higherLevel } from './vocabulary';

export interface RoutingCategory {
  readonly defaultLevel: Level;
  /** The category's usual county department, by whatever key the caller uses (code or id). */
  readonly defaultDepartment?: string | null;
}

export interface RoutingRequest {
  readonly category: RoutingCategory;
  /** Materialised path of the item's grid node, root first: "/county/township/village/grid/". */
  readonly gridPath: string;
  readonly complexity?: Complexity;
  readonly leadDepartment?: string | null;
  readonly coDepartments?: readonly string[];
  /** A county leader taking the lead (县级领导领办); carried through, the level is not changed. */
  readonly leadLeader?: string | null;
}

export interface Route {
  readonly level: Level;
  readonly complexity: Complexity;
  /** The grid-tree node that owns the item at `level`: the grid itself, its township, or the county. */
  readonly assignedGridCode: string;
  /** Only at county level; absent when nobody is named, and the county coordinator picks one. */
  readonly leadDepartment?: string;
  readonly coDepartments: readonly string[];
  readonly leadLeader?: string;
}

const GRID_PATH = /^(\/[A-Za-z0-9-]+)+\/$/;
/** Depth of a node in the tree: the county root is 1, a township 2, villages and grids deeper. */
const DEPTH_OF_LEVEL: Readonly<Record<Level, number>> = { county: 1, township: 2, grid: 3 };

/**
 * Where a new item goes (小事不出村、一般事不出乡、大事不出县):
 * - the category's default level;
 * - complex: at least township;
 * - co-departments named: multi-department; multi-department or a lead department named: county,
 *   since departments are county units and the county social work department coordinates them;
 * - never below the node the item was registered at: an item taken in at a township office cannot
 *   sit at grid level with nobody below to own it.
 */
export function routeItem(request: RoutingRequest): Route {
  const coDepartmentsNamed = unique(request.coDepartments ?? []).length > 0;
  const complexity: Complexity = coDepartmentsNamed
    ? 'multi-department'
    : (request.complexity ?? 'simple');
  const wantsCounty = complexity === 'multi-department' || hasText(request.leadDepartment);

  let wantedLevel = request.category.defaultLevel;
  if (complexity === 'complex') {
    wantedLevel = higherLevel(wantedLevel, 'township');
  }
  if (wantsCounty) {
    wantedLevel = 'county';
  }
  const { level, gridCode } = ownerAtLevel(request.gridPath, wantedLevel);

  const leadDepartment =
    level === 'county'
      ? (textOrUndefined(request.leadDepartment) ??
        textOrUndefined(request.category.defaultDepartment))
      : undefined;
  const coDepartments =
    complexity === 'multi-department'
      ? unique(request.coDepartments ?? []).filter((department) => department !== leadDepartment)
      : [];
  const leadLeader = textOrUndefined(request.leadLeader);

  return {
    level,
    complexity,
    assignedGridCode: gridCode,
    coDepartments,
    ...(leadDepartment === undefined ? {} : { leadDepartment }),
    ...(leadLeader === undefined ? {} : { leadLeader }),
  };
}

/**
 * The grid-tree node that owns an item from `gridPath` at `level` (also for re-assigning after an
 * escalation). The level is raised to the node's own when the node sits higher than asked.
 */
export function ownerAtLevel(gridPath: string, level: Level): { level: Level; gridCode: string } {
  const codes = codesOf(gridPath);
  const reachable = higherLevel(level, levelOfNode(codes.length));
  const gridCode =
    reachable === 'grid' ? codes[codes.length - 1] : codes[DEPTH_OF_LEVEL[reachable] - 1];
  return { level: reachable, gridCode };
}

function codesOf(gridPath: string): string[] {
  if (!GRID_PATH.test(gridPath)) {
    throw new RangeError(`"${gridPath}" is not a grid path like "/C/T/V/G/"`);
  }
  return pathCodes(gridPath);
}

function levelOfNode(depth: number): Level {
  if (depth <= DEPTH_OF_LEVEL.county) {
    return 'county';
  }
  return depth <= DEPTH_OF_LEVEL.township ? 'township' : 'grid';
}

function hasText(value: string | null | undefined): boolean {
  return textOrUndefined(value) !== undefined;
}

function textOrUndefined(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(hasText))];
}
