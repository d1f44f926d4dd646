import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ReportTable } from '../../domain/notice-content';

export interface ReportDocument {
  title: string;
  period: string | null;
  paragraphs: readonly string[];
  tables: readonly ReportTable[];
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string, index: number): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 28);
  return clean.length > 0 ? clean : `表${index + 1}`;
}

/** Downloads of a notice: an Excel workbook (a summary sheet, then one sheet per table) and a CSV. */
const reportFiles = () => ({
  async xlsx(doc: ReportDocument): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '民意直通车';
    const summary = workbook.addWorksheet('说明');
    summary.addRow([doc.title]).font = { bold: true, size: 14 };
    if (doc.period) summary.addRow([`期间:${doc.period}`]);
    for (const paragraph of doc.paragraphs) summary.addRow([paragraph]);
    summary.getColumn(1).width = 100;
    const used = new Set<string>();
    doc.tables.forEach((table, index) => {
      let name = sheetName(table.name, index);
      while (used.has(name)) name = `${name.slice(0, 26)}_${index}`;
      used.add(name);
      const sheet = workbook.addWorksheet(name);
      sheet.addRow([...table.columns]).font = { bold: true };
      for (const row of table.rows) sheet.addRow([...row]);
      table.columns.forEach(
        (column, c) => (sheet.getColumn(c + 1).width = Math.max(10, column.length * 2 + 2))
      );
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  },

  /** UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; tables one after another. */
  csv(doc: ReportDocument): string {
    const records: string[][] = [[doc.title]];
    if (doc.period) records.push([`期间:${doc.period}`]);
    for (const table of doc.tables) {
      records.push([], [table.name], [...table.columns], ...table.rows.map((row) => [...row]));
    }
    return `\uFEFF${stringify(records)}`;
  },
});

export default reportFiles;
