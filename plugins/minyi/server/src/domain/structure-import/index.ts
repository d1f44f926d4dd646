/**
 * Import and export of a county's structure (grids, departments, staff, categories) from
 * spreadsheets: the format (columns.ts), reading each row (rows.ts), checking the file as a whole
 * (validate.ts) and what an import would change (diff.ts). Pure: the file readers and the
 * database live in services/structure-import/.
 */
export * from './columns';
export * from './labels';
export * from './rows';
export * from './validate';
export * from './diff';
export * from './export-rows';
export * from './check';
