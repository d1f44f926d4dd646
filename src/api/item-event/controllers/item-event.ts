import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::item-event.item-event');
