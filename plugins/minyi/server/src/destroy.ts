import type { Core } from '@strapi/strapi';

// Cron tasks and SMTP pools will be stopped here so that tests and restarts leave no open handles.
const destroy = (_context: { strapi: Core.Strapi }) => {};

export default destroy;
