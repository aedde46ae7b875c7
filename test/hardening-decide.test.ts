// Issue 12, the decide side: a duty that arises again, the bound on a decision's size, work that grows
// linearly with the events (proved by counting reads, never by timing), exact time in nextReviewAt,
// and working-day deadlines in years the calendar lacks.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { audit, decide, listPlans, loadPlan, type Decision, type Plan, type PlanSource } from '../src/index.js';
import { decisionOf, parseIncident, replay } from '../src/decide/decide.js';
import { buildLedger, MAX_OBLIGATIONS } from '../src/decide/ledger.js';
import { buildTimeline, type StepRecord } from '../src/decide/timeline.js';
import { compiledOf } from '../src/plans/load.js';
import { parseTimestamp } from '../src/time/timestamp.js';
import { runs } from './support/under-stryker.js';
import { at, attention, basisOf, level, ROLES } from './support/synthetic-plan.js';
import { incidentErrorOf } from './support/errors.js';

// The calendar as bundled, except that a count of 99 working days fails as a bug would (not as a missing year).
vi.mock('../src/time/working-days.js', async (original) => {
  const actual = await original<typeof import('../src/time/working-days.js')>();
  return {
    ...actual,
    addWorkingDays: (...args: Parameters<typeof actual.addWorkingDays>) => {
      if (args[1] === 99) throw new TypeError('calendar broken');
      return actual.addWorkingDays(...args);
    },
  };
});

const basis = basisOf('hardening test plan');
const rankAtMostII = { all: [{ fact: 'levelRank', operator: 'lessThanInclusive' as const, value: 2 }] };

const SOURCE: PlanSource = {
  id: 'hardening-decide',
  version: '1',
  title: '加固测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/hardening-decide.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis), level('IV', 4, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 40, basis, conditions: attention('extreme') },
    { id: 'c-ii', level: 'II', priority: 30, basis, conditions: attention('high') },
    { id: 'c-iv', level: 'IV', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: ROLES,
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: ['I', 'II', 'III', 'IV'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  obligations: [
    { id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', notify: 'report', anchor: 'discoveredAt', offset: 'PT30M', basis, when: rankAtMostII },
    { id: 'reply-up', step: 'reply', title: '回应', responsible: 'office', immediate: true, basis, when: rankAtMostII },
  ],
};
const plan = loadPlan(SOURCE);
const incident = (events: unknown[], attentionValue = 'high') => ({ id: 'inc-h', occurredAt: at('08:00'), discoveredAt: at('09:00'), indicators: { attention: attentionValue }, events });
const to = (value: string, time: string) => ({ type: 'indicators-updated', at: time, indicators: { attention: value } });
const ids = (d: Decision) => d.obligations.map((o) => o.id);
const caught = incidentErrorOf;
/** `i` seconds after 09:00 on 2026-03-02, +08:00. */
const second = (i: number): string => new Date(Date.parse(at('09:00')) + i * 1000).toISOString();

describe('a duty that arises again', () => {
  it('reopens when it stopped applying before it was done: same id however often the level flips, its clock from the change that brought it back', () => {
    const flips = Array.from({ length: 200 }, (_, i) => to(i % 2 === 0 ? 'low' : 'high', second(i + 1)));
    const d = decide(plan, incident(flips), { now: at('09:10') });
    expect(ids(d)).toStrictEqual(['report-up', 'reply-up']);
    // The last upgrade is at 09:03:20: the 30 minutes count from there (a clock from discovery starts at the later of discovery and the upgrade).
    expect(d.obligations[0]).toMatchObject({ arisenAt: at('09:00'), dueAt: at('09:33:20'), status: 'pending' });
    expect(d.obligations[0]?.reason).toBeUndefined();
  });

  it('reopens a duty that lapsed overdue: it is still overdue and required again', () => {
    const d = decide(plan, incident([to('low', at('09:40')), to('high', at('10:00'))]), { now: at('10:05') });
    expect(ids(d)).toStrictEqual(['report-up', 'reply-up']);
    expect(d.obligations[0]).toMatchObject({ dueAt: at('09:30'), status: 'overdue' });
    expect(d.obligations[0]?.reason).toBeUndefined();
    expect(d.next.map((o) => o.id)).toContain('report-up');
  });

  it('arises anew, as id#2 with its own clock, once the first was done', () => {
    const d = decide(plan, incident([{ type: 'report', at: at('09:10'), to: 'propaganda' }, to('low', at('09:20')), to('high', at('10:00'))]), { now: at('10:05') });
    expect(d.obligations.filter((o) => o.step === 'report').map((o) => [o.id, o.arisenAt, o.dueAt, o.status])).toStrictEqual([
      ['report-up', at('09:00'), at('09:30'), 'met'],
      ['report-up#2', at('10:00'), at('10:30'), 'pending'],
    ]);
  });

  it('counts a step made while the duty did not apply once it reopens', () => {
    const d = decide(plan, incident([to('low', at('09:10')), { type: 'report', at: at('09:15'), to: 'propaganda' }, to('high', at('09:20'))]), { now: at('09:25') });
    expect(d.obligations[0]).toMatchObject({ id: 'report-up', doneAt: at('09:15'), status: 'met' });
  });
});

// A plan with 50 duties of each worsening: every upgrade raises 50 new obligations.
const UPGRADES = loadPlan({
  ...SOURCE,
  id: 'hardening-upgrades',
  obligations: Array.from({ length: 50 }, (_, i) => ({ id: `worse-${i}`, step: 'report' as const, title: '升级即报', responsible: 'office', to: 'leading-group', immediate: true, on: 'upgrade' as const, basis })),
});

describe('the size of a decision', () => {
  it(`is at most ${MAX_OBLIGATIONS.toLocaleString('en')} obligations: beyond, an IncidentError on events says why`, () => {
    expect(MAX_OBLIGATIONS).toBe(100_000);
    // 2 001 upgrades × 50 duties = 100 050 obligations.
    const events = Array.from({ length: 4002 }, (_, i) => to(i % 2 === 0 ? 'extreme' : 'low', second(i + 1)));
    for (const run of [decide, audit]) {
      const e = caught(() => run(UPGRADES, incident(events, 'low'), { now: at('12:00') }));
      expect(e.code).toBe('INVALID_INCIDENT');
      expect(e.issues).toStrictEqual([
        { path: ['events'], code: 'too_big', message: 'the events raise more than 100000 obligations (each upgrade, and each duty arising again after it was done, is a new one)', received: '4002 events', expected: 'events that raise at most 100000 obligations' },
      ]);
    }
  });

  it('holds every obligation up to the bound', () => {
    const events = Array.from({ length: 40 }, (_, i) => to(i % 2 === 0 ? 'extreme' : 'low', second(i + 1)));
    expect(decide(UPGRADES, incident(events, 'low'), { now: at('12:00') }).obligations).toHaveLength(20 * 50);
  });
});

/** An array whose element reads are counted. */
function counted<T>(items: T[], counter: { reads: number }): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('work that grows with the events, not with their square', () => {
  it('matches step records to duties by index: each record is read a bounded number of times, whatever the number of duties', () => {
    // n cycles of: report done, level down, level up; every cycle a new report-up#k and a record that fulfils it.
    const n = 1500;
    const events: unknown[] = [];
    for (let i = 0; i < n; i++) {
      events.push({ type: 'report', at: second(3 * i + 1), to: 'propaganda' }, to('low', second(3 * i + 2)), to('high', second(3 * i + 3)));
    }
    const compiled = compiledOf(plan);
    const now = parseTimestamp(at('23:00')) as number;
    const timeline = buildTimeline(parseIncident(compiled, incident(events)), now, (id) => compiled.levels.get(id)?.rank ?? 99);
    const counter = { reads: 0 };
    const steps = new Map([...timeline.steps].map(([step, records]) => [step, counted<StepRecord>(records, counter)]));
    const { obligations } = buildLedger(compiled, { ...timeline, steps }, now, plan.timeZone);
    const reports = obligations.filter((o) => o.compiled.rule.id === 'report-up');
    expect(reports).toHaveLength(n + 1);
    expect(reports.slice(0, n).every((o) => o.doneAt !== null)).toBe(true);
    // A scan per duty reads about n²/2 = 1 125 000 records; an index, one pass plus a binary search per look-up.
    expect(counter.reads).toBeLessThan(60 * n);
  });

  it('gathers the recipients to notify in one pass over the obligations, however many recipients there are', () => {
    const recipients = Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, name: `单位${i}` }));
    const many = loadPlan({
      ...SOURCE,
      id: 'hardening-notify',
      recipients,
      obligations: recipients.map((r) => ({ id: `tell-${r.id}`, step: 'report' as const, title: `报告${r.name}`, responsible: 'office', to: r.id, notify: 'report' as const, offset: 'PT1H', basis })),
    });
    const r = replay(many, incident([]), { now: at('09:10') });
    const counter = { reads: 0 };
    const d = decisionOf({ ...r, instances: counted(r.instances, counter) });
    expect(d.notify).toHaveLength(200);
    expect(d.notify[199]).toMatchObject({ id: 'r199', dueAt: at('10:00'), obligations: ['tell-r199'] });
    // A filter of every obligation per recipient reads 200 × 200 = 40 000.
    expect(counter.reads).toBeLessThan(20 * 200);
  });

  it('reads the plan’s duties once for the warnings about unmatched events, not once per event', () => {
    const events = Array.from({ length: 500 }, (_, i) => ({ type: 'rebut', at: second(i + 1) }));
    const r = replay(plan, incident(events), { now: at('10:00') });
    const counter = { reads: 0 };
    const d = decisionOf({ ...r, compiled: { ...r.compiled, obligations: counted([...r.compiled.obligations], counter) } });
    expect(d.warnings.filter((w) => w.code === 'unmatched-event')).toHaveLength(500);
    expect(counter.reads).toBeLessThan(10 * r.compiled.obligations.length);
  });

  it('audit replays the incident once, as decide does', () => {
    const reads = (run: typeof decide | typeof audit): number => {
      let count = 0;
      const input = incident([{ type: 'report', at: at('09:10'), to: 'propaganda' }]);
      const events = input.events;
      Object.defineProperty(input, 'events', { enumerable: true, get: () => (count++, events) });
      run(plan, input, { now: at('09:20') });
      return count;
    };
    expect(reads(audit)).toBe(reads(decide));
  });
});

describe('deciding again at nextReviewAt', () => {
  it('sees a discovery at 09:00:00.500 through: milliseconds reach dueAt, reminders and nextReviewAt', () => {
    const d = decide(plan, { ...incident([]), discoveredAt: '2026-03-02T09:00:00.500+08:00' }, { now: at('09:10') });
    expect(d.obligations[0]).toMatchObject({ dueAt: '2026-03-02T09:30:00.500+08:00' });
    expect(d.obligations[0]?.reminders.map((x) => x.at)).toStrictEqual(['2026-03-02T09:15:00.500+08:00', '2026-03-02T09:22:30.500+08:00']);
    expect(d.nextReviewAt).toBe('2026-03-02T09:15:00.500+08:00');
  });

  it('moves on from a reminder at an odd fraction (0.3333)', () => {
    const odd = loadPlan({ ...SOURCE, id: 'hardening-reminders', reminders: [0.3333] });
    const first = decide(odd, incident([]), { now: at('09:05') });
    expect(first.nextReviewAt).toBe('2026-03-02T09:09:59.940+08:00');
    const again = decide(odd, incident([]), { now: first.nextReviewAt! });
    expect(again.nextReviewAt).toBe(at('09:30'));
  });

  const IDEOLOGY = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' };
  const optionsOf = (id: string) => (id === 'ideology-emergency' ? { parameters: IDEOLOGY } : {});
  const PLANS = new Map<string, Plan>(listPlans().map(({ id }) => [id, loadPlan(id, optionsOf(id))]));
  const ms = (n: number): string => new Date(Date.parse('2026-03-02T01:00:00Z') + n).toISOString();
  const EVENT = fc.oneof(
    fc.record({ type: fc.constantFrom('report', 'reply', 'verify', 'consult', 'statement', 'monitor'), at: fc.nat(36_000_000).map(ms), to: fc.constantFrom(undefined, 'leading-group', 'office') }, { requiredKeys: ['type', 'at'] }),
    fc.record({ type: fc.constant('indicators-updated'), at: fc.nat(36_000_000).map(ms), indicators: fc.record({ attention: fc.constantFrom('low', 'elevated', 'high', 'extreme') }) }),
    fc.record({ type: fc.constant('flags-updated'), at: fc.nat(36_000_000).map(ms), flags: fc.record({ massIncident: fc.boolean(), mediaInquiry: fc.boolean() }, { requiredKeys: [] }) }),
  );

  it('for random incidents on every bundled plan, at nextReviewAt the decision differs or nextReviewAt is strictly later', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLANS.keys()),
        fc.array(fc.double({ min: 0.0001, max: 0.9999, noNaN: true }), { maxLength: 3 }),
        fc.integer({ min: -3_600_000, max: 0 }),
        fc.nat(3_600_000),
        fc.array(EVENT, { maxLength: 8 }),
        (id, reminders, occurred, now, events) => {
          const bundled = PLANS.get(id) as Plan;
          const p = reminders.length === 0 ? bundled : loadPlan({ ...bundled.definition, reminders } as PlanSource, optionsOf(id));
          const input = { id: 'prop', occurredAt: ms(occurred), discoveredAt: ms(0), indicators: { attention: 'high' }, events };
          let d = decide(p, input, { now: ms(now) });
          // Follow nextReviewAt a few times: each step must show something new.
          for (let step = 0; step < 5 && d.nextReviewAt !== null; step++) {
            const next = decide(p, input, { now: d.nextReviewAt });
            const same = JSON.stringify({ ...next, now: null }) === JSON.stringify({ ...d, now: null });
            expect(!same || Date.parse(next.nextReviewAt ?? '') > Date.parse(d.nextReviewAt)).toBe(true);
            expect(next.nextReviewAt === null || Date.parse(next.nextReviewAt) > Date.parse(d.nextReviewAt)).toBe(true);
            d = next;
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe('a working-day deadline in a year the calendar lacks', () => {
  const WORKING = loadPlan({ ...SOURCE, id: 'hardening-working-days', obligations: [...SOURCE.obligations, { id: 'evaluate-3wd', step: 'evaluate', title: '三个工作日内评估', responsible: 'office', offset: 'P3D', workingDays: true, basis }] });
  const late = { ...incident([]), occurredAt: '2026-12-30T08:00:00+08:00', discoveredAt: '2026-12-30T09:00:00+08:00' };

  it('has no due time and a reason; the decision warns and decides everything else', () => {
    const d = decide(WORKING, late, { now: '2026-12-30T09:10:00+08:00', lang: 'en' });
    expect(d.obligations.map((o) => [o.id, o.dueAt])).toStrictEqual([
      ['report-up', '2026-12-30T09:30:00+08:00'],
      ['reply-up', null],
      ['evaluate-3wd', null],
    ]);
    expect(d.obligations[2]).toMatchObject({ status: 'pending', reason: 'the working-day calendar has no holiday schedule for 2027, so no deadline can be computed; supply that year\'s data through loadPlan\'s calendar option or yuqing --calendar' });
    expect(decide(WORKING, late, { now: '2026-12-30T09:10:00+08:00' }).obligations[2]).toMatchObject({ status: 'pending', reason: '工作日日历没有 2027 年的节假日安排，无法计算期限；可通过 loadPlan 的 calendar 选项或 yuqing --calendar 补充该年数据' });
    expect(d.warnings).toStrictEqual([
      { code: 'outside-calendar', path: ['obligations', 2], message: '"evaluate-3wd" counts working days into 2027, for which the working-day calendar has no data: it has no deadline until that year is supplied (loadPlan\'s calendar option, or yuqing --calendar)' },
    ]);
    expect(d.nextReviewAt).toBe('2026-12-30T09:15:00+08:00');
  });

  it('keeps the reason of a duty that no longer applies, and shows no reason once done', () => {
    const done = decide(WORKING, { ...late, events: [{ type: 'evaluate', at: '2026-12-30T09:05:00+08:00' }] }, { now: '2026-12-30T09:10:00+08:00' });
    expect(done.obligations[2]).toMatchObject({ id: 'evaluate-3wd', status: 'met', dueAt: null });
    expect(done.obligations[2]?.reason).toBeUndefined();
    expect(done.warnings.map((w) => w.code)).toStrictEqual(['outside-calendar']);
  });

  it('is decided with the year once a host supplies it', () => {
    const supplied = loadPlan({ ...SOURCE, id: 'hardening-working-days', obligations: [...SOURCE.obligations, { id: 'evaluate-3wd', step: 'evaluate', title: '三个工作日内评估', responsible: 'office', offset: 'P3D', workingDays: true, basis }] }, {
      calendar: { years: [{ year: 2027, notice: '测试通知', holidays: ['2027-01-01'], workdays: [] }] },
    } as never);
    const d = decide(supplied, late, { now: '2026-12-30T09:10:00+08:00' });
    // 12-31 (Thu), 01-01 is a holiday, 01-04 (Mon), 01-05 (Tue): due at the end of 01-05.
    expect(d.obligations[2]).toMatchObject({ id: 'evaluate-3wd', dueAt: '2027-01-06T00:00:00+08:00' });
    expect(d.warnings).toStrictEqual([]);
  });

  it('turns only a missing year into a warning: any other failure of the calendar surfaces', () => {
    const broken = loadPlan({ ...SOURCE, id: 'hardening-broken-calendar', obligations: [{ id: 'evaluate-99wd', step: 'evaluate', title: '九十九个工作日内评估', responsible: 'office', offset: 'P99D', workingDays: true, basis }] });
    expect(() => decide(broken, incident([]), { now: at('09:10') })).toThrow(new TypeError('calendar broken'));
  });
});
