/**
 * The structure import's report (POST /minyi/structure/import, `npm run import`), server and admin
 * alike: the domain checks produce the problems and summaries, the import service the report, and
 * the admin's 导入导出 page shows it.
 */

export const STRUCTURE_KINDS = ['grids', 'departments', 'staff', 'categories'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

/** One problem of an import, where a person finds it in their spreadsheet, in Chinese. */
export interface ImportProblem {
  readonly sheet: string;
  /** The spreadsheet row (1 is the header row); null for a problem of the whole sheet. */
  readonly row: number | null;
  /** The column's Chinese header; null for a problem of the whole row or sheet. */
  readonly column: string | null;
  readonly value: string;
  readonly message: string;
}

export interface KindSummary {
  created: number;
  updated: number;
  unchanged: number;
  missing: number;
  /** At most this many missing keys are listed in a report. */
  missingKeys: string[];
}

export interface ImportReport {
  /** True when every row passed: a dry run that would import, or an import that did. */
  valid: boolean;
  /** True when the import was written (never for a dry run or an invalid file). */
  applied: boolean;
  dryRun: boolean;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  sheets: Array<{ sheet: string; kind: StructureKind; rows: number }>;
  problems: ImportProblem[];
  problemCount: number;
  summary: Partial<Record<StructureKind, KindSummary>>;
  /** New logins invited by mail, and existing accounts linked (applied imports only). */
  invitations: number;
  linkedAccounts: number;
  /** Grids whose path changed; their items' grid paths were rewritten. */
  movedGrids: number;
  ms: number;
}
