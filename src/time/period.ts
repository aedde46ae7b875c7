import { parseDuration } from './duration.js';
import { dateOfDay, dayNumber, localDay, startOfLocalDay } from './zone.js';

/** A calendar period of a time zone: the start of the period holding an instant, and the start of the period after it (milliseconds). */
export type Period = { start: (millis: number, timeZone: string) => number; next: (millis: number, timeZone: string) => number };

/** A period made of whole local days: `first` gives the first day of the period holding a day, `after` the first day of the following one. */
function period(first: (day: number) => number, after: (first: number) => number): Period {
  // Periods start at the first instant of their first local day (local midnight, or where the clocks skip it, the change).
  return {
    start: (millis, timeZone) => startOfLocalDay(first(localDay(millis, timeZone)), timeZone),
    next: (millis, timeZone) => startOfLocalDay(after(first(localDay(millis, timeZone))), timeZone),
  };
}

/** The first day of the `n`-month period (counted from January) holding a day. */
function firstOfMonths(day: number, n: number): number {
  const { year, month } = dateOfDay(day);
  return dayNumber(year, Math.floor((month - 1) / n) * n + 1, 1);
}

/** The calendar periods a recurring duty may use: days, ISO weeks (from Monday), months, quarters, half years, years. */
export function periodOf(every: string): Period | null {
  const d = parseDuration(every);
  if (!d) return null;
  const units = Object.entries(d).filter(([, n]) => n);
  if (units.length !== 1) return null;
  const [unit, n] = units[0] as [string, number];
  if (unit === 'days' && n === 1) return period((day) => day, (day) => day + 1);
  if (unit === 'weeks' && n === 1) return period((day) => day - ((dateOfDay(day).weekday + 6) % 7), (monday) => monday + 7);
  if (unit === 'months' && [1, 2, 3, 4, 6].includes(n)) {
    return period((day) => firstOfMonths(day, n), (first) => {
      const { year, month } = dateOfDay(first);
      return dayNumber(year, month + n, 1);
    });
  }
  if (unit === 'years' && n === 1) return period((day) => dayNumber(dateOfDay(day).year, 1, 1), (first) => dayNumber(dateOfDay(first).year + 1, 1, 1));
  return null;
}
