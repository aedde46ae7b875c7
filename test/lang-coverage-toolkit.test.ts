import { describe, expect, it } from 'vitest';
import { decide, dueText, loadPlan, PlanError, statusText, type Plan, type PlanSource } from '../src/index.js';
import { compiledOf } from '../src/plans/load.js';
import { diffPlans, VERIFY_BUDGET, verifyWithin, type DiffCase } from '../src/testing/index.js';
import { at, basisOf, equal, level, ROLES } from './support/synthetic-plan.js';

// Chinese first (issue 16), the toolkit's side: the words of a decision set against an error in diffPlans,
// verify's note on a search past its budget, and the status and due words, in Chinese by default and in English.
const basis = basisOf('toolkit lang coverage');

/** A plan with levels I and II (I when attention is extreme) and one duty; `more` adds levels. */
const source = (more: { id: string; rank: number }[] = []): PlanSource => ({
  id: 'toolkit-lang',
  version: more.length === 0 ? '1' : '2',
  title: '工具语言测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/lang-coverage-toolkit.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis), ...more.map((l) => level(l.id, l.rank, basis))],
  classification: [
    { id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [equal('attention', 'extreme')] } },
    { id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: ROLES,
  recipients: [],
  escalation: ['I', 'II', ...more.map((l) => l.id)].map((id) => ({ level: id, lead: 'leading-group', basis })),
  obligations: [{ id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT1H', when: { all: [equal('mediaInquiry', true)] }, basis }],
}) as unknown as PlanSource;

describe('diffPlans: a decision on one side, an error on the other', () => {
  const before = loadPlan(source());
  const after = loadPlan(source([{ id: 'III', rank: 3 }]));
  // A judgement of level III: an IncidentError under the plan that has no such level, a decision under the other.
  const cases: DiffCase[] = [
    { name: 'judged III', source: 'scenario', incident: { id: 'd-1', occurredAt: at('08:30'), discoveredAt: at('09:00'), events: [{ type: 'level-set', level: 'III', at: at('09:05') }] }, now: at('09:10') },
    { name: 'plain', source: 'generated', incident: { id: 'd-2', occurredAt: at('08:30'), discoveredAt: at('09:00'), indicators: { attention: 'high' } }, now: at('09:10') },
  ];

  it('words the decision 一个决策 by default and "a decision" in English, the error the same in both', () => {
    const error = 'IncidentError: events.0.level';
    expect(diffPlans(before, after, cases).changed).toStrictEqual([{ name: 'judged III', source: 'scenario', changes: [{ field: 'error', before: error, after: '一个决策' }] }]);
    expect(diffPlans(before, after, cases, { lang: 'en' }).changed).toStrictEqual([{ name: 'judged III', source: 'scenario', changes: [{ field: 'error', before: error, after: 'a decision' }] }]);
    expect(diffPlans(after, before, cases, { lang: 'zh' }).changed).toStrictEqual([{ name: 'judged III', source: 'scenario', changes: [{ field: 'error', before: '一个决策', after: error }] }]);
    expect(diffPlans(after, before, cases, { lang: 'en' }).changed).toStrictEqual([{ name: 'judged III', source: 'scenario', changes: [{ field: 'error', before: 'a decision', after: error }] }]);
  });

  it('refuses a before or after that loadPlan did not make, with loadPlan’s own words, naming the argument', () => {
    const fake = { id: 'fake' } as unknown as Plan;
    const errorOf = (run: () => unknown): PlanError => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(PlanError);
        return error as PlanError;
      }
      throw new Error('no error');
    };
    const own = errorOf(() => compiledOf(fake)).issues[0]!;
    const issue = errorOf(() => diffPlans(before, fake, cases)).issues[0]!;
    expect(issue.path).toStrictEqual(['after']);
    // Worded once, as loadPlan words it: not translated twice.
    expect(issue.message).toBe(own.message);
    expect(issue.message).toMatch(/\p{Script=Han}/u);
    expect(errorOf(() => diffPlans(fake, after, cases)).issues[0]?.path).toStrictEqual(['before']);
  });

  it('counts the same changes in both languages', () => {
    const zh = diffPlans(before, after, cases);
    const en = diffPlans(before, after, cases, { lang: 'en' });
    expect(en.summary).toStrictEqual(zh.summary);
    expect(zh.summary).toStrictEqual({ cases: 2, changed: 1, scenarios: { cases: 1, changed: 1 }, generated: { cases: 1, changed: 0 }, byField: { error: 1 } });
  });
});

describe('verifyWithin: a condition left unsearched, past the budget', () => {
  const plan = loadPlan(source());

  it('says which duty and what it reads, in Chinese by default and in English on request', () => {
    const budget = { space: VERIFY_BUDGET.space, search: 0 };
    const zh = verifyWithin(plan, budget).report.findings.filter((f) => f.check === 'not-checked');
    const en = verifyWithin(plan, budget, { lang: 'en' }).report.findings.filter((f) => f.check === 'not-checked');
    expect(zh).toStrictEqual([{ check: 'not-checked', severity: 'error', subject: 'obligations.verify', message: '未检查义务 verify 的条件能否成立（它读取 mediaInquiry）：搜索超出每次 verify 的预算 0 个条件节点' }]);
    expect(en).toStrictEqual([
      { check: 'not-checked', severity: 'error', subject: 'obligations.verify', message: 'whether the condition of obligation verify can hold was not checked (it reads mediaInquiry): the search passed the budget of 0 condition nodes per verify run' },
    ]);
    // With the budget it searches, and finds the condition can hold.
    expect(verifyWithin(plan, VERIFY_BUDGET, { lang: 'en' }).report.findings.filter((f) => f.subject === 'obligations.verify')).toStrictEqual([]);
  });
});

describe('statusText and dueText in both languages', () => {
  it('words every status', () => {
    const statuses = ['pending', 'overdue', 'met', 'met-late', 'not-applicable', 'late'] as const;
    expect(statuses.map((s) => statusText(s))).toStrictEqual(['待办', '已超时', '按时完成', '超时完成', '不再适用', '已过原则性时限']);
    expect(statuses.map((s) => statusText(s, { lang: 'en' }))).toStrictEqual(['pending', 'overdue', 'met', 'met late', 'no longer applies', 'past its soft deadline']);
  });

  it('words a deadline, an extended one, and a continuous duty until it subsides or ends', () => {
    const plan = loadPlan(source());
    const [duty] = decide(plan, { id: 'w', occurredAt: at('08:30'), discoveredAt: at('09:00'), flags: { mediaInquiry: true } }, { now: at('09:10') }).obligations;
    expect(dueText(duty!)).toBe('03-02 10:00 前');
    expect(dueText(duty!, { lang: 'en' })).toBe('by 03-02 10:00');
    const extended = { ...duty!, extendedBy: 'PT2H', soft: true as const, latestAt: at('13:00') };
    expect(dueText(extended)).toBe('原则上 03-02 10:00 前，最迟 03-02 13:00 前（已延长 PT2H）');
    expect(dueText(extended, { lang: 'en' })).toBe('in principle by 03-02 10:00, at the latest by 03-02 13:00 (extended by PT2H)');
    const continuous = { ...duty!, kind: 'continuous' as const, dueAt: null };
    expect([dueText({ ...continuous, until: 'subsided' }), dueText({ ...continuous, until: 'ended' }), dueText(continuous)]).toStrictEqual(['持续至平息', '持续至应急结束', '持续']);
    expect([dueText({ ...continuous, until: 'subsided' }, { lang: 'en' }), dueText({ ...continuous, until: 'ended' }, { lang: 'en' }), dueText(continuous, { lang: 'en' })]).toStrictEqual([
      'until it subsides',
      'until the emergency ends',
      'continuous',
    ]);
  });
});
