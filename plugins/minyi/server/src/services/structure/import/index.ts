import type { Core } from '@strapi/strapi';
import { minyiConfig } from '../../../plugin';
import type { Knex } from 'knex';
import {
  checkStructure,
  SHEET_NAMES_ZH,
  STRUCTURE_KINDS,
  type ImportProblem,
  type RecordOfKind,
  type StructureKind,
} from '../../../domain/structure-import';
import type { ImportReport } from '../../../../../shared/structure-import';
import {
  readStructureFile,
  StructureFileError,
  ZIP_ENTRIES_LIMIT,
  type FileLimits,
} from './file-reader';
import { structureCsv, structureWorkbook, type StructureRecords } from './file-writer';
import { openLogins } from './logins';
import {
  analyzeStructureTables,
  currentOf,
  loadStructure,
  structureCount,
  writeStructure,
  type StoredStructure,
} from '../../../repositories/structure-import';
import { UIDS } from '../../../repositories/structure-import-tables';

export { StructureFileError } from './file-reader';

/** At most this many problems go into a report (the count says how many there were). */
export const PROBLEMS_LISTED = 1000;

export type { ImportReport };

export interface ImportOptions {
  kind?: StructureKind;
  dryRun?: boolean;
  now?: Date;
}

const structureImport = ({ strapi }: { strapi: Core.Strapi }) => {
  function limits(): FileLimits {
    const config = minyiConfig(strapi).structureImport;
    return {
      maxBytes: config.maxMegabytes * 1024 * 1024,
      maxRowsPerSheet: config.maxRowsPerSheet,
      maxUnzippedBytes: config.maxUnzippedMegabytes * 1024 * 1024,
      maxZipEntries: ZIP_ENTRIES_LIMIT,
    };
  }

  function report(
    read: Awaited<ReturnType<typeof readStructureFile>>,
    problems: ImportProblem[],
    summary: ImportReport['summary'],
    started: number,
    extra: Partial<ImportReport>
  ): ImportReport {
    return {
      valid: problems.length === 0,
      applied: false,
      dryRun: true,
      format: read.format,
      encoding: read.encoding,
      sheets: read.sheets.map((sheet) => ({
        sheet: sheet.sheet,
        kind: sheet.kind,
        rows: sheet.rows.length,
      })),
      problems: problems.slice(0, PROBLEMS_LISTED),
      problemCount: problems.length,
      summary,
      invitations: 0,
      linkedAccounts: 0,
      movedGrids: 0,
      ms: Date.now() - started,
      ...extra,
    };
  }

  function recordsOf(stored: StoredStructure, kind?: StructureKind): StructureRecords {
    const records: StructureRecords = {};
    for (const each of STRUCTURE_KINDS) {
      if (kind && each !== kind) continue;
      (records as Record<string, unknown>)[each] = [...stored[each].values()]
        .map((entry) => entry.record as RecordOfKind[typeof each])
        .filter((record) => each !== 'staff' || (record as RecordOfKind['staff']).phone !== '');
    }
    return records;
  }

  return {
    limits,

    /**
     * Reads, checks and — unless a dry run or a problem — writes a structure file in one
     * transaction. The check runs again inside the transaction, against what the database holds
     * at that moment. A file that cannot be read at all throws StructureFileError (a 4xx).
     */
    async importFile(
      buffer: Buffer,
      fileName: string,
      options: ImportOptions = {}
    ): Promise<ImportReport> {
      const started = Date.now();
      const now = options.now ?? new Date();
      const read = await readStructureFile(buffer, fileName, {
        kind: options.kind,
        limits: limits(),
      });
      const dryRun = options.dryRun ?? false;

      if (dryRun || read.problems.length > 0) {
        const stored = await loadStructure(strapi);
        const check = checkStructure(read.sheets, currentOf(stored));
        const problems = [...read.problems, ...check.problems];
        return report(read, problems, check.summary, started, { dryRun });
      }

      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const stored = await loadStructure(strapi, trx);
        const check = checkStructure(read.sheets, currentOf(stored));
        if (check.problems.length > 0)
          return report(read, check.problems, check.summary, started, { dryRun: false });
        const written = await writeStructure(strapi, trx, stored, check.changes, now, (uids) =>
          analyzeStructureTables(strapi, uids, trx)
        );
        const gridNames = new Map(
          [...stored.grids].map(([code, entry]) => [code, entry.record.name])
        );
        for (const entry of check.sheets.grids ?? [])
          gridNames.set(entry.record.code, entry.record.name);
        const departmentNames = new Map(
          [...stored.departments].map(([code, entry]) => [code, entry.record.name])
        );
        for (const entry of check.sheets.departments ?? [])
          departmentNames.set(entry.record.code, entry.record.name);
        const logins = await openLogins(
          strapi,
          trx,
          written.staff,
          { grids: gridNames, departments: departmentNames },
          now
        );
        strapi.log.info(
          `[minyi] structure import: ${JSON.stringify(check.summary, (key, value) => (key === 'missingKeys' ? undefined : value))}, ${logins.invited} invitations`
        );
        return report(read, [], check.summary, started, {
          dryRun: false,
          applied: true,
          invitations: logins.invited,
          linkedAccounts: logins.linked,
          movedGrids: written.movedGrids,
        });
      });
    },

    /** The current structure in the import's format: a workbook of every kind, or one kind as CSV. */
    async exportFile(options: { format: 'xlsx' | 'csv'; kind?: StructureKind }) {
      if (options.format === 'csv' && !options.kind)
        throw new StructureFileError(
          400,
          'kind-required',
          'CSV 导出须指定数据类别',
          'a CSV export needs a kind'
        );
      const stored = await loadStructure(strapi);
      const records = recordsOf(stored, options.kind);
      const stamp = new Date().toISOString().slice(0, 10);
      if (options.format === 'csv') {
        const kind = options.kind as StructureKind;
        return {
          buffer: structureCsv(kind, records[kind] ?? []),
          fileName: `${SHEET_NAMES_ZH[kind]}-${stamp}.csv`,
          contentType: 'text/csv; charset=utf-8',
        };
      }
      return {
        buffer: await structureWorkbook(records),
        fileName: `组织架构-${stamp}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    },

    /** The template: Chinese headers and an example row, per kind (CSV) or all kinds (XLSX). */
    async templateFile(options: { format: 'xlsx' | 'csv'; kind?: StructureKind }) {
      if (options.format === 'csv') {
        if (!options.kind)
          throw new StructureFileError(
            400,
            'kind-required',
            'CSV 模板须指定数据类别',
            'a CSV template needs a kind'
          );
        return {
          buffer: structureCsv(options.kind, [], { template: true }),
          fileName: `${SHEET_NAMES_ZH[options.kind]}-模板.csv`,
          contentType: 'text/csv; charset=utf-8',
        };
      }
      const kinds = options.kind ? [options.kind] : STRUCTURE_KINDS;
      const records = Object.fromEntries(kinds.map((kind) => [kind, []])) as StructureRecords;
      return {
        buffer: await structureWorkbook(records, { template: true }),
        fileName: `${options.kind ? SHEET_NAMES_ZH[options.kind] : '组织架构'}-导入模板.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    },

    /** How many records of each kind the county has (the first-start hint shows while grids are 0). */
    async overview(): Promise<Record<StructureKind, number>> {
      const count = (uid: string) => structureCount(strapi, uid);
      return {
        grids: await count(UIDS.grid),
        departments: await count(UIDS.department),
        staff: await count(UIDS.staff),
        categories: await count(UIDS.category),
      };
    },

    /** Gathers statistics of the structure's tables after a committed import (outside the transaction). */
    async analyzeAll(): Promise<void> {
      await analyzeStructureTables(strapi, [UIDS.grid, UIDS.department, UIDS.staff, UIDS.category]);
    },
  };
};

export type StructureImportService = ReturnType<typeof structureImport>;
export default structureImport;
