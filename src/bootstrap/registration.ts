import type { Core } from '@strapi/strapi';

/**
 * Public self-registration (`POST /api/auth/local/register`) is off unless
 * MINYI_PUBLIC_REGISTRATION=true. Staff get their accounts from an administrator and residents
 * need none; an open register endpoint handed anyone a confirmed account and a token. The setting
 * is applied at every start, so the environment — not a toggle in Settings → Users & Permissions
 * → Advanced settings that a restart would keep — decides.
 */
export function publicRegistrationEnabled(env: Readonly<Record<string, string | undefined>>) {
  return (env.MINYI_PUBLIC_REGISTRATION ?? '').trim().toLowerCase() === 'true';
}

export async function applyPublicRegistrationSetting(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get({})) ?? {}) as Record<string, unknown>;
  const allow = publicRegistrationEnabled(process.env);
  if (advanced.allow_register === allow) return;
  await store.set({ value: { ...advanced, allow_register: allow } });
  strapi.log.info(
    `[minyi] public self-registration ${allow ? 'on' : 'off'} (MINYI_PUBLIC_REGISTRATION)`
  );
}
