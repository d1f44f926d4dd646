import { COLUMNS, type StructureKind } from './columns';
import {
  DEPARTMENT_KIND_LABELS_ZH,
  GRID_LEVEL_LABELS_ZH,
  HANDLING_LEVEL_LABELS_ZH,
  LOGIN_KIND_LABELS_ZH,
  STAFF_ROLE_LABELS_ZH,
} from './labels';
import type { RecordOfKind } from './rows';

/** How each enumerated field is written: its Chinese label, which the reader takes back. */
const LABELS: Partial<Record<string, Readonly<Record<string, string>>>> = {
  'grids.level': GRID_LEVEL_LABELS_ZH,
  'departments.kind': DEPARTMENT_KIND_LABELS_ZH,
  'staff.role': STAFF_ROLE_LABELS_ZH,
  'staff.login': LOGIN_KIND_LABELS_ZH,
  'categories.defaultLevel': HANDLING_LEVEL_LABELS_ZH,
};

/** One record as the cells of its sheet, in column order: what the export writes and the import reads back. */
export function recordCells<K extends StructureKind>(kind: K, record: RecordOfKind[K]): string[] {
  return COLUMNS[kind].map((column) => {
    const value = (record as unknown as Record<string, unknown>)[column.key];
    if (value === null || value === undefined) return '';
    const labels = LABELS[`${kind}.${column.key}`];
    return labels ? (labels[String(value)] ?? String(value)) : String(value);
  });
}

export function headerCells(kind: StructureKind): string[] {
  return COLUMNS[kind].map((column) => column.header);
}

export function exampleCells(kind: StructureKind): string[] {
  return COLUMNS[kind].map((column) => column.example);
}
