/**
 * The import/export format of the county's structure: one sheet per kind, Chinese column headers,
 * in one table so the template, the reader, the validator and the export agree on every name.
 */

import { STRUCTURE_KINDS, type StructureKind } from '../../../../shared/structure-import';

export { STRUCTURE_KINDS, type StructureKind };

/** The sheet (and CSV file) name of each kind; the English kind name is accepted as well. */
export const SHEET_NAMES_ZH: Readonly<Record<StructureKind, string>> = {
  grids: '网格',
  departments: '部门单位',
  staff: '工作人员',
  categories: '事项分类',
};

export interface ColumnDefinition {
  /** The field of the row this column fills. */
  readonly key: string;
  /** The Chinese header as the template writes it and the reader expects it. */
  readonly header: string;
  readonly required: boolean;
  /** The template's example row. */
  readonly example: string;
  /** A short hint shown in the template's second header comment. */
  readonly hint?: string;
}

/**
 * Kinds in the order an import writes them: departments and grids first (staff and categories
 * point at them).
 */
export const IMPORT_ORDER: readonly StructureKind[] = [
  'departments',
  'grids',
  'categories',
  'staff',
];

export const COLUMNS: Readonly<Record<StructureKind, readonly ColumnDefinition[]>> = {
  grids: [
    {
      key: 'code',
      header: '网格编码',
      required: true,
      example: '430721101001',
      hint: '字母、数字或短横线,全县唯一',
    },
    { key: 'name', header: '名称', required: true, example: '书院洲村一网格' },
    {
      key: 'level',
      header: '层级',
      required: true,
      example: '网格',
      hint: '县 / 乡镇 / 村(社区) / 网格',
    },
    {
      key: 'parentCode',
      header: '上级编码',
      required: false,
      example: '430721101',
      hint: '县级节点留空',
    },
  ],
  departments: [
    { key: 'code', header: '单位编码', required: true, example: 'D-GTZY' },
    { key: 'name', header: '单位名称', required: true, example: '县自然资源局' },
    { key: 'kind', header: '单位类别', required: true, example: '县直部门' },
    { key: 'contactEmail', header: '联系邮箱', required: false, example: 'zrzy@example.gov.cn' },
  ],
  staff: [
    {
      key: 'phone',
      header: '手机号',
      required: true,
      example: '13800000000',
      hint: '11 位手机号,用于识别人员',
    },
    { key: 'name', header: '姓名', required: true, example: '张三' },
    { key: 'role', header: '角色', required: true, example: '网格员' },
    {
      key: 'gridCode',
      header: '所属网格编码',
      required: false,
      example: '430721101001',
      hint: '与所属单位编码二选一',
    },
    { key: 'departmentCode', header: '所属单位编码', required: false, example: '' },
    {
      key: 'email',
      header: '电子邮箱',
      required: false,
      example: 'zhangsan@example.com',
      hint: '开通账号时必填',
    },
    {
      key: 'login',
      header: '账号',
      required: false,
      example: '外勤账号',
      hint: '管理后台 / 外勤账号 / 无',
    },
  ],
  categories: [
    { key: 'code', header: '分类编码', required: true, example: '01.02' },
    { key: 'name', header: '分类名称', required: true, example: '道路积水' },
    { key: 'parentCode', header: '上级分类编码', required: false, example: '01' },
    {
      key: 'defaultLevel',
      header: '默认办理层级',
      required: true,
      example: '网格',
      hint: '网格 / 乡镇 / 县级',
    },
    {
      key: 'defaultDepartmentCode',
      header: '默认办理单位编码',
      required: false,
      example: 'D-GTZY',
    },
    { key: 'gridDays', header: '网格时限(工作日)', required: true, example: '3' },
    { key: 'townshipDays', header: '乡镇时限(工作日)', required: true, example: '5' },
    { key: 'countyDays', header: '县级时限(工作日)', required: true, example: '10' },
    { key: 'urgentHours', header: '紧急时限(小时)', required: false, example: '' },
    { key: 'warningOffsetHours', header: '提前催办(小时)', required: true, example: '8' },
    {
      key: 'gridWarningOffsetHours',
      header: '网格提前催办(小时)',
      required: false,
      example: '',
      hint: '空则按“提前催办(小时)”',
    },
    {
      key: 'townshipWarningOffsetHours',
      header: '乡镇提前催办(小时)',
      required: false,
      example: '4',
      hint: '空则按“提前催办(小时)”',
    },
    {
      key: 'countyWarningOffsetHours',
      header: '县级提前催办(小时)',
      required: false,
      example: '',
      hint: '空则按“提前催办(小时)”',
    },
  ],
};

/** The kind a sheet or file name stands for: its Chinese name, its English kind, or a file name holding either. */
export function kindOfSheetName(name: string): StructureKind | null {
  const normalized = name
    .trim()
    .toLowerCase()
    .replace(/\.(csv|xlsx)$/, '');
  for (const kind of STRUCTURE_KINDS) {
    if (normalized === kind || normalized === SHEET_NAMES_ZH[kind]) return kind;
  }
  for (const kind of STRUCTURE_KINDS) {
    if (normalized.endsWith(SHEET_NAMES_ZH[kind]) || normalized.endsWith(kind)) return kind;
  }
  return null;
}

/** The kind whose headers a header row matches best (all its required headers present), or null. */
export function kindOfHeaders(headers: readonly string[]): StructureKind | null {
  const present = new Set(headers.map((header) => header.trim()));
  const fitting = STRUCTURE_KINDS.filter((kind) =>
    COLUMNS[kind].filter((column) => column.required).every((column) => present.has(column.header))
  );
  return fitting.length === 1 ? fitting[0] : null;
}
