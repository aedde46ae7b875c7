import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from './timestamp.js';

describe('parseTimestamp', () => {
  it('reads an offset and a Z', () => {
    expect(parseTimestamp('2026-03-02T09:00:00+08:00')).toBe(Date.UTC(2026, 2, 2, 1));
    expect(parseTimestamp('2026-03-02T01:00:00Z')).toBe(Date.UTC(2026, 2, 2, 1));
  });
  it('refuses a timestamp without an offset, an impossible date and garbage', () => {
    expect(parseTimestamp('2026-03-02T09:00:00')).toBeNull();
    expect(parseTimestamp('2026-02-30T09:00:00+08:00')).toBeNull();
    expect(parseTimestamp('2026-02-29T09:00:00+08:00')).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
  });
  it('accepts 29 February in a leap year', () => {
    expect(parseTimestamp('2028-02-29T09:00:00+08:00')).toBe(Date.UTC(2028, 1, 29, 1));
  });
});

describe('formatTimestamp', () => {
  it('writes the offset of the time zone', () => {
    expect(formatTimestamp(Date.UTC(2026, 2, 2, 1, 30), 'Asia/Shanghai')).toBe('2026-03-02T09:30:00+08:00');
    expect(formatTimestamp(Date.UTC(2026, 2, 2, 1, 30), 'UTC')).toBe('2026-03-02T01:30:00Z');
  });
});

describe('parseTimestamp agrees with date-fns parseISO', () => {
  it('on random timestamps with offsets, years 0001–9999', async () => {
    const fc = (await import('fast-check')).default;
    const { parseISO } = await import('date-fns');
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }), fc.option(fc.integer({ min: 0, max: 999 })),
        (y, mo, d, h, mi, s, offset, ms) => {
          const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms === null ? '' : `.${pad(ms, 3)}`}${zone}`;
          const reference = parseISO(text);
          expect(parseTimestamp(text)).toBe(Number.isNaN(reference.getTime()) ? null : reference.getTime());
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads years before 100 as themselves', () => {
    expect(parseTimestamp('0050-06-01T00:00:00Z')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
  });
});

describe('formatTimestamp and timestampFormatter agree with date-fns formatISO', () => {
  it('on random instants in several time zones, across clock changes', async () => {
    const fc = (await import('fast-check')).default;
    const { formatISO } = await import('date-fns');
    const { TZDate } = await import('@date-fns/tz');
    const { timestampFormatter } = await import('./timestamp.js');
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    const formatters = new Map(zones.map((zone) => [zone, timestampFormatter(zone)]));
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const second = Math.floor(ms / 1000) * 1000;
        const expected = formatISO(new TZDate(second, zone));
        expect(formatTimestamp(second, zone)).toBe(expected);
        expect(formatters.get(zone)?.(second)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
