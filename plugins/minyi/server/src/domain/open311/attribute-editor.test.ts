import fc from 'fast-check';
import { parseAttributeEditor } from './attribute-editor';
import { ATTRIBUTE_DATATYPES, parseAttributeDefinitions } from './attributes';

const lamp = { code: 'lamp_no', datatype: 'string', description: '路灯编号', required: true };
const affects = {
  code: 'affects_traffic',
  datatype: 'singlevaluelist',
  description: '是否影响出行',
  values: [
    { key: 'yes', name: '是' },
    { key: 'no', name: '否' },
  ],
};

describe('parseAttributeEditor', () => {
  it('stores the rows in the order given, numbered 1, 2, … whatever order they carried', () => {
    const parsed = parseAttributeEditor({
      attributes: [
        { ...affects, order: 9 },
        { ...lamp, order: 1 },
      ],
    });
    expect(parsed).toMatchObject({
      ok: true,
      attributes: [
        { code: 'affects_traffic', order: 1, variable: true, required: false },
        { code: 'lamp_no', order: 2, required: true, values: [], datatype_description: null },
      ],
    });
  });

  it('answers every bad field of every row, by path, in Chinese', () => {
    const parsed = parseAttributeEditor({
      attributes: [
        { code: '路灯 编号', datatype: 'colour', description: '' },
        { code: 'x', datatype: 'string', description: 'ok', required: 'yes' },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byPath = Object.fromEntries(parsed.problems.map((p) => [p.path.join('.'), p.messageZh]));
    expect(byPath).toEqual({
      'attributes.0.code': '代码只能包含英文字母、数字和 _ . -',
      'attributes.0.datatype': '类型须为:短文本、数字、日期时间、长文本、单选列表、多选列表',
      'attributes.0.description': '问题(说明)不能为空',
      'attributes.1.required': '必填的类型不正确',
    });
  });

  it('refuses repeated codes, lists without options, options on other types, repeated keys', () => {
    const parsed = parseAttributeEditor({
      attributes: [
        lamp,
        { ...lamp, values: [{ key: 'a', name: 'A' }] },
        { ...affects, code: 'm', datatype: 'multivaluelist', values: [] },
        { ...affects, code: 's', values: [affects.values[0], affects.values[0]] },
      ],
    });
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.path.join('.'), p.messageZh])).toEqual([
      ['attributes.1.code', '代码"lamp_no"重复'],
      ['attributes.1.values', '只有单选列表和多选列表可以设置选项'],
      ['attributes.2.values', '多选列表至少需要一个选项'],
      ['attributes.3.values.1.key', '选项代码"yes"重复'],
    ]);
  });

  it('property: what the editor accepts is what the Open311 reader reads back, in the same order', () => {
    const row = fc.record({
      code: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
      datatype: fc.constantFrom(...ATTRIBUTE_DATATYPES),
      required: fc.boolean(),
      variable: fc.boolean(),
      description: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.code, maxLength: 8 }), (rows) => {
        const attributes = rows.map((r) => ({
          ...r,
          values: r.datatype.endsWith('valuelist') ? [{ key: 'k', name: '选项' }] : [],
        }));
        const parsed = parseAttributeEditor({ attributes });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const read = parseAttributeDefinitions(JSON.parse(JSON.stringify(parsed.attributes)));
        expect(read.ok && read.attributes.map((a) => a.code)).toEqual(rows.map((r) => r.code));
      })
    );
  });
});
