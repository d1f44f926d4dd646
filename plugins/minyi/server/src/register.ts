import type { Core } from '@strapi/strapi';

// Nothing to register before the content types load yet; jobs and RBAC conditions will live here.
const register = (_context: { strapi: Core.Strapi }) => {};

export default register;
