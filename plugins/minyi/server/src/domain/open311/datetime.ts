import { DateTime } from 'luxon';

/**
 * GeoReport v2 datetimes are W3C/ISO 8601. Answers carry the county's offset and whole seconds
 * (`2026-12-02T09:30:00+08:00`): some clients' parsers refuse fractions, and an offset makes the
 * instant unambiguous. Arguments may omit the offset (then they are read in the county's zone)
 * and may carry fractions; a date alone means its local midnight.
 */
export function formatOpen311Datetime(instant: Date, zone: string): string {
  const formatted = DateTime.fromJSDate(instant, { zone })
    .startOf('second')
    .toISO({ suppressMilliseconds: true, includeOffset: true });
  if (formatted === null) throw new RangeError(`not a valid instant: ${String(instant)}`);
  // luxon writes UTC as "Z"; the answer always names the offset as ±hh:mm.
  return formatted.endsWith('Z') ? `${formatted.slice(0, -1)}+00:00` : formatted;
}

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The instant an argument names, or null when it is not an ISO 8601 date or datetime. */
export function parseOpen311Datetime(text: string, zone: string): Date | null {
  const trimmed = text.trim();
  if (!ISO_8601.test(trimmed)) return null;
  const parsed = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone, setZone: false });
  return parsed.isValid ? parsed.toJSDate() : null;
}
