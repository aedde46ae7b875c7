import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
// The default export works alike from its ES build (bundlers), its UMD build (Node) and tsup's bundle.
import chineseDays from 'chinese-days';

const { getDayDetail, isWorkday } = chineseDays;

/** A date the official holiday calendar (国务院 节假日安排, with 调休) does not cover. */
export class CalendarRangeError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(`the official working-day calendar has no data for ${year}`);
    this.name = 'CalendarRangeError';
    this.year = year;
  }
}

/** The years the bundled calendar covers, in words. */
export const CALENDAR_YEARS = '2004–2026';

/** Whether the calendar data covers a year: every covered year lists 元旦 on 1 January. */
export function calendarCovers(year: number): boolean {
  return getDayDetail(`${year}-01-01`).name.includes('元旦');
}

/**
 * The end of the `days`-th working day after the day of `anchor` (the anchor's own day not counted), in
 * `timeZone`, on the official calendar with its adjusted working days (调休). Throws CalendarRangeError
 * for a year the calendar does not cover, never guessing.
 */
export function addWorkingDays(anchor: number, days: number, timeZone: string): number {
  let day = startOfDay(new TZDate(anchor, timeZone));
  let counted = 0;
  while (counted < days) {
    day = addDays(day, 1);
    const year = day.getFullYear();
    if (!calendarCovers(year)) throw new CalendarRangeError(year);
    if (isWorkday(format(day, 'yyyy-MM-dd'))) counted += 1;
  }
  return addDays(day, 1).getTime();
}
