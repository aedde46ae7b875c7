import { TZDate } from '@date-fns/tz';
import { add, type Duration } from 'date-fns';

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

/** The moment `duration` after `anchor`, counted on the wall clock of `timeZone` (days and months follow its calendar). */
export function addDuration(anchor: number, duration: Duration, timeZone: string): number {
  // Hours, minutes and seconds are elapsed time (date-fns adds them as milliseconds): no calendar needed.
  // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; date-fns gives the same answer.
  if (!duration.years && !duration.months && !duration.weeks && !duration.days) {
    return anchor + ((duration.hours ?? 0) * 3600 + (duration.minutes ?? 0) * 60 + (duration.seconds ?? 0)) * 1000;
  }
  return add(new TZDate(anchor, timeZone), duration).getTime();
}
