import { TZDate } from '@date-fns/tz';
import { formatISO, isValid } from 'date-fns';
import { z } from 'zod';

/** An ISO 8601 timestamp with an offset: date, time (seconds and fraction optional), `Z` or `±hh:mm`. */
const PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
/** Milliseconds since the epoch of an ISO 8601 timestamp with an offset, or null when it is not one or names an impossible date. */
export function parseTimestamp(text: string): number | null {
  const m = PARTS.exec(text);
  if (!m) return null;
  const year = +m[1]!, month = +m[2]!, day = +m[3]!, hour = +m[4]!, minute = +m[5]!, second = m[6] ? +m[6] : 0;
  if (hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0)) return null;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A month or day out of range (00, 13, 2026-02-30) rolls over into another month.
  if (date.getUTCMonth() !== month - 1) return null;
  date.setUTCHours(hour, minute, second, ms);
  const local = date.getTime();
  const oh = m[9] ? +m[9] : 0, om = m[10] ? +m[10] : 0;
  // Real UTC offsets lie within ±14:00.
  if (om > 59 || oh * 60 + om > 14 * 60) return null;
  const offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return local - offset;
}

/** A timestamp as given in input: ISO 8601 text with an offset, or a valid Date. */
export const TimestampSchema = z.union([
  z.string().refine((text) => parseTimestamp(text) !== null, {
    message: 'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00',
  }),
  z.date().refine((date) => isValid(date) && date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, { message: 'must be a valid Date in the years 0001–9999' }),
]);

/** Milliseconds since the epoch of a value that passed TimestampSchema. */
export function toMillis(value: string | Date): number {
  return typeof value === 'string' ? (parseTimestamp(value) as number) : value.getTime();
}

const QUARTER = 15 * 60_000;
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** ISO 8601 text of `millis` at a UTC offset of `offset` minutes; null where the fast path does not apply. */
function writeIso(millis: number, offset: number): string | null {
  const d = new Date(millis + offset * 60_000);
  const year = d.getUTCFullYear();
  // Stryker disable next-line EqualityOperator,ConditionalExpression: year 1000 is written the same by both paths; TZDate gives local mean time (before 1901) in whole minutes.
  if (year < 1000 || offset % 1 !== 0) return null;
  const abs = Math.abs(offset);
  // Stryker disable next-line EqualityOperator: an offset of 0 is written Z before the sign is read.
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  // Past 9999, ISO 8601's expanded form with six digits, as Date#toISOString writes it.
  return `${year > 9999 ? `+${String(year).padStart(6, '0')}` : year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${zone}`;
}

/** ISO 8601 with the offset of `timeZone`, e.g. `2026-03-02T09:30:00+08:00`. */
export function formatTimestamp(millis: number, timeZone: string): string {
  return writeIso(millis, -new TZDate(millis, timeZone).getTimezoneOffset()) ?? formatISO(new TZDate(millis, timeZone));
}

/**
 * A formatter for one time zone that remembers the zone's offset per quarter hour (zone transitions fall
 * on quarter hours): the same text as `formatTimestamp`, without asking Intl for every timestamp. Each
 * compiled plan holds its own; the library keeps no global cache.
 */
export function timestampFormatter(timeZone: string): (millis: number) => string {
  const offsets = new Map<number, number>();
  return (millis) => {
    const bucket = Math.floor(millis / QUARTER);
    let offset = offsets.get(bucket);
    // Stryker disable next-line ConditionalExpression: asking again gives the same offset; only the cache is skipped.
    if (offset === undefined) {
      offset = -new TZDate(bucket * QUARTER, timeZone).getTimezoneOffset();
      // Stryker disable next-line all: the cache's bound changes memory, not answers.
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(bucket, offset);
    }
    return writeIso(millis, offset) ?? formatISO(new TZDate(millis, timeZone));
  };
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
