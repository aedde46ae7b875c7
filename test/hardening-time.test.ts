// Issue 12, the time module's side: a calendar the host can extend (item 2), exact time (item 3) and
// bounded time-zone caches (item 6).
import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUNDLED_CALENDAR_YEARS, CalendarDataSchema, calendarYears, decide, loadPlan, PlanError, schedule, type CalendarData } from '../src/index.js';
import * as library from '../src/index.js';
import { compiledOf } from '../src/plans/load.js';
import { periodOf } from '../src/time/period.js';
import { FORMATTER_CACHE_LIMIT, formatTimestamp, parseTimestamp, timestampFormatter } from '../src/time/timestamp.js';
import { addWorkingDays, BUNDLED_CALENDAR, CalendarRangeError, readCalendar, workingCalendar, type WorkingCalendar } from '../src/time/working-days.js';
import { addDuration } from '../src/time/duration.js';
import { dateOfDay, dayNumber, localDay, startOfLocalDay } from '../src/time/zone.js';
import { runs } from './support/under-stryker.js';

type Json = Record<string, unknown>;
const DAY = 86_400_000;
const shanghai = (text: string): number => Date.parse(`${text}+08:00`);
const text = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Reference offsets, read from Intl directly (not through @date-fns/tz): seconds included.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** The exact UTC offset of a zone at an instant, in seconds, from Intl's "GMT+08:05:43". */
function exactOffsetSeconds(millis: number, zone: string): number {
  let format = offsetFormats.get(zone);
  if (!format) offsetFormats.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  const name = format.formatToParts(new Date(millis)).find((part) => part.type === 'timeZoneName')!.value;
  const m = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(name)!;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 3600 + +m[3]! * 60 + (m[4] ? +m[4] : 0));
}
/** The documented written offset: whole minutes, truncated toward zero. */
const writtenOffsetMinutes = (millis: number, zone: string): number => Math.trunc(exactOffsetSeconds(millis, zone) / 60);
const referenceLocalDay = (millis: number, zone: string): number => Math.floor((millis + writtenOffsetMinutes(millis, zone) * 60_000) / DAY);

/** The reference text: local time (instant + written offset) and the offset, `.SSS` only when not zero. */
function referenceText(millis: number, zone: string): string {
  const offset = writtenOffsetMinutes(millis, zone);
  const local = new Date(millis + offset * 60_000).toISOString(); // 2026-03-02T09:00:00.500Z or +010000-…
  const body = local.slice(0, -1).replace(/\.000$/, '');
  const abs = Math.abs(offset);
  const zoneText = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${body}${zoneText}`;
}

/** Every instant (to the second) where a zone's offset changes between two instants, by bisection over a day scan. */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 0, 1);
  let previous = exactOffsetSeconds(start, zone);
  for (let t = start + DAY / 2; t <= end; t += DAY / 2) {
    const now = exactOffsetSeconds(t, zone);
    if (now !== previous) {
      let lo = t - DAY / 2;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (exactOffsetSeconds(mid, zone) === previous) lo = mid;
        else hi = mid;
      }
      out.push(hi);
      previous = now;
    }
  }
  return out;
}

/**
 * The first instant whose local day is `day` or later, from first principles: it is either a change of offset
 * (`changes`, to the second) or the local midnight under an offset in force near it; the earliest that is.
 */
function referenceStartOfDay(day: number, zone: string, changes: readonly number[]): number {
  const from = day * DAY - 17 * 3_600_000;
  const to = day * DAY + 17 * 3_600_000;
  const near = changes.filter((t) => t > from && t <= to);
  const offsets = new Set([from, ...near].map((t) => writtenOffsetMinutes(t, zone)));
  const candidates = [...near, ...[...offsets].map((offset) => day * DAY - offset * 60_000)];
  return Math.min(...candidates.filter((t) => referenceLocalDay(t, zone) >= day));
}

// ---------------------------------------------------------------------------------------------
// Calendar fixtures.

/** A year of synthetic host data: 1–3 January off, 1–7 October off, the Saturday before 1 October worked. */
function syntheticYear(year: number): CalendarData['years'][number] {
  const holidays = [1, 2, 3].map((d) => text(dayNumber(year, 1, d))).concat([1, 2, 3, 4, 5, 6, 7].map((d) => text(dayNumber(year, 10, d))));
  let saturday = dayNumber(year, 9, 30);
  while (dateOfDay(saturday).weekday !== 6) saturday -= 1;
  return { year, notice: `国务院办公厅关于${year}年部分节假日安排的通知（测试）`, holidays, workdays: [text(saturday)] };
}
const HOST: CalendarData = { years: Array.from({ length: 14 }, (_, i) => syntheticYear(2027 + i)) };

/** The day-by-day walk, independent of the library: chinese-days for the bundled years, the host's lists for the others. */
function referenceWalk(anchorDay: number, days: number, host: CalendarData): { end: string; lookups: number } | { year: number } {
  const hostYears = new Map(host.years.map((y) => [y.year, { off: new Set(y.holidays), on: new Set(y.workdays) }]));
  let day = anchorDay;
  let counted = 0;
  let lookups = 0;
  while (counted < days) {
    day += 1;
    const date = text(day);
    const year = Number(date.slice(0, 4));
    const hostYear = hostYears.get(year);
    lookups += 1;
    let works: boolean;
    if (hostYear) {
      const weekday = new Date(day * DAY).getUTCDay();
      works = hostYear.on.has(date) || (weekday !== 0 && weekday !== 6 && !hostYear.off.has(date));
    } else if (chineseDays.getDayDetail(`${year}-01-01`).name.includes('元旦')) {
      works = chineseDays.isWorkday(date);
    } else {
      return { year };
    }
    if (works) counted += 1;
  }
  return { end: text(day + 1), lookups };
}

/** A calendar that counts the calls made to it. */
function counting(calendar: WorkingCalendar): { calendar: WorkingCalendar; calls: () => number } {
  let calls = 0;
  return {
    calendar: {
      years: calendar.years,
      covers: (year) => (calls++, calendar.covers(year)),
      noticeOf: (year) => (calls++, calendar.noticeOf(year)),
      countWorkingDays: (from, to) => (calls++, calendar.countWorkingDays(from, to)),
    },
    calls: () => calls,
  };
}

function planError(options: unknown): PlanError {
  try {
    loadPlan('hrss', options as Parameters<typeof loadPlan>[1]);
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError');
}

describe('a calendar the host can extend (issue 12, item 2)', () => {
  it('the bundled data covers 2004–2026 and is the default', () => {
    expect(BUNDLED_CALENDAR_YEARS).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(Object.isFrozen(BUNDLED_CALENDAR_YEARS)).toBe(true);
    expect(calendarYears(loadPlan('hrss'))).toEqual(BUNDLED_CALENDAR_YEARS);
    expect(compiledOf(loadPlan('hrss')).calendar).toBe(BUNDLED_CALENDAR);
    expect(workingCalendar({ years: [] })).toBe(BUNDLED_CALENDAR);
  });

  it('the package exports the calendar API of CALENDAR.md', () => {
    expect(typeof library.CalendarDataSchema.safeParse).toBe('function');
    expect(typeof library.calendarYears).toBe('function');
    expect(library.BUNDLED_CALENDAR_YEARS).toBe(BUNDLED_CALENDAR_YEARS);
  });

  it('a host adds 2027 through loadPlan: working-day deadlines in 2027 are counted on its data', () => {
    const calendar2027: CalendarData = {
      years: [{ year: 2027, notice: '国务院办公厅关于2027年部分节假日安排的通知', holidays: ['2027-01-01', '2027-02-05', '2027-02-08'], workdays: ['2027-02-20'] }],
    };
    const plan = loadPlan('hrss', { calendar: calendar2027 });
    expect(calendarYears(plan)).toEqual([...BUNDLED_CALENDAR_YEARS, 2027]);
    const compiled = compiledOf(plan);
    expect(compiled.calendar.noticeOf(2027)).toBe('国务院办公厅关于2027年部分节假日安排的通知');
    expect(compiled.calendar.noticeOf(2026)).toBeNull();
    // Thu 31 Dec 2026 + 1 working day: Fri 1 Jan 2027 is a holiday, so Mon 4 Jan; its end is Tue 5 Jan 00:00.
    expect(addWorkingDays(shanghai('2026-12-31T10:00:00'), 1, 'Asia/Shanghai', compiled.calendar)).toBe(shanghai('2027-01-05T00:00:00'));
    // Thu 4 Feb + 2: Fri 5 and Mon 8 Feb are off, Tue 9 and Wed 10 count.
    expect(addWorkingDays(shanghai('2027-02-04T10:00:00'), 2, 'Asia/Shanghai', compiled.calendar)).toBe(shanghai('2027-02-11T00:00:00'));
    // Fri 19 Feb + 1: Saturday 20 Feb is an adjusted working day (调休上班).
    expect(addWorkingDays(shanghai('2027-02-19T10:00:00'), 1, 'Asia/Shanghai', compiled.calendar)).toBe(shanghai('2027-02-21T00:00:00'));
    // Without the host's data 2027 is refused, never guessed.
    expect(() => addWorkingDays(shanghai('2026-12-31T10:00:00'), 1, 'Asia/Shanghai', compiledOf(loadPlan('hrss')).calendar)).toThrow(CalendarRangeError);
  });

  it('a year nobody has data for still throws CalendarRangeError with that year: never guessed', () => {
    const calendar = readCalendar(HOST);
    const last = dayNumber(2040, 12, 28);
    try {
      addWorkingDays(last * DAY, 10, 'UTC', calendar);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarRangeError);
      expect((error as CalendarRangeError).year).toBe(2041);
    }
    // The anchor's own day is not counted: 31 Dec 2003 + 1 needs only 2004.
    expect(addWorkingDays(shanghai('2003-12-31T10:00:00'), 1, 'Asia/Shanghai', calendar)).toBe(shanghai('2004-01-03T00:00:00'));
    expect(() => addWorkingDays(Date.UTC(2003, 11, 30), 5, 'UTC', calendar)).toThrow(expect.objectContaining({ year: 2003 }));
    expect(() => calendar.countWorkingDays(dayNumber(2041, 1, 2), dayNumber(2041, 1, 5))).toThrow(CalendarRangeError);
  });

  it('a host year replaces the bundled year', () => {
    // 2026-10-09 (Fri) + 1: bundled, Saturday 10 Oct is worked (ends 11 Oct); a host 2026 without that 调休 ends on Tuesday.
    const plain = { years: [{ year: 2026, notice: '测试', holidays: [], workdays: [] }] };
    expect(addWorkingDays(shanghai('2026-10-09T09:00:00'), 1, 'Asia/Shanghai', BUNDLED_CALENDAR)).toBe(shanghai('2026-10-11T00:00:00'));
    expect(addWorkingDays(shanghai('2026-10-09T09:00:00'), 1, 'Asia/Shanghai', readCalendar(plain))).toBe(shanghai('2026-10-13T00:00:00'));
  });

  it('jumps across the calendar: 3 000 working days over 12 host years take a few dozen lookups, the walk over 4 000', () => {
    const { calendar, calls } = counting(readCalendar(HOST));
    const anchor = shanghai('2027-01-04T10:00:00');
    const got = addWorkingDays(anchor, 3000, 'Asia/Shanghai', calendar);
    const walk = referenceWalk(localDay(anchor, 'Asia/Shanghai'), 3000, HOST) as { end: string; lookups: number };
    expect(got).toBe(shanghai(`${walk.end}T00:00:00`));
    expect(walk.lookups).toBeGreaterThan(4000);
    expect(calls()).toBeLessThan(40);
    // Twice the distance costs a dozen more lookups, not twice as many.
    const before = calls();
    addWorkingDays(shanghai('2004-01-05T10:00:00'), 6000, 'Asia/Shanghai', calendar);
    expect(calls() - before).toBeLessThan(70);
  });

  it('gives the day-by-day walk\'s answer, on random anchors and offsets over bundled and host years', () => {
    const calendar = readCalendar(HOST);
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(2003, 6, 1), max: dayNumber(2041, 3, 1) }), fc.integer({ min: 0, max: 86_399 }), fc.integer({ min: 0, max: 900 }), (day, second, days) => {
        const anchor = day * DAY + second * 1000 - 8 * 3_600_000; // a moment of that Shanghai day
        const expected = referenceWalk(day, days, HOST);
        if ('year' in expected) {
          expect(() => addWorkingDays(anchor, days, 'Asia/Shanghai', calendar)).toThrow(expect.objectContaining({ name: 'CalendarRangeError', year: expected.year }));
        } else {
          expect(addWorkingDays(anchor, days, 'Asia/Shanghai', calendar)).toBe(shanghai(`${expected.end}T00:00:00`));
        }
      }),
      { numRuns: runs(1500) },
    );
  });

  it('leaves the host\'s data untouched and accepts it frozen', () => {
    const data = structuredClone(HOST);
    const frozen = structuredClone(HOST);
    const deepFreeze = (value: unknown): void => {
      if (value && typeof value === 'object') {
        Object.freeze(value);
        Object.values(value).forEach(deepFreeze);
      }
    };
    deepFreeze(frozen);
    loadPlan('hrss', { calendar: data });
    expect(data).toEqual(HOST);
    expect(calendarYears(loadPlan('hrss', { calendar: frozen }))).toContain(2040);
    expect(CalendarDataSchema.safeParse(HOST).success).toBe(true);
  });

  it.each([
    ['not an object', 'nope', 'calendar', undefined],
    ['null', null, 'calendar', undefined],
    ['an array', [], 'calendar', undefined],
    ['no years', {}, 'calendar.years', undefined],
    ['an unknown field', { years: [], extra: 1 }, 'calendar.extra', undefined],
    ['a year that is not a whole number', { years: [{ year: 2027.5, notice: 'n', holidays: [], workdays: [] }] }, 'calendar.years.0.year', 2027.5],
    ['a year out of range', { years: [{ year: 10_000, notice: 'n', holidays: [], workdays: [] }] }, 'calendar.years.0.year', 10_000],
    ['no notice', { years: [{ year: 2027, holidays: [], workdays: [] }] }, 'calendar.years.0.notice', undefined],
    ['an empty notice', { years: [{ year: 2027, notice: '  ', holidays: [], workdays: [] }] }, 'calendar.years.0.notice', '  '],
    ['holidays not a list', { years: [{ year: 2027, notice: 'n', holidays: '2027-01-01', workdays: [] }] }, 'calendar.years.0.holidays', '2027-01-01'],
    ['a date that is not text', { years: [{ year: 2027, notice: 'n', holidays: [20270101], workdays: [] }] }, 'calendar.years.0.holidays.0', 20270101],
    ['an impossible date', { years: [{ year: 2027, notice: 'n', holidays: ['2027-02-30'], workdays: [] }] }, 'calendar.years.0.holidays.0', '2027-02-30'],
    ['a date not in the form YYYY-MM-DD', { years: [{ year: 2027, notice: 'n', holidays: ['2027/01/01'], workdays: [] }] }, 'calendar.years.0.holidays.0', '2027/01/01'],
    ['a date in another year', { years: [{ year: 2027, notice: 'n', holidays: ['2026-12-31'], workdays: [] }] }, 'calendar.years.0.holidays.0', '2026-12-31'],
    ['an adjusted working day on a weekday', { years: [{ year: 2027, notice: 'n', holidays: [], workdays: ['2027-02-22'] }] }, 'calendar.years.0.workdays.0', '2027-02-22'],
    ['a day both off and worked', { years: [{ year: 2027, notice: 'n', holidays: ['2027-02-20'], workdays: ['2027-02-20'] }] }, 'calendar.years.0.workdays.0', '2027-02-20'],
    ['a year listed twice', { years: [syntheticYear(2027), syntheticYear(2027)] }, 'calendar.years.1.year', 2027],
    ['a forbidden key', JSON.parse('{"years": [], "__proto__": {"polluted": true}}'), 'calendar.__proto__', undefined],
  ])('refuses %s with a PlanError naming the path, the value and what was expected', (_, calendar, path, received) => {
    const error = planError({ calendar });
    const issue = error.issues.find((i) => i.path.join('.') === path);
    expect(issue, error.message).toBeDefined();
    expect(error.issues.every((i) => i.path[0] === 'calendar')).toBe(true);
    expect(issue!.expected, error.message).toBeTruthy();
    if (received !== undefined) expect(issue!.received).toEqual(received);
    expect(error.message).toContain(path.replace(/\.(\d+)/g, '[$1]').replace('.__proto__', '.__proto__'));
  });

  describe('on a hardened host', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Error.prototype, 'name') as PropertyDescriptor;
    const saved = { ...z.config() };
    afterEach(() => {
      Object.defineProperty(Error.prototype, 'name', descriptor);
      z.config({ customError: saved.customError, localeError: saved.localeError });
    });

    it('a frozen Error.prototype: bad calendar data is still a PlanError, and CalendarRangeError keeps its name', () => {
      Object.defineProperty(Error.prototype, 'name', { ...descriptor, writable: false });
      expect(planError({ calendar: { years: [{ year: 2027, notice: 'n', holidays: ['2027-02-30'], workdays: [] }] } }).issues[0]?.path).toEqual(['calendar', 'years', 0, 'holidays', 0]);
      expect(() => addWorkingDays(shanghai('2026-12-31T10:00:00'), 1, 'Asia/Shanghai', BUNDLED_CALENDAR)).toThrow(expect.objectContaining({ name: 'CalendarRangeError', year: 2027 }));
    });

    it('a host\'s z.config() does not change the messages about calendar data', () => {
      z.config({ customError: () => 'host text' });
      const error = planError({ calendar: { years: 'none' } });
      expect(error.issues[0]).toMatchObject({ path: ['calendar', 'years'], message: 'must be a list of years' });
      expect(error.message).not.toContain('host text');
    });
  });

  it('two years of host data in the other order give the same calendar; holidays on weekends are accepted', () => {
    const a = readCalendar({ years: [syntheticYear(2028), syntheticYear(2027)] });
    const b = readCalendar({ years: [syntheticYear(2027), syntheticYear(2028)] });
    expect(a.years).toEqual(b.years);
    // 2 Jan 2027 is a Saturday listed as a holiday: harmless.
    expect(a.countWorkingDays(dayNumber(2027, 1, 1), dayNumber(2027, 1, 10))).toBe(5);
  });
});

// ---------------------------------------------------------------------------------------------

const ZONES = [
  'Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Africa/Monrovia', 'Europe/Amsterdam',
  'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Asia/Kathmandu', 'Pacific/Apia', 'America/St_Johns', 'Asia/Manila', 'America/Sitka', 'Pacific/Chatham',
];

describe('exact time: milliseconds and offsets (issue 12, item 3)', () => {
  it('writes milliseconds when they are not zero, and the same text as before when they are', () => {
    const at = Date.UTC(2026, 2, 2, 1, 0, 0, 500);
    expect(formatTimestamp(at, 'Asia/Shanghai')).toBe('2026-03-02T09:00:00.500+08:00');
    expect(timestampFormatter('Asia/Shanghai')(at)).toBe('2026-03-02T09:00:00.500+08:00');
    expect(formatTimestamp(at + 7, 'UTC')).toBe('2026-03-02T01:00:00.507Z');
    expect(formatTimestamp(Date.UTC(2026, 2, 2, 1), 'Asia/Shanghai')).toBe('2026-03-02T09:00:00+08:00');
  });

  it('milliseconds survive into a decision\'s deadlines', () => {
    const d = decide(loadPlan('county-bureau'), { id: 'ms', occurredAt: '2026-03-02T08:00:00.250+08:00', discoveredAt: '2026-03-02T09:00:00.500+08:00' }, { now: '2026-03-02T09:05:00.125+08:00' });
    expect(d.now).toBe('2026-03-02T09:05:00.125+08:00');
    const due = d.obligations.map((o) => o.dueAt).filter((x): x is string => x !== null);
    expect(due.length).toBeGreaterThan(0);
    expect(due.some((x) => /\.(500|250)\+08:00$/.test(x))).toBe(true);
  });

  it('writes a text that parses back to the instant, with the zone\'s offset (whole minutes, truncated), on random instants of the years 1–9999', () => {
    const formatters = new Map(ZONES.map((zone) => [zone, timestampFormatter(zone)]));
    const first = new Date(0).setUTCFullYear(1, 0, 1);
    const last = new Date(0).setUTCFullYear(9999, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.constantFrom(...ZONES), (millis, zone) => {
        const written = formatTimestamp(millis, zone);
        expect(written).toBe(referenceText(millis, zone));
        expect(formatters.get(zone)!(millis)).toBe(written);
        expect(Date.parse(written)).toBe(millis);
        // Our own reader takes every text it wrote within its limits: years up to 9999 and offsets within ±14:00.
        if (!/^\+|[+-](1[4-9]:(?!00)|1[5-9])/.test(written)) expect(parseTimestamp(written)).toBe(millis);
        // The written offset is the zone's own within the seconds ISO 8601 cannot write.
        const m = /(?:Z|([+-])(\d\d):(\d\d))$/.exec(written)!;
        const offset = m[1] ? (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) : 0;
        expect(Math.abs(exactOffsetSeconds(millis, zone) - offset * 60)).toBeLessThan(60);
      }),
      { numRuns: runs(4000) },
    );
  });

  it.each([
    ['Asia/Shanghai', 1890, 1950, true],
    ['Asia/Kolkata', 1850, 1950, true],
    ['Africa/Monrovia', 1880, 1975, true],
    ['America/Santiago', 1890, 1950, true],
    // This runtime's data links Europe/Amsterdam to Brussels and ends Lisbon's local mean time at 00:00 UTC: no odd change there.
    ['Europe/Amsterdam', 1900, 1950, false],
    ['Europe/Lisbon', 1900, 1950, false],
  ])('stays right on both sides of every historical change in %s (%i–%i), changes at odd seconds included', (zone, from, to, odd) => {
    const format = timestampFormatter(zone);
    const changes = transitions(zone, from, to);
    expect(changes.length).toBeGreaterThan(0);
    // Local mean time ends at an odd second, where quarter hours of UTC do not fall.
    expect(changes.some((t) => t % (15 * 60_000) !== 0)).toBe(odd);
    for (const t of changes) {
      for (const at of [t - 60_000, t - 1000, t - 1, t, t + 1, t + 1000, t + 60_000, t + 14 * 60_000]) {
        expect(format(at), `${zone} ${new Date(at).toISOString()}`).toBe(referenceText(at, zone));
        expect(formatTimestamp(at, zone)).toBe(referenceText(at, zone));
      }
    }
  });

  it('Asia/Kolkata on 1 January 1906: the day starts when the clocks change, ten seconds before midnight at +05:21', () => {
    expect(formatTimestamp(startOfLocalDay(dayNumber(1906, 1, 1), 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('1906-01-01T00:08:50+05:30');
  });

  it('Asia/Shanghai on 1 January 1901: the minute after local mean time ends is written at +08:00', () => {
    const change = Date.UTC(1900, 11, 31, 15, 54, 17);
    const format = timestampFormatter('Asia/Shanghai');
    expect(format(change - 1000)).toBe('1900-12-31T23:59:16+08:05');
    expect(format(change + 300_000)).toBe('1900-12-31T23:59:17+08:00');
  });

  it('before the year 1000, a local-mean-time offset is written so that the text names the instant', () => {
    const early = new Date(0).setUTCFullYear(999, 5, 1);
    expect(formatTimestamp(early, 'Asia/Shanghai')).toBe('0999-06-01T08:05:00+08:05');
    expect(parseTimestamp(formatTimestamp(early, 'Asia/Shanghai'))).toBe(early);
  });
});

describe('calendar durations around historical changes (issue 12, item 3)', () => {
  it.each([
    // @date-fns/tz read "-00:44:30" as +44:30: a day after noon ended at 13:28:30Z.
    ['Africa/Monrovia', '1972-01-06T12:00:00-00:44', '1972-01-07T12:00:00Z'],
    ['Africa/Monrovia', '1950-01-06T12:00:00-00:44', '1950-01-07T12:00:00-00:44'],
    ['Europe/Lisbon', '1911-12-31T12:00:00-00:36', '1912-01-01T12:00:00Z'],
    ['Asia/Shanghai', '1900-12-31T12:00:00+08:05', '1901-01-01T12:00:00+08:00'],
    ['America/Santiago', '2024-09-07T12:00:00-04:00', '2024-09-08T12:00:00-03:00'],
    // A wall time the clocks skip moves forward by the skip; one they repeat is its first occurrence.
    ['America/New_York', '2026-03-07T02:30:00-05:00', '2026-03-08T03:30:00-04:00'],
    ['America/New_York', '2026-10-31T01:30:00-04:00', '2026-11-01T01:30:00-04:00'],
    ['America/Santiago', '2024-09-07T00:30:00-04:00', '2024-09-08T01:30:00-03:00'],
  ])('%s: %s + P1D is %s, the same written time of day where it exists', (zone, from, to) => {
    expect(formatTimestamp(addDuration(Date.parse(from), { days: 1 }, zone), zone)).toBe(to);
  });

  it('reads the wall time once, at the end: a month that lands on a skipped hour does not shift the days added after it', () => {
    // 7 Oct 2013 00:22 + 11 months is 7 Sep 2014 00:22, skipped in Santiago; 3 weeks later 00:22 exists (date-fns: 01:22).
    expect(formatTimestamp(addDuration(Date.parse('2013-10-07T00:22:00-03:00'), { months: 11, weeks: 3 }, 'America/Santiago'), 'America/Santiago')).toBe('2014-09-28T00:22:00-03:00');
  });

  it('agrees with date-fns add() on TZDate wherever the wall time exists once, 1990–2040', async () => {
    const { TZDate } = await import('@date-fns/tz');
    const { add } = await import('date-fns');
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Beirut', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones),
        fc.record({ years: fc.nat(3), months: fc.nat(14), weeks: fc.nat(5), days: fc.nat(40), hours: fc.nat(30) }, { requiredKeys: [] }),
        (anchor, zone, duration) => {
          const got = addDuration(anchor, duration, zone);
          const expected = add(new TZDate(anchor, zone), duration).getTime();
          // Away from a change of offset (where a wall time is skipped or repeated) the two agree exactly. date-fns
          // also moves a wall time skipped after adding the months and keeps the move when it adds the days;
          // addDuration reads the wall time once, at the end: compare where neither step lands near a change.
          const steady = (t: number) => exactOffsetSeconds(t - 17 * 3_600_000, zone) === exactOffsetSeconds(t + 17 * 3_600_000, zone);
          const afterMonths = addDuration(anchor, { years: duration.years ?? 0, months: duration.months ?? 0 }, zone);
          if (steady(got - (duration.hours ?? 0) * 3_600_000) && steady(afterMonths)) expect(got).toBe(expected);
        },
      ),
      { numRuns: runs(3000) },
    );
  });
});

describe('zones whose clocks change at midnight (issue 12, item 3)', () => {
  const fmt = (zone: string) => (millis: number) => formatTimestamp(millis, zone);
  it.each([
    // The day starts at 01:00 (clocks skip midnight) and the next one at midnight again.
    ['America/Santiago', '2024-09-08', '2024-09-08T01:00:00-03:00', '2024-09-09T00:00:00-03:00'],
    ['Asia/Beirut', '2024-03-31', '2024-03-31T01:00:00+03:00', '2024-04-01T00:00:00+03:00'],
    ['America/Havana', '2024-03-10', '2024-03-10T01:00:00-04:00', '2024-03-11T00:00:00-04:00'],
    // Two midnights (clocks go back from 01:00 to 00:00): the day starts at the first.
    ['America/Havana', '2024-11-03', '2024-11-03T00:00:00-04:00', '2024-11-04T00:00:00-05:00'],
    // Clocks go back at midnight to 23:00 the day before: the day starts once, at the second midnight.
    ['Asia/Beirut', '2024-10-27', '2024-10-27T00:00:00+02:00', '2024-10-28T00:00:00+02:00'],
    ['America/Santiago', '2024-04-07', '2024-04-07T00:00:00-04:00', '2024-04-08T00:00:00-04:00'],
    // Samoa skipped 30 December 2011: the first instant on or after it is 31 December, midnight.
    ['Pacific/Apia', '2011-12-30', '2011-12-31T00:00:00+14:00', '2012-01-01T00:00:00+14:00'],
  ])('%s %s: daily periods start at %s and the next at %s', (zone, date, start, next) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const day = dayNumber(y, m, d);
    const daily = periodOf('P1D')!;
    const noon = startOfLocalDay(day, zone) + 11 * 3_600_000;
    expect(fmt(zone)(startOfLocalDay(day, zone))).toBe(start);
    expect(fmt(zone)(daily.start(noon, zone))).toBe(start);
    expect(fmt(zone)(daily.next(daily.start(noon, zone), zone))).toBe(next);
    // A week of daily periods from the day before: each starts at its local midnight (or the first instant after it).
    const changes = transitions(zone, y - 1, y + 1);
    let at = startOfLocalDay(day - 1, zone);
    for (let i = 0; i < 7; i++) {
      const after = daily.next(at, zone);
      expect(after).toBe(referenceStartOfDay(referenceLocalDay(at, zone) + 1, zone, changes));
      at = after;
    }
  });

  it('the start of each day near every change of the midnight zones agrees with a scan, 1900–2040', () => {
    // Asia/Kolkata on 1 January 1906 (+05:21:10 to +05:30 at local midnight): in whole minutes the clocks skip midnight 10 seconds early.
    for (const zone of ['America/Santiago', 'America/Havana', 'Asia/Beirut', 'Asia/Shanghai', 'Africa/Monrovia', 'Pacific/Apia', 'Asia/Kolkata']) {
      // The changes within three hours of a local midnight: the ones that move where a day starts.
      const changes = transitions(zone, 1900, 2040);
      const near = changes.filter((t) => {
        const local = (t + writtenOffsetMinutes(t, zone) * 60_000) % DAY;
        return local < 3 * 3_600_000 || local > DAY - 3 * 3_600_000;
      });
      expect(near.length).toBeGreaterThan(0);
      for (const t of near) {
        const day = referenceLocalDay(t, zone);
        for (const d of [day - 1, day, day + 1]) expect(startOfLocalDay(d, zone), `${zone} ${text(d)}`).toBe(referenceStartOfDay(d, zone, changes));
      }
    }
  });

  it('schedule() gives daily duties at local midnight after the clocks skip one', () => {
    const definition = structuredClone(loadPlan('county-bureau').definition) as unknown as Json;
    definition.timeZone = 'America/Santiago';
    definition.recurring = [{ id: 'daily-report', step: 'report', title: '每日报告', responsible: 'office', every: 'P1D', basis: { seed: '000', clause: 'test' } }];
    const plan = loadPlan(definition);
    const entries = schedule(plan, { from: '2024-09-07T00:00:00-04:00', to: '2024-09-11T00:00:00-03:00' });
    expect(entries.map((e) => e.periodStart)).toEqual(['2024-09-07T00:00:00-04:00', '2024-09-08T01:00:00-03:00', '2024-09-09T00:00:00-03:00', '2024-09-10T00:00:00-03:00']);
  });

  it.each([
    // Friday + 1 working day is Monday: its end is Tuesday's local midnight, even after a day that started at 01:00.
    ['America/Santiago', '2024-09-06T10:00:00-04:00', '2024-09-10T00:00:00-03:00'],
    ['Asia/Beirut', '2024-03-29T10:00:00+02:00', '2024-04-02T00:00:00+03:00'],
    ['America/Havana', '2024-03-08T10:00:00-05:00', '2024-03-12T00:00:00-04:00'],
  ])('%s: a working-day deadline ends at local midnight (%s + 1 working day)', (zone, anchor, due) => {
    expect(formatTimestamp(addWorkingDays(Date.parse(anchor), 1, zone, BUNDLED_CALENDAR), zone)).toBe(due);
  });
});

describe('time-zone caches stay bounded (issue 12, item 6)', () => {
  it('a formatter remembers at most FORMATTER_CACHE_LIMIT quarter hours and still answers right after forgetting', () => {
    const format = timestampFormatter('Asia/Shanghai');
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < FORMATTER_CACHE_LIMIT * 2 + 10; i++) format(start + i * 15 * 60_000);
    expect(format.cacheSize()).toBeLessThanOrEqual(FORMATTER_CACHE_LIMIT);
    expect(format.cacheSize()).toBeGreaterThan(0);
    expect(format(start)).toBe('2026-01-01T08:00:00+08:00');
  });

  it('every spelling of a zone reaches the time-zone caches under its one canonical name', () => {
    const definition = structuredClone(loadPlan('county-bureau').definition) as unknown as Json;
    const names = ['asia/shanghai', 'ASIA/SHANGHAI', 'Asia/shangHai'].map((timeZone) => {
      const plan = loadPlan({ ...definition, timeZone });
      expect(plan.timeZone).toBe(timeZone);
      return compiledOf(plan).timeZone;
    });
    expect(new Set(names)).toEqual(new Set(['Asia/Shanghai']));
  });
});
