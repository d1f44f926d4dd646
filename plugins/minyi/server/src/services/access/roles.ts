import type { Core } from '@strapi/strapi';
import { ensureMinyiRoles } from '../../rbac/roles';

/**
 * The county's starting roles. The app calls `ensure()` from its own bootstrap, which runs after
 * the admin panel's: creating roles earlier would stop Strapi from creating its default ones.
 */
const roles = ({ strapi }: { strapi: Core.Strapi }) => ({
  ensure: () => ensureMinyiRoles(strapi),
});

export default roles;
