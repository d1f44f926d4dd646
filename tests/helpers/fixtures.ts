import type { Core } from '@strapi/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import type { TypedDocuments } from './content-data';

type Documents = Core.Strapi['documents'];

/**
 * The Document Service for test fixtures. Fixtures put items, spot-checks and notices straight
 * into a state (an overdue item, a closed one …) as the seed does, so they write as one of the
 * plugin's own writers (services/owned-fields.ts `asPluginWriter`); without it the owned-fields
 * guard refuses them like any other writer. Use `app.strapi.documents` to test the guard itself.
 */
export function fixtureDocuments(strapi: Core.Strapi): TypedDocuments {
  const { asPluginWriter } = minyiService(strapi, 'owned-fields');
  const wrap = (uid: Parameters<Documents>[0]) => {
    const service = strapi.documents(uid) as unknown as Record<string, unknown>;
    return new Proxy(service, {
      get(target, key) {
        const value = target[key as string];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          asPluginWriter('test fixture', async () =>
            (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          );
      },
    });
  };
  return Object.assign(wrap, strapi.documents) as unknown as TypedDocuments;
}
