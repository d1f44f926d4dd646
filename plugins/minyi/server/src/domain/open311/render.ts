import { XMLBuilder } from 'fast-xml-parser';
import type { Open311Request, Open311Service, Open311ServiceDefinition } from './mapping';

/**
 * GeoReport v2 answers in its two formats. JSON: lists are arrays, the discovery and a service
 * definition objects. XML: the spec's element names, a declaration, no namespace, empty elements
 * for absent values; built with fast-xml-parser (which escapes text), never by string joining.
 */
export type Open311Format = 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface Open311Discovery {
  readonly changeset: string;
  readonly contact: string;
  readonly key_service: string;
  readonly endpoints: ReadonlyArray<{
    readonly specification: string;
    readonly url: string;
    readonly changeset: string;
    readonly type: 'production' | 'test';
    readonly formats: readonly string[];
  }>;
}

export interface Open311Receipt {
  readonly service_request_id?: string;
  readonly token?: string;
  readonly service_notice: string;
  readonly account_id: string | null;
}

export interface Open311TokenAnswer {
  readonly token: string;
  readonly service_request_id: string;
}

export interface Open311ErrorEntry {
  readonly code: number;
  readonly description: string;
}

/** Every answer by kind, with the value its JSON form is. */
export type Open311Answer =
  | { readonly kind: 'discovery'; readonly value: Open311Discovery }
  | { readonly kind: 'services'; readonly value: readonly Open311Service[] }
  | { readonly kind: 'service_definition'; readonly value: Open311ServiceDefinition }
  | { readonly kind: 'requests'; readonly value: readonly Open311Request[] }
  | { readonly kind: 'receipt'; readonly value: readonly Open311Receipt[] }
  | { readonly kind: 'tokens'; readonly value: readonly Open311TokenAnswer[] }
  | { readonly kind: 'errors'; readonly value: readonly Open311ErrorEntry[] };

const builder = new XMLBuilder({
  format: false,
  ignoreAttributes: false,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

type XmlTree = Record<string, unknown>;

/** A list under its wrapper: `<services><service/>…</services>`, or an empty `<services/>`. */
const list = (items: readonly unknown[], element: string): unknown =>
  items.length === 0 ? '' : { [element]: items };

function xmlTreeOf(answer: Open311Answer): XmlTree {
  switch (answer.kind) {
    case 'discovery': {
      const { endpoints, ...rest } = answer.value;
      return {
        discovery: {
          ...rest,
          endpoints: list(
            endpoints.map(({ formats, ...endpoint }) => ({
              ...endpoint,
              formats: list(formats, 'format'),
            })),
            'endpoint'
          ),
        },
      };
    }
    case 'services':
      return { services: list(answer.value, 'service') };
    case 'service_definition':
      return {
        service_definition: {
          service_code: answer.value.service_code,
          attributes: list(
            answer.value.attributes.map(({ values, ...attribute }) => ({
              ...attribute,
              values: list(values, 'value'),
            })),
            'attribute'
          ),
        },
      };
    case 'requests':
    case 'receipt':
    case 'tokens':
      return { service_requests: list(answer.value, 'request') };
    case 'errors':
      return { errors: list(answer.value, 'error') };
  }
}

/** null → an empty element; booleans and numbers as their text. */
function xmlValues(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlValues);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        // An absent key stays absent (a receipt has service_request_id or token, never both).
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, xmlValues(inner)])
    );
  return String(value);
}

export function renderOpen311(format: Open311Format, answer: Open311Answer): string {
  if (format === 'json') return JSON.stringify(answer.value);
  return builder.build({ ...DECLARATION, ...(xmlValues(xmlTreeOf(answer)) as XmlTree) }) as string;
}

/** The spec's error list: one entry, its code the HTTP status. */
export function errorAnswer(status: number, description: string): Open311Answer {
  return { kind: 'errors', value: [{ code: status, description }] };
}
