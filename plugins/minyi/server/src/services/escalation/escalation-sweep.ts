import type { Core } from '@strapi/strapi';
import type { WorkingCalendar } from '../../domain/calendar';
import type { DefaultTimeLimits, EffectiveLimits } from '../../domain/deadlines';
import { escalationStep, planSweep, type SweepPlan } from '../../domain/escalation';
import { type EventMail, mailOfEvent, recipientsOf } from '../../domain/mail-audience';
import {
  notificationsFor,
  type QueuedNotification,
  type Recipient,
} from '../../domain/notifications';
import { ownerAtLevel } from '../../domain/routing';
import type { Level } from '../../domain/vocabulary';
import type { EventRow } from '../handling/change-log';
import { minyiService } from '../../plugin';
import { structureRepository } from '../../repositories/structure';
import { type SweepCandidate, sweepItemsRepository } from '../../repositories/sweep-items';

type Connection = Core.Strapi['db']['connection'];

/** Items handled per transaction: small enough for short locks, large enough to be cheap. */
const PAGE_SIZE = 500;
const SYSTEM_ACTOR = '系统(超期巡检)';

type CandidateRow = SweepCandidate;

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
  const items = () => sweepItemsRepository(strapi);
  const recipients = () => minyiService(strapi, 'recipients');

  function limitsOf(row: CandidateRow): EffectiveLimits {
    return minyiService(strapi, 'calendar').limitsOf({
      gridDays: row.grid_days,
      townshipDays: row.township_days,
      countyDays: row.county_days,
      urgentHours: row.urgent_hours,
      warningOffsetHours: row.warning_offset_hours,
      gridWarningOffsetHours: row.grid_warning_offset_hours,
      townshipWarningOffsetHours: row.township_warning_offset_hours,
      countyWarningOffsetHours: row.county_warning_offset_hours,
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

  /** The mail of a sweep event for an item now at `level` (the domain's one audience rule). */
  const mailOf = (event: 'escalated' | 'warned' | 'overdue-flagged', level: Level): EventMail => {
    const mail = mailOfEvent({ event, by: 'sweep', level });
    if (!mail) throw new Error(`[minyi] the sweep's ${event} event sends no mail`);
    return mail;
  };

  /** Owners (by grid) at each level, for the items of each level that have an owner grid. */
  async function ownersAtLevels(
    trx: Connection,
    entries: ReadonlyArray<{ level: Level; gridId: number | undefined }>
  ): Promise<Map<Level, Map<number, Recipient[]>>> {
    const byLevel = new Map<Level, Map<number, Recipient[]>>();
    for (const level of new Set(entries.map((entry) => entry.level))) {
      const gridIds = entries
        .filter((entry) => entry.level === level)
        .map((entry) => entry.gridId)
        .filter(isNumber);
      byLevel.set(level, await recipients().ownersOfGrids(trx, gridIds, level));
    }
    return byLevel;
  }

  /** Moves one page of overdue items below the county one level up. Returns how many moved. */
  async function escalatePage(plan: SweepPlan, calendar: WorkingCalendar): Promise<number> {
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      await items().takeWriteLockFirst(trx);
      const rows = await items().candidates(trx, plan, 'escalate', PAGE_SIZE);
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
        const updated = await items().escalate(trx, ids, group.level, plan, step);
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
      const gridIdOf = await structureRepository(strapi).gridIdsByCode(trx, [
        ...ownerCode.values(),
      ]);
      const ownerGrid = new Map<number, number>();
      for (const [itemId, code] of ownerCode) {
        const gridId = gridIdOf.get(code);
        if (gridId !== undefined) ownerGrid.set(itemId, gridId);
      }
      const movedIds = moved.map(({ row }) => row.id);
      await items().reassign(trx, ownerGrid);

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

      const mails = moved.map((entry) => mailOf('escalated', entry.toLevel));
      const told = new Set(mails.flatMap((mail) => mail.audience));
      const firstResponders: Map<number, Recipient[]> = told.has('first-responder')
        ? await recipients().firstResponders(trx, movedIds)
        : new Map();
      const ownersByLevel = told.has('owners')
        ? await ownersAtLevels(
            trx,
            moved.map(({ row, toLevel }) => ({ level: toLevel, gridId: ownerGrid.get(row.id) }))
          )
        : new Map<Level, Map<number, Recipient[]>>();
      const coordinators: Recipient[] = told.has('county-coordinators')
        ? await recipients().countyCoordinators(trx)
        : [];
      const messages: QueuedNotification[] = moved.flatMap(
        ({ row, toLevel, dueAt, count }, index) => {
          const gridId = ownerGrid.get(row.id);
          return notificationsFor({
            template: mails[index].template,
            itemDocumentId: row.document_id,
            occurrence: String(count),
            recipients: recipientsOf(mails[index].audience, {
              owners: gridId === undefined ? [] : (ownersByLevel.get(toLevel)?.get(gridId) ?? []),
              'county-coordinators': coordinators,
              'first-responder': firstResponders.get(row.id) ?? [],
            }),
            data: messageData(row, { fromLevel: row.level, toLevel, dueAt: dueAt.toISOString() }),
          });
        }
      );
      await minyiService(strapi, 'change-log').queue(trx, messages, plan.now);
      return moved.length;
    });
  }

  /** Flags one page of items overdue at county level, once per deadline. */
  async function flagPage(plan: SweepPlan): Promise<number> {
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      await items().takeWriteLockFirst(trx);
      // Like the escalation candidates: a partial index over exactly this condition. Closed county items
      // are never flagged, so an index over all unflagged county items walks through every one of them.
      const rows = await items().candidates(trx, plan, 'flag-overdue', PAGE_SIZE);
      if (rows.length === 0) return 0;
      const updated = await items().flagOverdue(
        trx,
        rows.map((row) => row.id),
        plan
      );
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
      const mails = done.map((row) => mailOf('overdue-flagged', row.level));
      const told = new Set(mails.flatMap((mail) => mail.audience));
      const leaders: Map<number, Recipient[]> = told.has('leader')
        ? await recipients().leadLeaders(
            trx,
            done.map((row) => row.id)
          )
        : new Map();
      const coordinators: Recipient[] = told.has('county-coordinators')
        ? await recipients().countyCoordinators(trx)
        : [];
      const messages = done.flatMap((row, index) =>
        notificationsFor({
          template: mails[index].template,
          itemDocumentId: row.document_id,
          occurrence: new Date(row.due_at).toISOString(),
          recipients: recipientsOf(mails[index].audience, {
            leader: leaders.get(row.id) ?? [],
            'county-coordinators': coordinators,
          }),
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
      await items().takeWriteLockFirst(trx);
      const rows = await items().warnCandidates(
        trx,
        plan,
        window,
        defaults.warningOffsetHours,
        PAGE_SIZE
      );
      if (rows.length === 0) return 0;
      const updated = await items().markWarned(
        trx,
        rows.map((row) => row.id),
        plan
      );
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
      const mails = done.map((row) => mailOf('warned', row.level));
      const told = new Set(mails.flatMap((mail) => mail.audience));
      const gridOf: Map<number, number> = told.has('owners')
        ? await items().assignedGrids(trx, ids)
        : new Map();
      const firstResponders: Map<number, Recipient[]> = told.has('first-responder')
        ? await recipients().firstResponders(trx, ids)
        : new Map();
      const owners = told.has('owners')
        ? await ownersAtLevels(
            trx,
            done.map((row) => ({ level: row.level, gridId: gridOf.get(row.id) }))
          )
        : new Map<Level, Map<number, Recipient[]>>();
      const messages = done.flatMap((row, index) => {
        const gridId = gridOf.get(row.id);
        return notificationsFor({
          template: mails[index].template,
          itemDocumentId: row.document_id,
          occurrence: new Date(row.due_at).toISOString(),
          recipients: recipientsOf(mails[index].audience, {
            owners: gridId === undefined ? [] : (owners.get(row.level)?.get(gridId) ?? []),
            'first-responder': firstResponders.get(row.id) ?? [],
          }),
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
      const offsets = await structureRepository(strapi).warningOffsets();
      const plan = planSweep(calendar, now, [
        defaults.warningOffsetHours,
        ...offsets.filter(isNumber),
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
