import { z } from 'zod';
import { describeTextInputProblem, textInputProblem } from '../text-input';
import { LEVELS, STAFF_ROLES, type Level, type StaffRole } from '../vocabulary';
import { COLUMNS, SHEET_NAMES_ZH, type StructureKind } from './columns';
import {
  DEPARTMENT_KIND_LABELS_ZH,
  DEPARTMENT_KINDS,
  GRID_LEVEL_ALIASES,
  GRID_LEVEL_LABELS_ZH,
  GRID_LEVELS,
  HANDLING_LEVEL_ALIASES,
  HANDLING_LEVEL_LABELS_ZH,
  LOGIN_ALIASES,
  LOGIN_KIND_LABELS_ZH,
  LOGIN_KINDS,
  STAFF_ROLE_LABELS_ZH,
  readEnum,
  type DepartmentKind,
  type GridLevel,
  type LoginKind,
} from './labels';

/** One problem of an import (shared with the admin's report view). */
import type { ImportProblem } from '../../../../shared/structure-import';

export type { ImportProblem };

export interface GridRecord {
  code: string;
  name: string;
  level: GridLevel;
  parentCode: string | null;
}
export interface DepartmentRecord {
  code: string;
  name: string;
  kind: DepartmentKind;
  contactEmail: string | null;
}
export interface StaffRecord {
  phone: string;
  name: string;
  role: StaffRole;
  gridCode: string | null;
  departmentCode: string | null;
  email: string | null;
  login: LoginKind;
}
export interface CategoryRecord {
  code: string;
  name: string;
  parentCode: string | null;
  defaultLevel: Level;
  defaultDepartmentCode: string | null;
  gridDays: number;
  townshipDays: number;
  countyDays: number;
  urgentHours: number | null;
  warningOffsetHours: number;
  /** A level's own warning offset; null: that level warns at warningOffsetHours. */
  gridWarningOffsetHours: number | null;
  townshipWarningOffsetHours: number | null;
  countyWarningOffsetHours: number | null;
}

export interface RecordOfKind {
  grids: GridRecord;
  departments: DepartmentRecord;
  staff: StaffRecord;
  categories: CategoryRecord;
}

/** A record and the spreadsheet row it came from. */
export interface Located<T> {
  readonly row: number;
  readonly record: T;
}

/** A sheet as read from a file: its header cells and each data row's cells, all as text. */
export interface RawSheet {
  readonly kind: StructureKind;
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
}

export type ParsedSheets = { [K in StructureKind]?: Array<Located<RecordOfKind[K]>> };

type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };
type CellParser<T> = (value: string) => CellResult<T>;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (message: string): CellResult<never> => ({ ok: false, message });

function text(max: number): CellParser<string> {
  return (value) => {
    const problem = textInputProblem(value);
    if (problem) return bad(describeTextInputProblem(problem).zh);
    const trimmed = value.trim();
    // Excel runs a cell starting with "=" as a formula when an exported CSV is opened.
    if (trimmed.startsWith('=')) return bad('不能以「=」开头(会被表格软件当作公式)');
    if ([...trimmed].length > max) return bad(`最多 ${max} 个字符`);
    return ok(trimmed);
  };
}

function code(pattern: RegExp, allowed: string): CellParser<string> {
  return (value) => {
    const trimmed = value.trim();
    if (trimmed.length > 64) return bad('编码最多 64 个字符');
    if (!pattern.test(trimmed)) return bad(`编码只能包含${allowed}`);
    return ok(trimmed);
  };
}

const gridCode = code(/^[A-Za-z0-9-]+$/, '字母、数字和短横线');
const categoryCode = code(/^[A-Za-z0-9.-]+$/, '字母、数字、点和短横线');

const emailSchema = z.email();
const email: CellParser<string> = (value) => {
  const trimmed = value.trim();
  return emailSchema.safeParse(trimmed).success && trimmed.length <= 255
    ? ok(trimmed.toLowerCase())
    : bad('电子邮箱格式不正确');
};

/** Mainland mobile numbers (11 digits from 1) or landlines with area code (0xxx-xxxxxxx). */
const phone: CellParser<string> = (value) => {
  const digits = value.trim().replace(/[\s()（）]/g, '');
  if (/^(\+?86)?1[3-9]\d{9}$/.test(digits)) return ok(digits.slice(-11));
  if (/^0\d{2,3}-?\d{7,8}$/.test(digits)) return ok(digits);
  return bad('手机号格式不正确(应为 11 位手机号或带区号的固定电话)');
};

function integer(min: number, max: number): CellParser<number> {
  return (value) => {
    const trimmed = value.trim();
    if (!/^-?\d+(\.0+)?$/.test(trimmed)) return bad('应为整数');
    const number = Number.parseInt(trimmed, 10);
    if (number < min) return bad(min > 0 ? `时限须为正数(至少 ${min})` : `不能小于 ${min}`);
    if (number > max) return bad(`不能大于 ${max}`);
    return ok(number);
  };
}

function oneOf<T extends string>(
  codes: readonly T[],
  labels: Readonly<Record<T, string>>,
  aliases: Readonly<Record<string, T>> = {}
): CellParser<T> {
  return (value) => {
    const found = readEnum(labels, value, aliases);
    return found && codes.includes(found)
      ? ok(found)
      : bad(`须为以下之一:${codes.map((entry) => labels[entry]).join('、')}`);
  };
}

/** The parser of each column; an empty optional cell is null and never reaches its parser. */
const PARSERS: {
  [K in StructureKind]: Record<keyof RecordOfKind[K] & string, CellParser<unknown>>;
} = {
  grids: {
    code: gridCode,
    name: text(100),
    level: oneOf(GRID_LEVELS, GRID_LEVEL_LABELS_ZH, GRID_LEVEL_ALIASES),
    parentCode: gridCode,
  },
  departments: {
    code: gridCode,
    name: text(100),
    kind: oneOf(DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS_ZH),
    contactEmail: email,
  },
  staff: {
    phone,
    name: text(50),
    role: oneOf(STAFF_ROLES, STAFF_ROLE_LABELS_ZH),
    gridCode,
    departmentCode: gridCode,
    email,
    login: oneOf(LOGIN_KINDS, LOGIN_KIND_LABELS_ZH, LOGIN_ALIASES),
  },
  categories: {
    code: categoryCode,
    name: text(100),
    parentCode: categoryCode,
    defaultLevel: oneOf(LEVELS, HANDLING_LEVEL_LABELS_ZH, HANDLING_LEVEL_ALIASES),
    defaultDepartmentCode: gridCode,
    gridDays: integer(1, 60),
    townshipDays: integer(1, 60),
    countyDays: integer(1, 90),
    urgentHours: integer(1, 72),
    warningOffsetHours: integer(0, 240),
    gridWarningOffsetHours: integer(0, 240),
    townshipWarningOffsetHours: integer(0, 240),
    countyWarningOffsetHours: integer(0, 240),
  },
};

/** What an empty optional cell stands for. */
const EMPTY_DEFAULTS: Partial<Record<string, unknown>> = { login: 'none' };

function problemAt(
  sheet: RawSheet,
  row: number | null,
  column: string | null,
  value: string,
  message: string
): ImportProblem {
  return { sheet: sheet.sheet, row, column, value, message };
}

/** Header problems: a required column missing, a column twice, a column the kind does not have. */
function headerProblems(sheet: RawSheet): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const known = new Set(COLUMNS[sheet.kind].map((column) => column.header));
  const seen = new Set<string>();
  sheet.headers.forEach((raw) => {
    const header = raw.trim();
    if (header === '') return;
    if (!known.has(header))
      problems.push(
        problemAt(sheet, 1, header, header, `「${SHEET_NAMES_ZH[sheet.kind]}」表没有这一列`)
      );
    else if (seen.has(header)) problems.push(problemAt(sheet, 1, header, header, '列名重复'));
    seen.add(header);
  });
  for (const column of COLUMNS[sheet.kind]) {
    if (column.required && !seen.has(column.header))
      problems.push(problemAt(sheet, 1, column.header, '', '缺少必填列'));
  }
  return problems;
}

/** Reads each row of a sheet into a record of its kind, or the problems of its cells. */
export function parseSheet<K extends StructureKind>(
  sheet: RawSheet & { kind: K }
): { records: Array<Located<RecordOfKind[K]>>; problems: ImportProblem[] } {
  const problems = headerProblems(sheet);
  if (problems.length > 0) return { records: [], problems };
  const positions = new Map<string, number>();
  sheet.headers.forEach((header, index) => positions.set(header.trim(), index));
  const parsers = PARSERS[sheet.kind] as Record<string, CellParser<unknown>>;
  const records: Array<Located<RecordOfKind[K]>> = [];

  for (const { row, cells } of sheet.rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const record: Record<string, unknown> = {};
    let rowOk = true;
    for (const column of COLUMNS[sheet.kind]) {
      const index = positions.get(column.header);
      const value = index === undefined ? '' : (cells[index] ?? '');
      if (value.trim() === '') {
        if (column.required) {
          problems.push(problemAt(sheet, row, column.header, value, '必填项为空'));
          rowOk = false;
        } else record[column.key] = EMPTY_DEFAULTS[column.key] ?? null;
        continue;
      }
      const result = parsers[column.key](value);
      if (result.ok) record[column.key] = result.value;
      else {
        problems.push(problemAt(sheet, row, column.header, value, result.message));
        rowOk = false;
      }
    }
    if (rowOk) records.push({ row, record: record as unknown as RecordOfKind[K] });
  }
  return { records, problems };
}
