import { factories } from '@strapi/strapi';

// The history is append-only: the API may read it, never write, change or delete it.
export default factories.createCoreRouter('api::item-event.item-event', {
  only: ['find', 'findOne'],
});
