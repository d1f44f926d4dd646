import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  changedOwnedFields,
  CREATE_DEFAULTS,
  deletionRefusal,
  everOwnedFields,
  NOTICE_STATE_FIELDS,
  type OwnedUid,
  ownedFieldsOf,
  ownedFieldsRefusal,
} from '../../domain/owned-fields';
import { storedDocument } from '../../repositories/stored-documents';

/**
 * Enforces domain/owned-fields.ts on every path that writes content:
 * - a Document Service middleware (registered in register(), as Strapi's review-workflows does)
 *   covers REST, the content manager and any Document Service call from elsewhere;
 * - a route middleware on the content manager's create / update / clone routes sees the request
 *   before the content manager silently drops the fields a unit role may not edit, so that
 *   attempt is refused with a 400 too instead of answering 200 having changed nothing.
 * The plugin's own services write through `asPluginWriter`, an explicit bypass scoped to the
 * async call it wraps (AsyncLocalStorage): nothing else can switch it on.
 */

const pluginWriter = new AsyncLocalStorage<string>();

/** Runs `write` as one of the plugin's own writers (workflow, submission, spot-check, notices, seed). */
export function asPluginWriter<T>(writer: string, write: () => Promise<T>): Promise<T> {
  return pluginWriter.run(writer, write);
}

/** The plugin writer the current call runs as, if any. */
export function currentPluginWriter(): string | undefined {
  return pluginWriter.getStore();
}

const OWNED_UIDS: readonly OwnedUid[] = [
  'api::item.item',
  'api::spot-check.spot-check',
  'api::notice.notice',
];

export function isOwnedUid(uid: string): uid is OwnedUid {
  return (OWNED_UIDS as readonly string[]).includes(uid);
}

/** The stored values of the owned fields, with relations as `{ id, documentId }`. */
async function loadStored(
  strapi: Core.Strapi,
  uid: OwnedUid,
  documentId: string
): Promise<Record<string, unknown> | null> {
  const model = strapi.getModel(uid);
  const names = everOwnedFields(uid);
  const select = ['id', 'documentId', 'state'];
  const populate: Record<string, { select: string[] }> = {};
  for (const name of names) {
    const attribute = model.attributes[name] as { type: string } | undefined;
    if (!attribute) continue;
    if (attribute.type === 'relation' || attribute.type === 'media')
      populate[name] = { select: ['id', 'documentId'] };
    else select.push(name);
  }
  return storedDocument(strapi, uid, documentId, { select: [...new Set(select)], populate });
}

const ownedFields = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Throws a 400 naming the owned fields this write would change; a document that does not exist
   * is left to the caller's own 404.
   */
  async function assertNoOwnedChange(
    uid: OwnedUid,
    documentId: string | null,
    data: Record<string, unknown>
  ): Promise<void> {
    const stored =
      documentId === null ? { ...CREATE_DEFAULTS[uid] } : await loadStored(strapi, uid, documentId);
    if (stored === null) return;
    const fields = ownedFieldsOf(uid, documentId === null ? null : stored);
    const changed = changedOwnedFields(fields, data, stored);
    if (changed.length === 0) return;
    const refusal = ownedFieldsRefusal(uid, fields, changed);
    throw new errors.ValidationError(`${refusal.zh} / ${refusal.en}`, {
      code: refusal.code,
      fields: refusal.fields,
      errors: refusal.errors,
    });
  }

  const documentMiddleware = async (
    ctx: { uid: string; action: string; params: unknown },
    next: () => Promise<unknown>
  ) => {
    if (!isOwnedUid(ctx.uid) || currentPluginWriter() !== undefined) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    if (ctx.action === 'clone') {
      // A copy would be a second item (spot-check, notice) with a history it never had.
      throw new errors.ValidationError(
        '事项、抽查和通报不能复制 / items, spot-checks and notices cannot be cloned',
        { code: 'WORKFLOW_OWNED_FIELDS', fields: [], errors: [] }
      );
    }
    if (ctx.action === 'delete' && params.documentId) {
      const stored = await storedDocument(strapi, ctx.uid, params.documentId, {
        select: ['id', 'documentId', 'state'],
        populate: {},
      });
      // A document that does not exist is left to the caller's own 404.
      const refusal = stored === null ? null : deletionRefusal(ctx.uid, stored);
      if (refusal) {
        throw new errors.ValidationError(`${refusal.zh} / ${refusal.en}`, {
          code: refusal.code,
          fields: [],
          errors: [],
        });
      }
    }
    if (ctx.action === 'create' && params.data) {
      await assertNoOwnedChange(ctx.uid, null, params.data);
    }
    if (ctx.action === 'update' && params.data && params.documentId) {
      await assertNoOwnedChange(ctx.uid, params.documentId, params.data);
    }
    return next();
  };

  /** Koa route middleware for the content manager's write routes (runs after their policies). */
  const contentManagerRouteGuard = async (
    ctx: {
      params: { model?: string; id?: string };
      request: { body?: unknown };
    },
    next: () => Promise<unknown>
  ) => {
    const uid = ctx.params.model;
    const body = ctx.request.body;
    if (uid && isOwnedUid(uid) && typeof body === 'object' && body !== null) {
      await assertNoOwnedChange(uid, ctx.params.id ?? null, body as Record<string, unknown>);
    }
    return next();
  };

  return {
    asPluginWriter,
    assertNoOwnedChange,
    /**
     * The fields the content manager's edit view shows read-only. A notice's content only
     * freezes once issued, which a stored layout cannot express: its content stays editable in
     * the form (drafts) and the server refuses it on an issued notice.
     */
    readOnlyInEditView(uid: string): string[] {
      if (!isOwnedUid(uid)) return [];
      return uid === 'api::notice.notice' ? Object.keys(NOTICE_STATE_FIELDS) : everOwnedFields(uid);
    },
    /** Called from the plugin's register(). */
    register() {
      strapi.documents.use(documentMiddleware as Parameters<typeof strapi.documents.use>[0]);
      guardContentManagerRoutes(strapi, contentManagerRouteGuard);
    },
  };
};

interface RouteDefinition {
  method: string;
  path: string;
  handler: string;
  config?: { middlewares?: unknown[] };
}

const GUARDED_HANDLERS = [
  'collection-types.create',
  'collection-types.update',
  'collection-types.clone',
  'collection-types.autoClone',
];

/** Adds the guard to the content manager's write routes, before they are mounted. */
function guardContentManagerRoutes(strapi: Core.Strapi, guard: unknown): void {
  const routes = strapi.plugin('content-manager').routes as unknown as
    Record<string, { routes: RouteDefinition[] }> | RouteDefinition[];
  const all = Array.isArray(routes) ? routes : Object.values(routes).flatMap((r) => r.routes);
  let guarded = 0;
  for (const route of all) {
    if (!GUARDED_HANDLERS.includes(route.handler)) continue;
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), guard] };
    guarded += 1;
  }
  if (guarded < 3) {
    throw new Error(
      `[minyi] found ${guarded} content-manager write routes to guard; Strapi's routes changed`
    );
  }
}

export type OwnedFieldsService = ReturnType<typeof ownedFields>;
export default ownedFields;
