import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads the durations the seeds use', () => {
    expect(parseDuration('PT30M')).toEqual({ minutes: 30 });
    expect(parseDuration('PT12H')).toEqual({ hours: 12 });
    expect(parseDuration('P1M')).toEqual({ months: 1 });
    expect(parseDuration('P1DT2H')).toEqual({ days: 1, hours: 2 });
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
  it('counts months on the calendar of the time zone', () => {
    // 31 January 20:00 in Shanghai is 31 January 12:00 UTC; one month later is 28 February 20:00 Shanghai.
    expect(addDuration(Date.UTC(2026, 0, 31, 12), { months: 1 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 1, 28, 12));
  });
});
