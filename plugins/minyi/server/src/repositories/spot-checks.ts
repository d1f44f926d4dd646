import type { Core } from '@strapi/strapi';
import type { SpotCheckState } from '../../../shared/spot-check';
import type { SampleEntry } from '../domain/spot-check-callback';
import type { SamplingRule } from '../domain/spot-check-sample';
import type { ItemStatus } from '../domain/vocabulary';
import { columnOf, linkOf, tableOf } from './metadata';
import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];

/** A month's spot-check as stored (a type, not an interface: readers take it as a record). */
export type StoredSpotCheck = {
  id: number;
  documentId: string;
  period: string;
  seed: string;
  state: SpotCheckState;
  sample: SampleEntry[] | null;
  samplingRule: SamplingRule | null;
  results: Record<string, unknown> | null;
  sampledAt: string | null;
  completedAt: string | null;
};

/** What a drawn sample is stored with. */
export interface NewSpotCheck {
  period: string;
  seed: string;
  samplingRule: SamplingRule;
  sample: SampleEntry[];
  state: SpotCheckState;
  sampledAt: Date;
  completedAt: Date | null;
  results: Record<string, unknown>;
  /** The sampled items' document ids. */
  items: string[];
}

/** An item a month's sample may draw: its grid path and its lead department's code. */
export interface SampleCandidateRow {
  documentId: string;
  trackingCode: string;
  gridPath: string | null;
  department: string | null;
}

// SQLite keeps JSON as text, PostgreSQL hands it back parsed.
function jsonOf<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * Monthly spot-checks (月抽查): created through the Document Service (the owned-fields guard and
 * the items relation), read through the Query Engine, and the sample's verdicts written with
 * UPDATEs guarded on the state read before, inside the caller's transaction.
 */
export function spotChecksRepository(strapi: Core.Strapi) {
  const uid = UID.spotCheck;
  const query = () => strapi.db.query(uid);
  const table = () => tableOf(strapi, uid);
  const column = (attribute: string) => columnOf(strapi, uid, attribute);

  return {
    uid,

    /** The spot-check with its sample, verdicts and results; null when there is none. */
    async find(documentId: string): Promise<StoredSpotCheck | null> {
      return (await query().findOne({ where: { documentId } })) as StoredSpotCheck | null;
    },

    /** The period's spot-check, if one was drawn. */
    async ofPeriod(
      period: string
    ): Promise<Pick<StoredSpotCheck, 'documentId' | 'seed' | 'state' | 'sample'> | null> {
      return (await query().findOne({
        where: { period },
        select: ['documentId', 'seed', 'state', 'sample'],
      })) as Pick<StoredSpotCheck, 'documentId' | 'seed' | 'state' | 'sample'> | null;
    },

    /** The latest months, newest first. */
    async recent(limit: number): Promise<StoredSpotCheck[]> {
      return (await query().findMany({
        select: ['documentId', 'period', 'state', 'sample', 'sampledAt', 'completedAt'],
        orderBy: { period: 'desc' },
        limit,
      })) as StoredSpotCheck[];
    },

    /** Stores a drawn sample. The caller wraps the write as the plugin's own (owned fields). */
    async create(spotCheck: NewSpotCheck): Promise<{ documentId: string }> {
      return strapi.documents(uid).create({ data: { ...spotCheck } });
    },

    /** The sample and state as stored now, read through the caller's transaction. */
    async sampleOf(
      trx: Connection,
      id: number
    ): Promise<{ sample: SampleEntry[]; state: SpotCheckState }> {
      const row: { sample: unknown; state: SpotCheckState } = await trx(table())
        .where('id', id)
        .first(`${column('sample')} as sample`, `${column('state')} as state`);
      return { sample: jsonOf<SampleEntry[]>(row.sample) ?? [], state: row.state };
    },

    /**
     * Stores the sample with a new verdict or attempt and moves the check to reviewing, guarded
     * on the state read (and never a completed one): false when someone changed it in between.
     */
    async storeSample(
      trx: Connection,
      id: number,
      from: SpotCheckState,
      sample: readonly SampleEntry[],
      now: Date
    ): Promise<boolean> {
      const state = column('state');
      const moved = await trx(table())
        .where({ id, [state]: from })
        .whereNot(state, 'completed')
        .update({
          [column('sample')]: JSON.stringify(sample),
          [state]: 'reviewing',
          [column('updatedAt')]: now,
        });
      return moved === 1;
    },

    /** from → completed, guarded on `from`: false when another call completed it first. */
    async complete(trx: Connection, id: number, from: SpotCheckState, now: Date): Promise<boolean> {
      const state = column('state');
      const moved = await trx(table())
        .where({ id, [state]: from })
        .update({ [state]: 'completed', [column('completedAt')]: now, [column('updatedAt')]: now });
      return moved === 1;
    },

    /** Adds `results` to the stored results (the sampling's candidates and strata stay). */
    async mergeResults(
      trx: Connection,
      documentId: string,
      results: Record<string, unknown>
    ): Promise<void> {
      const results_ = column('results');
      const where = { [column('documentId')]: documentId };
      const previous: { results: unknown } | undefined = await trx(table())
        .where(where)
        .first(`${results_} as results`);
      const before = jsonOf<Record<string, unknown>>(previous?.results) ?? {};
      await trx(table())
        .where(where)
        .update({ [results_]: JSON.stringify({ ...before, ...results }) });
    },

    /**
     * Items in `statuses` resolved in [start, end) with a tracking code, with their grid path and
     * lead department's code: what a month's sample is drawn from.
     */
    async candidates(
      bounds: { start: Date; end: Date },
      statuses: readonly ItemStatus[]
    ): Promise<SampleCandidateRow[]> {
      const items = tableOf(strapi, UID.item);
      const item = (attribute: string) => `i.${columnOf(strapi, UID.item, attribute)}`;
      const lead = linkOf(strapi, UID.item, 'leadDepartment');
      const rows: Array<{
        document_id: string;
        tracking_code: string;
        grid_path: string | null;
        department: string | null;
      }> = await strapi.db
        .connection(`${items} as i`)
        .leftJoin(`${lead.name} as l`, `l.${lead.ownerColumn}`, 'i.id')
        .leftJoin(`${tableOf(strapi, UID.department)} as d`, 'd.id', `l.${lead.targetColumn}`)
        .whereIn(item('state'), [...statuses])
        .where(item('resolvedAt'), '>=', bounds.start)
        .where(item('resolvedAt'), '<', bounds.end)
        .whereNotNull(item('trackingCode'))
        .select(
          `${item('documentId')} as document_id`,
          `${item('trackingCode')} as tracking_code`,
          `${item('gridPath')} as grid_path`,
          `d.${columnOf(strapi, UID.department, 'code')} as department`
        );
      return rows.map((row) => ({
        documentId: row.document_id,
        trackingCode: row.tracking_code,
        gridPath: row.grid_path,
        department: row.department ?? null,
      }));
    },
  };
}

export type SpotChecksRepository = ReturnType<typeof spotChecksRepository>;
