import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { RequestsQuery } from '../domain/open311/requests-query';
import type { ItemStatus } from '../domain/vocabulary';
import { itemsRepository } from './items';
import { columnOf } from './metadata';
import { UID } from './uids';

/** A request as the Open311 answer is built from: an item's public columns, its service and unit. */
export type ServiceRequestRow = Record<string, unknown>;

type SearchQuery = Extract<RequestsQuery, { kind: 'search' }>;

/**
 * Open311 service requests: the items filed under a published service (a category with a service
 * code), read with their owning unit and the grid they were reported at — only public columns (no
 * submitter, no street address), newest first.
 */
export function serviceRequestsRepository(strapi: Core.Strapi) {
  const serviceCode = () => `c.${columnOf(strapi, UID.category, 'open311ServiceCode')}`;

  function base(): Knex.QueryBuilder {
    return itemsRepository(strapi)
      .withOwningUnit({ category: 'inner', assignedGridRow: true })
      .leftJoin('items_grid_lnk as rl', 'rl.item_id', 'i.id')
      .leftJoin('grids as rg', 'rg.id', 'rl.grid_id')
      .whereNotNull(serviceCode())
      .select(
        'i.id',
        'i.tracking_code as trackingCode',
        'i.title',
        'i.state',
        'i.level',
        'i.channel',
        'i.latitude',
        'i.longitude',
        'i.received_at as receivedAt',
        'i.updated_at as updatedAt',
        'i.due_at as dueAt',
        'i.media_url as mediaUrl',
        `${serviceCode()} as serviceCode`,
        'c.name as serviceName',
        'd.name as departmentName',
        'ug.name as gridName',
        'rg.code as gridCode'
      );
  }

  const newestFirst = [
    { column: 'i.received_at', order: 'desc' },
    { column: 'i.id', order: 'desc' },
  ];

  return {
    /** The requests with these (normalised) tracking codes. */
    async byTrackingCodes(codes: readonly string[]): Promise<ServiceRequestRow[]> {
      return base()
        .whereIn('i.tracking_code', [...codes])
        .orderBy(newestFirst);
    },

    /** One page of a search; `states` the item states of the one status asked for, if any. */
    async search(
      query: SearchQuery,
      states: readonly ItemStatus[] | null
    ): Promise<ServiceRequestRow[]> {
      const builder = base();
      if (query.serviceCodes.length > 0) builder.whereIn(serviceCode(), [...query.serviceCodes]);
      if (states !== null) builder.whereIn('i.state', [...states]);
      if (query.requested.from) builder.where('i.received_at', '>=', query.requested.from);
      if (query.requested.to) builder.where('i.received_at', '<=', query.requested.to);
      if (query.updated.from) builder.where('i.updated_at', '>=', query.updated.from);
      if (query.updated.to) builder.where('i.updated_at', '<=', query.updated.to);
      return builder
        .orderBy(newestFirst)
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
    },
  };
}
