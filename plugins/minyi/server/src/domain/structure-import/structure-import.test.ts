import fc from 'fast-check';
import {
  checkStructure,
  COLUMNS,
  headerCells,
  kindOfHeaders,
  kindOfSheetName,
  recordCells,
  SHEET_NAMES_ZH,
  STRUCTURE_KINDS,
  type CategoryRecord,
  type CurrentStructure,
  type DepartmentRecord,
  type GridRecord,
  type RawSheet,
  type RecordOfKind,
  type StaffRecord,
  type StructureKind,
} from '.';

function sheetOf<K extends StructureKind>(kind: K, records: RecordOfKind[K][]): RawSheet {
  return {
    kind,
    sheet: SHEET_NAMES_ZH[kind],
    headers: headerCells(kind),
    rows: records.map((record, index) => ({ row: index + 2, cells: recordCells(kind, record) })),
  };
}

function rawSheet(kind: StructureKind, rows: string[][], headers = headerCells(kind)): RawSheet {
  return {
    kind,
    sheet: SHEET_NAMES_ZH[kind],
    headers,
    rows: rows.map((cells, index) => ({ row: index + 2, cells })),
  };
}

function emptyCurrent(): CurrentStructure {
  return { grids: new Map(), departments: new Map(), staff: new Map(), categories: new Map() };
}

function currentOf(structure: Structure): CurrentStructure {
  return {
    grids: new Map(structure.grids.map((record) => [record.code, record])),
    departments: new Map(structure.departments.map((record) => [record.code, record])),
    staff: new Map(structure.staff.map((record) => [record.phone, record])),
    categories: new Map(structure.categories.map((record) => [record.code, record])),
  };
}

interface Structure {
  grids: GridRecord[];
  departments: DepartmentRecord[];
  staff: StaffRecord[];
  categories: CategoryRecord[];
}

function sheetsOf(structure: Structure): RawSheet[] {
  return [
    sheetOf('departments', structure.departments),
    sheetOf('grids', structure.grids),
    sheetOf('categories', structure.categories),
    sheetOf('staff', structure.staff),
  ];
}

const small: Structure = {
  departments: [
    { code: 'D1', name: '县自然资源局', kind: 'county-department', contactEmail: 'zr@example.com' },
  ],
  grids: [
    { code: 'C', name: '安乡县', level: 'county', parentCode: null },
    { code: 'T1', name: '深柳镇', level: 'township', parentCode: 'C' },
    { code: 'V1', name: '书院洲村', level: 'village', parentCode: 'T1' },
    { code: 'G1', name: '一网格', level: 'grid', parentCode: 'V1' },
  ],
  categories: [
    {
      code: '01',
      name: '城乡建设',
      parentCode: null,
      defaultLevel: 'county',
      defaultDepartmentCode: 'D1',
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
      urgentHours: null,
      warningOffsetHours: 8,
      gridWarningOffsetHours: null,
      townshipWarningOffsetHours: 4,
      countyWarningOffsetHours: null,
    },
  ],
  staff: [
    {
      phone: '13800000001',
      name: '张三',
      role: 'grid-member',
      gridCode: 'G1',
      departmentCode: null,
      email: 'zhangsan@example.com',
      login: 'field',
    },
    {
      phone: '13800000002',
      name: '李四',
      role: 'liaison',
      gridCode: null,
      departmentCode: 'D1',
      email: 'lisi@example.com',
      login: 'admin',
    },
  ],
};

describe('the format', () => {
  it('names every kind by its Chinese sheet name, its English name, or a file named after it', () => {
    for (const kind of STRUCTURE_KINDS) {
      expect(kindOfSheetName(SHEET_NAMES_ZH[kind])).toBe(kind);
      expect(kindOfSheetName(kind)).toBe(kind);
      expect(kindOfSheetName(`安乡县${SHEET_NAMES_ZH[kind]}.csv`)).toBe(kind);
      expect(kindOfHeaders(headerCells(kind))).toBe(kind);
    }
    expect(kindOfSheetName('Sheet1')).toBeNull();
  });

  it('has unique headers per kind and an example row the reader accepts', () => {
    for (const kind of STRUCTURE_KINDS) {
      const headers = COLUMNS[kind].map((column) => column.header);
      expect(new Set(headers).size).toBe(headers.length);
    }
  });
});

describe('checking a file', () => {
  it('accepts a valid structure and would create every record', () => {
    const check = checkStructure(sheetsOf(small), emptyCurrent());
    expect(check.problems).toEqual([]);
    expect(check.summary.grids).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(check.summary.staff).toMatchObject({ created: 2 });
  });

  it('reports each bad cell by sheet, row, column and value, in Chinese', () => {
    const grids = [
      ['C', '安乡县', '县', ''],
      ['T1', '深柳镇', '乡镇', 'C'],
      ['T1', '重复镇', '乡镇', 'C'], // duplicate code
      ['V9', '无主村', '村(社区)', 'NOPE'], // unknown parent
      ['G1', '一网格', '乡镇', 'T1'], // township under a township
      ['G 2', '坏编码', '网格', 'T1'], // bad code
      ['X1', '甲', '网格', 'X2'],
      ['X2', '乙', '网格', 'X1'], // cycle
      ['', '无编码', '网格', 'T1'], // required empty
    ];
    const staff = [
      ['1380000', '王五', '网格员', 'T1', '', '', '无'], // bad phone, role misfits the township
      ['13800000003', '赵六', '乡镇干部', 'T1', '', 'not-an-email', '管理后台'],
      ['13800000004', '钱七', '网格员', 'T1', 'D1', '', '无'], // both grid and department
      ['13800000005', '孙八', '乡镇干部', 'T1', '', '', '外勤账号'], // field login without email, no field role
    ];
    const categories = [
      ['01', '城乡建设', '', '县级', 'D1', '0', '5', '10', '', '8'], // limit not positive
      ['02', '生态环境', '', '县级', '', '3', '5', '10', '', '8'], // county without department
    ];
    const check = checkStructure(
      [rawSheet('grids', grids), rawSheet('staff', staff), rawSheet('categories', categories)],
      emptyCurrent()
    );
    const found = check.problems.map(
      (problem) => `${problem.sheet}|${problem.row}|${problem.column}|${problem.value}`
    );
    expect(found).toEqual(
      expect.arrayContaining([
        '网格|4|网格编码|T1',
        '网格|5|上级编码|NOPE',
        '网格|6|层级|乡镇',
        '网格|7|网格编码|G 2',
        '网格|8|上级编码|X2',
        '网格|9|上级编码|X1',
        '网格|10|网格编码|',
        '工作人员|2|手机号|1380000',
        '工作人员|3|电子邮箱|not-an-email',
        '工作人员|4|所属网格编码|T1',
        '工作人员|5|电子邮箱|',
        '工作人员|5|账号|外勤账号',
        '事项分类|2|网格时限(工作日)|0',
        '事项分类|3|默认办理单位编码|',
      ])
    );
    expect(check.problems.every((problem) => /[\u4e00-\u9fff]/.test(problem.message))).toBe(true);
    expect(check.changes).toEqual({});
  });

  it('refuses a role that does not fit the node level', () => {
    const staff = [['13800000009', '周九', '网格长', 'T1', '', '', '无']];
    const check = checkStructure(
      [sheetOf('grids', small.grids), rawSheet('staff', staff)],
      emptyCurrent()
    );
    expect(check.problems).toEqual([
      expect.objectContaining({ sheet: '工作人员', row: 2, column: '角色', value: '网格长' }),
    ]);
  });

  it('reports a missing required column and an unknown column on the header row', () => {
    const headers = headerCells('grids')
      .filter((header) => header !== '层级')
      .concat('备注');
    const check = checkStructure([rawSheet('grids', [], headers)], emptyCurrent());
    expect(check.problems.map((problem) => `${problem.row}|${problem.column}`).sort()).toEqual(
      ['1|备注', '1|层级'].sort()
    );
  });

  it('refuses a text cell that a spreadsheet would run as a formula', () => {
    const check = checkStructure(
      [rawSheet('departments', [['D3', '=HYPERLINK("x")', '县直部门', '']])],
      emptyCurrent()
    );
    expect(check.problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: '单位名称',
        message: expect.stringContaining('公式'),
      }),
    ]);
  });

  it('refuses control characters in text cells', () => {
    const check = checkStructure(
      [rawSheet('departments', [['D2', '坏\u0000名', '县直部门', '']])],
      emptyCurrent()
    );
    expect(check.problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: '单位名称',
        message: expect.stringContaining('控制字符'),
      }),
    ]);
  });

  it('lets a parent come from the database, lists what the file leaves out and never deletes it', () => {
    const current = currentOf(small);
    const check = checkStructure([rawSheet('grids', [['G2', '二网格', '网格', 'V1']])], current);
    expect(check.problems).toEqual([]);
    expect(check.summary.grids).toMatchObject({ created: 1, missing: 4 });
    expect(check.summary.grids?.missingKeys).toEqual(['C', 'G1', 'T1', 'V1']);
  });

  it('sees a moved grid and a renamed department as updates', () => {
    const current = currentOf({
      ...small,
      grids: [...small.grids, { code: 'T2', name: '官垱镇', level: 'township', parentCode: 'C' }],
    });
    const moved = small.grids.map((grid) =>
      grid.code === 'V1' ? { ...grid, parentCode: 'T2' } : grid
    );
    const check = checkStructure(
      [
        sheetOf('grids', [
          ...moved,
          { code: 'T2', name: '官垱镇', level: 'township', parentCode: 'C' },
        ]),
        sheetOf('departments', [{ ...small.departments[0], name: '县自然资源和规划局' }]),
      ],
      current
    );
    expect(check.problems).toEqual([]);
    expect(check.changes.grids?.update.map((entry) => [entry.record.code, entry.changed])).toEqual([
      ['V1', ['parentCode']],
    ]);
    expect(check.changes.departments?.update[0].changed).toEqual(['name']);
  });
});

/** Random valid structures: a county, townships, villages and grids, departments, categories, staff. */
const structureArbitrary: fc.Arbitrary<Structure> = fc
  .record({
    townships: fc.integer({ min: 1, max: 4 }),
    villages: fc.integer({ min: 0, max: 3 }),
    grids: fc.integer({ min: 0, max: 3 }),
    departments: fc.integer({ min: 1, max: 4 }),
    names: fc.array(
      fc.string({ minLength: 1, maxLength: 12 }).filter(
        (name) =>
          name.trim() === name &&
          name.trim() !== '' &&
          !name.startsWith('=') &&
          // eslint-disable-next-line no-control-regex -- names with control characters are generated elsewhere
          !/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/.test(name)
      ),
      { minLength: 1, maxLength: 10 }
    ),
    days: fc.tuple(
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 90 })
    ),
    login: fc.constantFrom('admin', 'field', 'none') as fc.Arbitrary<'admin' | 'field' | 'none'>,
  })
  .map(({ townships, villages, grids, departments, names, days, login }) => {
    const name = (index: number) => names[index % names.length];
    const structure: Structure = {
      grids: [{ code: 'C', name: name(0), level: 'county', parentCode: null }],
      departments: [],
      staff: [],
      categories: [],
    };
    let phone = 13900000000;
    for (let t = 0; t < townships; t++) {
      structure.grids.push({ code: `T${t}`, name: name(t), level: 'township', parentCode: 'C' });
      for (let v = 0; v < villages; v++) {
        structure.grids.push({
          code: `T${t}-V${v}`,
          name: name(v),
          level: 'village',
          parentCode: `T${t}`,
        });
        for (let g = 0; g < grids; g++) {
          const code = `T${t}-V${v}-G${g}`;
          structure.grids.push({
            code,
            name: name(g + 1),
            level: 'grid',
            parentCode: `T${t}-V${v}`,
          });
          phone++;
          structure.staff.push({
            phone: String(phone),
            name: name(g),
            role: 'grid-member',
            gridCode: code,
            departmentCode: null,
            email: login === 'none' ? null : `p${phone}@example.com`,
            login,
          });
        }
      }
    }
    for (let d = 0; d < departments; d++) {
      structure.departments.push({
        code: `D${d}`,
        name: name(d),
        kind: 'county-department',
        contactEmail: null,
      });
      structure.categories.push({
        code: `0${d}`,
        name: name(d),
        parentCode: d === 0 ? null : '00',
        defaultLevel: d % 2 === 0 ? 'county' : 'grid',
        defaultDepartmentCode: d % 2 === 0 ? `D${d}` : null,
        gridDays: days[0],
        townshipDays: days[1],
        countyDays: days[2],
        urgentHours: null,
        warningOffsetHours: 8,
        // Set, unset and zero per level, so the round trip covers each.
        gridWarningOffsetHours: d % 3 === 0 ? null : d,
        townshipWarningOffsetHours: d % 2 === 0 ? 0 : null,
        countyWarningOffsetHours: d % 3 === 1 ? 16 : null,
      });
    }
    return structure;
  });

describe('properties', () => {
  it('export → import is a no-op: every exported record reads back unchanged', () => {
    fc.assert(
      fc.property(structureArbitrary, (structure) => {
        const check = checkStructure(sheetsOf(structure), currentOf(structure));
        expect(check.problems).toEqual([]);
        for (const kind of STRUCTURE_KINDS) {
          expect(check.summary[kind]).toMatchObject({ created: 0, updated: 0, missing: 0 });
        }
      })
    );
  });

  it('importing twice changes nothing the second time (idempotent by key)', () => {
    fc.assert(
      fc.property(structureArbitrary, (structure) => {
        const first = checkStructure(sheetsOf(structure), emptyCurrent());
        expect(first.problems).toEqual([]);
        // "Apply" the first import: the records it creates are the current ones.
        const applied = currentOf({
          grids: first.sheets.grids!.map((entry) => entry.record),
          departments: first.sheets.departments!.map((entry) => entry.record),
          staff: first.sheets.staff!.map((entry) => entry.record),
          categories: first.sheets.categories!.map((entry) => entry.record),
        });
        const second = checkStructure(sheetsOf(structure), applied);
        for (const kind of STRUCTURE_KINDS) {
          expect(second.summary[kind]).toMatchObject({ created: 0, updated: 0 });
        }
      })
    );
  });
});
