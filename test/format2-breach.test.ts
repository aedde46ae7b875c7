import { describe, expect, it } from 'vitest';
import { decide, DecisionSchema, loadPlan, PlanError, type Decision, type PlanSource } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { at, basisOf, level, ROLES } from './support/synthetic-plan.js';

// Duties raised by a missed deadline (`on: "breach"`, `of`) and strict order (`strict` with `after`),
// plan format 2 (docs/workflow.md). Times are on 2026-03-02 in +08:00; the incident is discovered at 09:00.
const basis = basisOf('breach test plan');
type Obligations = PlanSource['obligations'];

const source = (obligations: Obligations, extra: Partial<PlanSource> = {}): PlanSource => ({
  format: 2,
  id: 'breach-test',
  version: '1',
  title: '逾期追责测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/format2-breach.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [{ fact: 'attention', operator: 'equal', value: 'extreme' }] } },
    { id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: [...ROLES, { id: 'director', name: '局长' }],
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  steps: [
    { id: 'claim', title: '认领' },
    { id: 'criticise', title: '通报批评' },
    { id: 'account', title: '问责' },
    { id: 'review', title: '审核' },
    { id: 'sign', title: '审签' },
    { id: 'send', title: '报送' },
  ],
  obligations,
  ...extra,
});
const run = (plan: ReturnType<typeof loadPlan>, events: unknown[], now: string, attention = 'high'): Decision =>
  decide(plan, { id: 'inc-breach', occurredAt: at('08:30'), discoveredAt: at('09:00'), indicators: { attention }, events }, { now: at(now) });
const ids = (d: Decision) => d.obligations.map((o) => o.id);
const duty = (d: Decision, id: string) => {
  const found = d.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${ids(d).join(', ')}`);
  return found;
};
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

const claim = { id: 'claim', step: 'claim', title: '认领', responsible: 'office', offset: 'PT1H', basis } as const;
const notice = { id: 'notice', step: 'criticise', title: '通报批评', responsible: 'leading-group', on: 'breach', of: 'claim', offset: 'PT2H', basis } as const;

describe('on: "breach": a duty raised by a missed deadline', () => {
  const plan = loadPlan(source([claim, notice]));

  it('does not arise before the deadline; the named duty’s deadline is the next review', () => {
    const d = run(loadPlan(source([claim, notice], { reminders: [] })), [], '09:30');
    expect(ids(d)).toEqual(['claim']);
    expect(d.nextReviewAt).toBe(at('10:00'));
  });

  it('arises at the deadline missed, its clock running from then, with the reason in Chinese', () => {
    const d = run(plan, [], '10:30');
    expect(duty(d, 'notice')).toMatchObject({ status: 'pending', arisenAt: at('10:00'), dueAt: at('12:00'), responsible: { id: 'leading-group' } });
    expect(explained(d, 'notice')).toContain('“认领”（claim）未按时完成（应于 2026-03-02T10:00:00+08:00 前）后产生');
    expect(explained(d, 'notice')).toContain('“认领”逾期后 PT2H，即 2026-03-02T12:00:00+08:00 前');
    expect(d.next.map((o) => o.id)).toEqual(['claim', 'notice']);
    expect(() => DecisionSchema.parse(d)).not.toThrow();
  });

  it('arises also when the duty was done late, and not when it was done on time (the deadline itself included)', () => {
    expect(duty(run(plan, [{ type: 'claim', at: at('10:20') }], '10:30'), 'notice').arisenAt).toBe(at('10:00'));
    expect(ids(run(plan, [{ type: 'claim', at: at('10:00') }], '13:00'))).toEqual(['claim']);
    expect(ids(run(plan, [{ type: 'claim', at: at('09:40') }], '13:00'))).toEqual(['claim']);
  });

  it('is done only by an event at or after it arose', () => {
    const early = run(plan, [{ type: 'criticise', at: at('09:30') }], '11:00');
    expect(duty(early, 'notice').status).toBe('pending');
    expect(early.warnings.map((w) => w.code)).toContain('unmatched-event');
    expect(duty(run(plan, [{ type: 'criticise', at: at('11:00') }], '11:30'), 'notice')).toMatchObject({ status: 'met', doneAt: at('11:00') });
  });

  it('does not arise for a duty that stopped applying before its deadline', () => {
    const p = loadPlan(source([{ ...claim, when: { all: [{ fact: 'level', operator: 'equal', value: 'II' }] } }, notice]));
    const d = run(p, [{ type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'extreme' } }], '12:00');
    expect(duty(d, 'claim').status).toBe('not-applicable');
    expect(ids(d)).toEqual(['claim']);
  });

  it('does not arise while the named duty has no deadline yet (its clock waits)', () => {
    const p = loadPlan(source([{ ...claim, anchor: { event: 'review' } }, notice]));
    expect(ids(run(p, [], '18:00'))).toEqual(['claim']);
  });

  it('arises once per instance missed, as id, id#2, in the order of the deadlines', () => {
    const report = { id: 'report', step: 'report', title: '续报', responsible: 'office', on: 'upgrade', offset: 'PT30M', basis } as const;
    const p = loadPlan(source([report, { ...notice, of: 'report' }]));
    const up = (time: string, attention: string) => ({ type: 'indicators-updated', at: at(time), indicators: { attention } });
    const d = run(p, [up('09:10', 'extreme'), up('09:20', 'high'), up('09:30', 'extreme'), { type: 'report', at: at('09:50') }], '11:00');
    expect(d.obligations.map((o) => [o.id, o.arisenAt])).toEqual([['report', at('09:10')], ['report#2', at('09:30')], ['notice', at('09:40')]]);
    const both = run(p, [up('09:10', 'extreme'), up('09:20', 'high'), up('09:30', 'extreme')], '11:00');
    expect(both.obligations.filter((o) => o.step === 'criticise').map((o) => [o.id, o.arisenAt])).toEqual([['notice', at('09:40')], ['notice#2', at('10:00')]]);
    expect(explained(both, 'notice#2')).toContain('（report#2）未按时完成（应于 2026-03-02T10:00:00+08:00 前）');
  });

  it('follows the final deadline of the named duty: an extension moves it', () => {
    const p = loadPlan(source([{ ...claim, extension: { max: 'PT2H' } }, notice]));
    const d = run(p, [{ type: 'extended', at: at('09:30'), obligation: 'claim', duration: 'PT1H' }], '11:30');
    expect(duty(d, 'notice')).toMatchObject({ arisenAt: at('11:00'), dueAt: at('13:00') });
    expect(ids(run(p, [{ type: 'extended', at: at('09:30'), obligation: 'claim', duration: 'PT1H' }], '10:30'))).toEqual(['claim']);
  });

  it('raises a duty of its own breach in turn, under its `when` at the moment of that breach', () => {
    const account = { id: 'account', step: 'account', title: '问责', responsible: 'director', on: 'breach', of: 'notice', offset: 'PT4H', when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] }, basis } as const;
    const p = loadPlan(source([account, claim, notice]));
    const d = run(p, [], '12:30', 'extreme');
    expect(duty(d, 'account')).toMatchObject({ arisenAt: at('12:00'), dueAt: at('16:00') });
    expect(explained(d, 'account')).toContain('“通报批评”（notice）未按时完成（应于 2026-03-02T12:00:00+08:00 前）后产生，条件成立（级别：I');
    // Level II when the notice was missed: no accountability.
    const calmer = run(p, [{ type: 'indicators-updated', at: at('11:00'), indicators: { attention: 'high' } }], '12:30', 'extreme');
    expect(ids(calmer)).toEqual(['claim', 'notice']);
  });

  it('reads the level in force at the breach for a levelSet anchor, and counts approvals', () => {
    const p = loadPlan(source([claim, { ...notice, anchor: 'levelSet', offset: 'PT3H', approval: { mode: 'any', by: ['director'] } }]));
    const up = (time: string, attention: string) => ({ type: 'indicators-updated', at: at(time), indicators: { attention } });
    const d = run(p, [up('09:30', 'extreme'), up('10:30', 'high'), { type: 'criticise', at: at('11:00'), by: 'director' }], '11:30');
    expect(duty(d, 'notice')).toMatchObject({ arisenAt: at('10:00'), dueAt: at('12:30'), status: 'met', approvals: [{ by: 'director', at: at('11:00') }] });
  });

  it('mutates neither the plan source nor the incident', () => {
    const src = source([claim, notice]);
    const incident = { id: 'inc', occurredAt: at('08:30'), discoveredAt: at('09:00'), indicators: { attention: 'high' }, events: [{ type: 'claim', at: at('10:20') }] };
    const before = JSON.stringify([src, incident]);
    decide(loadPlan(src), incident, { now: at('11:00') });
    expect(JSON.stringify([src, incident])).toBe(before);
  });

  it('refuses plans that misuse it, naming path, value and what was expected', () => {
    expect(refused(source([claim, { ...notice, of: undefined }]))).toContainEqual({ path: ['obligations', 1, 'of'], received: undefined, expected: '"of": one of "claim", "notice"' });
    expect(refused(source([{ ...claim, of: 'notice' }, notice]))).toContainEqual({ path: ['obligations', 0, 'of'], received: 'notice', expected: '"on": "breach" on this obligation' });
    expect(refused(source([claim, { ...notice, of: 'ghost' }]))).toContainEqual({ path: ['obligations', 1, 'of'], received: 'ghost', expected: 'one of "claim", "notice"' });
    expect(refused(source([{ ...claim, offset: undefined, immediate: true }, notice]))).toContainEqual({ path: ['obligations', 1, 'of'], received: 'claim', expected: 'an obligation with an "offset"' });
    expect(refused(source([claim, { ...notice, of: 'notice' }]))).toContainEqual({ path: ['obligations', 1, 'of'], received: 'notice', expected: 'no cycle of "of"' });
    expect(refused(source([claim, { ...notice, of: 'account' }, { ...notice, id: 'account', of: 'notice' }]))).toContainEqual({ path: ['obligations', 2, 'of'], received: 'notice', expected: 'no cycle of "of"' });
    expect(refused(source([claim, { ...notice, after: ['claim'] }]))).toContainEqual({ path: ['obligations', 1, 'after'], received: ['claim'], expected: 'no "after"' });
    expect(refused(source([claim, notice, { ...claim, id: 'later', after: ['notice'] }]))).toContainEqual({ path: ['obligations', 2, 'after', 0], received: 'notice', expected: 'an obligation without "on": "breach"' });
    expect(refused(source([claim, notice, { ...claim, id: 'later', anchor: { done: 'notice' } }]))).toContainEqual({ path: ['obligations', 2, 'anchor', 'done'], received: 'notice', expected: 'an obligation without "on": "breach"' });
    expect(refused(source([claim, { ...notice, on: 'hourly' as 'breach' }]))).toContainEqual({ path: ['obligations', 1, 'on'], received: 'hourly', expected: expect.stringContaining('breach') });
  });

  it('is a field of format 2: a format-1 file using it is refused', () => {
    const { format: _format, steps: _steps, ...one } = source([claim, { ...notice, step: 'report' }]);
    const issues = refused(one);
    expect(issues).toContainEqual({ path: ['obligations', 1, 'on'], received: 'breach', expected: expect.stringContaining('"format": 2') });
    expect(issues).toContainEqual({ path: ['obligations', 1, 'of'], received: 'claim', expected: expect.stringContaining('"format": 2') });
  });
});

describe('strict: true: the order of `after` is required', () => {
  const review = { id: 'review', step: 'review', title: '审核', responsible: 'office', offset: 'PT1H', basis } as const;
  const sign: Obligations[number] = { id: 'sign', step: 'sign', title: '审签', responsible: 'office', after: ['review'], strict: true, offset: 'PT2H', basis };
  const send: Obligations[number] = { id: 'send', step: 'send', title: '报送', responsible: 'office', after: ['sign'], strict: true, offset: 'PT1H', basis };
  const outOfOrder = (d: Decision) => d.warnings.filter((w) => w.code === 'out-of-order').map((w) => [w.path, w.message]);

  it('does not count an event before the prerequisites were done, and warns that it did not count', () => {
    const d = run(loadPlan(source([review, sign])), [{ type: 'sign', at: at('09:20') }, { type: 'review', at: at('09:30') }], '10:00');
    expect(duty(d, 'sign')).toMatchObject({ status: 'pending', doneAt: null, dueAt: at('11:30') });
    expect(outOfOrder(d)).toEqual([[['events', 0], expect.stringContaining('不予计入')]]);
    const again = run(loadPlan(source([review, sign])), [{ type: 'sign', at: at('09:20') }, { type: 'review', at: at('09:30') }, { type: 'sign', at: at('09:40') }], '10:00');
    expect(duty(again, 'sign')).toMatchObject({ status: 'met', doneAt: at('09:40') });
  });

  it('without strict the early event counts, with the out-of-order warning', () => {
    const d = run(loadPlan(source([review, { ...sign, strict: undefined }])), [{ type: 'sign', at: at('09:20') }, { type: 'review', at: at('09:30') }], '10:00');
    expect(duty(d, 'sign')).toMatchObject({ status: 'met', doneAt: at('09:20') });
    expect(outOfOrder(d)).toEqual([[['events', 0], expect.stringContaining('仍予计入')]]);
  });

  it('holds up the strict duties after one whose early event no longer counts', () => {
    const d = run(loadPlan(source([review, sign, send])), [{ type: 'sign', at: at('10:05') }, { type: 'send', at: at('10:07') }, { type: 'review', at: at('10:10') }], '10:30');
    expect(duty(d, 'sign').doneAt).toBeNull();
    expect(duty(d, 'send')).toMatchObject({ doneAt: null, blockedBy: ['sign'] });
    expect(outOfOrder(d).map(([path]) => path)).toEqual([['events', 0], ['events', 1]]);
  });

  it('keeps an overdue duty whose only event was early on the record when it stops applying', () => {
    const lapsing: Obligations[number] = { ...sign, anchor: 'discoveredAt', offset: 'PT30M', when: { all: [{ fact: 'level', operator: 'equal', value: 'II' }] } };
    const d = run(loadPlan(source([review, lapsing])), [{ type: 'sign', at: at('09:20') }, { type: 'review', at: at('09:50') }, { type: 'indicators-updated', at: at('10:00'), indicators: { attention: 'extreme' } }], '10:30');
    expect(duty(d, 'sign')).toMatchObject({ status: 'overdue', doneAt: null, reason: expect.stringContaining('逾期未办') });
  });

  it('does not count an early approval either', () => {
    const p = loadPlan(source([review, { ...sign, approval: { mode: 'any', by: ['director'] } }]));
    const d = run(p, [{ type: 'sign', at: at('09:20'), by: 'director' }, { type: 'review', at: at('09:30') }], '10:00');
    expect(duty(d, 'sign')).toMatchObject({ status: 'pending', approvals: [] });
  });

  it('is refused without after, and in a format-1 file', () => {
    expect(refused(source([{ ...review, strict: true }]))).toContainEqual({ path: ['obligations', 0, 'strict'], received: true, expected: '"after" on this obligation' });
    const { format: _format, steps: _steps, ...one } = source([{ ...review, step: 'verify', strict: true }]);
    expect(refused(one)).toContainEqual({ path: ['obligations', 0, 'strict'], received: true, expected: expect.stringContaining('"format": 2') });
  });
});
