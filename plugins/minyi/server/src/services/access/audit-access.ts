import type { Core } from '@strapi/strapi';
import { type ItemScope } from '../../domain/access-scope';
import { pathCodes } from '../../domain/grid-path';
import {
  mayReadNotice,
  mayRespondToNotice,
  type NoticeAddressees,
  type NoticeCaller,
} from '../../domain/notice-access';
import { minyiService } from '../../plugin';
import { noticeAddressees } from '../../repositories/notice-addressees';
import { structureRepository } from '../../repositories/structure';
import type { AdminAccount } from './access-scope';

/** A spot-check row as the review page reads it (only the parts narrowed to a unit are typed). */
export interface SpotCheckRecord {
  sample?: Array<{ documentId: string; township: string | null; department: string | null }> | null;
  results?: {
    townships?: Record<string, unknown>;
    departments?: Record<string, unknown>;
    rectifications?: Array<{ unit: string; kind: 'township' | 'department' }>;
    strata?: Array<{ code: string; kind: 'township' | 'department' }>;
  } | null;
  [field: string]: unknown;
}

/**
 * Unit scope for the spot-check and notice routes, on top of their plugin permissions: the same
 * item rule the handling route uses (services/access-scope.ts, domain/access-scope.ts) for sampled
 * items, and domain/notice-access.ts for notices.
 */
const auditAccess = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => minyiService(strapi, 'access-scope');

  async function callerOf(user: AdminAccount): Promise<{ caller: NoticeCaller; scope: ItemScope }> {
    const { staff, scope } = await access().adminAccount(user);
    const superAdmin = (user.roles ?? []).some((role) => role.code === 'strapi-super-admin');
    const context = staff ? await access().unitContextOfAdmin(user.id) : null;
    return {
      scope,
      caller: {
        superAdmin,
        countyWide: scope.kind === 'county',
        unit:
          staff && context
            ? {
                gridId: staff.gridId,
                subtreeGridIds: context.subtreeGridIds,
                ancestorGridIds: context.ancestorGridIds,
                departmentId: staff.departmentId,
              }
            : null,
      },
    };
  }

  const addressees = (documentId: string): Promise<NoticeAddressees | null> =>
    noticeAddressees(strapi, documentId);

  /** The stratum codes of a unit scope: its township (top of its grid path) or its department. */
  async function stratumCodes(scope: ItemScope): Promise<Set<string>> {
    if (scope.kind === 'grid-subtree') {
      const township = pathCodes(scope.gridPath)[1];
      return new Set(township ? [township] : []);
    }
    if (scope.kind === 'department') {
      const code = await structureRepository(strapi).departmentCode(scope.departmentId);
      return new Set(code === null ? [] : [code]);
    }
    return new Set();
  }

  return {
    /** What the caller may do with a notice; null when there is no such notice. */
    async notice(
      user: AdminAccount,
      documentId: string
    ): Promise<{ read: boolean; respond: boolean } | null> {
      const target = await addressees(documentId);
      if (!target) return null;
      const { caller } = await callerOf(user);
      return { read: mayReadNotice(caller, target), respond: mayRespondToNotice(caller, target) };
    },

    /** The caller's item scope (for the review routes). */
    async scopeOf(user: AdminAccount): Promise<ItemScope> {
      return (await access().adminAccount(user)).scope;
    },

    /**
     * A spot-check as the caller may see it: county-wide accounts all of it; a unit's staff the
     * sampled items inside their unit (the handling route's rule) and their own unit's results.
     */
    async spotCheckView<T extends SpotCheckRecord>(user: AdminAccount, check: T): Promise<T> {
      const { scope } = await access().adminAccount(user);
      if (scope.kind === 'county') return check;
      const sample = [];
      for (const entry of check.sample ?? []) {
        if ((await access().itemInScope(scope, entry.documentId)) === true) sample.push(entry);
      }
      const codes = await stratumCodes(scope);
      const own = (record: Record<string, unknown> | undefined) =>
        Object.fromEntries(Object.entries(record ?? {}).filter(([code]) => codes.has(code)));
      const results = check.results
        ? {
            ...check.results,
            townships: own(check.results.townships),
            departments: own(check.results.departments),
            rectifications: (check.results.rectifications ?? []).filter((notice) =>
              codes.has(notice.unit)
            ),
            strata: (check.results.strata ?? []).filter((stratum) => codes.has(stratum.code)),
          }
        : check.results;
      return { ...check, sample, results };
    },
  };
};

export type AuditAccessService = ReturnType<typeof auditAccess>;
export default auditAccess;
