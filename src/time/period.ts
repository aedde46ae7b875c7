import type { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, addYears, startOfDay, startOfWeek, startOfYear } from 'date-fns';
import { parseDuration } from './duration.js';

export type Period = { start: (date: TZDate) => TZDate; next: (date: TZDate) => TZDate };

/** The calendar periods a recurring duty may use: days, ISO weeks (from Monday), months, quarters, half years, years. */
export function periodOf(every: string): Period | null {
  const d = parseDuration(every);
  if (!d) return null;
  const units = Object.entries(d).filter(([, n]) => n);
  if (units.length !== 1) return null;
  const [unit, n] = units[0] as [string, number];
  if (unit === 'days' && n === 1) return { start: (x) => startOfDay(x), next: (x) => addDays(x, 1) };
  if (unit === 'weeks' && n === 1) return { start: (x) => startOfWeek(x, { weekStartsOn: 1 }), next: (x) => addWeeks(x, 1) };
  if (unit === 'months' && [1, 2, 3, 4, 6].includes(n)) {
    return { start: (x) => addMonths(startOfYear(x), Math.floor(x.getMonth() / n) * n), next: (x) => addMonths(x, n) };
  }
  if (unit === 'years' && n === 1) return { start: (x) => startOfYear(x), next: (x) => addYears(x, 1) };
  return null;
}

