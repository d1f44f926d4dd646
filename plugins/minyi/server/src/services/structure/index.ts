import gridTree from './grid-tree';
import calendar from './calendar';
import structureImport from './import';

/** The county's structure: the grid tree's materialised paths, the working calendar, import and export. */
export default {
  'grid-tree': gridTree,
  calendar,
  // 导入导出: the structure from and to spreadsheets (./import).
  'structure-import': structureImport,
};
