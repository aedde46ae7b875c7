import { describe, expect, it } from 'vitest';
import { decide, DecisionSchema, loadPlan, PlanError, type Decision, type PlanSource } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { at, basisOf, level, ROLES } from './support/synthetic-plan.js';

// Workflow (plan format 2, docs/workflow.md): duties that wait for others (`after`), approvals any/all/in
// sequence, collective bodies, a phone report followed by a written one. Times are on 2026-03-02 in +08:00.
const basis = basisOf('workflow test plan');

const WORKFLOW_ROLES = [
  ...ROLES,
  { id: 'deputy', name: '分管副局长' },
  { id: 'director', name: '局长' },
  { id: 'secretary', name: '党组书记' },
  { id: 'party-group', name: '局党组', collective: true, members: ['director', 'secretary'] },
  { id: 'meeting', name: '局务会', collective: true },
];

type Obligations = PlanSource['obligations'];

/** A format-2 plan with two levels (I when `attention` is extreme, else II) and these duties. */
const source = (obligations: Obligations, extra: Partial<PlanSource> = {}): PlanSource => ({
  format: 2,
  id: 'workflow-test',
  version: '1',
  title: '流程规则测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/format2-workflow.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [{ fact: 'attention', operator: 'equal', value: 'extreme' }] } },
    { id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: WORKFLOW_ROLES,
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  obligations,
  ...extra,
});
const planOf = (obligations: Obligations) => loadPlan(source(obligations));
/** A value computed on first use. */
const lazy = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

const run = (planOrLazy: ReturnType<typeof loadPlan> | (() => ReturnType<typeof loadPlan>), events: unknown[], now: string, attention = 'extreme'): Decision =>
  decide(typeof planOrLazy === 'function' ? planOrLazy() : planOrLazy, { id: 'inc-workflow', occurredAt: at('08:30'), discoveredAt: at('09:00'), indicators: { attention }, events }, { now: at(now) });
const duty = (d: Decision, id: string) => {
  const found = d.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${d.obligations.map((o) => o.id).join(', ')}`);
  return found;
};
const codes = (d: Decision) => d.warnings.map((w) => w.code);
const warning = (d: Decision, code: string) => d.warnings.filter((w) => w.code === code);
const explained = (d: Decision, id: string) => d.explanation.find((e) => e.subject === 'obligation' && e.id === id)!.text;

describe('after: a duty waits for others', () => {
  // Plans are loaded inside the tests (lazily, once), so a plan refused by a broken check fails a test rather than the file.
  const plan = lazy(() => planOf([
    { id: 'verify', step: 'verify', title: '核实情况', responsible: 'office', offset: 'PT1H', basis },
    { id: 'statement', step: 'statement', title: '发布声明', responsible: 'office', offset: 'PT2H', after: ['verify'], basis },
    { id: 'reply', step: 'reply', title: '回应关切', responsible: 'office', anchor: 'discoveredAt', offset: 'PT3H', after: ['verify'], basis },
  ]));

  it('is blocked while what it waits for is open: listed as pending with blockedBy, no deadline, not in next', () => {
    const d = run(plan, [], '09:30');
    expect(duty(d, 'statement')).toMatchObject({ status: 'pending', dueAt: null, blockedBy: ['verify'], reminders: [] });
    expect(d.next.map((o) => o.id)).toEqual(['verify']);
    expect(explained(d, 'statement')).toContain('须待 verify 完成后办理');
    expect(() => DecisionSchema.parse(d)).not.toThrow();
  });

  it('is unblocked once they are done, its clock starting at their completion', () => {
    const d = run(plan, [{ type: 'verify', at: at('09:40') }], '10:00');
    const statement = duty(d, 'statement');
    expect(statement.blockedBy).toBeUndefined();
    expect(statement.dueAt).toBe(at('11:40'));
    expect(d.next.map((o) => o.id)).toContain('statement');
    expect(explained(d, 'statement')).toContain('“核实情况”完成后 PT2H，即 2026-03-02T11:40:00+08:00 前');
    // Done the moment the statement arose: the clock runs from its arising (discovery).
    expect(explained(run(plan, [{ type: 'verify', at: at('09:00') }], '10:00'), 'statement')).toContain('发现后 PT2H，即 2026-03-02T11:00:00+08:00 前');
  });

  it('keeps the clock of an anchor the plan gives, even while blocked', () => {
    const blocked = duty(run(plan, [], '09:30'), 'reply');
    expect(blocked).toMatchObject({ dueAt: at('12:00'), blockedBy: ['verify'] });
    expect(duty(run(plan, [{ type: 'verify', at: at('09:40') }], '10:00'), 'reply').dueAt).toBe(at('12:00'));
  });

  it('counts an event that did it before what it waits for, with an out-of-order warning', () => {
    const d = run(plan, [{ type: 'statement', at: at('09:20') }, { type: 'verify', at: at('09:40') }], '10:00');
    expect(duty(d, 'statement')).toMatchObject({ status: 'met', doneAt: at('09:20') });
    expect(duty(d, 'statement').blockedBy).toBeUndefined();
    expect(warning(d, 'out-of-order')).toEqual([
      { code: 'out-of-order', path: ['events', 0], message: '此“statement”事件在“statement”所等待的“verify”（"after"）完成之前办理了该事项；仍予计入' },
    ]);
    expect(codes(d)).not.toContain('unmatched-event');
    // In order, no warning; nor at the same moment.
    expect(codes(run(plan, [{ type: 'verify', at: at('09:10') }, { type: 'statement', at: at('09:20') }], '10:00'))).not.toContain('out-of-order');
    expect(codes(run(plan, [{ type: 'verify', at: at('09:20') }, { type: 'statement', at: at('09:20') }], '10:00'))).not.toContain('out-of-order');
    // Done at discovery, the very moment the verification arose: out of order.
    expect(codes(run(plan, [{ type: 'statement', at: at('09:00') }], '10:00'))).toContain('out-of-order');
  });

  it('is not held up by a duty that never arose, nor by one that stopped applying', () => {
    const conditional = planOf([
      { id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', offset: 'PT1H', basis, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] } },
      { id: 'follow-up', step: 'track', title: '跟进', responsible: 'office', offset: 'PT2H', after: ['report-up'], basis },
    ]);
    // Level II: the report never arises, the follow-up runs from its own arising.
    expect(duty(run(conditional, [], '09:30', 'low'), 'follow-up')).toMatchObject({ dueAt: at('11:00') });
    expect(duty(run(conditional, [], '09:30', 'low'), 'follow-up').blockedBy).toBeUndefined();
    // Level I, then graded II at 09:30: the report stops applying, the follow-up no longer waits.
    const graded = [{ type: 'level-set', at: at('09:30'), level: 'II' }];
    expect(duty(run(conditional, [], '09:20'), 'follow-up').blockedBy).toEqual(['report-up']);
    expect(duty(run(conditional, graded, '09:40'), 'follow-up')).toMatchObject({ dueAt: at('11:00') });
    expect(duty(run(conditional, graded, '09:40'), 'follow-up').blockedBy).toBeUndefined();
    // Done at 09:10, before the report arose (graded I at 09:30): in order.
    const raised = [{ type: 'level-set', at: at('09:30'), level: 'I' }];
    expect(codes(run(conditional, [{ type: 'track', at: at('09:10') }, ...raised], '09:40', 'low'))).not.toContain('out-of-order');
    // Done at 09:10, while the report still applied and was not done: out of order; at 09:30, when it stopped applying, not.
    const early = run(conditional, [{ type: 'track', at: at('09:10') }, ...graded], '09:40');
    expect(warning(early, 'out-of-order').map((w) => w.path)).toEqual([['events', 0]]);
    expect(codes(run(conditional, [{ type: 'track', at: at('09:30') }, ...graded], '09:40'))).not.toContain('out-of-order');
  });

  it('counts the latest completion when it waits for several', () => {
    const two = planOf([
      { id: 'verify', step: 'verify', title: '核实情况', responsible: 'office', offset: 'PT1H', basis },
      { id: 'consult', step: 'consult', title: '会商', responsible: 'office', offset: 'PT1H', basis },
      { id: 'statement', step: 'statement', title: '发布声明', responsible: 'office', offset: 'PT2H', after: ['verify', 'consult'], basis },
    ]);
    expect(duty(run(two, [{ type: 'verify', at: at('09:40') }], '10:00'), 'statement')).toMatchObject({ blockedBy: ['consult'], dueAt: null });
    expect(warning(run(two, [{ type: 'statement', at: at('09:20') }], '10:00'), 'out-of-order')[0]?.message).toContain('所等待的“verify”、“consult”（"after"）');
    const d = run(two, [{ type: 'verify', at: at('09:40') }, { type: 'consult', at: at('09:50') }], '10:00');
    expect(duty(d, 'statement').dueAt).toBe(at('11:50'));
  });

  it('waits for a duty that arises at each worsening: done once before this duty arose, its clock runs from this duty arising', () => {
    const plan = loadPlan(source(
      [
        { id: 'worse', step: 'report', title: '升级即报', responsible: 'office', to: 'leading-group', immediate: true, on: 'upgrade', basis },
        { id: 'brief', step: 'track', title: '专题简报', responsible: 'office', offset: 'PT1H', after: ['worse'], basis, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] } },
      ],
      { levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis)], escalation: ['I', 'II', 'III'].map((id) => ({ level: id, lead: 'leading-group', basis })), classification: [{ id: 'c-iii', level: 'III', priority: 10, basis, conditions: { all: [] } }] },
    ));
    const events = [{ type: 'level-set', at: at('09:30'), level: 'II' }, { type: 'report', at: at('09:40'), to: 'leading-group' }, { type: 'level-set', at: at('10:00'), level: 'I' }];
    const d = run(plan, events, '10:10', 'low');
    expect(d.obligations.map((o) => [o.id, o.status])).toEqual([['worse', 'met'], ['worse#2', 'pending'], ['brief', 'pending']]);
    expect(duty(d, 'brief')).toMatchObject({ dueAt: at('11:00') });
    expect(duty(d, 'brief').blockedBy).toBeUndefined();
    // The second worsening reported too, after the briefing arose: the clock still runs from the briefing arising, not from that later report.
    const both = run(plan, [...events, { type: 'report', at: at('10:05'), to: 'leading-group' }], '10:10', 'low');
    expect(both.obligations.map((o) => [o.id, o.status])).toEqual([['worse', 'met'], ['worse#2', 'met'], ['brief', 'pending']]);
    expect(duty(both, 'brief').dueAt).toBe(at('11:00'));
  });

  it('closes rather than lapses a duty that stops applying before the clock from its prerequisites ran out', () => {
    const conditional = planOf([
      { id: 'verify', step: 'verify', title: '核实情况', responsible: 'office', offset: 'PT1H', basis },
      { id: 'statement', step: 'statement', title: '发布声明', responsible: 'office', offset: 'PT30M', after: ['verify'], basis, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] } },
    ]);
    const drop = (time: string) => ({ type: 'level-set', at: at(time), level: 'II' });
    // Verified at 09:50: due 10:20; graded down at 10:00, before it: no longer required, no breach.
    expect(duty(run(conditional, [{ type: 'verify', at: at('09:50') }, drop('10:00')], '11:00'), 'statement')).toMatchObject({ status: 'not-applicable', dueAt: at('10:20') });
    // Never verified: no clock ran, nothing was breached.
    expect(duty(run(conditional, [drop('10:00')], '11:00'), 'statement')).toMatchObject({ status: 'not-applicable', dueAt: null });
    expect(duty(run(conditional, [drop('10:00')], '11:00'), 'statement').reason).toBe('适用条件已不成立');
    expect(duty(run(conditional, [drop('10:00')], '11:00'), 'statement').blockedBy).toBeUndefined();
    // Graded down at 09:20, before any clock could have run out: closed as usual, waiting for nothing.
    expect(duty(run(conditional, [drop('09:20')], '11:00'), 'statement').status).toBe('not-applicable');
    expect(duty(run(conditional, [drop('09:20')], '11:00'), 'statement').blockedBy).toBeUndefined();
    // Graded down at the very deadline (verified 09:30, due 10:00): the breach stays.
    expect(duty(run(conditional, [{ type: 'verify', at: at('09:30') }, drop('10:00')], '11:00'), 'statement')).toMatchObject({ status: 'overdue', dueAt: at('10:00') });
    // Graded down at 10:30, after the deadline: the breach stays on the record.
    const late = duty(run(conditional, [{ type: 'verify', at: at('09:50') }, drop('10:30')], '11:00'), 'statement');
    expect(late).toMatchObject({ status: 'overdue', dueAt: at('10:20') });
    expect(late.reason).toContain('逾期未办');
  });
});

describe('approvals', () => {
  const approvalPlan = (mode: 'any' | 'all' | 'sequence', by: string[]) =>
    planOf([{ id: 'sign', step: 'consult', title: '审签', responsible: 'office', offset: 'PT2H', approval: { mode, by }, basis }]);
  const ev = (time: string, by?: string | string[]) => ({ type: 'consult', at: at(time), ...(by !== undefined ? { by } : {}) });

  it('any: the first approval by one of the approvers', () => {
    const plan = approvalPlan('any', ['director', 'secretary']);
    const d = run(plan, [ev('09:10', 'office'), ev('09:20'), ev('09:30', 'secretary'), ev('09:40', 'director')], '10:00');
    expect(duty(d, 'sign')).toMatchObject({ status: 'met', doneAt: at('09:30'), approvals: [{ by: 'secretary', at: at('09:30') }] });
    expect(warning(d, 'unmatched-event').map((w) => w.path)).toEqual([['events', 0], ['events', 1], ['events', 3]]);
    expect(explained(d, 'sign')).toContain('经局长或党组书记任一审批');
    expect(duty(run(plan, [ev('09:10', 'office')], '10:00'), 'sign')).toMatchObject({ status: 'pending', approvals: [] });
    expect(duty(run(plan, [ev('09:10', ['secretary', 'director'])], '10:00'), 'sign').approvals).toEqual([{ by: 'director', at: at('09:10') }]);
  });

  it('all: one by each, done at the last', () => {
    const plan = approvalPlan('all', ['director', 'secretary']);
    const partial = duty(run(plan, [ev('09:20', 'director')], '10:00'), 'sign');
    expect(partial).toMatchObject({ status: 'pending', doneAt: null, approvals: [{ by: 'director', at: at('09:20') }] });
    const d = run(plan, [ev('09:40', 'secretary'), ev('09:20', 'director'), ev('09:30', 'director')], '10:00');
    expect(duty(d, 'sign')).toMatchObject({ status: 'met', doneAt: at('09:40'), approvals: [{ by: 'director', at: at('09:20') }, { by: 'secretary', at: at('09:40') }] });
    expect(explained(d, 'sign')).toContain('须局长、党组书记均审批');
    // Jointly, in one event.
    expect(duty(run(plan, [ev('09:20', ['director', 'secretary'])], '10:00'), 'sign')).toMatchObject({ status: 'met', doneAt: at('09:20') });
  });

  it('sequence: one by each in order; an approval before its predecessor does not count and is warned', () => {
    const plan = approvalPlan('sequence', ['deputy', 'director', 'secretary']);
    const events = [ev('09:10', 'director'), ev('09:20', 'deputy'), ev('09:30', 'director'), ev('09:40', 'secretary')];
    const d = run(plan, events, '10:00');
    expect(duty(d, 'sign')).toMatchObject({
      status: 'met',
      doneAt: at('09:40'),
      approvals: [{ by: 'deputy', at: at('09:20') }, { by: 'director', at: at('09:30') }, { by: 'secretary', at: at('09:40') }],
    });
    expect(warning(d, 'out-of-order')).toEqual([{ code: 'out-of-order', path: ['events', 0], message: '“director”的此项审批早于必须在其之前的“deputy”的审批（依次审批：deputy → director → secretary）；不予计入' }]);
    expect(codes(d)).not.toContain('unmatched-event');
    expect(explained(d, 'sign')).toContain('依次经分管副局长 → 局长 → 党组书记审批');
    // Out of order and never repeated: not done.
    const stuck = duty(run(plan, [ev('09:10', 'deputy'), ev('09:20', 'secretary')], '12:00'), 'sign');
    expect(stuck).toMatchObject({ status: 'overdue', approvals: [{ by: 'deputy', at: at('09:10') }] });
    // A joint event stands for approvers in a row.
    expect(duty(run(plan, [ev('09:10', ['deputy', 'director']), ev('09:20', 'secretary')], '10:00'), 'sign')).toMatchObject({ status: 'met', doneAt: at('09:20') });
  });

  it('counts approvals only from when the duty arose to when it stopped applying', () => {
    const plan = planOf([
      { id: 'sign', step: 'consult', title: '审签', responsible: 'office', offset: 'PT2H', approval: { mode: 'all', by: ['director', 'secretary'] }, basis, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] } },
    ]);
    const graded = [{ type: 'level-set', at: at('09:30'), level: 'I' }, { type: 'level-set', at: at('10:00'), level: 'II' }];
    const d = run(plan, [...graded, ev('09:10', 'secretary'), ev('09:40', 'director'), ev('10:10', 'secretary')], '10:30', 'low');
    expect(duty(d, 'sign')).toMatchObject({ status: 'not-applicable', arisenAt: at('09:30'), approvals: [{ by: 'director', at: at('09:40') }] });
    // At the very moment it arose, and at the very moment it stopped applying, an approval counts.
    const edges = run(plan, [...graded, ev('09:30', 'director'), ev('10:00', 'secretary')], '10:30', 'low');
    expect(duty(edges, 'sign')).toMatchObject({ status: 'met', doneAt: at('10:00'), approvals: [{ by: 'director', at: at('09:30') }, { by: 'secretary', at: at('10:00') }] });
  });

  it('a collective approver approves by itself or by all its members jointly', () => {
    const plan = approvalPlan('sequence', ['deputy', 'party-group']);
    expect(duty(run(plan, [ev('09:10', 'deputy'), ev('09:20', 'director')], '10:00'), 'sign').status).toBe('pending');
    const d = run(plan, [ev('09:10', 'deputy'), ev('09:20', ['director', 'secretary'])], '10:00');
    expect(duty(d, 'sign')).toMatchObject({ status: 'met', approvals: [{ by: 'deputy' }, { by: 'party-group', at: at('09:20') }] });
  });
});

describe('collective bodies', () => {
  const plan = lazy(() => planOf([
    { id: 'decide', step: 'consult', title: '党组研究决定', responsible: 'party-group', offset: 'PT2H', basis },
    { id: 'minutes', step: 'track', title: '局务会研究', responsible: 'meeting', offset: 'PT2H', basis },
    { id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT1H', basis },
  ]));
  const ev = (type: string, by?: string | string[]) => ({ type, at: at('09:30'), ...(by !== undefined ? { by } : {}) });

  it('a duty of a collective body is done by the body itself or by all its members jointly', () => {
    expect(duty(run(plan, [ev('consult', 'party-group')], '10:00'), 'decide').status).toBe('met');
    expect(duty(run(plan, [ev('consult', ['secretary', 'director'])], '10:00'), 'decide').status).toBe('met');
    expect(duty(run(plan, [ev('track', 'meeting')], '10:00'), 'minutes').status).toBe('met');
  });

  it('a member alone, or an event naming nobody, does not count', () => {
    expect(duty(run(plan, [ev('consult', 'director')], '10:00'), 'decide').status).toBe('pending');
    expect(duty(run(plan, [ev('consult', ['director', 'deputy'])], '10:00'), 'decide').status).toBe('pending');
    expect(duty(run(plan, [ev('consult')], '10:00'), 'decide').status).toBe('pending');
    expect(duty(run(plan, [ev('track', 'director')], '10:00'), 'minutes').status).toBe('pending');
  });

  it('a duty of one role is not done by an event naming another role of the plan, even beside an outside body', () => {
    expect(duty(run(plan, [ev('verify', ['monitor', 'propaganda'])], '10:00'), 'verify').status).toBe('overdue');
    expect(duty(run(plan, [ev('verify', ['office', 'propaganda'])], '10:00'), 'verify').status).toBe('met');
  });

  it('says the body decides collectively', () => {
    const d = run(plan, [], '10:00');
    expect(duty(d, 'decide').responsible).toEqual({ id: 'party-group', name: '局党组', collective: true });
    expect(explained(d, 'decide')).toContain('由局党组集体决定');
    expect(duty(d, 'verify').responsible).toEqual({ id: 'office', name: '办公室' });
  });
});

describe('phone first, written after', () => {
  const plan = lazy(() => planOf([
    { id: 'phone', step: 'phone-report', title: '电话报告', responsible: 'office', to: 'propaganda', notify: 'report', offset: 'PT30M', soft: true, basis },
    { id: 'written', step: 'written-report', title: '书面报告', responsible: 'office', to: 'propaganda', notify: 'report', offset: 'PT1H', after: ['phone'], basis },
  ]));

  it('the written report is due a stated time after the phone report', () => {
    const before = run(plan, [], '09:20');
    expect(duty(before, 'written')).toMatchObject({ dueAt: null, blockedBy: ['phone'] });
    expect(before.next.map((o) => o.id)).toEqual(['phone']);
    const d = run(plan, [{ type: 'phone-report', at: at('09:25'), to: 'propaganda' }], '09:40');
    expect(duty(d, 'phone').status).toBe('met');
    expect(duty(d, 'written')).toMatchObject({ status: 'pending', dueAt: at('10:25') });
    expect(duty(run(plan, [{ type: 'phone-report', at: at('09:25'), to: 'propaganda' }], '10:30'), 'written').status).toBe('overdue');
  });
});

describe('plan errors', () => {
  const refused = (src: PlanSource) => {
    try {
      inLanguage('en', () => loadPlan(src));
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      return (error as PlanError).issues.map((i) => ({ path: i.path, received: i.received, expected: i.expected }));
    }
    throw new Error('the plan loaded');
  };
  const verify = { id: 'verify', step: 'verify' as const, title: '核实', responsible: 'office', offset: 'PT1H', basis };

  it('refuses references to nothing: after, approvers, members', () => {
    expect(refused(source([{ ...verify, after: ['nothing'] }]))).toContainEqual({ path: ['obligations', 0, 'after', 0], received: 'nothing', expected: 'one of "verify"' });
    expect(refused(source([{ ...verify, approval: { mode: 'any', by: ['propaganda'] } }]))).toContainEqual({ path: ['obligations', 0, 'approval', 'by', 0], received: 'propaganda', expected: expect.stringContaining('"office"') });
    const roles = (extra: object) => source([verify], { roles: [...ROLES, extra as never] });
    expect(refused(roles({ id: 'body', name: '党组', collective: true, members: ['ghost'] }))).toContainEqual({ path: ['roles', 3, 'members', 0], received: 'ghost', expected: expect.stringContaining('"office"') });
    expect(refused(roles({ id: 'body', name: '党组', collective: true, members: ['body'] }))).toContainEqual({ path: ['roles', 3, 'members', 0], received: 'body', expected: 'a role other than "body"' });
    expect(refused(roles({ id: 'body', name: '党组', members: ['office'] }))).toContainEqual({ path: ['roles', 3, 'members'], received: ['office'], expected: '"collective": true on this role' });
    expect(refused(roles({ id: 'body', name: '党组', collective: true, members: ['office', 'office'] }))).toContainEqual({ path: ['roles', 3, 'members', 1], received: 'office', expected: 'each member once' });
    expect(refused(source([verify], { recipients: [{ id: 'committee', name: '市委', collective: true, members: ['office'] }] }))).toContainEqual({ path: ['recipients', 0, 'members'], received: ['office'], expected: 'members only on a collective role' });
  });

  it('says what is wrong, with the code of a bad reference', () => {
    const src = source([{ ...verify, after: ['nothing', 'verify', 'verify'], approval: { mode: 'any', by: ['propaganda', 'office', 'office'] } }], {
      roles: [...ROLES, { id: 'body', name: '党组', members: ['body', 'ghost', 'ghost'] }],
      recipients: [{ id: 'committee', name: '市委', members: ['office'] }],
    });
    let issues: { path: (string | number)[]; message: string; code: string }[] = [];
    try {
      inLanguage('en', () => loadPlan(src));
    } catch (error) {
      issues = (error as PlanError).issues.map(({ path, message, code }) => ({ path, message, code }));
    }
    const workflow = issues.filter((i) => ['roles', 'recipients', 'obligations'].includes(i.path[0] as string) && i.path.length > 2);
    expect(workflow.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['roles.3.members', 'only a collective role has members'],
      ['roles.3.members.0', 'a collective role is not its own member'],
      ['roles.3.members.1', 'unknown role'],
      ['roles.3.members.2', 'unknown role'],
      ['roles.3.members.2', 'a member named twice'],
      ['recipients.0.members', 'an outside recipient has no members in the plan'],
      ['obligations.0.after.0', 'unknown obligation'],
      ['obligations.0.after.2', 'an obligation named twice'],
      ['obligations.0.approval.by.0', 'an approver is a role of the plan'],
      ['obligations.0.approval.by.2', 'an approver named twice'],
      ['obligations.0.after', 'the obligation waits for itself through a cycle of "after" or "anchor": { "done" } references'],
    ]);
    expect(new Set(workflow.map((i) => i.code))).toEqual(new Set(['invalid_reference']));
    const continuous = { id: 'watch', step: 'monitor' as const, title: '监测', responsible: 'monitor', continuous: true, approval: { mode: 'any' as const, by: ['office'] }, basis };
    expect(() => inLanguage('en', () => loadPlan(source([continuous])))).toThrow(/a continuous duty is not approved/);
  });

  it('refuses a name twice and an approved continuous duty', () => {
    const two = { ...verify, id: 'again' };
    expect(refused(source([verify, { ...two, after: ['verify', 'verify'] }]))).toContainEqual({ path: ['obligations', 1, 'after', 1], received: 'verify', expected: 'each obligation once' });
    expect(refused(source([{ ...verify, approval: { mode: 'all', by: ['office', 'office'] } }]))).toContainEqual({ path: ['obligations', 0, 'approval', 'by', 1], received: 'office', expected: 'each approver once' });
    const watch = { id: 'watch', step: 'monitor' as const, title: '监测', responsible: 'monitor', continuous: true, approval: { mode: 'any' as const, by: ['office'] }, basis };
    expect(refused(source([watch]))).toContainEqual({ path: ['obligations', 0, 'approval'], received: { mode: 'any', by: ['office'] }, expected: 'no "approval", or "continuous": false' });
  });

  it('refuses cycles, also through anchors on another duty done', () => {
    const a = { ...verify, id: 'a' };
    const b = { ...verify, id: 'b' };
    const c = { ...verify, id: 'c' };
    expect(refused(source([{ ...a, after: ['a'] }]))).toEqual([{ path: ['obligations', 0, 'after'], received: 'a', expected: 'no cycle' }]);
    const cycle = refused(source([{ ...a, after: ['b'] }, { ...b, after: ['c'] }, { ...c, anchor: { done: 'a' } }, { ...verify, after: ['a'] }]));
    expect(cycle).toEqual([
      { path: ['obligations', 0, 'after'], received: 'a', expected: 'no cycle' },
      { path: ['obligations', 1, 'after'], received: 'b', expected: 'no cycle' },
      { path: ['obligations', 2, 'anchor'], received: 'c', expected: 'no cycle' },
    ]);
    // Only the duties on the cycle are named, not one that merely waits beside it.
    const d = { ...verify, id: 'd' };
    expect(refused(source([{ ...a, after: ['b', 'd'] }, { ...b, after: ['a'] }, d])).map((i) => i.path)).toEqual([['obligations', 0, 'after'], ['obligations', 1, 'after']]);
    // A chain without a cycle loads.
    expect(() => loadPlan(source([{ ...a, after: ['b'] }, { ...b, after: ['c'] }, c]))).not.toThrow();
  });
});

describe('nothing the caller passes is mutated', () => {
  it('leaves the plan source and the incident as they were', () => {
    const src = source([
      { id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT1H', basis },
      { id: 'sign', step: 'consult', title: '审签', responsible: 'party-group', offset: 'PT2H', after: ['verify'], approval: { mode: 'sequence', by: ['deputy', 'director'] }, basis },
    ]);
    const incident = { id: 'inc', occurredAt: at('08:30'), discoveredAt: at('09:00'), events: [{ type: 'consult', at: at('09:10'), by: ['director', 'secretary'] }, { type: 'verify', at: at('09:20') }] };
    const before = structuredClone({ src, incident });
    const d = decide(loadPlan(src), incident, { now: at('10:00') });
    expect(duty(d, 'sign').blockedBy).toBeUndefined();
    expect(codes(d)).toContain('out-of-order');
    expect({ src, incident }).toEqual(before);
  });
});

describe('verify counts the roles that act through workflow and grading', () => {
  it('finds no unused role among members of a collective body, approvers and those who may grade', async () => {
    const { verifyPlan } = await import('../src/testing/index.js');
    const { readFileSync } = await import('node:fs');
    const { loadPlan: load } = await import('../src/index.js');
    for (const file of ['examples/plans/bureau-approval.json', 'examples/plans/bureau-judgement.json']) {
      const definition = JSON.parse(readFileSync(file, 'utf8')) as { roles: { id: string }[] };
      expect(verifyPlan(load(definition)).findings.filter((f) => f.check === 'unused-party')).toEqual([]);
      // A role named nowhere is still found.
      const extra = { ...definition, roles: [...definition.roles, { id: 'nobody', name: '无人' }] };
      expect(verifyPlan(load(extra)).findings.filter((f) => f.check === 'unused-party').map((f) => f.subject)).toEqual(['roles.nobody']);
    }
  });
});
