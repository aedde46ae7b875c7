import { describe, expect, it } from 'vitest';
import { periodOf, type Period } from './period.js';
import { formatTimestamp } from './timestamp.js';

const TZ = 'Asia/Shanghai';
const at = (text: string) => Date.parse(`${text}+08:00`);
const iso = (millis: number) => formatTimestamp(millis, TZ).replace('+08:00', '.000+08:00');
const startOf = (period: Period, millis: number) => period.start(millis, TZ);
const nextOf = (period: Period, millis: number) => period.next(millis, TZ);
// A Thursday in August, 14:30 Shanghai time.
const thursday = at('2026-08-13T14:30:00');

describe('periodOf', () => {
  it('days start at midnight and follow one another', () => {
    const day = periodOf('P1D');
    expect(iso(startOf(day!, thursday))).toBe('2026-08-13T00:00:00.000+08:00');
    expect(iso(nextOf(day!, at('2026-08-13T00:00:00')))).toBe('2026-08-14T00:00:00.000+08:00');
  });
  it('weeks start on Monday', () => {
    const week = periodOf('P1W');
    expect(iso(startOf(week!, thursday))).toBe('2026-08-10T00:00:00.000+08:00');
    expect(iso(nextOf(week!, at('2026-08-10T00:00:00')))).toBe('2026-08-17T00:00:00.000+08:00');
  });
  it.each([
    ['P1M', '2026-08-01', '2026-09-01'],
    ['P2M', '2026-07-01', '2026-09-01'],
    ['P3M', '2026-07-01', '2026-10-01'],
    ['P4M', '2026-05-01', '2026-09-01'],
    ['P6M', '2026-07-01', '2027-01-01'],
    ['P1Y', '2026-01-01', '2027-01-01'],
  ])('%s starts its period on the calendar (%s) and the next one after it (%s)', (every, start, next) => {
    const period = periodOf(every);
    const begins = startOf(period!, thursday);
    expect(iso(begins)).toBe(`${start}T00:00:00.000+08:00`);
    expect(iso(nextOf(period!, begins))).toBe(`${next}T00:00:00.000+08:00`);
  });
  it('ignores zero units', () => {
    expect(iso(startOf(periodOf('P0Y1M')!, thursday))).toBe('2026-08-01T00:00:00.000+08:00');
  });
  it.each(['P2D', 'P2W', 'P5M', 'P12M', 'P2Y', 'P1M1D', 'PT1H', 'P0D', 'monthly'])('has no calendar period for %s', (every) => {
    expect(periodOf(every)).toBeNull();
  });
});
