import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { registerUnitRbac } from './rbac/conditions';
import { minyiService } from './plugin';
import { changesRelation } from './services/intake/item-identity';

interface LifecycleEvent {
  params: { data?: Record<string, unknown> };
  result?: { id: number };
  /** Shared by the before and after hook of one query (Strapi's lifecycle state per subscriber). */
  state?: { gridPathSet?: boolean };
}

/** A relation left empty in create data, in any of the shapes Strapi accepts. */
function isEmptyRelation(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'object' && value !== null && 'connect' in value) {
    const connect = (value as { connect?: unknown[] }).connect;
    return !Array.isArray(connect) || connect.length === 0;
  }
  if (typeof value === 'object' && value !== null && 'set' in value) {
    const set = (value as { set?: unknown[] }).set;
    return !Array.isArray(set) || set.length === 0;
  }
  return false;
}

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Unit conditions and the handling permission, for the roles the app creates (services/roles).
  await registerUnitRbac(strapi);
  const identity = minyiService(strapi, 'item-identity');
  const tree = minyiService(strapi, 'grid-tree');

  strapi.db.lifecycles.subscribe({
    models: ['api::item.item'],
    async beforeCreate(event: LifecycleEvent) {
      const data = (event.params.data ??= {});
      if (!data.trackingCode) data.trackingCode = identity.newTrackingCode();
      // The grid path in the same insert (one read of the grid) instead of a sync after it.
      const gridPath = await identity.gridPathForCreate(data);
      if (gridPath !== undefined) {
        data.gridPath = gridPath;
        event.state = { gridPathSet: true };
      }
      if (isEmptyRelation(data.firstResponder)) {
        const staffId = await minyiService(strapi, 'first-responder').currentStaffId();
        if (staffId !== null) data.firstResponder = staffId;
      }
    },
    beforeUpdate(event: LifecycleEvent) {
      // The first responder stays accountable to the end: set on creation, never changed.
      if (event.params.data) delete event.params.data.firstResponder;
    },
    async afterCreate(event: LifecycleEvent) {
      if (event.result && !event.state?.gridPathSet) await identity.syncGridPath(event.result.id);
    },
    async afterUpdate(event: LifecycleEvent) {
      // Only an update that changes the item's grid can change its path (a handling move never does).
      if (event.result && changesRelation(event.params.data?.grid))
        await identity.syncGridPath(event.result.id);
    },
  });

  strapi.db.lifecycles.subscribe({
    models: ['api::grid.grid'],
    async afterCreate(event: LifecycleEvent) {
      if (event.result) await tree.syncPath(event.result.id);
    },
    async afterUpdate(event: LifecycleEvent) {
      if (event.result) await tree.syncPath(event.result.id);
    },
  });

  // The item history is append-only (DESIGN §3): no route, admin screen or script may rewrite it.
  const appendOnly = () => {
    throw new errors.ApplicationError(
      '事项记录只能追加,不能修改或删除 / item events are append-only'
    );
  };
  strapi.db.lifecycles.subscribe({
    models: ['api::item-event.item-event'],
    beforeUpdate: appendOnly,
    beforeUpdateMany: appendOnly,
    beforeDelete: appendOnly,
    beforeDeleteMany: appendOnly,
  });
  // The settings-change log is append-only too: who changed what stays on record.
  const changeLogAppendOnly = () => {
    throw new errors.ApplicationError(
      '设置变更记录只能追加,不能修改或删除 / the settings-change log is append-only'
    );
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::minyi.settings-change'],
    beforeUpdate: changeLogAppendOnly,
    beforeUpdateMany: changeLogAppendOnly,
    beforeDelete: changeLogAppendOnly,
    beforeDeleteMany: changeLogAppendOnly,
  });

  // The settings stored in the database over the environment's defaults, applied before the
  // jobs are scheduled (their schedules and zone may be among them), then polled for changes.
  await minyiService(strapi, 'settings').start();

  // Cron for every registered job, when MINYI_JOBS_ENABLED (the CLI and the tests turn it off),
  // once the HTTP server listens: until then the app's own bootstrap (the demo county's seed) and
  // Strapi's start-up hold the event loop, and node-cron reported the slots they delayed as
  // "missed execution … blocking IO". A process that never listens (the CLI) schedules nothing.
  // A job registered later (another bootstrap) is scheduled as it registers.
  strapi.server.httpServer.once('listening', () => minyiService(strapi, 'jobs').start());
};

export default bootstrap;
