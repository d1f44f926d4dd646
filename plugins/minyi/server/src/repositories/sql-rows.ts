/**
 * Small helpers for the raw statements of the job tables, which must read the same on SQLite
 * (better-sqlite3) and PostgreSQL (pg).
 */

/** Rows of a raw statement with RETURNING: pg answers { rows }, better-sqlite3 an array. */
export function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    return (result as { rows: Array<Record<string, unknown>> }).rows;
  }
  return [];
}

/**
 * A datetime column as read by a raw query: SQLite keeps what knex bound (epoch ms, as Strapi
 * itself writes it), pg hands back a Date.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date
      ? value
      : new Date(typeof value === 'number' || typeof value === 'string' ? value : NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}
