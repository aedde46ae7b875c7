import { describe, expect, it } from 'vitest';
import { decide, DecisionSchema, IncidentError, loadPlan, PlanError, type Decision, type PlanSource } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { at, basisOf, level, ROLES } from './support/synthetic-plan.js';

// A duty that repeats inside an incident (`every`, 每日续报 / 每2小时报告一次进展), plan format 2 (docs/clocks.md).
// Times are on 2026-03-02 in +08:00 unless written out; the incident is discovered at 09:00.
const basis = basisOf('repeat test plan');
type Obligations = PlanSource['obligations'];

const source = (obligations: Obligations, extra: Partial<PlanSource> = {}): PlanSource => ({
  format: 2,
  id: 'repeat-test',
  version: '1',
  title: '续报测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/format2-repeat.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis)],
  classification: [{ id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } }],
  roles: ROLES,
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  steps: [{ id: 'progress', title: '进展报告' }],
  reminders: [],
  obligations,
  ...extra,
});
const incident = (events: unknown[], discoveredAt = at('09:00')) => ({ id: 'inc-repeat', occurredAt: discoveredAt, discoveredAt, indicators: {}, events });
const run = (plan: ReturnType<typeof loadPlan>, events: unknown[], now: string): Decision => decide(plan, incident(events), { now });
const ids = (d: Decision) => d.obligations.map((o) => o.id);
const explained = (d: Decision, id: string) => d.explanation.find((e) => e.subject === 'obligation' && e.id === id)!.text;
const refused = (src: unknown) => {
  try {
    inLanguage('en', () => loadPlan(src as PlanSource));
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as PlanError).issues.map((i) => ({ path: i.path, received: i.received, expected: i.expected }));
  }
  throw new Error('the plan was accepted');
};
const report = (time: string) => ({ type: 'progress', at: at(time) });

// First report 2 hours after it arises, then one every 2 hours while the incident has not subsided.
const progress = {
  id: 'progress', step: 'progress', title: '报告进展', responsible: 'office', offset: 'PT2H', every: 'PT2H', basis,
  when: { all: [{ fact: 'subsided', operator: 'equal', value: false }] },
} as const;
const plan = loadPlan(source([progress]));

describe('every: a duty that repeats inside an incident', () => {
  it('after 2.5 periods has 3 instances, each arising at the deadline before it and done by its own event', () => {
    const d = run(plan, [report('10:30'), report('12:00'), report('13:30')], at('14:00'));
    expect(d.obligations.map(({ id, status, arisenAt, dueAt, doneAt }) => ({ id, status, arisenAt, dueAt, doneAt }))).toEqual([
      { id: 'progress', status: 'met', arisenAt: at('09:00'), dueAt: at('11:00'), doneAt: at('10:30') },
      { id: 'progress#2', status: 'met', arisenAt: at('11:00'), dueAt: at('13:00'), doneAt: at('12:00') },
      { id: 'progress#3', status: 'met', arisenAt: at('13:00'), dueAt: at('15:00'), doneAt: at('13:30') },
    ]);
    expect(explained(d, 'progress')).toContain('每 2 小时一次（第 1 次）；');
    expect(explained(d, 'progress#3')).toContain('每 2 小时一次（第 3 次）；上次时限后 2 小时，即 2026-03-02T15:00:00+08:00 前');
    // The fourth arises at 15:00: the decision is reviewed then although the third is done.
    expect(d.nextReviewAt).toBe(at('15:00'));
    expect(() => DecisionSchema.parse(d)).not.toThrow();
  });

  it('does not repeat before the first deadline, nor past now', () => {
    expect(ids(run(plan, [], at('10:59')))).toEqual(['progress']);
    expect(ids(run(plan, [], at('11:00')))).toEqual(['progress', 'progress#2']);
    expect(run(plan, [], at('10:00')).nextReviewAt).toBe(at('11:00'));
  });

  it('counts one report once: a late report does the earlier instance, not the next', () => {
    const d = run(plan, [report('11:30')], at('14:00'));
    expect(d.obligations.map((o) => o.status)).toEqual(['met-late', 'overdue', 'pending']);
    // A report at the very deadline does the instance due then; the next, arising at that moment, is still to do.
    const e = run(plan, [report('11:00'), report('11:10')], at('14:00'));
    expect(e.obligations.map((o) => [o.status, o.doneAt])).toEqual([['met', at('11:00')], ['met', at('11:10')], ['pending', null]]);
    const f = run(plan, [report('11:00')], at('14:00'));
    expect(f.obligations.map((o) => o.status)).toEqual(['met', 'overdue', 'pending']);
  });

  it('stops once the duty no longer applies (subsided): the instance then running is not applicable, none arises after', () => {
    const d = run(plan, [report('10:00'), { type: 'subsided', at: at('12:00') }], at('18:00'));
    expect(d.obligations.map((o) => [o.id, o.status])).toEqual([['progress', 'met'], ['progress#2', 'not-applicable']]);
    expect(d.nextReviewAt).toBeNull();
  });

  it('keeps a missed instance overdue when it stops applying after its deadline, and a done one done', () => {
    const missed = run(plan, [{ type: 'subsided', at: at('13:30') }], at('18:00'));
    expect(missed.obligations.map((o) => [o.id, o.status])).toEqual([['progress', 'overdue'], ['progress#2', 'overdue'], ['progress#3', 'not-applicable']]);
    const done = run(plan, [report('10:00'), report('12:30'), { type: 'subsided', at: at('13:30') }], at('18:00'));
    expect(done.obligations.map((o) => [o.id, o.status])).toEqual([['progress', 'met'], ['progress#2', 'met'], ['progress#3', 'not-applicable']]);
    // Subsided at a deadline: that instance stays overdue and no next one arises then.
    const atDeadline = run(plan, [{ type: 'subsided', at: at('13:00') }], at('18:00'));
    expect(atDeadline.obligations.map((o) => [o.id, o.status])).toEqual([['progress', 'overdue'], ['progress#2', 'overdue']]);
    // A duty closed before its first deadline never repeats.
    expect(ids(run(plan, [{ type: 'subsided', at: at('10:00') }], at('18:00')))).toEqual(['progress']);
  });

  it('counts whole working days across a weekend', () => {
    const daily = loadPlan(source([{ id: 'daily', step: 'progress', title: '每日续报', responsible: 'office', offset: 'P1D', every: 'P1D', workingDays: true, basis }]));
    // Friday 2026-03-06: the first report is due at the end of Monday, the second at the end of Tuesday.
    const d = decide(daily, incident([], '2026-03-06T09:00:00+08:00'), { now: '2026-03-10T12:00:00+08:00' });
    expect(d.obligations.map((o) => [o.id, o.arisenAt, o.dueAt])).toEqual([
      ['daily', '2026-03-06T09:00:00+08:00', '2026-03-10T00:00:00+08:00'],
      ['daily#2', '2026-03-10T00:00:00+08:00', '2026-03-11T00:00:00+08:00'],
    ]);
    expect(explained(d, 'daily#2')).toContain('每 1 个工作日一次（第 2 次）；上次时限后 1 个工作日');
    // Thursday 2026-03-05: the first is due at the end of Friday, the second at the end of Monday.
    const e = decide(daily, incident([], '2026-03-05T09:00:00+08:00'), { now: '2026-03-09T12:00:00+08:00' });
    expect(e.obligations.map((o) => o.dueAt)).toEqual(['2026-03-07T00:00:00+08:00', '2026-03-10T00:00:00+08:00']);
  });

  it('leaves an instance counted into a year the calendar lacks without a deadline, and repeats no further', () => {
    const daily = loadPlan(source([{ ...progress, id: 'daily', offset: 'P1D', every: 'P1D', workingDays: true }]));
    const d = decide(daily, incident([{ type: 'subsided', at: '2027-01-05T10:00:00+08:00' }], '2026-12-30T09:00:00+08:00'), { now: '2027-01-10T12:00:00+08:00' });
    expect(d.obligations.map((o) => [o.id, o.dueAt, o.status])).toEqual([
      ['daily', '2027-01-01T00:00:00+08:00', 'overdue'],
      ['daily#2', null, 'not-applicable'],
    ]);
  });

  it('moves one instance by an extension; the next arises at the moved deadline', () => {
    const extensible = loadPlan(source([{ ...progress, extension: { max: 'PT2H' } }]));
    const d = run(extensible, [{ type: 'extended', at: at('11:30'), obligation: 'progress#2', duration: 'PT1H' }], at('14:30'));
    expect(d.obligations.map((o) => [o.id, o.arisenAt, o.dueAt, o.extendedBy ?? null])).toEqual([
      ['progress', at('09:00'), at('11:00'), null],
      ['progress#2', at('11:00'), at('14:00'), 'PT1H'],
      ['progress#3', at('14:00'), at('16:00'), null],
    ]);
    expect(d.warnings.filter((w) => w.code === 'unknown-obligation')).toEqual([]);
  });

  it('refuses an incident that would raise more than 100 000 obligations', () => {
    const minute = loadPlan(source([{ ...progress, offset: 'PT1M', every: 'PT1M' }]));
    let error: unknown;
    try {
      inLanguage('en', () => decide(minute, incident([]), { now: '2026-06-30T09:00:00+08:00' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IncidentError);
    expect((error as IncidentError).issues[0]).toMatchObject({ path: ['events'], code: 'too_big' });
  });

  it('changes nothing it is given', () => {
    const src = source([progress]);
    const frozenSource = JSON.stringify(src);
    const given = incident([report('10:30'), { type: 'subsided', at: at('13:30') }]);
    const frozenIncident = JSON.stringify(given);
    decide(loadPlan(src), given, { now: at('14:00') });
    expect(JSON.stringify(src)).toBe(frozenSource);
    expect(JSON.stringify(given)).toBe(frozenIncident);
  });
});

describe('every: what a plan may not say', () => {
  const bad = (fields: Record<string, unknown>) => refused(source([{ id: 'r', step: 'progress', title: '续报', responsible: 'office', basis, ...fields } as Obligations[number]]));
  it.each([
    [{ every: 'PT2H' }, 'PT2H', 'an "offset" on this obligation'],
    [{ offset: 'PT1H', every: 'PT2H', continuous: true }, 'PT2H', 'no "continuous" on this obligation'],
    [{ offset: 'PT1H', every: 'PT2H', immediate: true }, 'PT2H', 'no "immediate" on this obligation'],
    [{ offset: 'PT1H', every: 'PT2H', on: 'upgrade' }, 'PT2H', 'no "on" on this obligation'],
    [{ offset: 'PT1H', every: 'PT2H', soft: true, latest: 'PT3H' }, 'PT2H', 'no "latest" on this obligation'],
    [{ offset: 'PT1H', every: 'P1X' }, 'P1X', 'an ISO 8601 duration such as "P1D" or "PT2H"'],
    [{ offset: 'PT1H', every: 'PT30S' }, 'PT30S', 'an ISO 8601 duration such as "P1D" or "PT2H"'],
    [{ offset: 'PT1H', every: 'PT0M' }, 'PT0M', 'an ISO 8601 duration such as "P1D" or "PT2H"'],
    [{ offset: 'P1D', workingDays: true, every: 'PT12H' }, 'PT12H', 'a duration of days such as "P1D"'],
    [{ offset: 'PT1H', every: 'P101Y' }, 'P101Y', 'at most 100 years'],
  ])('refuses %j', (fields, received, expected) => {
    expect(bad(fields)).toContainEqual({ path: ['obligations', 0, 'every'], received, expected });
  });

  it('refuses it beside after and approval', () => {
    const first = { id: 'first', step: 'progress', title: '首报', responsible: 'office', offset: 'PT1H', basis };
    const withAfter = refused(source([first, { id: 'r', step: 'progress', title: '续报', responsible: 'office', basis, offset: 'PT1H', every: 'PT2H', after: ['first'] }]));
    expect(withAfter).toContainEqual({ path: ['obligations', 1, 'every'], received: 'PT2H', expected: 'no "after" on this obligation' });
    const withApproval = refused(source([{ id: 'r', step: 'progress', title: '续报', responsible: 'office', basis, offset: 'PT1H', every: 'PT2H', approval: { mode: 'any', by: ['director'] } } as Obligations[number]], { roles: [...ROLES, { id: 'director', name: '局长' }] }));
    expect(withApproval).toContainEqual({ path: ['obligations', 0, 'every'], received: 'PT2H', expected: 'no "approval" on this obligation' });
  });

  it('accepts 1 minute and 100 years', () => {
    expect(() => loadPlan(source([{ ...progress, every: 'PT1M' }]))).not.toThrow();
    expect(() => loadPlan(source([{ ...progress, every: 'P100Y' }]))).not.toThrow();
  });

  it('is a field of plan format 2', () => {
    const { format: _format, steps: _steps, ...formatOne } = source([{ id: 'r', step: 'monitor', title: '续报', responsible: 'office', offset: 'PT1H', every: 'PT2H', basis }]);
    expect(refused(formatOne)).toContainEqual({ path: ['obligations', 0, 'every'], received: 'PT2H', expected: '"format": 2 at the top of the file (docs/rule-authoring.md)' });
  });
});
