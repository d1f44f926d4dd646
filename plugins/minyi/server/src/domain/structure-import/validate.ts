import { COLUMNS, SHEET_NAMES_ZH, type StructureKind } from './columns';
import {
  FIELD_ROLE_OF_STAFF_ROLE,
  GRID_LEVEL_LABELS_ZH,
  GRID_LEVELS,
  ROLES_AT_NODE,
  STAFF_ROLE_LABELS_ZH,
  type GridLevel,
} from './labels';
import type { ImportProblem, Located, ParsedSheets, RecordOfKind } from './rows';

/** What the database already holds that rows of the file may point at. */
export interface ExistingStructure {
  readonly grids: ReadonlyMap<string, { level: GridLevel; parentCode: string | null }>;
  readonly departments: ReadonlySet<string>;
  readonly categories: ReadonlyMap<string, { parentCode: string | null }>;
}

export const EMPTY_STRUCTURE: ExistingStructure = {
  grids: new Map(),
  departments: new Set(),
  categories: new Map(),
};

/** The key that identifies a record of each kind across imports: its code; a staff member's phone. */
export const KEY_OF: { [K in StructureKind]: keyof RecordOfKind[K] & string } = {
  grids: 'code',
  departments: 'code',
  staff: 'phone',
  categories: 'code',
};

export function keyOf<K extends StructureKind>(kind: K, record: RecordOfKind[K]): string {
  return String(record[KEY_OF[kind]]);
}

function headerOf(kind: StructureKind, key: string): string {
  return COLUMNS[kind].find((column) => column.key === key)?.header ?? key;
}

function problem(
  kind: StructureKind,
  row: number,
  key: string | null,
  value: string | null,
  message: string
): ImportProblem {
  return {
    sheet: SHEET_NAMES_ZH[kind],
    row,
    column: key === null ? null : headerOf(kind, key),
    value: value ?? '',
    message,
  };
}

function duplicateProblems<K extends StructureKind>(
  kind: K,
  rows: ReadonlyArray<Located<RecordOfKind[K]>>
): ImportProblem[] {
  const firstRow = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const { row, record } of rows) {
    const key = keyOf(kind, record);
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row);
    else problems.push(problem(kind, row, KEY_OF[kind], key, `与第 ${first} 行重复`));
  }
  return problems;
}

/** Parent chains that come back to where they started, each reported once at the row of the file. */
function cycleProblems(
  kind: 'grids' | 'categories',
  rows: ReadonlyArray<{ row: number; code: string }>,
  parentOf: (code: string) => string | null | undefined
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const safe = new Set<string>();
  for (const { row, code } of rows) {
    const seen = new Set<string>([code]);
    let current = parentOf(code);
    // 'root': the chain ends at a root or at a node already known to reach one.
    let outcome: 'root' | 'cycle' | 'leads-into-cycle' = 'root';
    while (current) {
      if (safe.has(current)) break;
      if (seen.has(current)) {
        outcome = current === code ? 'cycle' : 'leads-into-cycle';
        break;
      }
      seen.add(current);
      current = parentOf(current);
    }
    if (outcome === 'cycle')
      problems.push(
        problem(kind, row, 'parentCode', parentOf(code) ?? '', '上级关系成环(节点成了自己的下级)')
      );
    else if (outcome === 'root') for (const entry of seen) safe.add(entry);
  }
  return problems;
}

function validateGrids(
  rows: ReadonlyArray<Located<RecordOfKind['grids']>>,
  existing: ExistingStructure
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const inFile = new Map(rows.map(({ record }) => [record.code, record]));
  const levelOf = (code: string) => inFile.get(code)?.level ?? existing.grids.get(code)?.level;
  const parentOf = (code: string) =>
    inFile.has(code) ? inFile.get(code)?.parentCode : existing.grids.get(code)?.parentCode;

  for (const { row, record } of rows) {
    if (record.parentCode === null) {
      if (record.level !== 'county')
        problems.push(
          problem(
            'grids',
            row,
            'parentCode',
            '',
            `${GRID_LEVEL_LABELS_ZH[record.level]}级节点须填写上级编码`
          )
        );
      continue;
    }
    const parentLevel = levelOf(record.parentCode);
    if (parentLevel === undefined) {
      problems.push(
        problem(
          'grids',
          row,
          'parentCode',
          record.parentCode,
          '上级网格不存在(既不在系统中,也不在本文件中)'
        )
      );
      continue;
    }
    if (record.parentCode === record.code) continue; // reported as a cycle below
    if (GRID_LEVELS.indexOf(record.level) <= GRID_LEVELS.indexOf(parentLevel)) {
      problems.push(
        problem(
          'grids',
          row,
          'level',
          GRID_LEVEL_LABELS_ZH[record.level],
          `层级与上级不符:上级「${record.parentCode}」是${GRID_LEVEL_LABELS_ZH[parentLevel]},下级须低于它`
        )
      );
    }
  }
  problems.push(
    ...cycleProblems(
      'grids',
      rows.map(({ row, record }) => ({ row, code: record.code })),
      parentOf
    )
  );
  return problems;
}

function validateCategories(
  rows: ReadonlyArray<Located<RecordOfKind['categories']>>,
  departments: ReadonlySet<string>,
  existing: ExistingStructure
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const inFile = new Map(rows.map(({ record }) => [record.code, record]));
  const exists = (code: string) => inFile.has(code) || existing.categories.has(code);
  const parentOf = (code: string) =>
    inFile.has(code) ? inFile.get(code)?.parentCode : existing.categories.get(code)?.parentCode;
  for (const { row, record } of rows) {
    if (record.parentCode !== null && !exists(record.parentCode))
      problems.push(
        problem(
          'categories',
          row,
          'parentCode',
          record.parentCode,
          '上级分类不存在(既不在系统中,也不在本文件中)'
        )
      );
    if (record.defaultDepartmentCode !== null && !departments.has(record.defaultDepartmentCode))
      problems.push(
        problem(
          'categories',
          row,
          'defaultDepartmentCode',
          record.defaultDepartmentCode,
          '默认办理单位不存在'
        )
      );
    if (record.defaultLevel === 'county' && record.defaultDepartmentCode === null)
      problems.push(
        problem(
          'categories',
          row,
          'defaultDepartmentCode',
          '',
          '默认县级办理的分类须填写默认办理单位'
        )
      );
  }
  problems.push(
    ...cycleProblems(
      'categories',
      rows.map(({ row, record }) => ({ row, code: record.code })),
      parentOf
    )
  );
  return problems;
}

function validateStaff(
  rows: ReadonlyArray<Located<RecordOfKind['staff']>>,
  gridLevelOf: (code: string) => GridLevel | undefined,
  departments: ReadonlySet<string>
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const loginEmails = new Map<string, number>();
  for (const { row, record } of rows) {
    const roleLabel = STAFF_ROLE_LABELS_ZH[record.role];
    if ((record.gridCode === null) === (record.departmentCode === null)) {
      problems.push(
        problem(
          'staff',
          row,
          'gridCode',
          record.gridCode ?? '',
          '所属网格编码与所属单位编码须填且只填一项'
        )
      );
    } else if (record.gridCode !== null) {
      const level = gridLevelOf(record.gridCode);
      if (level === undefined)
        problems.push(problem('staff', row, 'gridCode', record.gridCode, '所属网格不存在'));
      else if (!ROLES_AT_NODE[level].includes(record.role))
        problems.push(
          problem(
            'staff',
            row,
            'role',
            roleLabel,
            `角色与所属节点的层级不符:${GRID_LEVEL_LABELS_ZH[level]}级可设${ROLES_AT_NODE[level].map((role) => STAFF_ROLE_LABELS_ZH[role]).join('、')}`
          )
        );
    } else if (record.departmentCode !== null) {
      if (!departments.has(record.departmentCode))
        problems.push(
          problem('staff', row, 'departmentCode', record.departmentCode, '所属单位不存在')
        );
      else if (!ROLES_AT_NODE.department.includes(record.role))
        problems.push(
          problem(
            'staff',
            row,
            'role',
            roleLabel,
            `角色与所属单位不符:部门单位可设${ROLES_AT_NODE.department.map((role) => STAFF_ROLE_LABELS_ZH[role]).join('、')}`
          )
        );
    }
    if (record.login !== 'none') {
      if (record.email === null)
        problems.push(
          problem('staff', row, 'email', '', '开通账号须填写电子邮箱(用于发送设置密码的邀请)')
        );
      else {
        const first = loginEmails.get(record.email);
        if (first !== undefined)
          problems.push(
            problem('staff', row, 'email', record.email, `账号邮箱与第 ${first} 行重复`)
          );
        else loginEmails.set(record.email, row);
      }
    }
    if (record.login === 'field' && FIELD_ROLE_OF_STAFF_ROLE[record.role] === undefined)
      problems.push(
        problem('staff', row, 'login', '外勤账号', `${roleLabel}不开通外勤账号,请选择管理后台或无`)
      );
  }
  return problems;
}

/**
 * Checks the file as a whole against itself and the database: keys unique, parents that exist
 * (in the database or the file), no cycles, levels that fit their parent, staff roles that fit
 * their node, logins with an address. Problems in spreadsheet order.
 */
export function validateStructure(
  sheets: ParsedSheets,
  existing: ExistingStructure = EMPTY_STRUCTURE
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const grids = sheets.grids ?? [];
  const departments = sheets.departments ?? [];
  const categories = sheets.categories ?? [];
  const staff = sheets.staff ?? [];
  problems.push(...duplicateProblems('departments', departments));
  problems.push(...duplicateProblems('grids', grids));
  problems.push(...duplicateProblems('categories', categories));
  problems.push(...duplicateProblems('staff', staff));

  const departmentCodes = new Set([
    ...existing.departments,
    ...departments.map(({ record }) => record.code),
  ]);
  const fileGridLevels = new Map(grids.map(({ record }) => [record.code, record.level]));
  const gridLevelOf = (code: string) => fileGridLevels.get(code) ?? existing.grids.get(code)?.level;

  problems.push(...validateGrids(grids, existing));
  problems.push(...validateCategories(categories, departmentCodes, existing));
  problems.push(...validateStaff(staff, gridLevelOf, departmentCodes));

  const sheetOrder = Object.values(SHEET_NAMES_ZH);
  return problems.sort(
    (a, b) =>
      sheetOrder.indexOf(a.sheet) - sheetOrder.indexOf(b.sheet) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      String(a.column).localeCompare(String(b.column))
  );
}
