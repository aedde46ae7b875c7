import { isValid } from 'date-fns';
import { z } from 'zod';
import { offsetMinutes } from './zone.js';

/** An ISO 8601 timestamp with an offset: date, time (seconds and fraction optional), `Z` or `±hh:mm`; the year 10000 in the expanded form the library writes (`+010000`). */
const PARTS = /^(\d{4}|\+010000)-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
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
  // A local year 10000 is read only where the instant is still in 9999 (UTC): a time the library wrote in a zone east of UTC.
  if (year > 9999 && local - offset >= LAST_INSTANT) return null;
  return local - offset;
}

/** 10000-01-01T00:00:00Z: input instants lie before it. */
const LAST_INSTANT = Date.UTC(10000, 0, 1);

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

/**
 * ISO 8601 text of `millis` at a UTC offset of `offset` whole minutes: the local time is `millis` plus
 * that offset, so the text always names exactly `millis`; milliseconds are written (`.500`) when not zero.
 */
export function writeIso(millis: number, offset: number): string {
  const d = new Date(millis + offset * 60_000);
  const year = d.getUTCFullYear();
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  const ms = d.getUTCMilliseconds();
  // Past 9999, ISO 8601's expanded form with six digits, as Date#toISOString writes it.
  const y = year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0');
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${y}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${fraction}${zone}`;
}

/**
 * ISO 8601 with the offset of `timeZone`, e.g. `2026-03-02T09:30:00+08:00` or `2026-03-02T09:30:00.500+08:00`.
 * An offset with seconds (local mean time) is written in whole minutes, truncated toward zero, with the
 * local time to match: the text parses back to the same instant.
 */
export function formatTimestamp(millis: number, timeZone: string): string {
  return writeIso(millis, offsetMinutes(millis, timeZone));
}

/** How many quarter hours a formatter remembers offsets for before it forgets them all. */
export const FORMATTER_CACHE_LIMIT = 4096;

/** A formatter for one time zone, with how many quarter hours it currently remembers (at most FORMATTER_CACHE_LIMIT). */
export type TimestampFormatter = ((millis: number) => string) & { readonly cacheSize: () => number };

/**
 * A formatter for one time zone that remembers the zone's offset at the start of each quarter hour: the
 * same text as `formatTimestamp`, without asking Intl for every timestamp. Where the offsets at the start
 * of a quarter hour and of the next differ (a change inside it, as historical changes at odd seconds are),
 * it asks for the instant itself. Each compiled plan holds its own, bounded; the library keeps no global cache.
 */
export function timestampFormatter(timeZone: string): TimestampFormatter {
  const offsets = new Map<number, number>();
  const offsetAt = (bucket: number): number => {
    let offset = offsets.get(bucket);
    // Stryker disable next-line ConditionalExpression: asking again gives the same offset; only the cache is skipped.
    if (offset === undefined) {
      offset = offsetMinutes(bucket * QUARTER, timeZone);
      // Stryker disable next-line EqualityOperator: the cache's bound changes memory, not answers.
      if (offsets.size >= FORMATTER_CACHE_LIMIT) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const format = (millis: number): string => {
    const bucket = Math.floor(millis / QUARTER);
    const offset = offsetAt(bucket);
    return writeIso(millis, offset === offsetAt(bucket + 1) ? offset : offsetMinutes(millis, timeZone));
  };
  return Object.assign(format, { cacheSize: () => offsets.size });
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
