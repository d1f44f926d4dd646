import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::spot-check.spot-check');
