#!/usr/bin/env node
'use strict';

/**
 * Writes an Anxiang-size structure workbook for `npm run bench:import`: 1,604 grids (the county,
 * 12 townships, 156 villages and 1,435 grids), 40 departments, 50 categories and 8,000 staff
 * (1+1+1+N per grid: instructor, grid head, grid member, neighbour heads and volunteers; township
 * officers; the county's coordinators and leaders; a liaison per department). Township officers,
 * liaisons, coordinators and leaders get admin logins, grid heads field accounts.
 *
 *   node bench/generate-structure.js [out.xlsx]     (default .tmp/bench/anxiang-structure.xlsx)
 * Deterministic: the same file every time.
 */
const fs = require('fs');
const path = require('path');
const ExcelJS = require('exceljs');

const ROOT = path.resolve(__dirname, '..');
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玉兰红梅志强海燕德华春花立新金凤建华秋菊';
const TOWNSHIPS = [
  '深柳镇',
  '大鲸港镇',
  '黄山头镇',
  '三岔河镇',
  '官垱镇',
  '下渔口镇',
  '安全乡',
  '安障乡',
  '安康乡',
  '安丰乡',
  '安德乡',
  '焦圻镇',
];

function generate() {
  let seed = 20261201;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const name = () =>
    SURNAMES[Math.floor(random() * SURNAMES.length)] +
    GIVEN[Math.floor(random() * GIVEN.length)] +
    (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)] : '');
  let phone = 13900000000;
  const staff = [];
  const addStaff = (role, gridCode, departmentCode, login) => {
    phone++;
    const mail = login === '无' ? '' : `s${phone}@example.invalid`;
    staff.push([String(phone), name(), role, gridCode, departmentCode, mail, login]);
  };

  const grids = [['430721', '安乡县', '县', '']];
  for (let n = 0; n < 4; n++) addStaff('县委社会工作部', '430721', '', '管理后台');
  for (let n = 0; n < 6; n++) addStaff('县级领导', '430721', '', '管理后台');
  const gridTotal = 1435;
  let gridsMade = 0;
  TOWNSHIPS.forEach((township, t) => {
    const townshipCode = `430721${String(100 + t + 1)}`;
    grids.push([townshipCode, township, '乡镇', '430721']);
    addStaff('乡镇干部', townshipCode, '', '管理后台');
    addStaff('乡镇干部', townshipCode, '', '管理后台');
    for (let v = 0; v < 13; v++) {
      const villageCode = `${townshipCode}${String(v + 1).padStart(3, '0')}`;
      grids.push([villageCode, `${township.slice(0, -1)}${v + 1}村`, '村(社区)', townshipCode]);
      const villageIndex = t * 13 + v;
      const inVillage =
        Math.floor(((villageIndex + 1) * gridTotal) / 156) -
        Math.floor((villageIndex * gridTotal) / 156);
      for (let g = 0; g < inVillage; g++) {
        const gridCode = `${villageCode}${String(g + 1).padStart(2, '0')}`;
        grids.push([
          gridCode,
          `${township.slice(0, -1)}${v + 1}村${g + 1}网格`,
          '网格',
          villageCode,
        ]);
        addStaff('指导员', gridCode, '', '无');
        addStaff('网格长', gridCode, '', '外勤账号');
        addStaff('网格员', gridCode, '', '无');
        gridsMade++;
      }
    }
  });
  if (grids.length !== 1604 || gridsMade !== gridTotal)
    throw new Error(`expected 1604 grids, made ${grids.length}`);

  const departments = [];
  for (let d = 0; d < 40; d++) {
    const code = `D${String(d + 1).padStart(2, '0')}`;
    departments.push([
      code,
      `县直部门${d + 1}`,
      d < 36 ? '县直部门' : ['人大', '政协', '社会组织', '其他'][d - 36],
      `${code.toLowerCase()}@example.invalid`,
    ]);
    addStaff('部门联络员', '', code, '管理后台');
  }
  // N: neighbour heads and volunteers, spread over the grids, until 8,000 staff.
  const gridCodes = grids.filter((row) => row[2] === '网格').map((row) => row[0]);
  for (let n = 0; staff.length < 8000; n++)
    addStaff(n % 3 === 0 ? '志愿者' : '邻长', gridCodes[n % gridCodes.length], '', '无');

  const categories = [];
  for (let c = 0; c < 10; c++) {
    const code = String(c + 1).padStart(2, '0');
    categories.push([
      code,
      `一级分类${c + 1}`,
      '',
      '县级',
      `D${String(c + 1).padStart(2, '0')}`,
      3,
      5,
      10,
      '',
      8,
    ]);
    for (let s = 0; s < 4; s++)
      categories.push([
        `${code}.${String(s + 1).padStart(2, '0')}`,
        `二级分类${c + 1}-${s + 1}`,
        code,
        s % 2 ? '乡镇' : '网格',
        '',
        2 + s,
        5,
        10,
        s === 3 ? 24 : '',
        8,
      ]);
  }
  return { grids, departments, staff, categories };
}

const HEADERS = {
  网格: ['网格编码', '名称', '层级', '上级编码'],
  部门单位: ['单位编码', '单位名称', '单位类别', '联系邮箱'],
  工作人员: ['手机号', '姓名', '角色', '所属网格编码', '所属单位编码', '电子邮箱', '账号'],
  事项分类: [
    '分类编码',
    '分类名称',
    '上级分类编码',
    '默认办理层级',
    '默认办理单位编码',
    '网格时限(工作日)',
    '乡镇时限(工作日)',
    '县级时限(工作日)',
    '紧急时限(小时)',
    '提前催办(小时)',
  ],
};

async function writeWorkbook(file) {
  const data = generate();
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of [
    ['网格', data.grids],
    ['部门单位', data.departments],
    ['工作人员', data.staff],
    ['事项分类', data.categories],
  ]) {
    const sheet = book.addWorksheet(sheetName);
    sheet.addRow(HEADERS[sheetName]);
    for (const row of rows) sheet.addRow(row);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await book.xlsx.writeFile(file);
  return { file, counts: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length])) };
}

module.exports = { generate, writeWorkbook };

if (require.main === module) {
  const file = path.resolve(
    process.argv[2] || path.join(ROOT, '.tmp', 'bench', 'anxiang-structure.xlsx')
  );
  writeWorkbook(file).then(
    ({ counts }) => console.log(`[bench] wrote ${file}: ${JSON.stringify(counts)}`),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
