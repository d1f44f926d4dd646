import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Core } from '@strapi/strapi';
import {
  cellDeltas,
  planCellsRefresh,
  localMonthNumberer,
  memberOf,
  type CellMember,
  type DashboardFacet,
  type MonthRange,
} from '../../domain/dashboard-cells';
import {
  dashboardCellsRepository,
  type CellSum,
  type StoredCellsBuild,
} from '../../repositories/dashboard-cells';
import { toDate } from '../../repositories/sql-rows';
import { minyiConfig } from '../../plugin';

export type { CellSum };

type Knex = Core.Strapi['db']['connection'];

export interface DashboardCellsRefreshSummary {
  /**
   * full: a build from all items completed in this call; building: a build is under way (advanced
   * by this call when `steps` > 0, else held by another instance or call); cells: the changed items
   * folded in; none: nothing marked.
   */
  mode: 'full' | 'building' | 'cells' | 'none';
  /** Items whose members were (re)computed: the counted items read by the build's steps, or the changed ones. */
  items: number;
  /** Cells changed (cells mode) or written (full, building: by this call's steps). */
  cells: number;
  /** Build transactions this call ran (the start and each chunk). */
  steps: number;
  /** While building: the smallest item id not read yet. */
  nextId?: number;
  ms: number;
}

export interface DashboardCellsRefreshOptions {
  /** Build from all items even when the cells are up to date (a build under way is continued). */
  full?: boolean;
  /** Item ids per build step (one transaction each); default 5,000. */
  batch?: number;
  /** At most this many build transactions in this call (default: until built). */
  steps?: number;
}

/** Item ids read per build step, each its own transaction. */
const BUILD_BATCH = 5_000;
/** Ids per IN list. */
const CHUNK = 1_000;

type StepResult =
  | { kind: 'done'; mode: 'cells' | 'none' | 'building'; items: number; cells: number }
  | { kind: 'built' | 'advanced'; items: number; cells: number; nextId?: number }
  | { kind: 'must-build' };

/**
 * The dashboard's pre-aggregated cells (domain/dashboard-cells.ts): `refresh` folds the items the
 * triggers marked as changed into them — for each, what its member row says it added is
 * subtracted and what it adds now is added, in one transaction, so the cells always equal a
 * recount of the items they were refreshed at. The `stats-refresh` job runs it every minute
 * with the public stats' day cells; a cold dashboard answer runs `prepare` first.
 *
 * Building them from all items (first start, another zone, a full build asked, too many changes)
 * runs in chunks of item ids, each its own short transaction, recorded in a build row
 * (minyi_dashboard_build) so that one builder works at a time across instances and calls, and an
 * abandoned build is resumed from its cursor (planCellsRefresh). Why every item ends up counted
 * exactly once whatever is written between the steps:
 *
 * - each step, under the table lock, reads one snapshot (REPEATABLE READ on PostgreSQL; SQLite has
 *   one writer): the items with next ≤ id < next + batch and the marks of those ids. A writer's
 *   change and its mark commit together (the triggers run in its transaction), so the marks the
 *   step removes are exactly the changes already in the rows it read; later marks stay;
 * - an item of a range not read yet, inserted, changed or deleted before its step: its step reads
 *   it as it is then (or not at all) and removes its marks — counted once, as it is;
 * - an item of a range already read, changed, deleted or inserted after that step (or committed
 *   after its snapshot): its mark stays; marks are not folded while the build runs, and the first
 *   refresh after it subtracts the member the step wrote (none for a new item) and adds the item as
 *   it is then (none for a deleted one) — counted once, as it is;
 * - marks of ids in a gap the cursor skipped (no item in the snapshot) are removed with the range:
 *   such an item was deleted before the snapshot, and there is nothing of it to count;
 * - the last step is the one after which no item id ≥ the cursor exists in its snapshot; an item
 *   inserted later has a mark, folded in the same way. The start (clear marks, members, cells and
 *   the state row, write the build row) is one transaction too, so marks committed before it are
 *   of changes every step will read.
 */
const dashboardCells = ({ strapi }: { strapi: Core.Strapi }) => {
  const stored = dashboardCellsRepository(strapi);
  const zone = () => minyiConfig(strapi).timezone;
  /** This process's token in the build row. */
  const me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** The call of this process that is running the build's steps (one at a time). */
  let builder: symbol | null = null;
  /** A build started in the background by a dashboard answer. */
  let background: Promise<void> | null = null;
  /** Shutting down: a build stops after its current step (resumed from its cursor later). */
  let stopping = false;

  function membersOf(rows: Array<Record<string, unknown>>, monthOf: (at: Date) => number) {
    const members: CellMember[] = [];
    let last: number | null = null;
    for (const row of rows) {
      const itemId = Number(row.id);
      // A relation has one link row; should a second appear mid-transaction, the first counts.
      if (itemId === last) continue;
      last = itemId;
      const member = memberOf(
        {
          itemId,
          receivedAt: toDate(row.received_at),
          state: (row.state as string | null) ?? null,
          acceptedAt: toDate(row.accepted_at),
          resolvedAt: toDate(row.resolved_at),
          dueAt: toDate(row.due_at),
          satisfaction: (row.satisfaction as string | null) ?? null,
          escalationCount: row.escalation_count === null ? null : Number(row.escalation_count),
          channel: (row.channel as string | null) ?? null,
          gridPath: (row.grid_path as string | null) ?? null,
          departmentId: row.department_id === null ? null : Number(row.department_id),
          categoryId: row.category_id === null ? null : Number(row.category_id),
        },
        monthOf
      );
      if (member) members.push(member);
    }
    return members;
  }

  /** The first build transaction: everything cleared, the build row written, no item read yet. */
  async function startBuild(trx: Knex, now: Date): Promise<StepResult> {
    await stored.clear(trx);
    const first = await stored.firstIdFrom(trx, 0);
    await stored.writeBuild(trx, {
      zone: zone(),
      nextId: first ?? 0,
      owner: me,
      startedAt: now,
      heartbeatAt: now,
    });
    return { kind: 'advanced', items: 0, cells: 0, nextId: first ?? 0 };
  }

  /** One chunk: the items with next ≤ id < next + batch counted, their marks removed, the cursor moved. */
  async function buildStep(
    trx: Knex,
    build: StoredCellsBuild,
    batch: number,
    now: Date
  ): Promise<StepResult> {
    const from = build.nextId;
    // Skip a gap in the ids (there is no item between the cursor and the first id at or after it).
    const first = await stored.firstIdFrom(trx, from);
    const to = first === null ? from : first + batch;
    let counted = 0;
    let cellCount = 0;
    if (first !== null) {
      const members = membersOf(
        await stored.sourceRowsBetween(trx, first, to),
        localMonthNumberer(build.zone)
      );
      counted = members.length;
      await stored.insertMembers(trx, members);
      const deltas = cellDeltas([], members);
      cellCount = deltas.size;
      await stored.applyDeltas(trx, deltas.values());
    }
    // The marks of [from, to): their changes are in the rows just read (or the item is gone).
    await stored.deleteMarksBetween(trx, from, to);
    if (first === null || (await stored.firstIdFrom(trx, to)) === null) {
      await stored.removeBuild(trx);
      await stored.markBuilt(trx, build.zone, now);
      return { kind: 'built', items: counted, cells: cellCount };
    }
    await stored.advanceBuild(trx, { nextId: to, owner: me, heartbeatAt: now });
    return { kind: 'advanced', items: counted, cells: cellCount, nextId: to };
  }

  async function foldChanges(trx: Knex): Promise<StepResult> {
    // Exactly the marks this statement removes are applied; later ones stay for the next refresh.
    const ids = await stored.takeChanged(trx);
    const monthOf = localMonthNumberer(zone());
    const before: CellMember[] = [];
    const after: CellMember[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      before.push(...(await stored.membersOf(trx, chunk)));
      const fresh = membersOf(await stored.sourceRowsOf(trx, chunk), monthOf);
      after.push(...fresh);
      await stored.deleteMembers(trx, chunk);
      await stored.insertMembers(trx, fresh);
    }
    const deltas = cellDeltas(before, after);
    await stored.applyDeltas(trx, deltas.values());
    await stored.markRefreshed(trx, new Date());
    return { kind: 'done', mode: 'cells', items: ids.length, cells: deltas.size };
  }

  /**
   * One transaction: what to do is planned from what is read under the lock (planCellsRefresh),
   * then done — fold the marks in, or one build transaction (unless `mayBuild` is false: then
   * `must-build` is answered and nothing is written).
   */
  async function advance(
    call: symbol,
    options: DashboardCellsRefreshOptions,
    mayBuild: boolean
  ): Promise<StepResult> {
    return stored.transaction(async (trx) => {
      // One refresh at a time (PostgreSQL; SQLite has a single writer); readers are not blocked.
      // Taken before the transaction's first query, so its snapshot starts after the lock.
      await stored.lock(trx);
      // One after the other: a transaction is one connection.
      const state = await stored.state(trx);
      const build = await stored.build(trx);
      const pending = await stored.pendingItems(trx);
      const now = new Date();
      const plan = planCellsRefresh({
        zone: zone(),
        state: state ?? null,
        build: build ?? null,
        pendingMarks: pending,
        full: options.full === true,
        me,
        otherCallBuilding: builder !== null && builder !== call,
        now,
      });
      if (plan === 'none') return { kind: 'done', mode: 'none', items: 0, cells: 0 };
      if (plan === 'incremental') return foldChanges(trx);
      if (plan === 'wait') return { kind: 'done', mode: 'building', items: 0, cells: 0 };
      if (!mayBuild) return { kind: 'must-build' };
      builder = call;
      if (plan === 'start' || !build) return startBuild(trx, now);
      return buildStep(trx, build, options.batch ?? BUILD_BATCH, now);
    });
  }

  async function refresh(
    options: DashboardCellsRefreshOptions = {}
  ): Promise<DashboardCellsRefreshSummary> {
    const started = process.hrtime.bigint();
    const call = Symbol('refresh');
    const limit = options.steps ?? Number.POSITIVE_INFINITY;
    const summary: Omit<DashboardCellsRefreshSummary, 'ms'> = {
      mode: 'none',
      items: 0,
      cells: 0,
      steps: 0,
    };
    try {
      // A full build is asked once: the steps after its start continue it.
      let full = options.full === true;
      for (;;) {
        if (summary.steps >= limit || (stopping && summary.steps > 0)) {
          summary.mode = 'building';
          break;
        }
        const step = await advance(call, { ...options, full }, true);
        if (step.kind === 'must-build') throw new Error('unreachable: a build may run here');
        summary.items += step.items;
        summary.cells += step.cells;
        if (step.kind === 'done') {
          summary.mode = step.mode;
          break;
        }
        summary.steps += 1;
        full = false;
        if (step.kind === 'built') {
          summary.mode = 'full';
          delete summary.nextId;
          break;
        }
        summary.nextId = step.nextId;
      }
    } finally {
      if (builder === call) builder = null;
    }
    return { ...summary, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 };
  }

  function buildInBackground(): void {
    if (background) return;
    background = refresh()
      .then(
        (summary) => {
          strapi.log.info(
            `[minyi] dashboard cells: ${summary.mode} in ${summary.ms} ms (${summary.items} items, ${summary.steps} steps)`
          );
        },
        (error: unknown) => {
          strapi.log.error(
            `[minyi] dashboard cells: the background build failed (resumed by the next refresh): ${error instanceof Error ? error.message : String(error)}`
          );
        }
      )
      .finally(() => {
        background = null;
      });
  }

  return {
    /**
     * Brings the cells up to date with every committed item change: the marks folded in (one
     * transaction), or a build from all items run step by step (each its own transaction) until
     * built or `steps` ran; answers `building` without touching anything while another instance
     * or call builds.
     */
    refresh,

    /**
     * Before a dashboard answer: folds the marks in and answers true when the cells serve; when
     * they must be built (or are being built) answers false at once — the build runs in the
     * background in this process unless someone else holds it — and the caller counts from the
     * items meanwhile.
     */
    async prepare(): Promise<boolean> {
      const step = await advance(Symbol('prepare'), {}, false);
      if (step.kind === 'done' && step.mode !== 'building') return true;
      if (step.kind === 'must-build') buildInBackground();
      return false;
    },

    /** The background build started by `prepare`, if one runs (tests wait for it). */
    backgroundBuild(): Promise<void> | null {
      return background;
    },

    /** At shutdown: a build under way here stops after its current step; waits for that step. */
    async stop(): Promise<void> {
      stopping = true;
      await background;
    },

    /**
     * The sums of one facet's cells over a month range (and one township, when given), grouped by
     * township, unit key or month. Call `refresh` first.
     */
    async sums(
      facet: DashboardFacet,
      range: MonthRange,
      township: string | null,
      groupBy: 'township' | 'unit_key' | 'month'
    ): Promise<CellSum[]> {
      return stored.sums(facet, range, township, groupBy);
    },

    /** The cells as stored, in key order (tests compare them with a rebuild). */
    async cells(): Promise<Array<Record<string, unknown>>> {
      const rows = await stored.cells();
      return rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            ['township', 'facet', 'unit_key'].includes(k) ? v : Number(v),
          ])
        )
      );
    },
  };
};

export type DashboardCellsService = ReturnType<typeof dashboardCells>;
export default dashboardCells;
