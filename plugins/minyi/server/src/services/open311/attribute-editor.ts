import type { Core } from '@strapi/strapi';
import type { CategoryAttributesResponse } from '../../../../shared/contracts';
import { parseAttributeEditor } from '../../domain/open311/attribute-editor';
import { parseAttributeDefinitions } from '../../domain/open311/attributes';
import { Refusal } from '../../refusal';
import {
  type CategoryAttributesRow,
  categoryAttributesRepository,
} from '../../repositories/category-attributes';

const NOT_FOUND = () =>
  new Refusal(404, 'NOT_FOUND', { zh: '事项分类不存在', en: 'No such category' });

/**
 * The admin's editor of a category's Open311 attributes (路灯编号, 是否影响出行 …): reads them as
 * the Open311 service definition will show them, and stores a form's list after the domain's
 * field-by-field check (domain/open311/attribute-editor.ts). The next services/{code} answer
 * carries the change: the catalog reads the category table on each request.
 */
const open311AttributeEditor = ({ strapi }: { strapi: Core.Strapi }) => {
  const categories = () => categoryAttributesRepository(strapi);

  function viewOf(row: CategoryAttributesRow): CategoryAttributesResponse['data'] {
    const parsed = parseAttributeDefinitions(row.attributes);
    return {
      documentId: row.documentId,
      name: row.name,
      code: row.code,
      serviceCode: row.serviceCode,
      attributes: parsed.ok ? [...parsed.attributes] : [],
      storedInvalid: parsed.ok ? null : parsed.message,
    };
  }

  return {
    async get(documentId: string): Promise<CategoryAttributesResponse['data']> {
      const row = await categories().find(documentId);
      if (!row) throw NOT_FOUND();
      return viewOf(row);
    },

    async update(documentId: string, body: unknown): Promise<CategoryAttributesResponse['data']> {
      const row = await categories().find(documentId);
      if (!row) throw NOT_FOUND();
      const parsed = parseAttributeEditor(body);
      if (!parsed.ok)
        throw new Refusal(
          400,
          'INVALID_INPUT',
          { zh: '附加信息项有误,请按提示修改', en: 'Invalid attributes' },
          parsed.problems
        );
      await categories().store(documentId, parsed.attributes);
      return viewOf({ ...row, attributes: parsed.attributes });
    },
  };
};

export type Open311AttributeEditorService = ReturnType<typeof open311AttributeEditor>;
export default open311AttributeEditor;
