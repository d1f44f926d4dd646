import type { Core } from '@strapi/strapi';

/** Documented development defaults, so a newcomer can log in at once (README, .env.example). */
export const DEVELOPMENT_ADMIN = {
  email: 'admin@minyi.local',
  password: 'Minyi-Admin-2026',
};

interface AdminUserSettings {
  email?: string;
  password?: string;
  isProduction: boolean;
}

/** Which super admin to create on an empty admin, or why none. */
export function chooseFirstAdmin(
  settings: AdminUserSettings
):
  | { create: true; email: string; password: string; usingDefaults: boolean }
  | { create: false; reason: string } {
  const { email, password, isProduction } = settings;
  if (email && password) return { create: true, email, password, usingDefaults: false };
  if (isProduction) {
    return {
      create: false,
      reason: 'ADMIN_EMAIL and ADMIN_PASSWORD are not both set (production)',
    };
  }
  return {
    create: true,
    email: email || DEVELOPMENT_ADMIN.email,
    password: password || DEVELOPMENT_ADMIN.password,
    usingDefaults: true,
  };
}

/** Creates the first super admin when the admin has no user yet. */
export async function ensureFirstAdmin(strapi: Core.Strapi): Promise<void> {
  const userService = strapi.service('admin::user');
  if (await userService.exists()) return;

  const choice = chooseFirstAdmin({
    email: process.env.ADMIN_EMAIL,
    password: process.env.ADMIN_PASSWORD,
    isProduction: process.env.NODE_ENV === 'production',
  });
  if (!choice.create) {
    strapi.log.info(`[minyi] no super admin created: ${choice.reason}`);
    return;
  }

  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole)
    throw new Error('[minyi] the Super Admin role is missing; cannot create the first admin');

  await userService.create({
    email: choice.email.toLowerCase(),
    firstname: '系统',
    lastname: '管理员',
    password: choice.password,
    registrationToken: null,
    isActive: true,
    roles: [superAdminRole.id],
  });
  const source = choice.usingDefaults ? 'development defaults' : 'ADMIN_EMAIL / ADMIN_PASSWORD';
  strapi.log.info(
    `[minyi] super admin created from ${source}: ${choice.email}` +
      (choice.usingDefaults ? ` / ${choice.password} — change it before real use` : '')
  );
}
