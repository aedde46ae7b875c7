import { describe, expect, it } from 'vitest';
import { decide, loadPlan, type Decision, type PlanSource } from '../src/index.js';
import { at, attention, basisOf, flag, level, ROLES } from './support/synthetic-plan.js';

// A small plan whose duties each exercise one rule of the ledger: which recorded step fulfils a duty,
// when a duty closes, lapses or does not arise. Times are on 2026-03-02 in +08:00.
const basis = basisOf('ledger test plan');

const SOURCE: PlanSource = {
  id: 'ledger-test',
  version: '1',
  title: '台账规则测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/ledger.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis), level('IV', 4, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 40, basis, conditions: attention('extreme') },
    { id: 'c-ii', level: 'II', priority: 30, basis, conditions: attention('high') },
    { id: 'c-iii', level: 'III', priority: 20, basis, conditions: attention('elevated') },
    { id: 'c-iv', level: 'IV', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: ROLES,
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: ['I', 'II', 'III', 'IV'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  obligations: [
    // A report outside the unit while the level is II or above, due 30 minutes from discovery.
    {
      id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', anchor: 'discoveredAt', offset: 'PT30M', basis,
      when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] },
    },
    // A report inside the unit, naming no recipient.
    { id: 'report-inside', step: 'report', title: '内部报告', responsible: 'office', offset: 'PT1H', basis },
    { id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT2H', basis },
    { id: 'reply-press', step: 'reply', title: '回应媒体', responsible: 'leading-group', offset: 'PT2H', basis, when: flag('mediaInquiry') },
    { id: 'watch', step: 'monitor', title: '持续监测', responsible: 'monitor', continuous: true, until: 'subsided', basis, when: flag('massIncident') },
    { id: 'track', step: 'track', title: '跟踪至应急结束', responsible: 'monitor', continuous: true, until: 'ended', basis },
    { id: 'follow', step: 'continuous-monitoring', title: '长期关注', responsible: 'monitor', continuous: true, basis },
    { id: 'worsening', step: 'report', title: '升级即报', responsible: 'office', to: 'leading-group', immediate: true, on: 'upgrade', basis },
  ],
};
const plan = loadPlan(SOURCE);

const incident = (events: unknown[] = [], attentionValue = 'high', flags: Record<string, boolean> = {}) => ({
  id: 'inc-ledger',
  occurredAt: at('08:00'),
  discoveredAt: at('09:00'),
  indicators: { attention: attentionValue },
  flags,
  events,
});
const duty = (d: Decision, id: string) => {
  const found = d.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${d.obligations.map((o) => o.id).join(', ')}`);
  return found;
};
const run = (events: unknown[], now = '12:00', attentionValue = 'high', flags: Record<string, boolean> = {}) =>
  decide(plan, incident(events, attentionValue, flags), { now: at(now) });

describe('which recorded step fulfils a duty', () => {
  it('a step naming a subject still counts for a duty that has none', () => {
    expect(duty(run([{ type: 'verify', at: at('09:30'), subject: '第一轮' }]), 'verify')).toMatchObject({ status: 'met', doneAt: at('09:30') });
  });

  it('a step done by someone outside the plan’s roles counts; one by another role of the plan does not', () => {
    expect(duty(run([{ type: 'verify', at: at('09:30'), by: 'propaganda' }]), 'verify').status).toBe('met');
    expect(duty(run([{ type: 'verify', at: at('09:30'), by: 'county-government' }]), 'verify').status).toBe('met');
    expect(duty(run([{ type: 'verify', at: at('09:30'), by: 'monitor' }]), 'verify').status).toBe('overdue');
    expect(duty(run([{ type: 'verify', at: at('09:30'), by: 'office' }]), 'verify').status).toBe('met');
  });

  it('a report to a role of the unit counts for a duty with no recipient; a report outside the unit does not', () => {
    expect(duty(run([{ type: 'report', at: at('09:20'), to: 'leading-group' }]), 'report-inside').status).toBe('met');
    expect(duty(run([{ type: 'report', at: at('09:20'), to: 'propaganda' }]), 'report-inside').status).toBe('overdue');
    expect(duty(run([{ type: 'report', at: at('09:20'), to: 'somebody-else' }]), 'report-inside').status).toBe('overdue');
    expect(duty(run([{ type: 'report', at: at('09:20') }]), 'report-inside').status).toBe('met');
  });

  it('a report naming no recipient does not count for a duty toward an outside body', () => {
    expect(duty(run([{ type: 'report', at: at('09:20') }]), 'report-up').status).toBe('overdue');
    expect(duty(run([{ type: 'report', at: at('09:20'), to: 'propaganda' }]), 'report-up').status).toBe('met');
  });

  it('a continuous duty is never done by a step: it stays pending until what ends it', () => {
    const d = run([{ type: 'track', at: at('09:30') }, { type: 'continuous-monitoring', at: at('09:30') }]);
    expect(duty(d, 'track')).toMatchObject({ status: 'pending', doneAt: null });
    expect(duty(d, 'follow')).toMatchObject({ status: 'pending', doneAt: null });
  });

  it('a step at the very moment a later duty arises counts for it; one before does not', () => {
    const flagged = { type: 'flags-updated', at: at('10:00'), flags: { mediaInquiry: true } };
    expect(duty(run([flagged, { type: 'reply', at: at('10:00') }]), 'reply-press').status).toBe('met');
    expect(duty(run([flagged, { type: 'reply', at: at('09:59') }]), 'reply-press').status).toBe('overdue');
  });

  it('a step after a duty closed does not revive it', () => {
    const events = [
      { type: 'flags-updated', at: at('10:00'), flags: { mediaInquiry: true } },
      { type: 'flags-updated', at: at('10:30'), flags: { mediaInquiry: false } },
      { type: 'reply', at: at('11:00') },
    ];
    expect(duty(run(events), 'reply-press')).toMatchObject({ status: 'not-applicable', doneAt: null, reason: '适用条件已不成立' });
  });
});

describe('when a duty closes, lapses or does not arise', () => {
  it('closes a duty whose condition stops at the same level with the condition as the reason, and a met one stays met without one', () => {
    const events = [
      { type: 'flags-updated', at: at('10:00'), flags: { mediaInquiry: true } },
      { type: 'flags-updated', at: at('10:30'), flags: { mediaInquiry: false } },
    ];
    const closed = duty(run(events), 'reply-press');
    expect(closed).toMatchObject({ status: 'not-applicable', reason: '适用条件已不成立' });
    const met = duty(run([...events, { type: 'reply', at: at('10:20') }]), 'reply-press');
    expect(met).toMatchObject({ status: 'met', doneAt: at('10:20') });
    expect(met.reason).toBeUndefined();
  });

  it('closes a duty that a downgrade ends with the change of level as the reason', () => {
    const d = run([{ type: 'indicators-updated', at: at('09:10'), indicators: { attention: 'low' } }]);
    expect(duty(d, 'report-up')).toMatchObject({ status: 'not-applicable', reason: '级别由 II 调整为 IV 后不再适用' });
  });

  it('keeps a deadline missed at the very moment of a downgrade overdue, but closes it a millisecond earlier', () => {
    const downgrade = (time: string) => [{ type: 'indicators-updated', at: time, indicators: { attention: 'low' } }];
    expect(duty(run(downgrade(at('09:30'))), 'report-up').status).toBe('overdue');
    expect(duty(run(downgrade('2026-03-02T09:29:59.999+08:00')), 'report-up').status).toBe('not-applicable');
  });

  it('counts a clock from discovery from when the duty arises, for a duty that arises later', () => {
    const d = run([{ type: 'indicators-updated', at: at('10:00'), indicators: { attention: 'high' } }], '10:05', 'low');
    expect(duty(d, 'report-up')).toMatchObject({ arisenAt: at('10:00'), dueAt: at('10:30') });
  });

  it('ends a duty "until subsided" when the incident subsides, and one "until ended" only at the approved end', () => {
    const subsided = run([{ type: 'subsided', at: at('10:00') }], '11:00', 'high', { massIncident: true });
    expect(duty(subsided, 'watch')).toMatchObject({ status: 'not-applicable', reason: '舆情已平息，持续性工作结束' });
    expect(duty(subsided, 'track').status).toBe('pending');
    const ended = run([{ type: 'subsided', at: at('10:00') }, { type: 'end-proposed', at: at('10:10') }, { type: 'end-approved', at: at('10:20') }], '11:00');
    expect(duty(ended, 'track')).toMatchObject({ status: 'not-applicable', reason: '应急结束已批准，持续性工作结束' });
  });

  it('keeps a continuous duty with nothing to end it going after the approved end', () => {
    const ended = run([{ type: 'subsided', at: at('10:00') }, { type: 'end-proposed', at: at('10:10') }, { type: 'end-approved', at: at('10:20') }], '11:00');
    expect(duty(ended, 'follow').status).toBe('pending');
  });

  it('does not start a duty "until subsided" once the incident has subsided', () => {
    const d = run([{ type: 'subsided', at: at('10:00') }, { type: 'flags-updated', at: at('10:30'), flags: { massIncident: true } }], '11:00');
    expect(d.obligations.map((o) => o.id)).not.toContain('watch');
    const before = run([{ type: 'flags-updated', at: at('09:30'), flags: { massIncident: true } }], '11:00');
    expect(duty(before, 'watch').status).toBe('pending');
  });

  it('raises a worsening report at each upgrade, the last one open and the earlier ones still on the record', () => {
    const d = run([
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'high' } },
      { type: 'indicators-updated', at: at('10:00'), indicators: { attention: 'extreme' } },
    ], '10:30', 'elevated');
    const worsening = d.obligations.filter((o) => o.step === 'report' && o.to === 'leading-group' && o.id.startsWith('worsening'));
    expect(worsening.map((o) => [o.id, o.arisenAt, o.status])).toEqual([
      ['worsening', at('09:30'), 'pending'],
      ['worsening#2', at('10:00'), 'pending'],
    ]);
  });
});

// The same roles and levels, with one duty: adjust the warning while the criteria have moved from the level it was issued (or last adjusted) at.
const WARNING_PLAN = loadPlan({
  ...SOURCE,
  id: 'ledger-warning-test',
  obligations: [
    {
      id: 'adjust', step: 'warning-adjust', title: '调整预警级别', responsible: 'office', immediate: true, basis,
      when: { all: [{ fact: 'warningOutdated', operator: 'equal', value: true }] },
    },
  ],
});

describe('the warning baseline', () => {
  it('is taken again when the warning is adjusted: a later move of the criteria calls for a new adjustment', () => {
    const d = decide(WARNING_PLAN, incident([
      // Issued at III while the criteria give III: not outdated.
      { type: 'warning-issued', at: at('09:10'), level: 'III' },
      // The criteria give II: outdated, the duty arises.
      { type: 'indicators-updated', at: at('09:20'), indicators: { attention: 'high' } },
      // Adjusted to II: the baseline is now II, not outdated; the duty is met by this very event.
      { type: 'warning-adjusted', at: at('09:30'), level: 'II' },
      // The criteria give I, against the baseline II (not the III of the issue): a second adjustment is owed.
      { type: 'indicators-updated', at: at('09:40'), indicators: { attention: 'extreme' } },
    ], 'elevated'), { now: at('09:50') });
    expect(d.obligations.map((o) => [o.id, o.arisenAt, o.doneAt, o.status])).toStrictEqual([
      ['adjust', at('09:20'), at('09:30'), 'met'],
      ['adjust#2', at('09:40'), null, 'pending'],
    ]);
    expect(d.level).toMatchObject({ id: 'II', source: 'judgement', setAt: at('09:30') });
  });
});
