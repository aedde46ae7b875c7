import { z } from 'zod';
import { lazySchema } from '../model/lazy.js';
import { offsetMinutes } from './zone.js';

/** An ISO 8601 timestamp with an offset: date, time (seconds and fraction optional), `Z` or `±hh:mm`; the year 10000 in the expanded form the library writes (`+010000`). */
const PARTS = /^(\d{4}|\+010000)-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
/** Milliseconds since the epoch of an ISO 8601 timestamp with an offset, or null when it is not one or names an impossible date. */
export function parseTimestamp(text: string): number | null {
  const common = parseCommon(text);
  return common === undefined ? parseAny(text) : common;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of the day (days since 1970-01-01) of a proleptic Gregorian date, by arithmetic (years 0–9999). */
function civilDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The two digits of `text` at `at` as a number; -1 where one is not a digit. */
function pair(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The usual form, `YYYY-MM-DDTHH:MM:SS`, `.fff` or not, `Z` or `±hh:mm`, read by arithmetic; undefined for
 * any other text (parseAny reads it, or refuses it), and for a field out of range, so that refusals keep one source.
 */
function parseCommon(text: string): number | undefined {
  const length = text.length;
  const fraction = length === 24 || length === 29;
  if (!(length === 20 || length === 25 || fraction)) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const century = pair(text, 0), decade = pair(text, 2), month = pair(text, 5), day = pair(text, 8);
  const hour = pair(text, 11), minute = pair(text, 14), second = pair(text, 17);
  const tenths = fraction && text.charCodeAt(19) === 46 ? pair(text, 20) : -1;
  const last = fraction ? text.charCodeAt(22) - 48 : 0;
  const ms = fraction ? (tenths < 0 || last < 0 || last > 9 ? -1 : tenths * 10 + last) : 0;
  if (century < 0 || decade < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return undefined;
  const year = century * 100 + decade;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (MONTH_DAYS[month - 1] as number) + (leap ? 1 : 0)) return undefined;
  const zone = fraction ? 23 : 19;
  const local = civilDay(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  if (length - zone === 1) return text.charCodeAt(zone) === 90 ? local : undefined;
  const sign = text.charCodeAt(zone);
  const oh = pair(text, zone + 1), om = pair(text, zone + 4);
  if ((sign !== 43 && sign !== 45) || text.charCodeAt(zone + 3) !== 58 || oh < 0 || om < 0 || om > 59 || oh * 60 + om > 14 * 60) return undefined;
  return local - (sign === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
}

/** Any form PARTS reads (hours 24, other fractions, offsets without a colon, the year 10000), with the Date object's calendar. */
function parseAny(text: string): number | null {
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
export const TimestampSchema = lazySchema(() =>
  z.union([
    z.string().refine((text) => parseTimestamp(text) !== null, {
      message: 'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00',
    }),
    z.date().refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, { message: 'must be a valid Date in the years 0001–9999' }),
  ]),
);

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
  const local = millis + offset * 60_000;
  const day = Math.floor(local / DAY);
  // A Date truncates a fraction of a millisecond; whole milliseconds are written here by arithmetic.
  const date = Number.isInteger(local) ? dateText(day) : null;
  return date === null ? writeIsoByDate(millis, offset) : date + timeText(local - day * DAY) + zoneText(offset);
}

/** Milliseconds in a day. */
const DAY = 86_400_000;
/** Two digits of 0–99, by index. */
const TWO = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** `YYYY-MM-DDT` of a day number, by arithmetic, for the years 0000–9999; null for others (writeIsoByDate writes them). */
function dateText(day: number): string | null {
  // The civil date of a day number (Howard Hinnant's algorithm, proleptic Gregorian).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return null;
  return `${TWO[Math.floor(year / 100)]}${TWO[year % 100]}-${TWO[m]}-${TWO[d]}T`;
}

/** `HH:MM:SS`, with `.fff` when the milliseconds are not zero, of a time of day in milliseconds. */
function timeText(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const fraction = ms - seconds * 1000;
  const text = `${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}`;
  return fraction === 0 ? text : `${text}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}

/** `Z` or `±hh:mm` of an offset in whole minutes. */
function zoneText(offset: number): string {
  if (offset === 0) return 'Z';
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** writeIso through a Date: any year (the expanded form past 9999). */
function writeIsoByDate(millis: number, offset: number): string {
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

/** How many quarter hours a formatter remembers offsets for before it forgets them all: 170 days, more than the events an incident may hold span at one a minute, so that a long incident is not asked anew on every call. */
export const FORMATTER_CACHE_LIMIT = 16_384;

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
  // The last quarter hour with one offset throughout, the last local day and the last offset, with their texts: a decision writes many times of a few days.
  let lastBucket = Number.NaN;
  let lastBucketOffset = 0;
  let lastDay = Number.NaN;
  let lastDate = '';
  let lastOffset = Number.NaN;
  let lastZone = '';
  const format = (millis: number): string => {
    const bucket = Math.floor(millis / QUARTER);
    let offset = lastBucketOffset;
    if (bucket !== lastBucket) {
      offset = offsetAt(bucket);
      if (offset === offsetAt(bucket + 1)) {
        lastBucket = bucket;
        lastBucketOffset = offset;
      } else {
        offset = offsetMinutes(millis, timeZone);
      }
    }
    const local = millis + offset * 60_000;
    const day = Math.floor(local / DAY);
    if (day !== lastDay || !Number.isInteger(local)) {
      const date = Number.isInteger(local) ? dateText(day) : null;
      if (date === null) return writeIso(millis, offset);
      lastDay = day;
      lastDate = date;
    }
    if (offset !== lastOffset) {
      lastOffset = offset;
      lastZone = zoneText(offset);
    }
    return lastDate + timeText(local - day * DAY) + lastZone;
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
