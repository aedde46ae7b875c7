import type { Duration } from 'date-fns';
import { DAY, dateOfDay, dayNumber, wallToInstant, offsetMinutes } from './zone.js';

const ISO_DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Parses an ISO 8601 duration of whole units (`PT30M`, `PT12H`, `P1D`, `P1M`); null when it is not one. */
export function parseDuration(text: string): Duration | null {
  const match = ISO_DURATION.exec(text);
  if (!match) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const duration: Duration = {};
  if (years) duration.years = Number(years);
  if (months) duration.months = Number(months);
  if (weeks) duration.weeks = Number(weeks);
  if (days) duration.days = Number(days);
  if (hours) duration.hours = Number(hours);
  if (minutes) duration.minutes = Number(minutes);
  if (seconds) duration.seconds = Number(seconds);
  return duration;
}

/** The longest duration a plan may give: 100 years, counted as in `roughDays`. */
export const MAX_DURATION_DAYS = 36_500;

/** A duration's length in days counted roughly (a year 365 days, a month a twelfth of that), to bound what a plan may ask. */
export function roughDays(duration: Duration): number {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
  return ((years * 12 + months) * 365) / 12 + weeks * 7 + days + (hours + (minutes + seconds / 60) / 60) / 24;
}

/**
 * The moment `duration` after `anchor`, counted on the wall clock of `timeZone` as date-fns counts: years and
 * months first (the 31st to the last day of a shorter month), then weeks and days, keeping the time of day,
 * then hours, minutes and seconds as elapsed time. A wall time the clocks skip moves forward by the skip; one
 * they repeat is its first occurrence.
 */
export function addDuration(anchor: number, duration: Duration, timeZone: string): number {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
  const elapsed = (hours * 3600 + minutes * 60 + seconds) * 1000;
  // Hours, minutes and seconds alone are elapsed time: no calendar needed.
  if (!years && !months && !weeks && !days) return anchor + elapsed;
  const wall = anchor + offsetMinutes(anchor, timeZone) * 60_000;
  const day = Math.floor(wall / DAY);
  const date = dateOfDay(day);
  const month = date.month - 1 + months + years * 12;
  const year = date.year + Math.floor(month / 12);
  const inYear = month - Math.floor(month / 12) * 12 + 1;
  const length = dayNumber(year, inYear + 1, 1) - dayNumber(year, inYear, 1);
  const target = dayNumber(year, inYear, Math.min(date.day, length)) + weeks * 7 + days;
  return wallToInstant(target * DAY + (wall - day * DAY), timeZone) + elapsed;
}
