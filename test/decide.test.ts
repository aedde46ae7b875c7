import { describe, expect, it } from 'vitest';
import { DecisionSchema, decide, IncidentError, loadPlan, PlanError } from '../src/index.js';

const plan = loadPlan('county-bureau');
const rowII = { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' } as const;
const base = {
  id: 'inc-42',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: rowII,
};
const byId = (decision: ReturnType<typeof decide>, id: string) => decision.obligations.find((o) => o.id === id);

describe('decide: the contract worked example (000)', () => {
  it('answers level II, its lead, recipients and deadlines', () => {
    const d = decide(plan, base, { now: '2026-03-02T09:10:00+08:00' });
    expect(DecisionSchema.parse(d)).toEqual(d);
    expect(d.level).toMatchObject({ id: 'II', rank: 2, name: '重大或较大网络舆情', source: 'criteria' });
    expect(d.lead.id).toBe('leading-group');
    expect(d.notify.map((n) => [n.name, n.dueAt, n.immediate])).toEqual([
      ['县政府分管领导', null, true],
      ['县委宣传部', null, true],
    ]);
    expect(byId(d, 'report-leading-group')).toMatchObject({ to: 'leading-group', dueAt: '2026-03-02T09:30:00+08:00', status: 'pending' });
    expect(byId(d, 'reply')).toMatchObject({ responsible: { id: 'office' }, dueAt: '2026-03-02T20:00:00+08:00', status: 'pending' });
    // The report due in 20 minutes, then the 第一时间 duties, before the reply due hours away (decision-model.md §8).
    expect(d.next.map((o) => o.id)).toEqual([
      'report-leading-group', 'report-county-government-deputy', 'report-county-propaganda-level-ii', 'consult-meeting',
      'consult-county-committee-government', 'consult-county-propaganda', 'reply', 'statement', 'monitor', 'track',
    ]);
    // No later than 09:30 (CONTRACT): the first reminder of the report falls at 09:15.
    expect(d.nextReviewAt).toBe('2026-03-02T09:15:00+08:00');
  });

  it('gives reminders at 50 % and 75 % of the time a deadline allows, and none once done', () => {
    const d = decide(plan, base, { now: '2026-03-02T09:20:00+08:00' });
    expect(byId(d, 'report-leading-group')?.reminders).toEqual([
      { fraction: 0.5, at: '2026-03-02T09:15:00+08:00', reached: true },
      { fraction: 0.75, at: '2026-03-02T09:22:30+08:00', reached: false },
    ]);
    expect(byId(d, 'reply')?.reminders.map((r) => r.at)).toEqual(['2026-03-02T14:00:00+08:00', '2026-03-02T17:00:00+08:00']);
    expect(d.nextReviewAt).toBe('2026-03-02T09:22:30+08:00');
    const done = decide(plan, { ...base, events: [{ type: 'report', at: '2026-03-02T09:10:00+08:00', to: 'leading-group' }] }, { now: '2026-03-02T09:20:00+08:00' });
    expect(byId(done, 'report-leading-group')?.reminders).toEqual([]);
    expect(done.nextReviewAt).toBe('2026-03-02T14:00:00+08:00');
  });

  it.each([
    ['09:20', '2026-03-02T10:00:00+08:00', 'met'],
    ['09:30', '2026-03-02T10:00:00+08:00', 'met'],
    ['09:45', '2026-03-02T10:00:00+08:00', 'met-late'],
  ])('a report at %s is %s… (now %s)', (time, now, status) => {
    const incident = { ...base, events: [{ type: 'report', at: `2026-03-02T${time}:00+08:00`, to: 'leading-group' }] };
    expect(byId(decide(plan, incident, { now }), 'report-leading-group')?.status).toBe(status);
  });

  it('is overdue with no report from the due moment on, pending a millisecond before', () => {
    expect(byId(decide(plan, base, { now: '2026-03-02T09:29:59.999+08:00' }), 'report-leading-group')?.status).toBe('pending');
    expect(byId(decide(plan, base, { now: '2026-03-02T09:30:00+08:00' }), 'report-leading-group')?.status).toBe('overdue');
    expect(byId(decide(plan, base, { now: '2026-03-02T09:40:00+08:00' }), 'report-leading-group')?.status).toBe('overdue');
  });

  it('changes its answer exactly at nextReviewAt, not before', () => {
    const before = decide(plan, base, { now: '2026-03-02T09:10:00+08:00' });
    const at = decide(plan, base, { now: before.nextReviewAt as string });
    const justBefore = decide(plan, base, { now: new Date(Date.parse(before.nextReviewAt as string) - 1) });
    const answer = (d: typeof before) => ({ ...d, now: null });
    expect(answer(justBefore)).toEqual(answer(before));
    expect(answer(at)).not.toEqual(answer(before));
  });
});

describe('decide: time', () => {
  it('accepts input in UTC and writes every timestamp in +08:00', () => {
    const utc = { ...base, occurredAt: '2026-03-02T00:00:00Z', discoveredAt: '2026-03-02T01:00:00Z' };
    const d = decide(plan, utc, { now: '2026-03-02T01:10:00Z' });
    expect(d.now).toBe('2026-03-02T09:10:00+08:00');
    expect(byId(d, 'report-leading-group')?.dueAt).toBe('2026-03-02T09:30:00+08:00');
    const stamps = JSON.stringify(d).match(/\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})/g) ?? [];
    expect(stamps.length).toBeGreaterThan(5);
    expect(stamps.filter((s) => !s.endsWith('+08:00'))).toEqual([]);
  });

  it('takes now as a Date as well as a string', () => {
    const a = decide(plan, base, { now: '2026-03-02T09:10:00+08:00' });
    const b = decide(plan, base, { now: new Date('2026-03-02T01:10:00Z') });
    expect(b).toEqual(a);
  });

  it('counts the 12-hour reply from occurrence across midnight', () => {
    const late = { ...base, occurredAt: '2026-03-02T22:15:00+08:00', discoveredAt: '2026-03-02T23:50:00+08:00' };
    const d = decide(plan, late, { now: '2026-03-03T00:00:00+08:00' });
    expect(byId(d, 'reply')?.dueAt).toBe('2026-03-03T10:15:00+08:00');
    expect(byId(d, 'report-leading-group')?.dueAt).toBe('2026-03-03T00:20:00+08:00');
  });
});

describe('decide: purity', () => {
  it('never mutates its arguments and gives the same answer twice', () => {
    const incident = structuredClone({ ...base, events: [{ type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' }] });
    const snapshot = structuredClone(incident);
    const options = { now: '2026-03-02T09:40:00+08:00' };
    const first = decide(plan, incident, options);
    const second = decide(plan, incident, options);
    expect(incident).toEqual(snapshot);
    expect(options).toEqual({ now: '2026-03-02T09:40:00+08:00' });
    expect(second).toEqual(first);
  });

  it('returns plain JSON: the decision survives a JSON round trip unchanged', () => {
    const d = decide(plan, base, { now: '2026-03-02T09:10:00+08:00' });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('does not depend on the order of events', () => {
    const events = [
      { type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' },
      { type: 'indicators-updated', at: '2026-03-02T10:00:00+08:00', indicators: { attention: 'extreme' } },
      { type: 'reply', at: '2026-03-02T12:00:00+08:00' },
      { type: 'report', at: '2026-03-02T10:05:00+08:00', to: 'county-propaganda' },
    ];
    const a = decide(plan, { ...base, events }, { now: '2026-03-02T13:00:00+08:00' });
    const b = decide(plan, { ...base, events: [...events].reverse() }, { now: '2026-03-02T13:00:00+08:00' });
    expect(b).toEqual(a);
    expect(a.level.id).toBe('I');
  });
});

describe('decide: bad input', () => {
  const paths = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(IncidentError);
      return (error as IncidentError).issues.map((i) => i.path.join('.'));
    }
    throw new Error('expected an IncidentError');
  };

  it('names every offending field of an incident, with value and expectation', () => {
    const bad = { id: '', occurredAt: '2026-03-02T08:00:00', discoveredAt: 'soon', indicators: { attention: 'huge' }, events: [{ type: 'report' }] };
    expect(paths(() => decide(plan, bad, { now: '2026-03-02T09:10:00+08:00' })).sort()).toEqual(
      ['discoveredAt', 'events.0.at', 'id', 'indicators.attention', 'occurredAt'].sort(),
    );
    try {
      decide(plan, bad, { now: '2026-03-02T09:10:00+08:00' });
    } catch (error) {
      const e = error as IncidentError;
      expect(e.code).toBe('INVALID_INCIDENT');
      expect(e.message).toContain('indicators.attention');
      expect(e.message).toContain('"huge"');
      expect(e.message).toContain('"extreme"');
      expect(e.message).toContain('occurredAt');
    }
  });

  it('refuses a missing or invalid now as an IncidentError on ["now"]', () => {
    expect(paths(() => decide(plan, base, {} as never))).toEqual(['now']);
    expect(paths(() => decide(plan, base, { now: '2026-02-30T09:00:00+08:00' }))).toEqual(['now']);
    expect(paths(() => decide(plan, base, { now: new Date(Number.NaN) }))).toEqual(['now']);
    expect(paths(() => decide(plan, base, undefined as never))).toEqual(['now']);
  });

  it('refuses now before discovery, and discovery before occurrence', () => {
    expect(paths(() => decide(plan, base, { now: '2026-03-02T08:59:00+08:00' }))).toEqual(['now']);
    expect(paths(() => decide(plan, { ...base, discoveredAt: '2026-03-02T07:00:00+08:00' }, { now: '2026-03-02T09:00:00+08:00' }))).toEqual(['discoveredAt']);
  });

  it('refuses a level judgement naming a level the plan lacks', () => {
    const incident = { ...base, events: [{ type: 'level-set', at: '2026-03-02T09:05:00+08:00', level: 'red' }] };
    expect(paths(() => decide(plan, incident, { now: '2026-03-02T09:10:00+08:00' }))).toEqual(['events.0.level']);
  });

  it.each([null, undefined, 42, 'inc', [], {}])('refuses %j as an incident without a TypeError', (incident) => {
    expect(() => decide(plan, incident, { now: '2026-03-02T09:10:00+08:00' })).toThrow(IncidentError);
  });

  it('refuses something that is not a loaded plan', () => {
    expect(() => decide({} as never, base, { now: '2026-03-02T09:10:00+08:00' })).toThrow(PlanError);
  });

  it('keeps an unknown recipient and reports it as a warning', () => {
    const incident = { ...base, events: [{ type: 'report', at: '2026-03-02T09:05:00+08:00', to: 'mayor' }] };
    const d = decide(plan, incident, { now: '2026-03-02T09:10:00+08:00' });
    expect(d.warnings).toEqual([expect.objectContaining({ code: 'unknown-recipient', path: ['events', 0, 'to'] })]);
    expect(byId(d, 'report-leading-group')?.status).toBe('pending');
  });
});

describe('decide: level changes keep history', () => {
  it('an upgrade adds the new level duties from the moment it is recorded; a downgrade closes open ones but keeps what was done', () => {
    const incident = {
      ...base,
      indicators: { attention: 'elevated' },
      events: [
        { type: 'indicators-updated', at: '2026-03-02T10:00:00+08:00', indicators: { attention: 'high' } },
        { type: 'report', at: '2026-03-02T10:10:00+08:00', to: 'county-propaganda' },
        { type: 'indicators-updated', at: '2026-03-02T11:00:00+08:00', indicators: { attention: 'elevated' } },
      ],
    } as const;
    const atII = decide(plan, incident, { now: '2026-03-02T10:30:00+08:00' });
    expect(atII.level).toMatchObject({ id: 'II', setAt: '2026-03-02T10:00:00+08:00' });
    expect(byId(atII, 'report-county-propaganda-level-ii')).toMatchObject({ arisenAt: '2026-03-02T10:00:00+08:00', status: 'met' });
    const atIII = decide(plan, incident, { now: '2026-03-02T11:30:00+08:00' });
    expect(atIII.level.id).toBe('III');
    expect(byId(atIII, 'report-county-propaganda-level-ii')?.status).toBe('met');
    expect(byId(atIII, 'report-county-government-deputy')).toMatchObject({ status: 'not-applicable', reason: expect.stringContaining('II') });
    expect(atIII.notify).toEqual([]);
  });
});

describe('decide: a missed deadline survives a downgrade', () => {
  it('stays overdue with its reason, but leaves notify and next', () => {
    const plan004 = loadPlan('ideology-emergency', { parameters: { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' } });
    const incident = {
      id: 'lapse', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T08:10:00+08:00',
      indicators: { attention: 'high' },
      events: [{ type: 'indicators-updated', indicators: { attention: 'elevated' }, at: '2026-03-02T09:00:00+08:00' }],
    };
    const before = decide(plan004, incident, { now: '2026-03-02T08:50:00+08:00' });
    expect(before.notify.map((n) => n.id)).toContain('higher-authority');
    expect(before.next.map((o) => o.id)).toContain('phone-report');
    const after = decide(plan004, incident, { now: '2026-03-02T09:10:00+08:00' });
    expect(byId(after, 'phone-report')).toMatchObject({ status: 'overdue', reason: expect.stringContaining('不再要求') });
    expect(after.notify).toEqual([]);
    expect(after.next.map((o) => o.id)).not.toContain('phone-report');
  });
});
