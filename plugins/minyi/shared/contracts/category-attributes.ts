/**
 * GET/PUT /minyi/categories/:documentId/open311-attributes: a category's Open311 attributes as
 * the admin's editor reads and sends them (the spec's service-definition shape).
 */
export type CategoryAttributeDatatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface CategoryAttribute {
  variable: boolean;
  code: string;
  datatype: CategoryAttributeDatatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: Array<{ key: string; name: string }>;
}

export interface CategoryAttributesResponse {
  data: {
    documentId: string;
    name: string;
    code: string;
    /** The Open311 service code; null: the category is not published as a service. */
    serviceCode: string | null;
    attributes: CategoryAttribute[];
    /** What is wrong with a hand-typed stored value (then `attributes` is empty), else null. */
    storedInvalid: string | null;
  };
}

/** The body of the PUT: the whole list, in the order it is to be asked. */
export interface CategoryAttributesBody {
  attributes: Array<Omit<CategoryAttribute, 'order'> & { order?: number }>;
}
