import type { Core } from '@strapi/strapi';
import {
  type AttributeDefinition,
  parseAttributeDefinitions,
} from '../../domain/open311/attributes';
import {
  type Open311Service,
  type Open311ServiceDefinition,
  type ServiceCategory,
  serviceDefinitionOf,
  serviceOf,
} from '../../domain/open311/mapping';
import { type CatalogCategoryRow, structureRepository } from '../../repositories/structure';

/** A published category as the intake needs it: the service, and the category it files under. */
export interface Open311ServiceEntry extends ServiceCategory {
  readonly categoryId: number;
  readonly categoryCode: string;
  readonly attributes: readonly AttributeDefinition[];
}

type CategoryRow = CatalogCategoryRow;

/**
 * The Open311 services: the categories with a service code (事项分类 → Open311 服务代码), their
 * group (the root of the category tree) and their attributes. The category table is small, so
 * one statement reads it whole and the tree is walked in memory.
 */
const open311Catalog = ({ strapi }: { strapi: Core.Strapi }) => {
  async function entries(serviceCode?: string): Promise<Open311ServiceEntry[]> {
    const rows = await structureRepository(strapi).catalogCategories();
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    const rootOf = (row: CategoryRow): CategoryRow => {
      let current = row;
      for (let depth = 0; depth < 20 && current.parentId !== null; depth++) {
        const parent = byId.get(Number(current.parentId));
        if (!parent) break;
        current = parent;
      }
      return current;
    };
    return rows
      .filter((row): row is CategoryRow & { serviceCode: string } =>
        serviceCode === undefined ? Boolean(row.serviceCode) : row.serviceCode === serviceCode
      )
      .map((row) => {
        const parsed = parseAttributeDefinitions(row.attributes);
        if (!parsed.ok)
          strapi.log.warn(
            `[minyi] category ${row.code}: its Open311 attributes are not valid (${parsed.message}); the service is published without them`
          );
        const root = rootOf(row);
        return {
          categoryId: Number(row.id),
          categoryCode: row.code,
          serviceCode: row.serviceCode,
          name: row.name,
          description: row.description,
          keywords: row.keywords,
          group: root.name,
          attributes: parsed.ok ? parsed.attributes : [],
        };
      })
      .sort((a, b) => a.serviceCode.localeCompare(b.serviceCode));
  }

  return {
    async services(): Promise<Open311Service[]> {
      return (await entries()).map(serviceOf);
    },

    /** null for a code no category publishes. */
    async entry(serviceCode: string): Promise<Open311ServiceEntry | null> {
      return (await entries(serviceCode))[0] ?? null;
    },

    async definition(serviceCode: string): Promise<Open311ServiceDefinition | null> {
      const entry = (await entries(serviceCode))[0];
      return entry ? serviceDefinitionOf(entry) : null;
    },
  };
};

export default open311Catalog;
