import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './support/under-stryker.js';
import { assessRisk, audit, AuditSchema, decide, decideMany, IncidentError, loadPlan, PlanError, renderAudit, schedule } from '../src/index.js';
import { WORKED_INCIDENT, WORKED_NOW } from './support/worked-example.js';

const county = loadPlan('county-bureau');
const industry = loadPlan('industry-bureau');
const drill = loadPlan('city-drill');

describe('schedule', () => {
  it('lists each monthly period that starts in [from, to), due when the period ends (002 篇一 三（二）3)', () => {
    const entries = schedule(industry, { from: '2026-03-01T00:00:00+08:00', to: '2026-05-01T00:00:00+08:00' });
    expect(entries.map((e) => [e.step, e.to?.id, e.periodStart, e.dueAt])).toEqual([
      ['monthly-analysis', 'city-iit', '2026-03-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'],
      ['monthly-analysis', 'cyberspace-dept', '2026-03-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'],
      ['monthly-analysis', 'city-iit', '2026-04-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00'],
      ['monthly-analysis', 'cyberspace-dept', '2026-04-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00'],
    ]);
    expect(entries[0]?.basis).toMatchObject({ seed: '002', section: '篇一' });
  });

  it('excludes a period starting at `to` and one that started before `from`', () => {
    const entries = schedule(industry, { from: '2026-03-15T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' });
    expect(entries).toEqual([]);
    const daily = schedule(drill, { from: '2026-03-01T00:00:00+08:00', to: '2026-03-03T00:00:00+08:00' }).filter((e) => e.step === 'daily-report');
    expect(daily.map((e) => e.dueAt)).toEqual(['2026-03-02T00:00:00+08:00', '2026-03-03T00:00:00+08:00']);
  });

  it('counts days in the plan time zone, whatever the offset of the range', () => {
    const daily = schedule(drill, { from: '2026-02-28T16:00:00Z', to: '2026-03-01T16:00:00Z' }).filter((e) => e.step === 'daily-report');
    expect(daily.map((e) => e.periodStart)).toEqual(['2026-03-01T00:00:00+08:00']);
  });

  it('is empty for a plan without recurring duties, and refuses a reversed or huge range', () => {
    expect(schedule(county, { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' })).toEqual([]);
    expect(() => schedule(drill, { from: '2026-03-02T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' })).toThrow(IncidentError);
    expect(() => schedule(drill, { from: '2000-01-01T00:00:00+08:00', to: '2100-01-01T00:00:00+08:00' })).toThrow(IncidentError);
    expect(() => schedule(drill, { from: 'soon', to: '2026-03-01T00:00:00+08:00' } as never)).toThrow(/from/);
  });
});

describe('assessRisk (002 篇一 重大决策舆情风险评估)', () => {
  it.each([
    ['high', 'reject-or-adjust'],
    ['medium', 'postpone'],
    ['low', 'proceed-with-explanation'],
  ] as const)('%s risk → %s, filed with the higher department', (risk, outcome) => {
    const result = assessRisk(industry, { risk });
    expect(result.outcome).toBe(outcome);
    expect(result.filing.length).toBeGreaterThan(0);
    expect(result.steps).toHaveLength(6);
    expect(result.basis.seed).toBe('002');
  });

  it('throws PlanError for a plan without the clause, IncidentError for a bad risk level', () => {
    expect(() => assessRisk(county, { risk: 'high' })).toThrow(PlanError);
    expect(() => assessRisk(industry, { risk: 'extreme' } as never)).toThrow(IncidentError);
  });
});

describe('audit', () => {
  // Replayed inside each test, so that a mutant breaking audit fails the tests and not the file's loading.
  const worked = () => audit(county, WORKED_INCIDENT, { now: WORKED_NOW });

  it('replays the whole timeline: levels, every obligation with due and done times, a summary', () => {
    const result = worked();
    expect(AuditSchema.parse(result)).toEqual(result);
    expect(result.levels.map((l) => [l.id, l.from, l.to])).toEqual([
      ['III', '2026-03-02T09:00:00+08:00', '2026-03-02T11:00:00+08:00'],
      ['II', '2026-03-02T11:00:00+08:00', null],
    ]);
    const reply = result.obligations.find((o) => o.id === 'reply');
    expect(reply).toMatchObject({ dueAt: '2026-03-02T20:00:00+08:00', doneAt: '2026-03-02T20:30:00+08:00', status: 'met-late' });
    const counted = result.summary.met + result.summary.metLate + result.summary.overdue + result.summary.pending + result.summary.notApplicable;
    expect(counted).toBe(result.obligations.length);
    expect(result.summary).toMatchObject({ metLate: 1, overdue: 0, total: result.obligations.length });
    expect(result.events).toHaveLength(WORKED_INCIDENT.events.length);
  });

  it('renders a Markdown report with a table and a Mermaid gantt chart', () => {
    const text = renderAudit(worked());
    expect(text).toContain('| 事项 | 负责 | 产生 | 时限 | 完成 | 用时 | 状态 | 依据 |');
    expect(text).toContain('```mermaid\ngantt');
    expect(text).toContain('超时完成');
  });

  it('scores a drill: four subjects, two hours each (003)', () => {
    const exercise = {
      id: 'drill-1', exercise: true,
      occurredAt: '2026-05-10T09:00:00+08:00', discoveredAt: '2026-05-10T09:00:00+08:00',
      indicators: { attention: 'high' },
      events: [
        // Each subject's two hours run from its own start (drill-start); all four start at 09:00 here.
        ...['现场信息发布', '重大事件信息发布', '突发事件现场协调', '社会稳定评估'].map((subject) => ({ type: 'drill-start', subject, at: '2026-05-10T09:00:00+08:00' })),
        { type: 'drill', subject: '现场信息发布', at: '2026-05-10T10:30:00+08:00' },
        { type: 'drill', subject: '重大事件信息发布', at: '2026-05-10T11:00:00+08:00' },
        { type: 'drill', subject: '突发事件现场协调', at: '2026-05-10T11:20:00+08:00' },
      ],
    };
    const scored = audit(drill, exercise, { now: '2026-05-10T12:00:00+08:00' });
    expect(scored.drill?.total).toBe(4);
    expect(scored.drill?.metOnTime).toBe(2);
    expect(scored.drill?.subjects.map((s) => s.status).sort()).toEqual(['met', 'met', 'met-late', 'overdue']);
  });
});

describe('decideMany', () => {
  it('answers a batch lazily and keeps going past an invalid incident', () => {
    let made = 0;
    function* incidents() {
      for (let i = 0; i < 5; i++) {
        made++;
        yield i === 2 ? { id: 'bad' } : { ...WORKED_INCIDENT, id: `inc-${i}`, events: [] };
      }
    }
    const batch = decideMany(county, incidents(), { now: '2026-03-02T10:00:00+08:00' });
    const first = batch.next();
    expect(made).toBe(1);
    expect(first.value).toMatchObject({ index: 0, decision: { incident: { id: 'inc-0' } } });
    const rest = [...batch];
    expect(rest.map((r) => (r.error ? 'error' : r.decision.level.id))).toEqual(['III', 'error', 'III', 'III']);
    expect(() => decideMany(county, [], { now: 'x' }).next()).toThrow(IncidentError);
  });
});

// Properties over random timelines of the county-bureau plan.
const INDICATOR_UPDATES = fc.record(
  { attention: fc.constantFrom('extreme', 'high', 'elevated', 'low'), spread: fc.constantFrom('very-fast', 'fast', 'moderate', 'slow') },
  { requiredKeys: [] },
);
const minute = (n: number): string => new Date(Date.UTC(2026, 2, 2, 1) + n * 60_000).toISOString();
const EVENT = fc.oneof(
  fc.record({ type: fc.constant('report'), at: fc.nat(600).map(minute), to: fc.constantFrom('leading-group', 'county-propaganda', 'county-government-deputy') }),
  fc.record({ type: fc.constantFrom('reply', 'consult', 'statement', 'evaluate'), at: fc.nat(900).map(minute) }),
  fc.record({ type: fc.constant('indicators-updated'), at: fc.nat(600).map(minute), indicators: INDICATOR_UPDATES }),
  fc.record({ type: fc.constant('flags-updated'), at: fc.nat(600).map(minute), flags: fc.record({ massIncident: fc.boolean(), falseReport: fc.boolean() }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('level-set'), at: fc.nat(600).map(minute), level: fc.constantFrom('I', 'II', 'III', 'IV') }),
  fc.record({ type: fc.constant('subsided'), at: fc.integer({ min: 300, max: 900 }).map(minute) }),
);
const INCIDENT = fc.record({
  id: fc.constant('prop'),
  occurredAt: fc.integer({ min: -600, max: 0 }).map(minute),
  discoveredAt: fc.constant(minute(0)),
  indicators: INDICATOR_UPDATES,
  events: fc.array(EVENT, { maxLength: 12 }),
});
const NOW = fc.integer({ min: 0, max: 1000 }).map(minute);

describe('timeline properties', () => {
  it('shuffling the events never changes the answer', () => {
    fc.assert(
      fc.property(INCIDENT, NOW, fc.nat(), (incident, now, seed) => {
        const shuffled = [...incident.events];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as (typeof shuffled)[number], shuffled[i] as (typeof shuffled)[number]];
        }
        // Warnings point into the caller's array (`['events', i]`): only their paths may differ.
        const same = <T extends { warnings: { code: string; message: string }[] }>(x: T) => ({ ...x, warnings: x.warnings.map((w) => `${w.code}: ${w.message}`).sort() });
        expect(same(decide(county, { ...incident, events: shuffled }, { now }))).toEqual(same(decide(county, incident, { now })));
        expect(same(audit(county, { ...incident, events: shuffled }, { now }))).toEqual(same(audit(county, incident, { now })));
      }),
      { numRuns: runs(150) },
    );
  });

  it('no dueAt lies before its anchor, nor before the duty arose unless its clock started at occurrence', () => {
    fc.assert(
      fc.property(INCIDENT, NOW, (incident, now) => {
        const d = decide(county, incident, { now });
        for (const o of d.obligations) {
          if (o.dueAt === null) continue;
          expect(Date.parse(o.dueAt)).toBeGreaterThanOrEqual(Date.parse(incident.occurredAt));
          const rule = county.definition.obligations.find((r) => o.id.split('#')[0] === r.id);
          if (rule?.anchor !== 'occurredAt') expect(Date.parse(o.dueAt)).toBeGreaterThan(Date.parse(o.arisenAt));
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('nextReviewAt is the earliest moment the answer changes by time alone: the same just before it, different at it', () => {
    fc.assert(
      fc.property(INCIDENT, NOW, (incident, now) => {
        const d = decide(county, incident, { now });
        if (d.nextReviewAt === null) return;
        const at = Date.parse(d.nextReviewAt);
        const answer = (x: ReturnType<typeof decide>) => ({ ...x, now: null });
        expect(at).toBeGreaterThan(Date.parse(now));
        if (at - 1 > Date.parse(now)) expect(answer(decide(county, incident, { now: new Date(at - 1) }))).toEqual(answer(d));
        expect(answer(decide(county, incident, { now: new Date(at) }))).not.toEqual(answer(d));
      }),
      { numRuns: runs(150) },
    );
  });
});
