import type { RunCoordinator } from 'node-cron';
import { leaseExpiresAt } from '../../domain/job-period';
import { rowsOf, toDate } from '../../repositories/sql-rows';
import type { Knex } from './types';

export interface LeaseCoordinatorOptions {
  knex: Knex;
  /** The lease table (minyi_job_leases; see jobs/tables.ts). */
  table: string;
  /** This instance's id (jobs/holder.ts). */
  holder: string;
  /** Document ids for the rows it inserts (the plugin's document-ids service). */
  newDocumentId: () => string;
  /** The clock leases are measured by; tests pass their own. */
  clock?: () => Date;
}

/**
 * node-cron's RunCoordinator backed by the lease table, so that instances sharing a database
 * elect one runner per cron slot. node-cron calls `shouldRun(key, ttlMs)` at each slot of a task
 * declared `distributed: true` with a `name`; `key` is `<task name>:<slot as ISO UTC>` (identical
 * on every instance, e.g. "slot:escalation:2026-12-01T01:05:00.000Z") and `ttlMs` is the task's
 * `distributedLease` (default 30 s).
 *
 * Leases are measured by the application clock. Each instance asks at its own idea of the slot
 * time, so a skew between instances shifts both the grant and the question and largely cancels;
 * keep clocks in sync (NTP) all the same.
 *
 * There is deliberately no `onComplete`: the slot's lease is kept until it expires, so an
 * instance that reaches the same slot late still sees it taken. Expired rows are deleted by the
 * job-runs-prune job.
 */
export class LeaseCoordinator implements RunCoordinator {
  readonly holder: string;
  private readonly knex: Knex;
  private readonly table: string;
  private readonly clock: () => Date;
  private readonly newDocumentId: () => string;

  constructor(options: LeaseCoordinatorOptions) {
    this.knex = options.knex;
    this.newDocumentId = options.newDocumentId;
    this.table = options.table;
    this.holder = options.holder;
    this.clock = options.clock ?? (() => new Date());
  }

  shouldRun(key: string, ttlMs: number): Promise<boolean> {
    return this.acquire(key, ttlMs);
  }

  /**
   * Takes the lease `key` for ttlMs when nobody holds it or its holder's lease has expired, in one
   * statement: INSERT … ON CONFLICT (name) DO UPDATE … WHERE expires_at <= now RETURNING id.
   * A row comes back only when this call inserted or took over the lease. On PostgreSQL a
   * concurrent acquirer of the same key waits on the row lock and then re-checks the WHERE against
   * the winner's row (false); on SQLite the write lock serialises the statements.
   */
  async acquire(key: string, ttlMs: number): Promise<boolean> {
    const now = this.clock();
    const expiresAt = leaseExpiresAt(now, ttlMs);
    const result: unknown = await this.knex.raw(
      `INSERT INTO ?? ("document_id", "name", "holder", "expires_at", "created_at", "updated_at", "published_at")
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("name") DO UPDATE
         SET "holder" = excluded."holder", "expires_at" = excluded."expires_at", "updated_at" = excluded."updated_at"
         WHERE ??."expires_at" <= ?
       RETURNING "id"`,
      [
        this.table,
        this.newDocumentId(),
        key,
        this.holder,
        expiresAt,
        now,
        now,
        now,
        this.table,
        now,
      ]
    );
    return rowsOf(result).length === 1;
  }

  /** Extends a lease this holder still holds; false when it has lost it (expired and taken over). */
  async renew(key: string, ttlMs: number): Promise<boolean> {
    const now = this.clock();
    const changed = await this.knex(this.table)
      .where({ name: key, holder: this.holder })
      .update({ expires_at: leaseExpiresAt(now, ttlMs), updated_at: now });
    return Number(changed) > 0;
  }

  /** Gives a lease back at once (a run that finished); another holder's lease is left alone. */
  async release(key: string): Promise<boolean> {
    const deleted = await this.knex(this.table).where({ name: key, holder: this.holder }).del();
    return Number(deleted) > 0;
  }

  /** The lease as stored, live or not; null when there is no row. */
  async read(key: string): Promise<{ holder: string; expiresAt: Date } | null> {
    const row = (await this.knex(this.table).where({ name: key }).first('holder', 'expires_at')) as
      { holder: string; expires_at: unknown } | undefined;
    const expiresAt = row ? toDate(row.expires_at) : null;
    return row && expiresAt ? { holder: row.holder, expiresAt } : null;
  }
}
