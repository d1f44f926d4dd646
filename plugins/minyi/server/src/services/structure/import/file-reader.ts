import { Readable } from 'stream';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Refusal } from '../../../refusal';
import { checkZip } from './zip-guard';
import {
  kindOfHeaders,
  kindOfSheetName,
  SHEET_NAMES_ZH,
  type ImportProblem,
  type RawSheet,
  type StructureKind,
} from '../../../domain/structure-import';

/** Limits of an uploaded file; past them the file is refused before anything is read into records. */
export interface FileLimits {
  maxBytes: number;
  maxRowsPerSheet: number;
  /** A workbook's parts together, decompressed (zip-guard.ts). */
  maxUnzippedBytes: number;
  maxZipEntries: number;
}

/** Parts of a workbook: a dozen plus about two per sheet, so a thousand is far beyond any real one. */
export const ZIP_ENTRIES_LIMIT = 1000;

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxBytes: 100 * 1024 * 1024 - 1,
  maxRowsPerSheet: 200_000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxZipEntries: ZIP_ENTRIES_LIMIT,
};

/**
 * A file that cannot be imported at all (as opposed to rows with problems): one of the plugin's
 * refusals, answered by `answerRefusal` like every other. The name stays, for the CLI's message.
 */
export class StructureFileError extends Refusal {
  constructor(
    status: 400 | 413 | 415 | 422,
    code: string,
    readonly messageZh: string,
    messageEn: string
  ) {
    super(status, code, { zh: messageZh, en: messageEn });
    this.name = 'StructureFileError';
  }
}

export interface ReadFile {
  sheets: RawSheet[];
  /** Problems of cells that cannot be taken as they are: formulas, errors, sheets not recognised. */
  problems: ImportProblem[];
  format: 'xlsx' | 'csv';
  /** The text encoding a CSV was read in (UTF-8, GB18030 …). */
  encoding: string | null;
}

/** Sheets a workbook may carry besides the data: the template's instructions. */
const IGNORED_SHEETS = new Set(['说明', '填写说明', 'readme', 'README']);

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function tooManyRows(sheet: string, limit: number): StructureFileError {
  return new StructureFileError(
    413,
    'too-many-rows',
    `工作表「${sheet}」超过 ${limit} 行,请拆分后分批导入`,
    `sheet "${sheet}" has more than ${limit} rows`
  );
}

/** The kind of a sheet: by its name, else (a single sheet or a CSV) by the kind asked for or its headers. */
function kindOf(
  name: string,
  headers: string[],
  wanted: StructureKind | undefined,
  single: boolean
): StructureKind | null {
  const byName = kindOfSheetName(name);
  if (byName) return byName;
  if (single && wanted) return wanted;
  return kindOfHeaders(headers);
}

/** The text of a workbook cell; null for a formula or an error, which are refused. */
function cellText(cell: ExcelJS.Cell): { text: string } | { refused: string } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: '' };
  if (cell.type === ExcelJS.ValueType.Formula)
    return { refused: '不接受公式单元格,请粘贴为数值后再导入' };
  if (cell.type === ExcelJS.ValueType.Error) return { refused: '单元格是错误值' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
    if ('text' in value && typeof value.text === 'string') return { text: value.text };
    if ('formula' in value || 'sharedFormula' in value)
      return { refused: '不接受公式单元格,请粘贴为数值后再导入' };
    return { text: String(cell.text ?? '') };
  }
  return { text: String(value) };
}

/** Before exceljs inflates anything: too many parts or too many bytes decompressed is a 413. */
function refuseZipBomb(buffer: Buffer, limits: FileLimits): void {
  const verdict = checkZip(buffer, {
    maxEntries: limits.maxZipEntries,
    maxUnzippedBytes: limits.maxUnzippedBytes,
  });
  if (verdict.ok) return;
  const megabytes = Math.round(limits.maxUnzippedBytes / (1024 * 1024));
  if (verdict.reason === 'too-large')
    throw new StructureFileError(
      413,
      'unzipped-too-large',
      `Excel 文件解压后超过 ${megabytes} MB,请拆分后分批导入`,
      `the workbook inflates to more than ${megabytes} MB`
    );
  if (verdict.reason === 'too-many-entries')
    throw new StructureFileError(
      413,
      'too-many-parts',
      `Excel 文件包含的部件超过 ${limits.maxZipEntries} 个,不是可导入的工作簿`,
      `the workbook holds more than ${limits.maxZipEntries} parts`
    );
  throw new StructureFileError(
    400,
    'unreadable-file',
    '无法读取此 Excel 文件(文件损坏或不是 .xlsx 格式)',
    `the workbook cannot be read (${verdict.reason})`
  );
}

async function readWorkbook(
  buffer: Buffer,
  wanted: StructureKind | undefined,
  limits: FileLimits
): Promise<ReadFile> {
  refuseZipBomb(buffer, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its load() argument as its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new StructureFileError(
      400,
      'unreadable-file',
      '无法读取此 Excel 文件(文件损坏或不是 .xlsx 格式)',
      'the workbook cannot be read'
    );
  }
  const sheets: RawSheet[] = [];
  const problems: ImportProblem[] = [];
  const dataSheets = workbook.worksheets.filter(
    (worksheet) => !IGNORED_SHEETS.has(worksheet.name.trim())
  );
  for (const worksheet of dataSheets) {
    if (worksheet.rowCount - 1 > limits.maxRowsPerSheet)
      throw tooManyRows(worksheet.name, limits.maxRowsPerSheet);
    const header = worksheet.getRow(1);
    const headers: string[] = [];
    for (let c = 1; c <= header.cellCount; c++) {
      const read = cellText(header.getCell(c));
      headers.push('text' in read ? read.text.trim() : '');
    }
    if (headers.every((entry) => entry === '') && worksheet.rowCount <= 1) continue; // an empty sheet
    const kind = kindOf(worksheet.name, headers, wanted, dataSheets.length === 1);
    if (!kind || (wanted && kind !== wanted)) {
      if (wanted && kind && kind !== wanted) continue; // another kind: the caller asked for one
      problems.push({
        sheet: worksheet.name,
        row: null,
        column: null,
        value: worksheet.name,
        message: `无法识别的工作表:表名须为${Object.values(SHEET_NAMES_ZH).join('、')}之一`,
      });
      continue;
    }
    const rows: RawSheet['rows'][number][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(headers.length, row.cellCount); c++) {
        const read = cellText(row.getCell(c));
        if ('refused' in read) {
          problems.push({
            sheet: worksheet.name,
            row: rowNumber,
            column: headers[c - 1] || columnLetter(c - 1),
            value: String(row.getCell(c).formula ?? ''),
            message: read.refused,
          });
          cells.push('');
        } else cells.push(read.text);
      }
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ kind, sheet: worksheet.name, headers, rows });
  }
  if (sheets.length === 0 && problems.length === 0)
    throw new StructureFileError(
      422,
      'no-sheets',
      wanted
        ? `文件中没有「${SHEET_NAMES_ZH[wanted]}」表`
        : `文件中没有可导入的工作表(${Object.values(SHEET_NAMES_ZH).join('、')})`,
      'the workbook holds no sheet to import'
    );
  return { sheets, problems, format: 'xlsx', encoding: null };
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise what chardet sees, GB18030 by default. */
export function detectEncoding(buffer: Buffer): string {
  if (buffer.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'UTF-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return 'UTF-8';
  } catch {
    // not UTF-8: Chinese Excel saves CSV in the ANSI code page, GBK (GB18030 is its superset)
  }
  const guessed = chardet.detect(buffer.subarray(0, 64 * 1024));
  if (guessed && /^(Big5|Shift_JIS|EUC-KR|UTF-16LE|UTF-16BE)$/i.test(guessed)) return guessed;
  return 'GB18030';
}

/** CSV text as rows of cells (RFC 4180: quotes, doubled quotes, line breaks inside quotes), through exceljs' reader. */
async function parseCsv(textContent: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = await workbook.csv.read(Readable.from([textContent]), {
    // Keep every cell as written: no numbers, dates or booleans guessed (codes like 01.02 stay text).
    map: (value: unknown) => value,
    parserOptions: { ignoreEmpty: false, trim: false },
  } as unknown as ExcelJS.CsvReadOptions);
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[rowNumber - 1] = values.map((value) =>
      value === null || value === undefined ? '' : String(value)
    );
  });
  for (let index = 0; index < rows.length; index++) rows[index] = rows[index] ?? [];
  return rows;
}

async function readCsv(
  buffer: Buffer,
  name: string,
  wanted: StructureKind | undefined,
  limits: FileLimits
): Promise<ReadFile> {
  const encoding = detectEncoding(buffer);
  let textContent = iconv.decode(buffer, encoding);
  if (textContent.charCodeAt(0) === 0xfeff) textContent = textContent.slice(1);
  // Counted before parsing, so a huge sheet is refused without building its rows.
  let lines = 0;
  for (
    let index = textContent.indexOf('\n');
    index !== -1;
    index = textContent.indexOf('\n', index + 1)
  )
    lines++;
  if (lines - 1 > limits.maxRowsPerSheet) throw tooManyRows(name, limits.maxRowsPerSheet);
  let table: string[][];
  try {
    table = await parseCsv(textContent);
  } catch {
    throw new StructureFileError(
      400,
      'unreadable-file',
      '无法读取此 CSV 文件',
      'the CSV file cannot be read'
    );
  }
  const headers = (table[0] ?? []).map((header) => header.trim());
  const kind = kindOf(name, headers, wanted, true);
  if (!kind)
    throw new StructureFileError(
      422,
      'unknown-sheet',
      `无法判断 CSV 文件的数据类别:请用模板的列名,或指定类别(${Object.values(SHEET_NAMES_ZH).join('、')})`,
      'cannot tell which kind the CSV holds: use the template headers or name the kind'
    );
  const problems: ImportProblem[] = [];
  const rows = table.slice(1).map((cells, index) => {
    const row = index + 2;
    cells.forEach((cell, c) => {
      // A cell that Excel would run as a formula when the file is opened: refused as in a workbook.
      if (/^[=]/.test(cell.trim()))
        problems.push({
          sheet: SHEET_NAMES_ZH[kind],
          row,
          column: headers[c] || columnLetter(c),
          value: cell,
          message: '不接受公式单元格,请粘贴为数值后再导入',
        });
    });
    return { row, cells };
  });
  return {
    sheets: [{ kind, sheet: SHEET_NAMES_ZH[kind], headers, rows }],
    problems,
    format: 'csv',
    encoding,
  };
}

/**
 * Reads an uploaded structure file: an XLSX workbook (one sheet per kind, or one kind) or a CSV
 * (UTF-8 or GBK/GB18030, detected). Refuses files too big, sheets too long and unreadable files
 * with a StructureFileError; formula cells and unknown sheets come back as problems.
 */
export async function readStructureFile(
  buffer: Buffer,
  fileName: string,
  options: { kind?: StructureKind; limits?: FileLimits } = {}
): Promise<ReadFile> {
  const limits = options.limits ?? DEFAULT_FILE_LIMITS;
  if (buffer.length > limits.maxBytes)
    throw new StructureFileError(
      413,
      'file-too-large',
      `文件超过 ${Math.floor(limits.maxBytes / 1024 / 1024)} MB,请拆分后分批导入`,
      'the file is too large'
    );
  if (buffer.length === 0)
    throw new StructureFileError(400, 'empty-file', '文件是空的', 'the file is empty');
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return readWorkbook(buffer, options.kind, limits);
  if (/\.(xlsx|xlsm|xls)$/i.test(fileName) || buffer.subarray(0, 8).includes(0))
    throw new StructureFileError(
      415,
      'unsupported-format',
      '只接受 .xlsx 工作簿或 .csv 文件(旧版 .xls 请另存为 .xlsx)',
      'only .xlsx workbooks and .csv files are accepted'
    );
  return readCsv(buffer, fileName, options.kind, limits);
}
