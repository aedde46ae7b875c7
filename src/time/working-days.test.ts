import { describe, expect, it } from 'vitest';
import { addWorkingDays, BUNDLED_CALENDAR, CALENDAR_YEARS, CalendarRangeError } from './working-days.js';

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
