import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::spot-check.spot-check');
