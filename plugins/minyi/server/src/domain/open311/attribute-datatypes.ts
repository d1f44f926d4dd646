/**
 * The GeoReport v2 attribute datatypes and their Chinese labels, without imports: the server's
 * rules (attributes.ts, attribute-editor.ts) and the admin's editor read the same list.
 */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export const ATTRIBUTE_DATATYPE_LABELS_ZH: Readonly<Record<AttributeDatatype, string>> = {
  string: '短文本',
  number: '数字',
  datetime: '日期时间',
  text: '长文本',
  singlevaluelist: '单选列表',
  multivaluelist: '多选列表',
};

/** The datatypes that take a list of values (key and name). */
export const isListDatatype = (datatype: AttributeDatatype): boolean =>
  datatype === 'singlevaluelist' || datatype === 'multivaluelist';
