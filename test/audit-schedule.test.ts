import { describe, expect, it } from 'vitest';
import { assessRisk, audit, decide, decideMany, IncidentError, loadPlan, PlanError, schedule, type Plan, type PlanSource } from '../src/index.js';
import { at, attention, basisOf, flag, level, ROLES } from './support/synthetic-plan.js';
import { incidentErrorOf } from './support/errors.js';
import { inLanguage } from '../src/i18n/errors.js';

// Compact synthetic plans, one per concern, so that each branch of audit, schedule, assessRisk,
// decideMany, the option reader and the classifier is reached on purpose. Times are +08:00 unless said.
const common = basisOf('测试条款');
const recipients = [{ id: 'propaganda', name: '宣传部' }];

const base = (id: string, levelIds: [string, number][] = [['I', 1], ['II', 2], ['III', 3], ['IV', 4]]): PlanSource => ({
  id,
  version: '7',
  title: `${id} 预案`,
  unit: '测试单位',
  source: { seed: '000', file: 'test/audit-schedule.test.ts' },
  levels: levelIds.map(([l, rank]) => level(l, rank, common)),
  classification: [
    { id: 'c-i', level: 'I', priority: 40, basis: common, conditions: attention('extreme') },
    { id: 'c-ii', level: 'II', priority: 30, basis: common, conditions: attention('high') },
    { id: 'c-iii', level: 'III', priority: 20, basis: common, conditions: attention('elevated') },
  ],
  roles: ROLES,
  recipients,
  escalation: levelIds.map(([l]) => ({ level: l, lead: 'leading-group', basis: common })),
  obligations: [],
});


// ---------------------------------------------------------------------------------------------------
// audit
// ---------------------------------------------------------------------------------------------------

const reportBasis = { seed: '001', clause: '报告条款' };
const statementBasis = { seed: '002', section: '篇一', clause: '发布条款', quote: '第一时间发布' };
const AUDIT_PLAN = loadPlan({
  ...base('audit-test'),
  obligations: [
    {
      id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', anchor: 'discoveredAt', offset: 'PT30M', basis: reportBasis,
      when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] },
    },
    { id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT2H', basis: common },
    { id: 'reply', step: 'reply', title: '回应', responsible: 'leading-group', offset: 'PT1H', basis: common },
    { id: 'statement-now', step: 'statement', title: '即时发布', responsible: 'office', immediate: true, basis: statementBasis },
    { id: 'track', step: 'track', title: '跟踪', responsible: 'monitor', continuous: true, basis: common },
    { id: 'evaluate', step: 'evaluate', title: '评估', responsible: 'office', offset: 'PT6H', basis: common },
    { id: 'press', step: 'press-conference', title: '发布会', responsible: 'leading-group', offset: 'PT2H', basis: common, when: flag('mediaInquiry') },
    { id: 'drill-a', step: 'drill', title: '演练甲', subject: '现场发布', responsible: 'office', offset: 'PT1H', basis: common, when: flag('exercise') },
    { id: 'drill-b', step: 'drill', title: '综合演练', responsible: 'office', offset: 'PT2H', basis: common, when: flag('exercise') },
    { id: 'drill-c', step: 'drill', title: '演练丙', subject: '疏散', responsible: 'office', offset: 'PT1H', basis: common, when: flag('exercise') },
  ],
});

// Events given out of time order; their audit list is in time order.
const INCIDENT_A = {
  id: 'inc-a',
  occurredAt: '2026-03-02T00:00:00Z', // 08:00 in the plan's zone
  discoveredAt: at('09:00'),
  indicators: { attention: 'high' }, // II by the criteria
  events: [
    { type: 'report', at: at('13:00'), to: 'propaganda' },
    { type: 'verify', at: at('11:30'), subject: '第一轮' },
    { type: 'level-set', at: at('10:00'), level: 'I', by: 'leading-group' },
    { type: 'statement', at: at('09:10') },
    { type: 'report', at: at('09:20'), to: 'propaganda' },
    { type: 'flags-updated', at: at('09:40'), flags: { mediaInquiry: true } },
    { type: 'level-set', at: at('10:30'), level: 'I' },
    { type: 'flags-updated', at: at('10:40'), flags: { mediaInquiry: false } },
    { type: 'track', at: at('12:00'), by: 'monitor' },
  ],
};

describe('audit: a whole timeline replayed', () => {
  // Replayed in each test, not once for the block: a mutant that makes audit() throw must fail these tests,
  // not the loading of the file (Stryker counts a file that fails to load as no test failing).
  const replayA = () => audit(AUDIT_PLAN, INCIDENT_A, { now: new Date('2026-03-02T04:00:00Z') }); // 12:00 +08:00

  it('names the plan, the incident (no title key when none) and now in the plan time zone', () => {
    const result = replayA();
    expect(result.plan).toStrictEqual({ id: 'audit-test', version: '7', title: 'audit-test 预案' });
    expect(result.incident).toStrictEqual({ id: 'inc-a', occurredAt: at('08:00'), discoveredAt: at('09:00'), exercise: false });
    expect(result.now).toBe(at('12:00'));
  });

  it('merges states at the same level and source into one span, and closes each span when the next begins', () => {
    const result = replayA();
    // 09:40 (flags) stays II by the criteria; 10:30 (level-set I again, no by) and 10:40 stay I by judgement.
    expect(result.levels).toStrictEqual([
      { id: 'II', rank: 2, name: 'II 级', source: 'criteria', from: at('09:00'), to: at('10:00') },
      { id: 'I', rank: 1, name: 'I 级', source: 'judgement', from: at('10:00'), to: null, by: 'leading-group' },
    ]);
  });

  it('lists every obligation with its due and done times and status at now', () => {
    const result = replayA();
    expect(result.obligations.map((o) => [o.id, o.dueAt, o.doneAt, o.status])).toStrictEqual([
      ['report-up', at('09:30'), at('09:20'), 'met'],
      ['verify', at('11:00'), at('11:30'), 'met-late'],
      ['reply', at('10:00'), null, 'overdue'],
      ['statement-now', null, at('09:10'), 'met'],
      ['track', null, null, 'pending'],
      ['evaluate', at('15:00'), null, 'pending'],
      ['press', at('11:40'), null, 'not-applicable'],
    ]);
  });

  it('counts each status; the on-time rate is over dated duties done or overdue (1 of report-up, verify, reply)', () => {
    const result = replayA();
    // statement-now is met but has no deadline: it is not in the rate (else 2/4).
    expect(result.summary).toStrictEqual({ met: 2, metLate: 1, overdue: 1, late: 0, softMetLate: 0, pending: 2, notApplicable: 1, total: 7, onTimeRate: 1 / 3 });
  });

  it('lists events in time order with to/by/subject only where given, the one at now kept and the later one ignored', () => {
    const result = replayA();
    expect(result.events).toStrictEqual([
      { type: 'statement', at: at('09:10'), ignored: false },
      { type: 'report', at: at('09:20'), to: 'propaganda', ignored: false },
      { type: 'flags-updated', at: at('09:40'), ignored: false },
      { type: 'level-set', at: at('10:00'), by: 'leading-group', ignored: false },
      { type: 'level-set', at: at('10:30'), ignored: false },
      { type: 'flags-updated', at: at('10:40'), ignored: false },
      { type: 'verify', at: at('11:30'), subject: '第一轮', ignored: false },
      { type: 'track', at: at('12:00'), by: 'monitor', ignored: false },
      { type: 'report', at: at('13:00'), to: 'propaganda', ignored: true },
    ]);
  });

  it('leaves out a to, by or subject given as undefined (as a JavaScript host may pass them)', () => {
    const incident = { ...INCIDENT_A, events: [{ type: 'verify', at: at('09:30'), to: undefined, by: undefined, subject: undefined }] };
    expect(audit(AUDIT_PLAN, incident, { now: at('12:00') }).events).toStrictEqual([{ type: 'verify', at: at('09:30'), ignored: false }]);
  });

  it('has no drill part without drill duties, takes the warnings of decide and each basis once, in order of first use', () => {
    const result = replayA();
    expect('drill' in result).toBe(false);
    expect(result.warnings).toStrictEqual([{ code: 'events-after-now', path: ['events'], message: '现在之后的 1 个事件不计入' }]);
    expect(result.basis).toStrictEqual([reportBasis, common, statementBasis]);
  });
});

describe('audit: level spans, rates and event order', () => {
  it('starts a new span when the level changes under the same source, and when the same level comes from judgement', () => {
    const result = audit(AUDIT_PLAN, {
      id: 'inc-b', occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: 'high' },
      events: [
        { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'extreme' } },
        { type: 'level-set', at: at('10:00'), level: 'I' },
        { type: 'level-set', at: at('10:20'), level: 'II', by: 'office' },
      ],
    }, { now: at('11:00') });
    expect(result.levels).toStrictEqual([
      { id: 'II', rank: 2, name: 'II 级', source: 'criteria', from: at('09:00'), to: at('09:30') },
      { id: 'I', rank: 1, name: 'I 级', source: 'criteria', from: at('09:30'), to: at('10:00') },
      { id: 'I', rank: 1, name: 'I 级', source: 'judgement', from: at('10:00'), to: at('10:20') },
      { id: 'II', rank: 2, name: 'II 级', source: 'judgement', from: at('10:20'), to: null, by: 'office' },
    ]);
  });

  it('gives a null on-time rate while no dated duty is done or overdue, even with an undated one done', () => {
    const result = audit(AUDIT_PLAN, {
      id: 'inc-c', title: '无时限', occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: 'elevated' },
      events: [{ type: 'statement', at: at('09:05') }],
    }, { now: at('09:10') });
    expect(result.incident).toStrictEqual({ id: 'inc-c', title: '无时限', occurredAt: at('09:00'), discoveredAt: at('09:00'), exercise: false });
    // III: report-up does not arise. statement-now met (no deadline); verify, reply, evaluate pending; track pending.
    expect(result.summary).toStrictEqual({ met: 1, metLate: 0, overdue: 0, late: 0, softMetLate: 0, pending: 4, notApplicable: 0, total: 5, onTimeRate: null });
    expect(result.levels).toStrictEqual([{ id: 'III', rank: 3, name: 'III 级', source: 'criteria', from: at('09:00'), to: null }]);
  });

  it('gives an on-time rate of 1 when every dated duty done was on time', () => {
    const result = audit(AUDIT_PLAN, {
      id: 'inc-d', occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: 'elevated' },
      events: [{ type: 'reply', at: at('09:30') }],
    }, { now: at('09:45') });
    expect(result.summary).toStrictEqual({ met: 1, metLate: 0, overdue: 0, late: 0, softMetLate: 0, pending: 4, notApplicable: 0, total: 5, onTimeRate: 1 });
  });

  it('orders events at the same moment by their content with keys in alphabetical order, whatever the input order', () => {
    // Keys sorted: at, by, type → "office" < "propaganda" puts the verify first (with keys reversed, "report" < "verify" would not).
    const events = [
      { type: 'report', at: at('09:20'), by: 'propaganda' },
      { type: 'verify', at: at('09:20'), by: 'office' },
      { type: 'reply', at: at('09:10') },
    ];
    const result = audit(AUDIT_PLAN, { id: 'inc-e', occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: 'elevated' }, events }, { now: at('10:00') });
    const expected = [
      { type: 'reply', at: at('09:10'), ignored: false },
      { type: 'verify', at: at('09:20'), by: 'office', ignored: false },
      { type: 'report', at: at('09:20'), by: 'propaganda', ignored: false },
    ];
    expect(result.events).toStrictEqual(expected);
    expect(audit(AUDIT_PLAN, { id: 'inc-e', occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: 'elevated' }, events: [...events].reverse() }, { now: at('10:00') }).events).toStrictEqual(expected);
  });

  it('scores a drill: each drill duty by subject (or title when it has none), with due, done and status', () => {
    const result = audit(AUDIT_PLAN, {
      id: 'drill-1', title: '演练', exercise: true, occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: 'elevated' },
      // One record with a subject: late for drill-a (due 10:00), on time for drill-b (no subject, due 11:00); drill-c never done.
      events: [{ type: 'drill', at: at('10:30'), subject: '现场发布' }],
    }, { now: at('12:00') });
    expect(result.incident).toStrictEqual({ id: 'drill-1', title: '演练', occurredAt: at('09:00'), discoveredAt: at('09:00'), exercise: true });
    expect(result.drill).toStrictEqual({
      subjects: [
        { subject: '现场发布', obligation: 'drill-a', dueAt: at('10:00'), doneAt: at('10:30'), status: 'met-late', took: 'PT1H30M', tookMs: 5_400_000 },
        { subject: '综合演练', obligation: 'drill-b', dueAt: at('11:00'), doneAt: at('10:30'), status: 'met', took: 'PT1H30M', tookMs: 5_400_000 },
        { subject: '疏散', obligation: 'drill-c', dueAt: at('10:00'), doneAt: null, status: 'overdue', took: null, tookMs: null },
      ],
      metOnTime: 1,
      total: 3,
    });
    expect(result.events).toStrictEqual([{ type: 'drill', at: at('10:30'), subject: '现场发布', ignored: false }]);
  });
});

// ---------------------------------------------------------------------------------------------------
// schedule
// ---------------------------------------------------------------------------------------------------

const recurring = (id: string, every: string, extra: { step?: string; to?: string; responsible?: string } = {}) => ({
  id, step: extra.step ?? 'monthly-analysis', title: `${id} 工作`, responsible: extra.responsible ?? 'office', every,
  basis: { seed: '003', clause: `${id} 条款` },
  ...(extra.to !== undefined ? { to: extra.to } : {}),
});

const CALENDAR = loadPlan({
  ...base('calendar-test'),
  recurring: [
    recurring('yearly', 'P1Y', { step: 'training', to: 'propaganda', responsible: 'leading-group' }),
    recurring('quarterly', 'P3M'),
    recurring('monthly', 'P1M', { to: 'propaganda' }),
    recurring('half', 'P6M', { step: 'drill' }),
  ],
});
const DAILY = loadPlan({
  ...base('daily-test'),
  recurring: [recurring('daily', 'P1D', { step: 'daily-report' }), recurring('weekly', 'P1W', { step: 'monitor', responsible: 'monitor' })],
});
const BERLIN = loadPlan({ ...base('berlin-test'), timeZone: 'Europe/Berlin', recurring: [recurring('daily', 'P1D', { step: 'daily-report' })] });
const ONE_DAILY = loadPlan({ ...base('one-daily-test'), recurring: [recurring('daily', 'P1D', { step: 'daily-report' })] });

const incidentError = incidentErrorOf;
const EXPECTED_TIME = 'an ISO 8601 timestamp with an offset (e.g. 2026-03-02T09:10:00+08:00) or a valid Date';

describe('schedule: periods that start in [from, to), due at their end, soonest first', () => {
  it('lists monthly, quarterly, half-yearly and yearly periods, sorted by due time then by plan order', () => {
    const entries = schedule(CALENDAR, { from: '2026-01-01T00:00:00+08:00', to: '2026-07-01T00:00:00+08:00' });
    expect(entries.map((e) => `${e.id} ${e.periodStart} → ${e.dueAt}`)).toStrictEqual([
      'monthly 2026-01-01T00:00:00+08:00 → 2026-02-01T00:00:00+08:00',
      'monthly 2026-02-01T00:00:00+08:00 → 2026-03-01T00:00:00+08:00',
      'quarterly 2026-01-01T00:00:00+08:00 → 2026-04-01T00:00:00+08:00',
      'monthly 2026-03-01T00:00:00+08:00 → 2026-04-01T00:00:00+08:00',
      'monthly 2026-04-01T00:00:00+08:00 → 2026-05-01T00:00:00+08:00',
      'monthly 2026-05-01T00:00:00+08:00 → 2026-06-01T00:00:00+08:00',
      'quarterly 2026-04-01T00:00:00+08:00 → 2026-07-01T00:00:00+08:00',
      'monthly 2026-06-01T00:00:00+08:00 → 2026-07-01T00:00:00+08:00',
      'half 2026-01-01T00:00:00+08:00 → 2026-07-01T00:00:00+08:00',
      'yearly 2026-01-01T00:00:00+08:00 → 2027-01-01T00:00:00+08:00',
    ]);
    // Whole entries: the responsible party and recipient by name, no `to` key for a duty without one, the basis copied.
    expect(entries[0]).toStrictEqual({
      id: 'monthly', step: 'monthly-analysis', title: 'monthly 工作',
      responsible: { id: 'office', name: '办公室' }, to: { id: 'propaganda', name: '宣传部' },
      periodStart: '2026-01-01T00:00:00+08:00', dueAt: '2026-02-01T00:00:00+08:00',
      basis: { seed: '003', clause: 'monthly 条款' },
    });
    expect(entries[2]).toStrictEqual({
      id: 'quarterly', step: 'monthly-analysis', title: 'quarterly 工作',
      responsible: { id: 'office', name: '办公室' },
      periodStart: '2026-01-01T00:00:00+08:00', dueAt: '2026-04-01T00:00:00+08:00',
      basis: { seed: '003', clause: 'quarterly 条款' },
    });
    expect(entries[9]).toStrictEqual({
      id: 'yearly', step: 'training', title: 'yearly 工作',
      responsible: { id: 'leading-group', name: '领导小组' }, to: { id: 'propaganda', name: '宣传部' },
      periodStart: '2026-01-01T00:00:00+08:00', dueAt: '2027-01-01T00:00:00+08:00',
      basis: { seed: '003', clause: 'yearly 条款' },
    });
    expect(entries[0]?.basis).not.toBe(CALENDAR.definition.recurring[2]?.basis);
  });

  it('skips a period that began before `from` and keeps one that begins exactly at it', () => {
    // From Monday 2026-03-30 00:00: that day and that week start at `from`; the month and quarter started before it.
    const entries = schedule(CALENDAR, { from: '2026-03-30T00:00:00+08:00', to: '2026-04-02T00:00:00+08:00' });
    // Both periods start on 04-01; the month ends first.
    expect(entries.map((e) => `${e.id} ${e.periodStart} → ${e.dueAt}`)).toStrictEqual([
      'monthly 2026-04-01T00:00:00+08:00 → 2026-05-01T00:00:00+08:00',
      'quarterly 2026-04-01T00:00:00+08:00 → 2026-07-01T00:00:00+08:00',
    ]);
    const daily = schedule(DAILY, { from: '2026-03-30T00:00:00+08:00', to: '2026-04-02T00:00:00+08:00' });
    expect(daily.map((e) => `${e.id} ${e.periodStart} → ${e.dueAt}`)).toStrictEqual([
      'daily 2026-03-30T00:00:00+08:00 → 2026-03-31T00:00:00+08:00',
      'daily 2026-03-31T00:00:00+08:00 → 2026-04-01T00:00:00+08:00',
      'daily 2026-04-01T00:00:00+08:00 → 2026-04-02T00:00:00+08:00',
      'weekly 2026-03-30T00:00:00+08:00 → 2026-04-06T00:00:00+08:00',
    ]);
    // A millisecond later, the day and the week that began at 00:00 are left out; a period starting exactly at `to` too.
    const later = schedule(DAILY, { from: '2026-03-30T00:00:00.001+08:00', to: '2026-04-01T00:00:00+08:00' });
    expect(later.map((e) => `${e.id} ${e.periodStart}`)).toStrictEqual(['daily 2026-03-31T00:00:00+08:00']);
    expect(daily[3]).toStrictEqual({
      id: 'weekly', step: 'monitor', title: 'weekly 工作', responsible: { id: 'monitor', name: '监测组' },
      periodStart: '2026-03-30T00:00:00+08:00', dueAt: '2026-04-06T00:00:00+08:00', basis: { seed: '003', clause: 'weekly 条款' },
    });
  });

  it('takes Dates and any offset, and writes times in the plan time zone across a daylight-saving change', () => {
    const entries = schedule(BERLIN, { from: new Date('2026-03-27T23:00:00Z'), to: '2026-03-31T00:00:00+02:00' });
    expect(entries.map((e) => [e.periodStart, e.dueAt])).toStrictEqual([
      ['2026-03-28T00:00:00+01:00', '2026-03-29T00:00:00+01:00'],
      ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
      ['2026-03-30T00:00:00+02:00', '2026-03-31T00:00:00+02:00'],
    ]);
  });

  it('is empty for an empty range (from = to, written with different offsets) and for a plan without recurring duties', () => {
    expect(schedule(DAILY, { from: '2026-03-02T00:00:00+08:00', to: '2026-03-01T16:00:00Z' })).toStrictEqual([]);
    expect(schedule(AUDIT_PLAN, { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' })).toStrictEqual([]);
  });

  it('refuses `to` before `from`, by even a millisecond', () => {
    const error = incidentError(() => schedule(DAILY, { from: '2026-03-02T00:00:00+08:00', to: '2026-03-01T23:59:59.999+08:00' }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues).toStrictEqual([
      { path: ['to'], code: 'invalid_range', message: '"to" is before "from"', received: '2026-03-01T23:59:59.999+08:00', expected: 'a time at or after 2026-03-02T00:00:00+08:00' },
    ]);
    expect(error.message).toBe('Invalid option\nto: "to" is before "from" (received "2026-03-01T23:59:59.999+08:00"; expected a time at or after 2026-03-02T00:00:00+08:00)');
    const from = new Date('2026-03-02T00:00:00Z');
    const to = new Date('2026-03-01T00:00:00Z');
    expect(incidentError(() => schedule(DAILY, { from, to })).issues).toStrictEqual([
      { path: ['to'], code: 'invalid_range', message: '"to" is before "from"', received: to, expected: `a time at or after ${String(from)}` },
    ]);
  });

  it('refuses a range that holds 10001 periods', () => {
    // One daily duty; 10000 days after `from` plus a millisecond, so a 10001st period starts before `to`.
    // (The 10000-period range itself is accepted; not run here to keep the file fast.)
    const from = '2026-01-01T00:00:00+08:00';
    const tooFar = new Date(Date.parse(from) + 10_000 * 86_400_000 + 1); // Asia/Shanghai keeps no daylight saving
    const error = incidentError(() => schedule(ONE_DAILY, { from, to: tooFar }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues).toStrictEqual([{ path: ['to'], code: 'too_big', message: 'the range holds more than 10000 periods', received: tooFar, expected: 'a shorter range' }]);
    expect(error.message.split('\n')[0]).toBe('Invalid option');
  });

  it('refuses a recurring duty whose period is not a calendar period (a definition loadPlan would refuse)', () => {
    // loadPlan validates `every`; this defensive check is reached only through a plan whose definition was swapped.
    const definition = { ...DAILY.definition, recurring: [DAILY.definition.recurring[0], { ...DAILY.definition.recurring[0], id: 'odd', every: 'P2D' }] };
    const forged = Object.create(DAILY, { definition: { value: definition } }) as Plan;
    let thrown: unknown;
    try {
      inLanguage('en', () => schedule(forged, { from: '2026-03-01T00:00:00+08:00', to: '2026-03-02T00:00:00+08:00' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanError);
    expect((thrown as PlanError).code).toBe('UNSUPPORTED');
    expect((thrown as PlanError).issues).toStrictEqual([
      { path: ['recurring', 1, 'every'], code: 'unsupported_period', message: 'not a calendar period', received: 'P2D', expected: 'P1D, P1W, P1M, P2M, P3M, P4M, P6M or P1Y' },
    ]);
  });
});

describe('reading the time options', () => {
  const FROM = '2026-03-01T00:00:00+08:00';

  it('names the option that is missing or not a timestamp, `from` before `to`', () => {
    expect(incidentError(() => schedule(DAILY, { from: 'soon', to: 'later' })).issues).toStrictEqual([
      { path: ['from'], code: 'invalid_option', message: '"from" is not a valid timestamp', received: 'soon', expected: EXPECTED_TIME },
    ]);
    expect(incidentError(() => schedule(DAILY, { from: FROM } as never)).issues).toStrictEqual([
      { path: ['to'], code: 'invalid_option', message: 'the option "to" is required: time is an argument', received: undefined, expected: EXPECTED_TIME },
    ]);
    expect(incidentError(() => schedule(DAILY, { from: FROM, to: '2026-03-02T00:00:00' })).issues).toStrictEqual([
      { path: ['to'], code: 'invalid_option', message: '"to" is not a valid timestamp', received: '2026-03-02T00:00:00', expected: EXPECTED_TIME },
    ]);
    const error = incidentError(() => schedule(DAILY, { from: 5 } as never));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe(`Invalid option\nfrom: "from" is not a valid timestamp (received 5; expected ${EXPECTED_TIME})`);
  });

  it('reads options only from an object: null, or a function carrying the value, counts as missing', () => {
    expect(incidentError(() => schedule(DAILY, null as never)).issues).toStrictEqual([
      { path: ['from'], code: 'invalid_option', message: 'the option "from" is required: time is an argument', received: undefined, expected: EXPECTED_TIME },
    ]);
    const callable = Object.assign(() => 0, { now: at('10:00') });
    const error = incidentError(() => decideMany(AUDIT_PLAN, [], callable).next());
    expect(error.issues).toStrictEqual([
      { path: ['now'], code: 'invalid_option', message: 'the option "now" is required: time is an argument', received: undefined, expected: EXPECTED_TIME },
    ]);
  });

  it('takes a valid Date, refuses an invalid one with the Date as received', () => {
    const invalid = new Date('nonsense');
    expect(incidentError(() => schedule(DAILY, { from: invalid, to: FROM })).issues).toStrictEqual([
      { path: ['from'], code: 'invalid_option', message: '"from" is not a valid timestamp', received: invalid, expected: EXPECTED_TIME },
    ]);
    expect(schedule(DAILY, { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-01T16:00:00Z') }).map((e) => e.periodStart)).toStrictEqual(['2026-03-01T00:00:00+08:00']);
  });
});

// ---------------------------------------------------------------------------------------------------
// assessRisk
// ---------------------------------------------------------------------------------------------------

const riskBasis = { seed: '002', section: '篇一', clause: '风险评估', quote: '评估' };
const RISK_PLAN = loadPlan({
  ...base('risk-test'),
  riskAssessment: {
    steps: [{ id: 'assess', name: '评估' }, { id: 'file-report', name: '备案' }],
    outcomes: {
      high: { outcome: 'reject-or-adjust', text: '高风险不实施' },
      medium: { outcome: 'postpone', text: '中风险暂缓' },
      low: { outcome: 'proceed-with-explanation', text: '低风险实施并解释' },
    },
    filing: ['propaganda', 'office'],
    basis: riskBasis,
  },
});

describe('assessRisk', () => {
  const rest = {
    steps: [{ id: 'assess', name: '评估' }, { id: 'file-report', name: '备案' }],
    filing: [{ id: 'propaganda', name: '宣传部' }, { id: 'office', name: '办公室' }],
    basis: riskBasis,
  };

  it.each([
    ['high', 'reject-or-adjust', '高风险不实施'],
    ['medium', 'postpone', '中风险暂缓'],
    ['low', 'proceed-with-explanation', '低风险实施并解释'],
  ] as const)('%s risk gives the outcome the plan sets, with its steps and where to file, by name', (risk, outcome, text) => {
    const result = assessRisk(RISK_PLAN, { risk });
    expect(result).toStrictEqual({ outcome, text, ...rest });
    expect(result.steps[0]).not.toBe(RISK_PLAN.definition.riskAssessment?.steps[0]);
    expect(result.basis).not.toBe(RISK_PLAN.definition.riskAssessment?.basis);
  });

  it('answers from the bundled industry-bureau plan', () => {
    expect(assessRisk(loadPlan('industry-bureau'), { risk: 'medium' })).toMatchObject({
      outcome: 'postpone',
      text: '存在中风险的，作出暂缓实施方案的决策，待采取有效的防范、化解风险措施后，再作实施的决策',
      steps: [
        { id: 'determine-project', name: '确定评估项目' },
        { id: 'draft-plan', name: '制定评估方案' },
        { id: 'hear-opinions', name: '充分听取意见' },
        { id: 'analyse', name: '全面分析论证' },
        { id: 'write-report', name: '形成评估报告' },
        { id: 'mitigate', name: '落实化解措施' },
      ],
      filing: [{ id: 'higher-department', name: '上级部门' }],
      basis: { seed: '002', section: '篇一', clause: '三（一）2、3' },
    });
  });

  it('refuses a plan without the clause before looking at the input', () => {
    let thrown: unknown;
    try {
      inLanguage('en', () => assessRisk(AUDIT_PLAN, { risk: 'nonsense' } as never));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanError);
    const error = thrown as PlanError;
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.issues).toStrictEqual([
      { path: ['riskAssessment'], code: 'unsupported', message: 'the plan "audit-test" has no risk assessment clause (重大决策舆情风险评估)', expected: 'a plan with "riskAssessment", e.g. industry-bureau' },
    ]);
    expect(error.message).toBe('Not in this plan\nriskAssessment: the plan "audit-test" has no risk assessment clause (重大决策舆情风险评估) (expected a plan with "riskAssessment", e.g. industry-bureau)');
  });

  it('refuses a risk level that is not high, medium or low, reading it only from an object', () => {
    const issue = (received: unknown) => [{ path: ['risk'], code: 'invalid_value', message: 'not a risk level', received, expected: 'one of "high", "medium", "low"' }];
    const bad = incidentError(() => assessRisk(RISK_PLAN, { risk: 'High' } as never));
    expect(bad.code).toBe('INVALID_OPTION');
    expect(bad.issues).toStrictEqual(issue('High'));
    expect(bad.message).toBe('Invalid option\nrisk: not a risk level (received "High"; expected one of "high", "medium", "low")');
    expect(incidentError(() => assessRisk(RISK_PLAN, null as never)).issues).toStrictEqual(issue(undefined));
    expect(incidentError(() => assessRisk(RISK_PLAN, {} as never)).issues).toStrictEqual(issue(undefined));
    expect(incidentError(() => assessRisk(RISK_PLAN, Object.assign(() => 0, { risk: 'high' }) as never)).issues).toStrictEqual(issue(undefined));
  });
});

// ---------------------------------------------------------------------------------------------------
// decideMany
// ---------------------------------------------------------------------------------------------------

describe('decideMany', () => {
  const ok = (id: string, attentionValue: string) => ({ id, occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators: { attention: attentionValue } });

  it('answers each incident in order with its index, an invalid one as its IncidentError', () => {
    const results = [...decideMany(AUDIT_PLAN, [ok('a', 'extreme'), { id: 'b', occurredAt: 'yesterday', discoveredAt: at('09:00') }, ok('c', 'elevated')], { now: at('09:30') })];
    expect(results.map((r) => r.index)).toStrictEqual([0, 1, 2]);
    expect(results.map((r) => (r.decision ? `${r.decision.incident.id} ${r.decision.level.id} ${r.decision.now}` : 'error'))).toStrictEqual([
      `a I ${at('09:30')}`,
      'error',
      `c III ${at('09:30')}`,
    ]);
    expect(results[0]?.error).toBeUndefined();
    const failed = results[1];
    expect(failed?.decision).toBeUndefined();
    expect(failed?.error).toBeInstanceOf(IncidentError);
    expect(failed?.error?.code).toBe('INVALID_INCIDENT');
    expect(failed?.error?.issues.map((i) => i.path)).toStrictEqual([['occurredAt']]);
    // Each decision is the one decide gives.
    expect(results[2]?.decision).toStrictEqual(decide(AUDIT_PLAN, ok('c', 'elevated'), { now: at('09:30') }));
  });

  it('yields nothing for no incidents, an IncidentError for `now` before discovery, and rethrows any other error', () => {
    expect([...decideMany(AUDIT_PLAN, [], { now: at('09:30') })]).toStrictEqual([]);
    const early = [...decideMany(AUDIT_PLAN, [ok('late', 'high')], { now: at('08:59') })];
    expect(early.map((r) => [r.index, r.error?.code, r.error?.issues[0]?.code])).toStrictEqual([[0, 'INVALID_OPTION', 'before_discovery']]);
    const hostile = {
      get id(): string {
        throw new TypeError('boom');
      },
    };
    const batch = decideMany(AUDIT_PLAN, [ok('first', 'high'), hostile], { now: at('09:30') });
    expect(batch.next().value).toMatchObject({ index: 0, decision: { incident: { id: 'first' } } });
    expect(() => batch.next()).toThrow(TypeError);
  });

  it('checks `now` before reading any incident', () => {
    let read = 0;
    function* incidents() {
      read++;
      yield ok('x', 'high');
    }
    const error = incidentError(() => decideMany(AUDIT_PLAN, incidents(), { now: '2026-03-02' }).next());
    expect(error.issues).toStrictEqual([{ path: ['now'], code: 'invalid_option', message: '"now" is not a valid timestamp', received: '2026-03-02', expected: EXPECTED_TIME }]);
    expect(read).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// classification
// ---------------------------------------------------------------------------------------------------

// Levels declared out of order: the least severe (IV) is neither first nor last in the file.
const CLASSIFY_PLAN = loadPlan({
  ...base('classify-test', [['II', 2], ['IV', 4], ['I', 1], ['III', 3]]),
  classification: [
    { id: 'c-low', level: 'III', priority: 10, basis: common, conditions: attention('high') },
    { id: 'c-tie', level: 'II', priority: 10, basis: common, conditions: attention('high') },
    { id: 'c-lower', level: 'I', priority: 5, basis: common, conditions: attention('high') },
    { id: 'c-rumour', level: 'IV', priority: 50, basis: { seed: '004', clause: '谣言' }, conditions: flag('falseReport') },
    { id: 'c-only', level: 'III', priority: 20, basis: common, conditions: attention('elevated') },
  ],
});

describe('classification', () => {
  const levelOf = (indicators: Record<string, string>, flags: Record<string, boolean> = {}) => {
    const d = decide(CLASSIFY_PLAN, { id: 'k', occurredAt: at('09:00'), discoveredAt: at('09:00'), indicators, flags }, { now: at('09:00') });
    const why = d.explanation[0];
    return { id: d.level.id, source: d.level.source, rule: why?.rule, text: why?.text, basis: why?.basis };
  };

  it('at equal priority takes the most severe level; a lower priority loses even to a less severe level', () => {
    expect(levelOf({ attention: 'high' })).toStrictEqual({
      id: 'II', source: 'criteria', rule: 'c-tie', basis: common,
      text: '关注度：高 满足 II II 级 的标准（规则 c-tie，优先级 10）；同时成立但未采用（优先级较低，或同级而较轻）：c-low、c-lower',
    });
  });

  it('takes the rule of highest priority whatever its level, the others overruled in order', () => {
    expect(levelOf({ attention: 'high' }, { falseReport: true })).toStrictEqual({
      id: 'IV', source: 'criteria', rule: 'c-rumour', basis: { seed: '004', clause: '谣言' },
      text: '虚假不实报道：是 满足 IV IV 级 的标准（规则 c-rumour，优先级 50）；同时成立但未采用（优先级较低，或同级而较轻）：c-tie、c-low、c-lower',
    });
  });

  it('a single rule that fires has nothing overruled; rules that do not fire are passed over', () => {
    expect(levelOf({ attention: 'elevated' })).toStrictEqual({
      id: 'III', source: 'criteria', rule: 'c-only', basis: common,
      text: '关注度：较高 满足 III III 级 的标准（规则 c-only，优先级 20）',
    });
  });

  it('falls back to the least severe level when no rule fires', () => {
    expect(levelOf({ attention: 'low' })).toStrictEqual({ id: 'IV', source: 'criteria', rule: '(none)', basis: undefined, text: '没有分级规则成立，按最低级别 IV IV 级 处理' });
  });
});
