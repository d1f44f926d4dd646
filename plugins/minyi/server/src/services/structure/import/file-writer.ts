import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  COLUMNS,
  exampleCells,
  headerCells,
  recordCells,
  SHEET_NAMES_ZH,
  STRUCTURE_KINDS,
  type RecordOfKind,
  type StructureKind,
} from '../../../domain/structure-import';

export type StructureRecords = { [K in StructureKind]?: ReadonlyArray<RecordOfKind[K]> };

/** Integer columns are written as numbers (Excel sums them); everything else as text, so codes keep leading zeros. */
const NUMBER_COLUMNS = new Set([
  'gridDays',
  'townshipDays',
  'countyDays',
  'urgentHours',
  'warningOffsetHours',
  'gridWarningOffsetHours',
  'townshipWarningOffsetHours',
  'countyWarningOffsetHours',
]);

function addSheet(workbook: ExcelJS.Workbook, kind: StructureKind, rows: string[][]): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES_ZH[kind]);
  const columns = COLUMNS[kind];
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(12, column.header.length * 2 + 4),
    style: NUMBER_COLUMNS.has(column.key) ? {} : { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((column, index) => {
    const cell = sheet.getRow(1).getCell(index + 1);
    const hint = [column.required ? '必填' : '选填', column.hint].filter(Boolean).join(';');
    cell.note = hint;
  });
  for (const cells of rows) {
    sheet.addRow(
      cells.map((cell, index) =>
        NUMBER_COLUMNS.has(columns[index].key) && cell !== '' ? Number(cell) : cell
      )
    );
  }
}

function instructions(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('说明');
  const lines = [
    '民意直通车 组织架构导入模板',
    '每类数据一张表,表名为:' +
      STRUCTURE_KINDS.map((kind) => SHEET_NAMES_ZH[kind]).join('、') +
      '(可只保留需要导入的表)。',
    '第一行是列名,请勿修改;第二行起每行一条记录。不接受公式单元格。',
    '网格按「网格编码」、部门单位和事项分类按编码、工作人员按「手机号」识别:再次导入同一文件不会产生变化,改动的行会更新对应记录,文件中没有的记录只在报告中列出,不会删除。',
    '导入前请先「检查」(试运行):全部通过后才会写入,并且全部写入或全部不写入。',
    '工作人员「账号」填 管理后台 或 外勤账号 时须填写电子邮箱,系统会发送设置密码的邀请邮件;文件中不要填写任何密码。',
  ];
  for (const line of lines) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getColumn(1).width = 120;
}

/** One workbook: a sheet per kind given (records, or the template's example row), then the instructions. */
export async function structureWorkbook(
  records: StructureRecords,
  options: { template?: boolean } = {}
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '民意直通车';
  for (const kind of STRUCTURE_KINDS) {
    const list = records[kind] as ReadonlyArray<RecordOfKind[typeof kind]> | undefined;
    if (list === undefined) continue;
    const rows = options.template
      ? [exampleCells(kind)]
      : list.map((record) => recordCells(kind, record));
    addSheet(workbook, kind, rows);
  }
  if (options.template) instructions(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One kind as CSV: UTF-8 with a byte-order mark, which Chinese Excel opens without garbling. */
export function structureCsv<K extends StructureKind>(
  kind: K,
  records: ReadonlyArray<RecordOfKind[K]>,
  options: { template?: boolean } = {}
): Buffer {
  const rows = options.template
    ? [exampleCells(kind)]
    : records.map((record) => recordCells(kind, record));
  return Buffer.from(
    '\ufeff' + stringify([headerCells(kind), ...rows], { record_delimiter: 'windows' }),
    'utf8'
  );
}
