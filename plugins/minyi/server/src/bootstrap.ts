import type { Core } from '@strapi/strapi';
import { jobsService } from './services/jobs';

interface LifecycleEvent {
  params: { data?: Record<string, unknown> };
  result?: { id: number };
}

const bootstrap = ({ strapi }: { strapi: Core.Strapi }) => {
  const identity = strapi.plugin('minyi').service('item-identity');
  const tree = strapi.plugin('minyi').service('grid-tree');

  strapi.db.lifecycles.subscribe({
    models: ['api::item.item'],
    beforeCreate(event: LifecycleEvent) {
      const data = (event.params.data ??= {});
      if (!data.trackingCode) data.trackingCode = identity.newTrackingCode();
    },
    async afterCreate(event: LifecycleEvent) {
      if (event.result) await identity.syncGridPath(event.result.id);
    },
    async afterUpdate(event: LifecycleEvent) {
      if (event.result) await identity.syncGridPath(event.result.id);
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

  // Cron for every registered job, when MINYI_JOBS_ENABLED (the CLI and the tests turn it off).
  // A job registered later (another bootstrap) is scheduled as it registers.
  jobsService(strapi).start();
};

export default bootstrap;
