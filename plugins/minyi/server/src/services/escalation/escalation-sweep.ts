import type { Core } from '@strapi/strapi';
import type { WorkingCalendar } from '../../domain/calendar';
import type { DefaultTimeLimits, EffectiveLimits } from '../../domain/deadlines';
import {
  sweepCandidateCondition,
  escalationStep,
  planSweep,
  type SweepPlan,
} from '../../domain/escalation';
import {
  notificationsFor,
  type QueuedNotification,
  type Recipient,
} from '../../domain/notifications';
import { ownerAtLevel } from '../../domain/routing';
import { LEVELS, type Level } from '../../domain/vocabulary';
import type { EventRow } from '../handling/change-log';
import { minyiService } from '../../plugin';

type Connection = Core.Strapi['db']['connection'];

/** Items handled per transaction: small enough for short locks, large enough to be cheap. */
const PAGE_SIZE = 500;
const SYSTEM_ACTOR = '系统(超期巡检)';

interface CandidateRow {
  id: number;
  document_id: string;
  status: string;
  level: Level;
  title: string;
  tracking_code: string;
  grid_path: string | null;
  due_at: Date | string | number;
  escalation_count: number | null;
  grid_days: number | null;
  township_days: number | null;
  county_days: number | null;
  urgent_hours: number | null;
  warning_offset_hours: number | null;
  category_name: string | null;
  address: string | null;
}

export interface SweepSummary {
  now: string;
  warned: number;
  escalated: number;
  flaggedOverdue: number;
}

/**
 * The escalation sweep (超期巡检): warnings, escalations and county overdue flags as set-based,
 * indexed statements whose cost follows the number of due items, not the size of the table.
 * Every statement re-checks its own condition, so a second sweep — or a second instance racing
 * this one — finds nothing left to do: each item is escalated, warned or flagged once.
 */
const escalationSweep = ({ strapi }: { strapi: Core.Strapi }) => {
  const activeItems = (trx: Connection, plan: SweepPlan) =>
    trx('items as i')
      .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .leftJoin('categories as c', 'c.id', 'cl.category_id')
      .whereIn('i.state', [...plan.activeStatuses])
      .whereNull('i.paused_at')
      .whereNotNull('i.due_at');

  /**
   * SQLite allows one writer. A transaction that reads first and writes later can find another
   * process already writing and fail at once ("database is locked") instead of waiting, so on SQLite
   * each page takes the write lock with its first statement (an update that changes nothing) and
   * the busy timeout then queues the instances. PostgreSQL's row locks need no such step.
   */
  async function takeWriteLockFirst(trx: Connection): Promise<void> {
    if (strapi.db.dialect.client === 'sqlite')
      await trx('items')
        .where(trx.raw('0 = 1'))
        .update({ id: trx.ref('id') });
  }

  /**
   * The re-checks in an UPDATE … WHERE id IN (…) guard against a racing instance; they must not steer
   * SQLite's planner away from the primary key onto the (state, due_at) range, which turned each
   * update into a scan of every overdue item. A unary plus keeps a column out of index selection.
   */
  const unindexed = () => (strapi.db.dialect.client === 'sqlite' ? '+' : '');

  const candidateColumns = [
    'i.id',
    'i.document_id',
    'i.state as status',
    'i.level',
    'i.title',
    'i.tracking_code',
    'i.grid_path',
    'i.due_at',
    'i.escalation_count',
    'c.grid_days',
    'c.township_days',
    'c.county_days',
    'c.urgent_hours',
    'c.warning_offset_hours',
    'c.name as category_name',
    'i.address',
  ];

  function limitsOf(row: CandidateRow): EffectiveLimits {
    return minyiService(strapi, 'calendar').limitsOf({
      gridDays: row.grid_days,
      townshipDays: row.township_days,
      countyDays: row.county_days,
      urgentHours: row.urgent_hours,
      warningOffsetHours: row.warning_offset_hours,
    });
  }

  function messageData(row: CandidateRow, extra: Record<string, unknown>): Record<string, unknown> {
    // What the handling unit's mail shows: where and what, never who reported it.
    return {
      title: row.title,
      trackingCode: row.tracking_code,
      level: row.level,
      categoryName: row.category_name,
      address: row.address,
      ...extra,
    };
  }

  async function gridIdsByCode(
    trx: Connection,
    codes: readonly string[]
  ): Promise<Map<string, number>> {
    if (codes.length === 0) return new Map();
    const rows: Array<{ id: number; code: string }> = await trx('grids')
      .whereIn('code', [...new Set(codes)])
      .select('id', 'code');
    return new Map(rows.map((row) => [row.code, Number(row.id)]));
  }

  /** Moves one page of overdue items below the county one level up. Returns how many moved. */
  async function escalatePage(plan: SweepPlan, calendar: WorkingCalendar): Promise<number> {
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      await takeWriteLockFirst(trx);
      // Oldest deadline first, through the partial index over exactly this condition: the page costs
      // what it returns, whatever the size of the table and whatever the planner's statistics.
      const rows: CandidateRow[] = await trx('items as i')
        .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
        .leftJoin('categories as c', 'c.id', 'cl.category_id')
        .whereRaw(sweepCandidateCondition(plan, 'escalate', 'i'))
        .where('i.due_at', '<', plan.escalate.dueBefore)
        .orderBy('i.due_at')
        .limit(PAGE_SIZE)
        .select(candidateColumns);
      if (rows.length === 0) return 0;

      // One update per (limits, level) group: all its items get the same new deadline.
      const groups = new Map<
        string,
        { level: Level; limits: EffectiveLimits; rows: CandidateRow[] }
      >();
      for (const row of rows) {
        const limits = limitsOf(row);
        const key = `${row.level}|${limits.gridDays}|${limits.townshipDays}|${limits.countyDays}|${limits.urgentHours}`;
        const group = groups.get(key) ?? { level: row.level, limits, rows: [] };
        group.rows.push(row);
        groups.set(key, group);
      }

      const moved: Array<{ row: CandidateRow; toLevel: Level; dueAt: Date; count: number }> = [];
      for (const group of groups.values()) {
        const step = escalationStep(calendar, group.limits, group.level, plan.now);
        if (step === null) continue;
        const ids = group.rows.map((row) => row.id);
        const updated: Array<{ id: number; escalation_count: number }> = await trx('items')
          .whereIn('id', ids)
          .whereRaw(
            `${unindexed()}?? = ? and ${unindexed()}?? in (${plan.activeStatuses.map(() => '?').join(', ')}) and ${unindexed()}?? < ?`,
            [
              'level',
              group.level,
              'state',
              ...plan.activeStatuses,
              'due_at',
              plan.escalate.dueBefore,
            ]
          )
          .whereNull('paused_at')
          .update(
            {
              state: 'escalated',
              level: step.toLevel,
              due_at: step.dueAt,
              escalation_count: trx.raw('coalesce(escalation_count, 0) + 1'),
              // A move like any other: a handling move decided before it no longer lands (workflow.ts).
              handling_version: trx.raw('coalesce(handling_version, 0) + 1'),
              warned_at: null,
              overdue_flagged_at: null,
              updated_at: plan.now,
            },
            ['id', 'escalation_count']
          );
        const countOf = new Map(
          updated.map((row) => [Number(row.id), Number(row.escalation_count)])
        );
        for (const row of group.rows) {
          const count = countOf.get(row.id);
          if (count !== undefined)
            moved.push({ row, toLevel: step.toLevel, dueAt: step.dueAt, count });
        }
      }
      if (moved.length === 0) return 0;

      // New owners: the grid-tree node of the new level above each item's grid.
      const ownerCode = new Map<number, string>();
      for (const { row, toLevel } of moved) {
        if (row.grid_path) ownerCode.set(row.id, ownerAtLevel(row.grid_path, toLevel).gridCode);
      }
      const gridIdOf = await gridIdsByCode(trx, [...ownerCode.values()]);
      const ownerGrid = new Map<number, number>();
      for (const [itemId, code] of ownerCode) {
        const gridId = gridIdOf.get(code);
        if (gridId !== undefined) ownerGrid.set(itemId, gridId);
      }
      const movedIds = moved.map(({ row }) => row.id);
      await trx('items_assigned_grid_lnk')
        .whereIn('item_id', [...ownerGrid.keys()])
        .delete();
      if (ownerGrid.size > 0) {
        await trx('items_assigned_grid_lnk').insert(
          [...ownerGrid].map(([itemId, gridId]) => ({ item_id: itemId, grid_id: gridId }))
        );
      }

      const events: EventRow[] = moved.map(({ row, toLevel }) => ({
        itemId: row.id,
        type: 'escalated',
        fromStatus: row.status,
        toStatus: 'escalated',
        fromLevel: row.level,
        toLevel,
        actorLabel: SYSTEM_ACTOR,
        note: '超过办理时限,自动上报上一级',
        at: plan.now,
      }));
      await minyiService(strapi, 'change-log').appendEvents(trx, events);

      const recipients = minyiService(strapi, 'recipients');
      const firstResponders: Map<number, Recipient[]> = await recipients.firstResponders(
        trx,
        movedIds
      );
      const ownersByLevel = new Map<Level, Map<number, Recipient[]>>();
      for (const level of new Set(moved.map((entry) => entry.toLevel))) {
        const gridIds = moved
          .filter((entry) => entry.toLevel === level)
          .map(({ row }) => ownerGrid.get(row.id))
          .filter(isNumber);
        ownersByLevel.set(level, await recipients.ownersOfGrids(trx, gridIds, level));
      }
      const coordinators: Recipient[] = moved.some((entry) => entry.toLevel === 'county')
        ? await recipients.countyCoordinators(trx)
        : [];
      const messages: QueuedNotification[] = moved.flatMap(({ row, toLevel, dueAt, count }) => {
        const gridId = ownerGrid.get(row.id);
        const owners = gridId === undefined ? [] : (ownersByLevel.get(toLevel)?.get(gridId) ?? []);
        return notificationsFor({
          template: 'escalated',
          itemDocumentId: row.document_id,
          occurrence: String(count),
          recipients: [
            ...owners,
            ...(toLevel === 'county' ? coordinators : []),
            ...(firstResponders.get(row.id) ?? []),
          ],
          data: messageData(row, { fromLevel: row.level, toLevel, dueAt: dueAt.toISOString() }),
        });
      });
      await minyiService(strapi, 'change-log').queue(trx, messages, plan.now);
      return moved.length;
    });
  }

  /** Flags one page of items overdue at county level, once per deadline. */
  async function flagPage(plan: SweepPlan): Promise<number> {
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      await takeWriteLockFirst(trx);
      // Like the escalation candidates: a partial index over exactly this condition. Closed county items
      // are never flagged, so an index over all unflagged county items walks through every one of them.
      const rows: CandidateRow[] = await trx('items as i')
        .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
        .leftJoin('categories as c', 'c.id', 'cl.category_id')
        .whereRaw(sweepCandidateCondition(plan, 'flag-overdue', 'i'))
        .where('i.due_at', '<', plan.flagOverdue.dueBefore)
        .orderBy('i.due_at')
        .limit(PAGE_SIZE)
        .select(candidateColumns);
      if (rows.length === 0) return 0;
      const updated: Array<{ id: number }> = await trx('items')
        .whereIn(
          'id',
          rows.map((row) => row.id)
        )
        .whereNull('overdue_flagged_at')
        .whereRaw(`${unindexed()}?? < ?`, ['due_at', plan.flagOverdue.dueBefore])
        .update({ overdue_flagged_at: plan.now, updated_at: plan.now }, ['id']);
      const flagged = new Set(updated.map((row) => Number(row.id)));
      const done = rows.filter((row) => flagged.has(row.id));
      if (done.length === 0) return 0;

      await minyiService(strapi, 'change-log').appendEvents(
        trx,
        done.map((row) => ({
          itemId: row.id,
          type: 'overdue-flagged',
          fromStatus: row.status,
          toStatus: row.status,
          fromLevel: row.level,
          toLevel: row.level,
          actorLabel: SYSTEM_ACTOR,
          note: '县级办理超期,提请领办领导关注并纳入通报',
          at: plan.now,
        }))
      );
      const recipients = minyiService(strapi, 'recipients');
      const leaders: Map<number, Recipient[]> = await recipients.leadLeaders(
        trx,
        done.map((row) => row.id)
      );
      const coordinators: Recipient[] = await recipients.countyCoordinators(trx);
      const messages = done.flatMap((row) =>
        notificationsFor({
          template: 'overdue',
          itemDocumentId: row.document_id,
          occurrence: new Date(row.due_at).toISOString(),
          recipients: [...(leaders.get(row.id) ?? []), ...coordinators],
          data: messageData(row, { dueAt: new Date(row.due_at).toISOString() }),
        })
      );
      await minyiService(strapi, 'change-log').queue(trx, messages, plan.now);
      return done.length;
    });
  }

  /** Warns one page of items nearing their deadline, for one warning offset. */
  async function warnPage(
    plan: SweepPlan,
    window: SweepPlan['warn'][number],
    defaults: DefaultTimeLimits
  ): Promise<number> {
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      await takeWriteLockFirst(trx);
      const query = activeItems(trx, plan)
        .whereIn('i.level', [...LEVELS])
        .whereNull('i.warned_at')
        .where('i.due_at', '>=', window.dueFrom)
        .where('i.due_at', '<=', window.dueUntil);
      if (window.offsetHours === defaults.warningOffsetHours) {
        query.where((q) =>
          q
            .where('c.warning_offset_hours', window.offsetHours)
            .orWhereNull('c.warning_offset_hours')
        );
      } else {
        query.where('c.warning_offset_hours', window.offsetHours);
      }
      const rows: CandidateRow[] = await query.limit(PAGE_SIZE).select(candidateColumns);
      if (rows.length === 0) return 0;
      const updated: Array<{ id: number }> = await trx('items')
        .whereIn(
          'id',
          rows.map((row) => row.id)
        )
        .whereNull('warned_at')
        .update({ warned_at: plan.now, updated_at: plan.now }, ['id']);
      const warned = new Set(updated.map((row) => Number(row.id)));
      const done = rows.filter((row) => warned.has(row.id));
      if (done.length === 0) return 0;

      await minyiService(strapi, 'change-log').appendEvents(
        trx,
        done.map((row) => ({
          itemId: row.id,
          type: 'warned',
          fromStatus: row.status,
          toStatus: row.status,
          fromLevel: row.level,
          toLevel: row.level,
          actorLabel: SYSTEM_ACTOR,
          note: '临近办理时限,催办',
          at: plan.now,
        }))
      );
      const ids = done.map((row) => row.id);
      const assigned: Array<{ item_id: number; grid_id: number }> = await trx(
        'items_assigned_grid_lnk'
      )
        .whereIn('item_id', ids)
        .select('item_id', 'grid_id');
      const gridOf = new Map(assigned.map((row) => [Number(row.item_id), Number(row.grid_id)]));
      const recipients = minyiService(strapi, 'recipients');
      const firstResponders: Map<number, Recipient[]> = await recipients.firstResponders(trx, ids);
      const owners = new Map<Level, Map<number, Recipient[]>>();
      for (const level of new Set(done.map((row) => row.level))) {
        const gridIds = done
          .filter((row) => row.level === level)
          .map((row) => gridOf.get(row.id))
          .filter(isNumber);
        owners.set(level, await recipients.ownersOfGrids(trx, gridIds, level));
      }
      const messages = done.flatMap((row) => {
        const gridId = gridOf.get(row.id);
        return notificationsFor({
          template: 'warning',
          itemDocumentId: row.document_id,
          occurrence: new Date(row.due_at).toISOString(),
          recipients: [
            ...(gridId === undefined ? [] : (owners.get(row.level)?.get(gridId) ?? [])),
            ...(firstResponders.get(row.id) ?? []),
          ],
          data: messageData(row, { dueAt: new Date(row.due_at).toISOString() }),
        });
      });
      await minyiService(strapi, 'change-log').queue(trx, messages, plan.now);
      return done.length;
    });
  }

  async function drain(page: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await page();
      total += count;
      if (count === 0) return total;
    }
  }

  return {
    async run(now: Date = new Date()): Promise<SweepSummary> {
      const calendar: WorkingCalendar = minyiService(strapi, 'calendar').get();
      const defaults: DefaultTimeLimits = minyiService(strapi, 'calendar').defaultLimits();
      const offsets: Array<{ warning_offset_hours: number | null }> = await strapi.db
        .connection('categories')
        .distinct('warning_offset_hours');
      const plan = planSweep(calendar, now, [
        defaults.warningOffsetHours,
        ...offsets.map((row) => row.warning_offset_hours).filter(isNumber),
      ]);
      const escalated = await drain(() => escalatePage(plan, calendar));
      const flaggedOverdue = await drain(() => flagPage(plan));
      let warned = 0;
      for (const window of plan.warn) warned += await drain(() => warnPage(plan, window, defaults));
      return { now: now.toISOString(), warned, escalated, flaggedOverdue };
    },
  };
};

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number';
}

export default escalationSweep;
