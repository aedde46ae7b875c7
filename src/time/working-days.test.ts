import { describe, expect, it } from 'vitest';
import { PlanError } from '../model/errors.js';
import { addWorkingDays, BUNDLED_CALENDAR, CALENDAR_YEARS, CalendarRangeError, readCalendar } from './working-days.js';
import { dayNumber } from './zone.js';

const shanghai = (text: string): number => Date.parse(`${text}+08:00`);

describe('addWorkingDays', () => {
  it('skips weekends: Friday + 1 working day ends Monday night', () => {
    expect(addWorkingDays(shanghai('2026-03-06T10:00:00'), 1, 'Asia/Shanghai', BUNDLED_CALENDAR)).toBe(shanghai('2026-03-10T00:00:00'));
  });
  it('skips the National Day holiday and counts the adjusted Saturday (调休) 2026-10-10 as a working day', () => {
    // 30 Sep 2026 (Wed) + 1 working day: 1–7 Oct are holidays, 8 and 9 Oct (Thu, Fri) are working days.
    expect(addWorkingDays(shanghai('2026-09-30T15:00:00'), 1, 'Asia/Shanghai', BUNDLED_CALENDAR)).toBe(shanghai('2026-10-09T00:00:00'));
    // 9 Oct (Fri) + 1 working day is Saturday 10 Oct, an adjusted working day.
    expect(addWorkingDays(shanghai('2026-10-09T09:00:00'), 1, 'Asia/Shanghai', BUNDLED_CALENDAR)).toBe(shanghai('2026-10-11T00:00:00'));
  });
  it('counts the days of the time zone, not of UTC', () => {
    // Friday 23:30 in Shanghai is Friday 15:30 UTC; Saturday 00:30 Shanghai is still Friday in UTC.
    expect(addWorkingDays(shanghai('2026-03-07T00:30:00'), 1, 'Asia/Shanghai', BUNDLED_CALENDAR)).toBe(shanghai('2026-03-10T00:00:00'));
  });
  it('refuses a year the calendar does not cover instead of guessing', () => {
    expect(BUNDLED_CALENDAR.covers(2026)).toBe(true);
    expect(BUNDLED_CALENDAR.covers(2027)).toBe(false);
    expect(CALENDAR_YEARS).toBe('2004–2026');
    expect(() => addWorkingDays(shanghai('2026-12-30T10:00:00'), 3, 'Asia/Shanghai', BUNDLED_CALENDAR)).toThrow(CalendarRangeError);
    try {
      addWorkingDays(shanghai('2026-12-30T10:00:00'), 3, 'Asia/Shanghai', BUNDLED_CALENDAR);
    } catch (error) {
      expect(error).toMatchObject({ name: 'CalendarRangeError', year: 2027, message: 'the official working-day calendar has no data for 2027' });
    }
    expect(() => addWorkingDays(shanghai('2026-12-28T10:00:00'), 3, 'Asia/Shanghai', BUNDLED_CALENDAR)).not.toThrow();
  });
});

describe('dates of a calendar (read by arithmetic)', () => {
  const issuesOf = (year: number, holidays: string[]): string[] => {
    try {
      readCalendar({ years: [{ year, notice: '通知', holidays, workdays: [] }] });
      return [];
    } catch (error) {
      return (error as PlanError).issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    }
  };

  it('refuses what is not a real date: month or day 00, month 13, day 32, 29 February outside a leap year', () => {
    expect(issuesOf(2027, ['2027-00-10', '2027-13-01', '2027-01-00', '2027-01-32', '2027-02-29', '2027-04-31'])).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `calendar.years.0.holidays.${i}: 不是真实存在的日期`),
    );
    expect(issuesOf(1900, ['1900-02-29'])).toEqual(['calendar.years.0.holidays.0: 不是真实存在的日期']);
  });

  it('counts a leap day (2028, 2000) and the last day of each month like the calendar does', () => {
    expect(issuesOf(2028, ['2028-02-29', '2028-12-31'])).toEqual([]);
    expect(issuesOf(2000, ['2000-02-29'])).toEqual([]);
    // A holiday on a weekday is a day off: 2028-02-29 is a Tuesday, so the week of 28 Feb has four working days.
    const calendar = readCalendar({ years: [{ year: 2028, notice: '通知', holidays: ['2028-02-29'], workdays: [] }] });
    expect(calendar.countWorkingDays(dayNumber(2028, 2, 28), dayNumber(2028, 3, 5))).toBe(4);
  });

  it('takes a Saturday or Sunday, and no other day, as a weekend day worked (调休)', () => {
    expect(issuesOf(2027, [])).toEqual([]);
    const workdays = (dates: string[]) => {
      try {
        readCalendar({ years: [{ year: 2027, notice: '通知', holidays: [], workdays: dates }] });
        return [];
      } catch (error) {
        return (error as PlanError).issues.map((issue) => issue.path.join('.'));
      }
    };
    // 2027-01-02 is a Saturday, 01-03 a Sunday, 01-04 a Monday, 01-08 a Friday.
    expect(workdays(['2027-01-02', '2027-01-03', '2027-01-04', '2027-01-08'])).toEqual(['calendar.years.0.workdays.2', 'calendar.years.0.workdays.3']);
  });
});
