import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseAttributeDefinitions } from '../../domain/open311/attributes';

const CATEGORY = 'api::category.category';

/**
 * A category's Open311 attributes (附加信息项) are JSON typed by hand in the content manager: a
 * definition the spec cannot express (a list without values, a repeated code, an unknown datatype)
 * is refused when saved, field by field, rather than published half-broken.
 */
export function registerOpen311AttributeGuard(strapi: Core.Strapi): void {
  const middleware = async (
    ctx: { uid: string; action: string; params?: { data?: Record<string, unknown> } },
    next: () => Promise<unknown>
  ) => {
    const data = ctx.params?.data;
    if (
      ctx.uid === CATEGORY &&
      (ctx.action === 'create' || ctx.action === 'update') &&
      data &&
      data.open311Attributes !== undefined
    ) {
      const parsed = parseAttributeDefinitions(data.open311Attributes);
      if (!parsed.ok)
        throw new errors.ValidationError(
          `Open311 附加信息项有误 / invalid Open311 attributes: ${parsed.message}`,
          {
            errors: [
              {
                path: ['open311Attributes'],
                message: parsed.message,
                name: 'ValidationError',
              },
            ],
          }
        );
    }
    return next();
  };
  strapi.documents.use(middleware as Parameters<typeof strapi.documents.use>[0]);
}
