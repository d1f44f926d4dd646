import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { type SweepPlan, sweepCandidateCondition } from '../domain/escalation';
import { LEVELS, type Level } from '../domain/vocabulary';

type Connection = Core.Strapi['db']['connection'];

/** An item the escalation sweep may act on, with its category's limits and what its mail shows. */
export interface SweepCandidate {
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
  grid_warning_offset_hours: number | null;
  township_warning_offset_hours: number | null;
  county_warning_offset_hours: number | null;
  category_name: string | null;
  address: string | null;
}

/** The new level and deadline of a group of escalated items. */
export interface EscalationStep {
  toLevel: Level;
  dueAt: Date;
}

const CANDIDATE_COLUMNS = [
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
  'c.grid_warning_offset_hours',
  'c.township_warning_offset_hours',
  'c.county_warning_offset_hours',
  'c.name as category_name',
  'i.address',
];

/**
 * The escalation sweep's statements over the items table (超期巡检): candidate pages through the
 * partial indexes over exactly their conditions, and set-based updates that re-check their own
 * condition, so a racing instance finds nothing left to do.
 */
export function sweepItemsRepository(strapi: Core.Strapi) {
  /** Items with their category (limits, warning offset, name). */
  const withCategory = (trx: Connection): Knex.QueryBuilder =>
    trx('items as i')
      .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .leftJoin('categories as c', 'c.id', 'cl.category_id');

  /**
   * The re-checks in an UPDATE … WHERE id IN (…) guard against a racing instance; they must not steer
   * SQLite's planner away from the primary key onto the (state, due_at) range, which turned each
   * update into a scan of every overdue item. A unary plus keeps a column out of index selection.
   */
  const unindexed = () => (strapi.db.dialect.client === 'sqlite' ? '+' : '');

  return {
    /**
     * SQLite allows one writer. A transaction that reads first and writes later can find another
     * process already writing and fail at once ("database is locked") instead of waiting, so on SQLite
     * each page takes the write lock with its first statement (an update that changes nothing) and
     * the busy timeout then queues the instances. PostgreSQL's row locks need no such step.
     */
    async takeWriteLockFirst(trx: Connection): Promise<void> {
      if (strapi.db.dialect.client === 'sqlite')
        await trx('items')
          .where(trx.raw('0 = 1'))
          .update({ id: trx.ref('id') });
    },

    /**
     * One page of the items to escalate or to flag overdue, oldest deadline first, through the
     * partial index over exactly this condition: the page costs what it returns, whatever the size of
     * the table and whatever the planner's statistics.
     */
    async candidates(
      trx: Connection,
      plan: SweepPlan,
      part: 'escalate' | 'flag-overdue',
      limit: number
    ): Promise<SweepCandidate[]> {
      const dueBefore = part === 'escalate' ? plan.escalate.dueBefore : plan.flagOverdue.dueBefore;
      return withCategory(trx)
        .whereRaw(sweepCandidateCondition(plan, part, 'i'))
        .where('i.due_at', '<', dueBefore)
        .orderBy('i.due_at')
        .limit(limit)
        .select(CANDIDATE_COLUMNS);
    },

    /**
     * One page of the open, unwarned items due within a warning window whose offset at the item's
     * level is this many hours: the level's own offset, else the category's, else the default
     * (domain/deadlines effectiveLimits spells the same fallback).
     */
    async warnCandidates(
      trx: Connection,
      plan: SweepPlan,
      window: SweepPlan['warn'][number],
      defaultOffsetHours: number,
      limit: number
    ): Promise<SweepCandidate[]> {
      const levelOffset = `case i.level ${LEVELS.map(
        (level) => `when '${level}' then c.${level}_warning_offset_hours`
      ).join(' ')} end`;
      return withCategory(trx)
        .whereIn('i.state', [...plan.activeStatuses])
        .whereNull('i.paused_at')
        .whereNotNull('i.due_at')
        .whereIn('i.level', [...LEVELS])
        .whereNull('i.warned_at')
        .where('i.due_at', '>=', window.dueFrom)
        .where('i.due_at', '<=', window.dueUntil)
        .whereRaw(`coalesce(${levelOffset}, c.warning_offset_hours, ?) = ?`, [
          defaultOffsetHours,
          window.offsetHours,
        ])
        .limit(limit)
        .select(CANDIDATE_COLUMNS);
    },

    /**
     * Escalates the items of one (level, limits) group that are still due for it: one level up, the
     * new deadline, the escalation count and the handling version raised. Returns the escalated ids
     * with their new count.
     */
    async escalate(
      trx: Connection,
      ids: readonly number[],
      level: Level,
      plan: SweepPlan,
      step: EscalationStep
    ): Promise<Array<{ id: number; escalation_count: number }>> {
      return trx('items')
        .whereIn('id', [...ids])
        .whereRaw(
          `${unindexed()}?? = ? and ${unindexed()}?? in (${plan.activeStatuses.map(() => '?').join(', ')}) and ${unindexed()}?? < ?`,
          ['level', level, 'state', ...plan.activeStatuses, 'due_at', plan.escalate.dueBefore]
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
    },

    /** Hands items to new owner grids (item id → grid id), replacing their assigned grid. */
    async reassign(trx: Connection, ownerGrid: ReadonlyMap<number, number>): Promise<void> {
      await trx('items_assigned_grid_lnk')
        .whereIn('item_id', [...ownerGrid.keys()])
        .delete();
      if (ownerGrid.size > 0) {
        await trx('items_assigned_grid_lnk').insert(
          [...ownerGrid].map(([itemId, gridId]) => ({ item_id: itemId, grid_id: gridId }))
        );
      }
    },

    /** Flags the items still unflagged and overdue; returns the flagged ids. */
    async flagOverdue(
      trx: Connection,
      ids: readonly number[],
      plan: SweepPlan
    ): Promise<Array<{ id: number }>> {
      return trx('items')
        .whereIn('id', [...ids])
        .whereNull('overdue_flagged_at')
        .whereRaw(`${unindexed()}?? < ?`, ['due_at', plan.flagOverdue.dueBefore])
        .update({ overdue_flagged_at: plan.now, updated_at: plan.now }, ['id']);
    },

    /** Marks the items still unwarned as warned; returns the warned ids. */
    async markWarned(
      trx: Connection,
      ids: readonly number[],
      plan: SweepPlan
    ): Promise<Array<{ id: number }>> {
      return trx('items')
        .whereIn('id', [...ids])
        .whereNull('warned_at')
        .update({ warned_at: plan.now, updated_at: plan.now }, ['id']);
    },

    /** The assigned grid of each item (item id → grid id). */
    async assignedGrids(trx: Connection, ids: readonly number[]): Promise<Map<number, number>> {
      const assigned: Array<{ item_id: number; grid_id: number }> = await trx(
        'items_assigned_grid_lnk'
      )
        .whereIn('item_id', [...ids])
        .select('item_id', 'grid_id');
      return new Map(assigned.map((row) => [Number(row.item_id), Number(row.grid_id)]));
    },
  };
}
