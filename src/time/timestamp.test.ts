import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp, TimestampSchema, timestampFormatter } from './timestamp.js';
import { runs } from '../../test/support/under-stryker.js';

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
  it.each([
    ['month 00', '2026-00-10T09:00:00+08:00'],
    ['month 13', '2026-13-10T09:00:00+08:00'],
    ['day 00', '2026-03-00T09:00:00+08:00'],
    ['day 32', '2026-03-32T09:00:00+08:00'],
    ['31 April', '2026-04-31T09:00:00+08:00'],
    ['hour 25', '2026-03-02T25:00:00+08:00'],
    ['minute 60', '2026-03-02T09:60:00+08:00'],
    ['second 60', '2026-03-02T09:00:60+08:00'],
    ['24:01', '2026-03-02T24:01:00+08:00'],
    ['24:00:01', '2026-03-02T24:00:01+08:00'],
    ['offset minutes 60', '2026-03-02T09:00:00+05:60'],
    ['offset beyond +14:00', '2026-03-02T09:00:00+14:01'],
    ['offset beyond -14:00', '2026-03-02T09:00:00-15:00'],
  ])('refuses %s', (_, text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
  it('reads 24:00 as the end of the day, offsets up to ±14:00 and an offset without a colon', () => {
    expect(parseTimestamp('2026-03-02T24:00:00+08:00')).toBe(Date.UTC(2026, 2, 2, 16));
    expect(parseTimestamp('2026-03-02T24:00+08:00')).toBe(Date.UTC(2026, 2, 2, 16));
    expect(parseTimestamp('2026-03-02T14:00:00+14:00')).toBe(Date.UTC(2026, 2, 2, 0));
    expect(parseTimestamp('2026-03-02T00:00:00-14:00')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseTimestamp('2026-03-02T09:30:00+0530')).toBe(Date.UTC(2026, 2, 2, 4));
    expect(parseTimestamp('2026-03-02T09:30:00-09:30')).toBe(Date.UTC(2026, 2, 2, 19));
    expect(parseTimestamp('2026-12-31T23:59:59.999+08:00')).toBe(Date.UTC(2026, 11, 31, 15, 59, 59, 999));
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

describe('TimestampSchema', () => {
  it('takes a Date in the years 0001–9999 and refuses an invalid one or one outside them', () => {
    const accepts = (date: Date) => TimestampSchema.safeParse(date).success;
    const at = (year: number, month = 0, day = 1) => {
      const date = new Date(0);
      date.setUTCFullYear(year, month, day);
      return date;
    };
    expect(accepts(at(1))).toBe(true);
    expect(accepts(at(9999, 11, 31))).toBe(true);
    expect(accepts(at(0, 11, 31))).toBe(false);
    expect(accepts(at(10000))).toBe(false);
    expect(accepts(new Date(Number.NaN))).toBe(false);
  });
});

describe('formatTimestamp beyond the fast path', () => {
  it('writes years before 1000 with four digits', () => {
    const early = new Date(0);
    early.setUTCFullYear(999, 5, 1);
    expect(formatTimestamp(early.getTime(), 'UTC')).toBe('0999-06-01T00:00:00Z');
    expect(timestampFormatter('UTC')(early.getTime())).toBe('0999-06-01T00:00:00Z');
  });
  it('writes years past 9999 in the expanded form with six digits and a sign, as Date#toISOString does', () => {
    const late = Date.UTC(9999, 11, 31, 20, 30);
    expect(formatTimestamp(late, 'Asia/Shanghai')).toBe('+010000-01-01T04:30:00+08:00');
    expect(timestampFormatter('Asia/Shanghai')(late)).toBe('+010000-01-01T04:30:00+08:00');
    expect(formatTimestamp(late, 'UTC')).toBe('9999-12-31T20:30:00Z');
    expect(formatTimestamp(Date.UTC(10_102, 6, 1), 'UTC')).toBe(new Date(Date.UTC(10_102, 6, 1)).toISOString().replace('.000Z', 'Z'));
  });
  it('writes negative offsets with a minus sign', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 15, 17), 'America/New_York')).toBe('2026-01-15T12:00:00-05:00');
    expect(timestampFormatter('Asia/Kolkata')(Date.UTC(2026, 0, 15, 6, 30))).toBe('2026-01-15T12:00:00+05:30');
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
      { numRuns: runs(3000) },
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
        // formatISO writes no milliseconds: compare whole seconds (milliseconds: test/hardening-time.test.ts).
        const second = Math.floor(ms / 1000) * 1000;
        const expected = formatISO(new TZDate(second, zone));
        expect(formatTimestamp(second, zone)).toBe(expected);
        expect(formatters.get(zone)?.(second)).toBe(expected);
      }),
      { numRuns: runs(5000) },
    );
  });
});

describe('the arithmetic reader and writer', () => {
  /** The Date object's writing of `millis` at `offset` minutes, as writeIso wrote it before. */
  const byDate = (millis: number, offset: number): string => {
    const d = new Date(millis + offset * 60_000);
    const abs = Math.abs(offset);
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const year = d.getUTCFullYear();
    const y = year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0');
    const ms = d.getUTCMilliseconds();
    return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms === 0 ? '' : `.${pad(ms, 3)}`}${offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`}`;
  };

  it('writes what the Date object writes, on random instants of years 0–10000 with milliseconds, fractions of one and offsets up to ±14:00', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: -62_198_755_200_000, max: 253_402_300_799_999 + 86_400_000 }), fc.integer({ min: -840, max: 840 }), fc.constantFrom(0, 0.25, 0.5), (ms, offset, fraction) => {
        expect(formatTimestamp(ms + fraction, 'UTC')).toBe(byDate(ms + fraction, 0));
        const utc = timestampFormatter('UTC');
        expect(utc(ms + fraction)).toBe(byDate(ms + fraction, 0));
        const text = byDate(ms, offset);
        // What it writes reads back to the instant, in the years the reader accepts.
        if (/^\d{4}-/.test(text)) expect(parseTimestamp(text)).toBe(ms);
      }),
      { numRuns: runs(5000) },
    );
  });

  it('reads the usual form as Date.parse does, impossible dates and out-of-range fields refused, whatever their place', async () => {
    const fc = (await import('fast-check')).default;
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -15 * 60, max: 15 * 60 }), fc.option(fc.integer({ min: 0, max: 999 })),
        (y, mo, d, h, mi, s, offset, ms) => {
          // Date.parse rolls 31 June over into July: whether the day exists, by the calendar.
          const last = mo >= 1 && mo <= 12 ? new Date(Date.UTC(2000, mo, 0)).getUTCDate() - (mo === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0) : 0;
          const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms === null ? '' : `.${pad(ms, 3)}`}${zone}`;
          const reference = Date.parse(text);
          // Date.parse reads any offset; the library refuses offsets beyond ±14:00.
          const expected = Number.isNaN(reference) || Math.abs(offset) > 14 * 60 || d < 1 || d > last ? null : reference;
          expect(parseTimestamp(text)).toBe(expected);
        },
      ),
      { numRuns: runs(5000) },
    );
  });

  it('refuses the usual form with a letter, a sign or a separator out of place', () => {
    for (const text of ['2026-03-02T09:00:0a+08:00', '2026-03-02T09:00:00*08:00', '2026-03-02T09:00:00+08-00', '2026-03-02T09:00:00Y', '2026-03-02T09:00:00,500Z', '2026/03-02T09:00:00Z', '2026-03-02t09:00:00Z', '2026-03-02T09:00:00.50xZ']) {
      expect(parseTimestamp(text)).toBeNull();
    }
    // Other forms the reader accepts go the general way: an offset without a colon, a longer fraction, 24:00.
    expect(parseTimestamp('2026-03-02T09:00:00+0800')).toBe(Date.UTC(2026, 2, 2, 1));
    expect(parseTimestamp('2026-03-02T09:00:00.5+08:00')).toBe(Date.UTC(2026, 2, 2, 1, 0, 0, 500));
    expect(parseTimestamp('2026-03-02T24:00:00Z')).toBe(Date.UTC(2026, 2, 3));
  });

  it('a formatter that remembers the last day, offset and quarter hour writes what formatTimestamp writes, call after call, across clock changes', async () => {
    const fc = (await import('fast-check')).default;
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata'];
    for (const zone of zones) {
      const format = timestampFormatter(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { maxLength: 8 }), (start, steps) => {
          for (const at of [start, ...steps.map((step) => start + step)]) expect(format(at)).toBe(formatTimestamp(at, zone));
        }),
        { numRuns: runs(300) },
      );
    }
  });
});
