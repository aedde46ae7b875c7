import { describe, expect, it } from 'vitest';
import { addDuration, MAX_DURATION_DAYS, parseDuration, roughDays } from './duration.js';

describe('parseDuration', () => {
  it('reads the durations the seeds use', () => {
    expect(parseDuration('PT30M')).toEqual({ minutes: 30 });
    expect(parseDuration('PT12H')).toEqual({ hours: 12 });
    expect(parseDuration('P1M')).toEqual({ months: 1 });
    expect(parseDuration('P1DT2H')).toEqual({ days: 1, hours: 2 });
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
  });
  it('refuses what is not a duration', () => {
    for (const text of ['P', 'PT', '30M', 'PT1.5H', 'P-1D', '']) expect(parseDuration(text)).toBeNull();
  });
});

describe('addDuration', () => {
  it('adds minutes and hours exactly', () => {
    const nine = Date.UTC(2026, 2, 2, 1);
    expect(addDuration(nine, { minutes: 30 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 2, 2, 1, 30));
    expect(addDuration(nine, { hours: 12 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 2, 2, 13));
  });
  it('adds seconds as elapsed time', () => {
    expect(addDuration(0, { minutes: 1, seconds: 30 }, 'Asia/Shanghai')).toBe(90_000);
  });
  it('counts days, weeks and years on the wall clock of the time zone, across a clock change', () => {
    // New York springs forward on 8 March 2026: a calendar day from 7 March 12:00 is 23 hours.
    const march7 = Date.UTC(2026, 2, 7, 17);
    expect(addDuration(march7, { days: 1 }, 'America/New_York')).toBe(march7 + 23 * 3_600_000);
    expect(addDuration(march7, { weeks: 1 }, 'America/New_York')).toBe(march7 + (7 * 24 - 1) * 3_600_000);
    // 29 February 2028 plus one year is 28 February 2029.
    expect(addDuration(Date.UTC(2028, 1, 29, 4), { years: 1 }, 'Asia/Shanghai')).toBe(Date.UTC(2029, 1, 28, 4));
  });
  it('counts months on the calendar of the time zone', () => {
    // 31 January 20:00 in Shanghai is 31 January 12:00 UTC; one month later is 28 February 20:00 Shanghai.
    expect(addDuration(Date.UTC(2026, 0, 31, 12), { months: 1 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 1, 28, 12));
  });
});

describe('roughDays', () => {
  it('counts a year as 365 days, a month as a twelfth of that, a week as 7, and the clock units as parts of a day', () => {
    expect(roughDays({ years: 2 })).toBe(730);
    expect(roughDays({ months: 3 })).toBe(91.25);
    expect(roughDays({ years: 2, months: 24 })).toBe(1460);
    expect(roughDays({ weeks: 2 })).toBe(14);
    expect(roughDays({ days: 5 })).toBe(5);
    expect(roughDays({ hours: 36 })).toBe(1.5);
    expect(roughDays({ minutes: 720 })).toBe(0.5);
    expect(roughDays({ seconds: 21_600 })).toBe(0.25);
    expect(roughDays({ years: 1, months: 1, weeks: 1, days: 1, hours: 12, minutes: 360, seconds: 10_800 })).toBe(365 + 365 / 12 + 7 + 1 + 0.875);
    expect(roughDays({})).toBe(0);
  });

  it('bounds durations at 100 years', () => {
    expect(MAX_DURATION_DAYS).toBe(roughDays({ years: 100 }));
  });
});
