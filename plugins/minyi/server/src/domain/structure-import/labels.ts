import { LEVEL_LABELS_ZH, ROLE_LABELS_ZH } from '../labels';
import { LEVELS, STAFF_ROLES, type Level, type StaffRole } from '../vocabulary';

/**
 * The enumerations of the structure's content types as a county writes them in a spreadsheet:
 * the Chinese label is what the export writes; the reader takes the label or the stored code.
 */

export const GRID_LEVELS = ['county', 'township', 'village', 'grid'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const GRID_LEVEL_LABELS_ZH: Readonly<Record<GridLevel, string>> = {
  county: '县',
  township: '乡镇',
  village: '村(社区)',
  grid: '网格',
};

export const DEPARTMENT_KINDS = [
  'county-department',
  'people-congress',
  'cppcc',
  'party-organ',
  'social-organisation',
  'enterprise',
  'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS_ZH: Readonly<Record<DepartmentKind, string>> = {
  'county-department': '县直部门',
  'people-congress': '人大',
  cppcc: '政协',
  'party-organ': '党群机关',
  'social-organisation': '社会组织',
  enterprise: '企业',
  other: '其他',
};

/** Whether a staff member gets a login: an admin panel user, a users-permissions field account, or none. */
export const LOGIN_KINDS = ['admin', 'field', 'none'] as const;
export type LoginKind = (typeof LOGIN_KINDS)[number];

export const LOGIN_KIND_LABELS_ZH: Readonly<Record<LoginKind, string>> = {
  admin: '管理后台',
  field: '外勤账号',
  none: '无',
};

export const STAFF_ROLE_LABELS_ZH: Readonly<Record<StaffRole, string>> = Object.fromEntries(
  STAFF_ROLES.map((role) => [role, ROLE_LABELS_ZH[role]])
) as Record<StaffRole, string>;

export const HANDLING_LEVEL_LABELS_ZH: Readonly<Record<Level, string>> = LEVEL_LABELS_ZH;
export { LEVELS };

/** Reads an enumeration cell: the Chinese label or the code itself; null when it is neither. */
export function readEnum<T extends string>(
  labels: Readonly<Record<T, string>>,
  value: string,
  aliases: Readonly<Record<string, T>> = {}
): T | null {
  const trimmed = value.trim();
  for (const [code, label] of Object.entries(labels) as Array<[T, string]>) {
    if (trimmed === code || trimmed === label) return code;
  }
  return aliases[trimmed] ?? null;
}

/** Spellings a county's sheets use besides the labels above. */
export const GRID_LEVEL_ALIASES: Readonly<Record<string, GridLevel>> = {
  县级: 'county',
  县区: 'county',
  乡镇街道: 'township',
  街道: 'township',
  镇: 'township',
  乡: 'township',
  村: 'village',
  社区: 'village',
  '村(社区)': 'village',
  村社区: 'village',
};

export const HANDLING_LEVEL_ALIASES: Readonly<Record<string, Level>> = {
  县: 'county',
};

export const LOGIN_ALIASES: Readonly<Record<string, LoginKind>> = {
  后台: 'admin',
  管理员: 'admin',
  外勤: 'field',
  '': 'none',
  否: 'none',
};

/** The roles a staff member may hold at each kind of node: 1+1+1+N at grids, officers at townships. */
export const ROLES_AT_NODE: Readonly<Record<GridLevel | 'department', readonly StaffRole[]>> = {
  county: ['county-coordinator', 'leader'],
  township: ['township-officer', 'instructor'],
  village: ['instructor', 'grid-head', 'grid-member', 'neighbour-head', 'volunteer'],
  grid: ['instructor', 'grid-head', 'grid-member', 'neighbour-head', 'volunteer'],
  department: ['liaison', 'leader'],
};

/** The admin role (role-definitions.ts code) a staff member's admin login gets. */
export const ADMIN_ROLE_OF_STAFF_ROLE: Readonly<Record<StaffRole, string>> = {
  'county-coordinator': 'minyi-county-coordinator',
  leader: 'minyi-leader',
  'township-officer': 'minyi-township-officer',
  liaison: 'minyi-department-officer',
  instructor: 'minyi-grid-worker',
  'grid-head': 'minyi-grid-worker',
  'grid-member': 'minyi-grid-worker',
  'neighbour-head': 'minyi-grid-worker',
  volunteer: 'minyi-grid-worker',
};

/** The users-permissions role (role-definitions.ts type) of a field account; roles without one get none. */
export const FIELD_ROLE_OF_STAFF_ROLE: Readonly<Partial<Record<StaffRole, string>>> = {
  liaison: 'minyi-department-staff',
  instructor: 'minyi-grid-worker',
  'grid-head': 'minyi-grid-worker',
  'grid-member': 'minyi-grid-worker',
  'neighbour-head': 'minyi-grid-worker',
  volunteer: 'minyi-grid-worker',
};
