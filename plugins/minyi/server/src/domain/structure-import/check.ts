import { SHEET_NAMES_ZH, STRUCTURE_KINDS, type StructureKind } from './columns';
import {
  diffStructure,
  summarize,
  type CurrentStructure,
  type KindSummary,
  type StructureChanges,
} from './diff';
import { parseSheet, type ImportProblem, type ParsedSheets, type RawSheet } from './rows';
import { validateStructure, type ExistingStructure } from './validate';

export interface StructureCheck {
  /** Every problem of the file; the import writes only when this is empty. */
  readonly problems: ImportProblem[];
  readonly sheets: ParsedSheets;
  readonly changes: StructureChanges;
  readonly summary: Partial<Record<StructureKind, KindSummary>>;
}

/** The existing structure's references, from the current records. */
export function existingOf(current: CurrentStructure): ExistingStructure {
  return {
    grids: new Map(
      [...current.grids.values()].map((grid) => [
        grid.code,
        { level: grid.level, parentCode: grid.parentCode },
      ])
    ),
    departments: new Set(current.departments.keys()),
    categories: new Map(
      [...current.categories.values()].map((category) => [
        category.code,
        { parentCode: category.parentCode },
      ])
    ),
  };
}

const SHEET_ORDER = STRUCTURE_KINDS.map((kind) => SHEET_NAMES_ZH[kind]);

function inSpreadsheetOrder(a: ImportProblem, b: ImportProblem): number {
  return (
    SHEET_ORDER.indexOf(a.sheet) - SHEET_ORDER.indexOf(b.sheet) ||
    a.sheet.localeCompare(b.sheet) ||
    (a.row ?? 0) - (b.row ?? 0) ||
    String(a.column).localeCompare(String(b.column))
  );
}

/** The dry run: reads every row, checks the whole file against the database, and what it would change. */
export function checkStructure(
  raw: readonly RawSheet[],
  current: CurrentStructure
): StructureCheck {
  const problems: ImportProblem[] = [];
  const sheets: ParsedSheets = {};
  for (const sheet of raw) {
    if (sheets[sheet.kind] !== undefined) {
      problems.push({
        sheet: sheet.sheet,
        row: null,
        column: null,
        value: sheet.sheet,
        message: '同一类数据出现在两张表中,请合并为一张',
      });
      continue;
    }
    const parsed = parseSheet(sheet);
    problems.push(...parsed.problems);
    (sheets as Record<string, unknown>)[sheet.kind] = parsed.records;
  }
  problems.push(...validateStructure(sheets, existingOf(current)));
  problems.sort(inSpreadsheetOrder);
  const changes = problems.length === 0 ? diffStructure(sheets, current) : {};
  return { problems, sheets, changes, summary: summarize(changes) };
}

export { STRUCTURE_KINDS };
