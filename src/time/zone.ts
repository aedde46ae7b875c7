import { tzOffset } from '@date-fns/tz/tzOffset';

/** Milliseconds in a day. */
export const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The UTC offset of `timeZone` at `millis`, in whole minutes: an offset with seconds (local mean time
 * before a zone's standard time, e.g. Asia/Shanghai +08:05:43 before 1901) is truncated toward zero, as
 * date-fns does. This is the offset the library writes, and its local days and clocks follow it.
 */
export function offsetMinutes(millis: number, timeZone: string): number {
  const offset = tzOffset(timeZone, new Date(millis));
  // @date-fns/tz reads "-00:43:08" (Africa/Monrovia until 1972, Europe/Lisbon until 1912) as +43 minutes: read an offset under an hour again, with its sign.
  return offset > 0 && offset < 60 ? signedOffsetMinutes(millis, timeZone) : Math.trunc(offset);
}

/** The offset from Intl's own text (`GMT-00:43:08`), whole minutes truncated toward zero. */
function signedOffsetMinutes(millis: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(millis).find((part) => part.type === 'timeZoneName')!.value;
  const m = /([+-])(\d\d):(\d\d)/.exec(name) as RegExpExecArray;
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!);
}

/** Names that are their own canonical name in every runtime's time-zone data: the bundled plans' zone, and UTC. */
const CANONICAL: ReadonlySet<string> = new Set(['Asia/Shanghai', 'UTC']);

/** The canonical name of an IANA time zone that the runtime knows (`asia/shanghai` is `Asia/Shanghai`). */
export function canonicalTimeZone(timeZone: string): string {
  // Without Intl for the usual names: its first time zone costs a fresh process some 30 ms.
  if (CANONICAL.has(timeZone)) return timeZone;
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

/** The number of the day (days since 1970-01-01) of a date of the proleptic Gregorian calendar. */
export function dayNumber(year: number, month: number, day: number): number {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.floor(date.getTime() / DAY);
}

/** The date of a day number: year, month (1–12), day of the month and weekday (0 Sunday – 6 Saturday). */
export function dateOfDay(day: number): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(day * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

/** The number of the local day of `millis` in `timeZone`. */
export function localDay(millis: number, timeZone: string): number {
  return Math.floor((millis + offsetMinutes(millis, timeZone) * 60_000) / DAY);
}

/**
 * The first instant whose local day in `timeZone` is `day` or later: local midnight, or where the clocks
 * skip midnight (America/Santiago, Asia/Beirut: the day starts at 01:00) the instant they skip, and where
 * a day has two midnights (America/Havana) the first. Assumes a zone changes its offset at most once
 * within 17 hours of a local midnight, which every zone in the IANA data does.
 */
export function startOfLocalDay(day: number, timeZone: string): number {
  const midnight = day * DAY;
  // Offsets lie within ±16 hours (local mean time included): local midnight falls between these two instants.
  const before = offsetMinutes(midnight - 17 * HOUR, timeZone) * 60_000;
  const after = offsetMinutes(midnight + 17 * HOUR, timeZone) * 60_000;
  if (before === after) return midnight - before;
  // Midnight under the offset before the change, and under the offset after it: each exists if that offset is in force then.
  const early = midnight - before;
  const late = midnight - after;
  const candidates = [early, late].filter((at, i) => offsetMinutes(at, timeZone) * 60_000 === (i === 0 ? before : after));
  if (candidates.length > 0) return Math.min(...candidates);
  // Neither exists: the clocks skip midnight, and the day starts at the change, between `late` (old offset) and `early` (new offset).
  let lo = late;
  let hi = early;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetMinutes(mid, timeZone) * 60_000 === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The instant at which the wall clock of `timeZone` shows `wall` (local time as milliseconds since 1970-01-01
 * 00:00): where the clocks repeat it, the first; where they skip it, as much later as they skip. Assumes one
 * offset change at most within 17 hours of it, as startOfLocalDay does.
 */
export function wallToInstant(wall: number, timeZone: string): number {
  const before = offsetMinutes(wall - 17 * HOUR, timeZone) * 60_000;
  const after = offsetMinutes(wall + 17 * HOUR, timeZone) * 60_000;
  const early = wall - before;
  if (before === after || offsetMinutes(early, timeZone) * 60_000 === before) return early;
  const late = wall - after;
  // Read with the offset after the change, or (skipped) with the one before it: later by the skip.
  return offsetMinutes(late, timeZone) * 60_000 === after ? late : early;
}
