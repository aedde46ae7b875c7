// Findings of an adversarial pass over the built package after the hardening (issue 12), each with its
// regression test: revoked proxies, a Proxy around a Date, sparse and over-long arrays refused before
// any item is read, decimal-only numeric parameters, and the year 10000 that the library itself writes.
import { describe, expect, it } from 'vitest';
import { decide, IncidentError, loadPlan } from '../src/index.js';
import { parseTimestamp } from '../src/time/timestamp.js';
import { incidentErrorOf, planErrorOf } from './support/errors.js';

const plan = loadPlan('hrss');
const incident = { id: 'rt', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
const now = { now: '2026-03-02T09:10:00+08:00' };
const PROXY = 'a Proxy (e.g. a reactive object of a UI framework) is not plain data';
const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

describe('a revoked Proxy is an error that names it, never a TypeError', () => {
  it('as a plan, as loadPlan options, as an incident, inside an incident, and as decide options', () => {
    expect(planErrorOf(() => loadPlan(revoked())).issues).toEqual([{ path: [], code: 'invalid_type', message: PROXY, expected: expect.any(String) }]);
    expect(planErrorOf(() => loadPlan('hrss', revoked() as never)).issues[0]).toMatchObject({ path: ['options'], code: 'invalid_type' });
    expect(incidentErrorOf(() => decide(plan, revoked(), now)).issues).toEqual([{ path: [], code: 'invalid_type', message: PROXY, expected: expect.any(String) }]);
    expect(incidentErrorOf(() => decide(plan, { ...incident, events: revoked() }, now)).issues[0]).toMatchObject({ path: ['events'], message: PROXY });
    expect(incidentErrorOf(() => decide(plan, incident, revoked() as never)).issues).toEqual([
      { path: ['now'], code: 'invalid_option', message: '"now" is not a valid timestamp', received: '(an object that cannot be read: a Proxy?)', expected: expect.any(String) },
    ]);
  });

  it('a Proxy around a Date as "now" is an IncidentError on ["now"]', () => {
    const e = incidentErrorOf(() => decide(plan, incident, { now: new Proxy(new Date('2026-03-02T01:10:00Z'), {}) as Date }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.issues[0]).toMatchObject({ path: ['now'], received: '(an object that cannot be read: a Proxy?)' });
  });
});

describe('arrays are bounded before any item is read', () => {
  it('refuses a list longer than the schema could take, with one issue, whatever it holds', () => {
    const e = incidentErrorOf(() => decide(plan, { ...incident, events: Array(400_000).fill(null) }, now));
    expect(e.issues).toEqual([{ path: ['events'], code: 'too_big', message: 'list too long', received: '400000 items', expected: 'at most 100000 items' }]);
    const p = planErrorOf(() => loadPlan({ ...plan.definition, obligations: Array(99_000).fill({}) }));
    expect(p.issues).toEqual([{ path: ['obligations'], code: 'too_big', message: 'list too long', received: '99000 items', expected: 'at most 10000 items' }]);
  });

  it('counts the holes of a sparse array: each is an issue, and a huge empty one is too long', () => {
    const holes: unknown[] = [];
    holes.length = 3;
    const e = incidentErrorOf(() => decide(plan, { ...incident, events: holes }, now));
    expect(e.issues.map((i) => [i.path, i.message])).toEqual([0, 1, 2].map((i) => [['events', i], 'a hole in a sparse array is not data']));
    const empty: unknown[] = [];
    empty.length = 1_000_001;
    expect(incidentErrorOf(() => decide(plan, { ...incident, events: empty }, now)).issues[0]).toMatchObject({ path: ['events'], code: 'too_big' });
    expect(e).toBeInstanceOf(IncidentError);
  });
});

describe('numeric parameters given as text', () => {
  const fill = (phoneReportMinutes: unknown) => () => loadPlan('ideology-emergency', { parameters: { phoneReportMinutes: phoneReportMinutes as number, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' } });

  it.each(['0x10', '1e3', '', 'Infinity', '2 h'])('refuses %j: only a plain decimal numeral is a number', (text) => {
    expect(planErrorOf(fill(text)).issues[0]).toMatchObject({ path: ['parameters', 'phoneReportMinutes'], message: expect.stringContaining('must be a number'), received: text });
  });

  it('reads a plain decimal numeral', () => {
    expect(fill('30')().parameters.phoneReportMinutes).toBe(30);
  });
});

describe('the year 10000 the library writes', () => {
  it('reads back a time written in the expanded form when its instant is still in 9999', () => {
    expect(parseTimestamp('+010000-01-01T00:05:00+08:00')).toBe(Date.UTC(9999, 11, 31, 16, 5));
    expect(parseTimestamp('+010000-01-01T08:00:00+08:00')).toBeNull();
    expect(parseTimestamp('+020000-01-01T00:05:00+08:00')).toBeNull();
  });

  it('so a host loop deciding again at nextReviewAt goes on past the turn of the year 9999', () => {
    const late = { id: 'late', occurredAt: '9999-12-31T23:40:00+08:00', discoveredAt: '9999-12-31T23:50:00+08:00' };
    const first = decide(plan, late, { now: '9999-12-31T23:55:00+08:00' });
    expect(first.nextReviewAt).toMatch(/^\+010000-01-01T/);
    const again = decide(plan, late, { now: first.nextReviewAt as string });
    expect(again.now).toBe(first.nextReviewAt);
    expect(again.nextReviewAt === null || (parseTimestamp(again.nextReviewAt) as number) > (parseTimestamp(first.nextReviewAt as string) as number)).toBe(true);
  });
});
