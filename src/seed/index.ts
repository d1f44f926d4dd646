import type { Core } from '@strapi/strapi';

/** DEMO_DATA defaults to true outside production, where a county loads its own structure. */
export function demoDataEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.DEMO_DATA ?? (env.NODE_ENV === 'production' ? 'false' : 'true');
  return ['true', '1', 'yes'].includes(value.toLowerCase());
}

export interface SeedResult {
  created: boolean;
  counts: Record<string, number>;
}

// TEMPORARY until the demo county generator lands in this folder (same session).
export async function seedDemoCounty(_strapi: Core.Strapi): Promise<SeedResult> {
  return { created: false, counts: {} };
}
