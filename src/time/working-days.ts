// The official calendar (国务院 节假日安排) as chinese-days publishes it: every holiday and adjusted working day by date.
import bundled from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';
import { fromZodIssues, parseWith, PlanError, type Issue } from '../model/errors.js';
import { lazySchema } from '../model/lazy.js';
import { PLAN_LIMITS, scanUntrusted } from '../model/untrusted.js';
import { dateOfDay, dayNumber, localDay, startOfLocalDay } from './zone.js';

/** A date the working-day calendar (国务院 节假日安排, with 调休) does not cover. */
export class CalendarRangeError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(`the official working-day calendar has no data for ${year}`);
    // Defined, not assigned: assigning fails where a host froze Error.prototype (SES lockdown).
    Object.defineProperty(this, 'name', { value: 'CalendarRangeError', writable: true, enumerable: true, configurable: true });
    this.year = year;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day number of a `YYYY-MM-DD` date, or null when it is not a real date: arithmetic, no Date (the bundled calendar is read at start). */
function dayOfText(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = +m[1]!, month = +m[2]!, day = +m[3]!;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1]! + (month === 2 && leap ? 1 : 0)) return null;
  // Days from the civil date (H. Hinnant): years start in March, so that the leap day ends one.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Saturday or Sunday: day 0 (1970-01-01) is a Thursday. */
const weekend = (day: number): boolean => (((day + 4) % 7) + 7) % 7 % 6 === 0;

/** A host's holiday and adjusted working-day data (docs/calendar.md): the years it covers, each with the notice that published it. */
export const CalendarDataSchema = lazySchema(() => {
  const YearSchema = z
    .strictObject({
      year: z.number({ error: 'must be a year, e.g. 2027' }).int({ error: 'must be a whole year, e.g. 2027' }).min(1, { error: 'must be a year from 1 to 9999' }).max(9999, { error: 'must be a year from 1 to 9999' }),
      notice: z.string({ error: 'must be the notice that published the year (text)' }).trim().min(1, { error: 'must name the notice that published the year, e.g. 国务院办公厅关于2027年部分节假日安排的通知' }),
      holidays: z.array(z.string({ error: 'must be a date YYYY-MM-DD' }), { error: 'must be a list of dates YYYY-MM-DD' }).max(366, { error: 'must list at most 366 dates' }),
      workdays: z.array(z.string({ error: 'must be a date YYYY-MM-DD' }), { error: 'must be a list of dates YYYY-MM-DD' }).max(366, { error: 'must list at most 366 dates' }),
    }, { error: 'must be a year object { year, notice, holidays, workdays }' })
    .superRefine((entry, ctx) => {
      const seen = new Map<number, string>();
      for (const list of ['holidays', 'workdays'] as const) {
        entry[list].forEach((text, i) => {
          const day = dayOfText(text);
          const add = (message: string, expected: string) => ctx.addIssue({ code: 'custom', path: [list, i], message, input: text, params: { expected } });
          if (day === null) return add('not a real date', 'a date YYYY-MM-DD, e.g. 2027-01-01');
          if (dateOfDay(day).year !== entry.year) return add(`not in ${entry.year}, the year it is listed under`, `a date in ${entry.year}`);
          if (list === 'workdays' && !weekend(day)) {
            return add('an adjusted working day (调休上班) is a Saturday or Sunday worked: every other Monday–Friday is a working day already', 'a Saturday or Sunday');
          }
          const other = seen.get(day);
          if (other !== undefined && other !== list) return add(`also listed in ${other}: a day is either a holiday or a working day`, `a date not in ${other}`);
          seen.set(day, list);
        });
      }
    });
  return z
    .strictObject(
      {
        years: z.array(YearSchema, { error: 'must be a list of years' }).superRefine((years, ctx) => {
          const seen = new Set<number>();
          years.forEach((entry, i) => {
            if (seen.has(entry.year)) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: 'this year is listed twice', input: entry.year, params: { expected: 'each year once' } });
            seen.add(entry.year);
          });
        }),
      },
      { error: 'must be an object { years: [...] }' },
    );
});

/** Holiday and adjusted working-day data for some years, in the JSON form of docs/calendar.md. */
export type CalendarData = z.infer<typeof CalendarDataSchema>;

/**
 * The working calendar of a host's calendar option: the bundled one when absent, else the bundled years with
 * the host's added. Throws PlanError, each issue under the path `calendar`, for data not in the documented form.
 */
export function readCalendar(input: unknown): WorkingCalendar {
  if (input === undefined) return BUNDLED_CALENDAR;
  const unsafe = scanUntrusted(input, PLAN_LIMITS).map((issue) => ({ ...issue, path: ['calendar', ...issue.path] }));
  if (unsafe.length > 0) throw new PlanError(unsafe);
  const parsed = parseWith(CalendarDataSchema, input);
  if (!parsed.success) {
    throw new PlanError(
      parsed.issues.flatMap((issue): Issue[] => {
        if (issue.code !== 'custom') return fromZodIssues(input, [issue], ['calendar']);
        const path = issue.path as (string | number)[];
        // Custom issues lie at a list entry or a year that the schema has already read: the path exists.
        const received = path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], input);
        return [{ path: ['calendar', ...path], code: 'invalid_calendar', message: issue.message, received, expected: (issue.params as { expected: string }).expected }];
      }),
    );
  }
  return workingCalendar(parsed.data);
}

/** One year of a working calendar, indexed for counting: sorted day numbers of weekday holidays and of weekend working days. */
interface YearIndex {
  readonly notice: string | null;
  readonly daysOff: readonly number[];
  readonly daysWorked: readonly number[];
}

/**
 * Which days are working days, for the years it covers: holidays and adjusted working days (调休) of each
 * year; every other Monday–Friday works, every other Saturday and Sunday does not. Immutable; counting
 * needs only its methods.
 */
export interface WorkingCalendar {
  /** The years covered, ascending. */
  readonly years: readonly number[];
  /** Whether the calendar has data for a year. */
  covers(year: number): boolean;
  /** The notice a host year was published by; null for a bundled year or a year not covered. */
  noticeOf(year: number): string | null;
  /** Working days among the days `from` to `to` (day numbers, both counted, `from` ≤ `to`) of one covered year; throws CalendarRangeError for a year not covered. */
  countWorkingDays(from: number, to: number): number;
}

/** How many numbers of a sorted list lie in [from, to]. */
function countBetween(sorted: readonly number[], from: number, to: number): number {
  const firstAtLeast = (value: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtLeast(to + 1) - firstAtLeast(from);
}

/** Monday–Friday days among the days `from` to `to` (day numbers, both counted, `from` ≤ `to` + 1). */
function weekdaysBetween(from: number, to: number): number {
  // Day 0 (1970-01-01) is a Thursday: count whole weeks from day -3, a Monday.
  const upTo = (day: number): number => {
    const since = day + 3;
    const weeks = Math.floor(since / 7);
    return weeks * 5 + Math.min(since - weeks * 7 + 1, 5);
  };
  return upTo(to) - upTo(from - 1);
}

function indexYear(notice: string | null, holidays: readonly string[], workdays: readonly string[]): YearIndex {
  const days = (texts: readonly string[], keep: (day: number) => boolean) =>
    Object.freeze([...new Set(texts.map((text) => dayOfText(text) as number))].filter(keep).sort((a, b) => a - b));
  return Object.freeze({ notice, daysOff: days(holidays, (day) => !weekend(day)), daysWorked: days(workdays, weekend) });
}

function makeCalendar(years: ReadonlyMap<number, YearIndex>): WorkingCalendar {
  const indexOf = (year: number): YearIndex => {
    const index = years.get(year);
    if (!index) throw new CalendarRangeError(year);
    return index;
  };
  return Object.freeze({
    years: Object.freeze([...years.keys()].sort((a, b) => a - b)),
    covers: (year: number) => years.has(year),
    noticeOf: (year: number) => years.get(year)?.notice ?? null,
    countWorkingDays: (from: number, to: number) => {
      const index = indexOf(dateOfDay(from).year);
      return weekdaysBetween(from, to) - countBetween(index.daysOff, from, to) + countBetween(index.daysWorked, from, to);
    },
  });
}

const BUNDLED_YEARS: ReadonlyMap<number, YearIndex> = (() => {
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  const of = (date: string) => {
    const year = Number(date.slice(0, 4));
    let entry = byYear.get(year);
    if (!entry) byYear.set(year, (entry = { holidays: [], workdays: [] }));
    return entry;
  };
  for (const date of Object.keys(bundled.holidays)) of(date).holidays.push(date);
  for (const date of Object.keys(bundled.workdays)) of(date).workdays.push(date);
  return new Map([...byYear].map(([year, { holidays, workdays }]) => [year, indexYear(null, holidays, workdays)]));
})();

/** The years the bundled calendar (chinese-days) covers, ascending. */
export const BUNDLED_CALENDAR_YEARS: readonly number[] = Object.freeze([...BUNDLED_YEARS.keys()].sort((a, b) => a - b));

/** The years the bundled calendar covers, in words. */
export const CALENDAR_YEARS = `${BUNDLED_CALENDAR_YEARS[0]}–${BUNDLED_CALENDAR_YEARS[BUNDLED_CALENDAR_YEARS.length - 1]}`;

/** The bundled calendar: the official data of the years BUNDLED_CALENDAR_YEARS. */
export const BUNDLED_CALENDAR: WorkingCalendar = makeCalendar(BUNDLED_YEARS);

/** A working calendar: the bundled years, with the host's years (data that passed CalendarDataSchema) added or replacing them. */
export function workingCalendar(data?: CalendarData): WorkingCalendar {
  if (!data || data.years.length === 0) return BUNDLED_CALENDAR;
  const years = new Map(BUNDLED_YEARS);
  for (const entry of data.years) years.set(entry.year, indexYear(entry.notice.trim(), entry.holidays, entry.workdays));
  return makeCalendar(years);
}

/**
 * The end of the `days`-th working day after the day of `anchor` (the anchor's own day not counted), in
 * `timeZone`, on `calendar`: the start of the next local day. Counts a year at a time (a handful of
 * lookups per year, whatever `days` is) and throws CalendarRangeError for the first year it needs that the
 * calendar does not cover, never guessing.
 */
export function addWorkingDays(anchor: number, days: number, timeZone: string, calendar: WorkingCalendar): number {
  let from = localDay(anchor, timeZone) + 1;
  let remaining = days > 0 ? Math.ceil(days) : 0;
  while (remaining > 0) {
    const { year } = dateOfDay(from);
    if (!calendar.covers(year)) throw new CalendarRangeError(year);
    const last = dayNumber(year, 12, 31);
    const inYear = calendar.countWorkingDays(from, last);
    if (inYear >= remaining) {
      // The first day by which `remaining` working days have passed: it is itself a working day.
      let lo = from;
      let hi = last;
      while (lo < hi) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (calendar.countWorkingDays(from, mid) >= remaining) hi = mid;
        else lo = mid + 1;
      }
      return startOfLocalDay(lo + 1, timeZone);
    }
    remaining -= inYear;
    from = last + 1;
  }
  return startOfLocalDay(from, timeZone);
}
