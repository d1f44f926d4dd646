import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::spot-check.spot-check');
