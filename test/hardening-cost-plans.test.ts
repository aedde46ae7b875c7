// Issue 12, item 1 (plans): loading, checking, verifying and explaining a plan cost work linear in the
// plan's size. Each test counts work (fact reads, named-condition lookups, id reads) or uses a shape
// whose old cost was exponential or quadratic (2^40 paths, 20 000 × 20 000 scans).
import { describe, expect, it } from 'vitest';
import { decide, loadPlan, PlanError } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { verifyPlan } from '../src/testing/index.js';
import { classify, explainRule } from '../src/decide/classify.js';
import { compileCondition, conditionCompiler, traceCondition, type Facts } from '../src/engine/compile.js';
import type { Condition } from '../src/model/condition.js';
import { compiledOf } from '../src/plans/load.js';
import { resolveExtends } from '../src/plans/resolve.js';
import { MAX_SHARED_CONDITION_DEPTH } from '../src/plans/validate.js';
import { factsRead } from '../src/testing/space.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const hrss = (): Json => structuredClone(loadPlan('hrss').definition) as Json;

/** Shared conditions c0 … c{depth}: each refers to the next twice (2^depth paths to the leaf, which reads two facts). */
function dagConditions(depth: number, leaf: Condition = { any: [{ fact: 'attention', operator: 'equal', value: 'high' }, { fact: 'massIncident', operator: 'equal', value: true }] }): Record<string, Condition> {
  const conditions: Record<string, Condition> = {};
  for (let i = 0; i < depth; i++) conditions[`c${i}`] = { all: [{ condition: `c${i + 1}` }, { condition: `c${i + 1}` }] };
  conditions[`c${depth}`] = leaf;
  return conditions;
}

/** hrss with a classification rule and a duty on the DAG of shared conditions. */
function dagPlan(depth: number, leaf?: Condition): Json {
  const plan = hrss();
  plan.id = `dag-${depth}`;
  plan.conditions = { ...plan.conditions, ...dagConditions(depth, leaf) };
  plan.classification.push({ id: 'dag', level: 'II', priority: 45, conditions: { condition: 'c0' }, basis: plan.classification[0].basis });
  const report = plan.obligations.find((o: Json) => o.id === 'report-leading-group');
  plan.obligations.push({ ...report, id: 'dag-report', when: { condition: 'c0' } });
  return plan;
}

/** Facts that count how often they are read. */
function countingFacts(values: Record<string, string | number | boolean>): { facts: Facts; reads: () => number } {
  let reads = 0;
  const facts = new Proxy(values, {
    get(target, key) {
      reads += 1;
      return Reflect.get(target, key);
    },
  });
  return { facts, reads: () => reads };
}

/** A map of named conditions that counts lookups. */
class CountingMap extends Map<string, Condition> {
  lookups = 0;
  override get(key: string): Condition | undefined {
    this.lookups += 1;
    return super.get(key);
  }
}

const incident = { id: 'dag', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } };
const now = '2026-03-02T09:10:00+08:00';

describe('shared conditions that refer to each other as a DAG (each to the next twice)', () => {
  it('compile and evaluate once per shared condition: 40 levels deep, each lookup and fact read counted', () => {
    const named = new CountingMap(Object.entries(dagConditions(40)));
    const evaluate = compileCondition({ condition: 'c0' }, named);
    // 41 shared conditions, each looked up once (inlining looked up 2^41 − 1).
    expect(named.lookups).toBe(41);
    const high = countingFacts({ attention: 'high' });
    expect(evaluate(high.facts)).toBe(true);
    expect(high.reads()).toBe(1);
    const low = countingFacts({ attention: 'low', massIncident: false });
    expect(evaluate(low.facts)).toBe(false);
    expect(low.reads()).toBe(2);
  });

  it('one compiler for a plan compiles a shared condition once for all the conditions that use it', () => {
    const named = new CountingMap(Object.entries(dagConditions(40)));
    const compile = conditionCompiler(named);
    const evaluators = Array.from({ length: 1000 }, () => compile({ all: [{ condition: 'c0' }] }));
    expect(named.lookups).toBe(41);
    const shared = new Map<string, boolean>();
    const facts = countingFacts({ attention: 'high' });
    // One memo for all of them: the shared conditions are evaluated once for the thousand.
    expect(evaluators.every((evaluate) => evaluate(facts.facts, shared))).toBe(true);
    expect(facts.reads()).toBe(1);
    expect(shared.get('c0')).toBe(true);
  });

  it('trace each shared condition once: the explanation of 2^40 paths lists the two comparisons of the leaf', () => {
    const named = new CountingMap(Object.entries(dagConditions(40)));
    const facts = countingFacts({ attention: 'high', massIncident: false });
    expect(traceCondition({ condition: 'c0' }, named, facts.facts)).toEqual([
      { fact: 'attention', operator: 'equal', value: 'high', factValue: 'high', result: true },
      { fact: 'massIncident', operator: 'equal', value: true, factValue: false, result: false },
    ]);
    expect(named.lookups).toBe(41);
    expect(facts.reads()).toBe(2);
  });

  it('collect the facts a condition reads once per shared condition', () => {
    const named = new CountingMap(Object.entries(dagConditions(40)));
    expect([...factsRead({ condition: 'c0' }, named)]).toEqual(['attention', 'massIncident']);
    expect(named.lookups).toBe(41);
    // A record of named conditions is read the same way; its inherited properties are no conditions.
    expect([...factsRead({ any: [{ condition: 'c0' }, { condition: 'toString' }] }, dagConditions(40))]).toEqual(['attention', 'massIncident']);
  });

  it('a plan with a DAG 40 deep loads, decides, explains and verifies; classification reads each fact once', () => {
    const plan = loadPlan(dagPlan(40));
    const compiled = compiledOf(plan);
    const facts = countingFacts({ attention: 'high' });
    const classification = classify(compiled, facts.facts);
    expect(classification.rule?.id).toBe('dag');
    // Every rule of hrss and the DAG together: far fewer reads than rules × paths.
    expect(facts.reads()).toBeLessThan(100);
    const explained = countingFacts({ attention: 'high' });
    expect(explainRule(compiled, classification.rule!, explained.facts).map((check) => check.fact)).toEqual(['attention', 'massIncident']);
    expect(explained.reads()).toBe(2);

    const decision = decide(plan, incident, { now });
    expect(decision.level.id).toBe('II');
    const level = decision.explanation.find((e) => e.subject === 'level')!;
    expect(level.rule).toBe('dag');
    expect(level.facts).toEqual([{ fact: 'attention', operator: 'equal', value: 'high', factValue: 'high', result: true }]);
    const duty = decision.explanation.find((e) => e.subject === 'obligation' && e.rule === 'dag-report')!;
    expect(duty.facts).toHaveLength(2);
    expect(duty.text).toContain('条件成立（关注度：高）');

    const report = verifyPlan(plan);
    expect(report.space.facts).toContain('attention');
    expect(report.findings.filter((f) => f.subject === 'obligations.dag-report')).toEqual([]);
  });

  it('checks the facts of a shared DAG once: a classification rule reading a state fact 30 levels down gets one issue', () => {
    const plan = dagPlan(30, { all: [{ fact: 'subsided', operator: 'equal', value: true }, { fact: 'subsided', operator: 'equal', value: false }] });
    plan.obligations = plan.obligations.filter((o: Json) => o.id !== 'dag-report');
    let error: unknown;
    try {
      inLanguage('en', () => loadPlan(plan));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    const issues = (error as PlanError).issues.filter((issue) => issue.path.join('.').startsWith('classification.'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['classification', plan.classification.length - 1, 'conditions', 'condition'], received: 'c0' });
    expect(issues[0]!.message).toContain('"subsided"');
  });
});

describe('chains of shared conditions: a documented bound, never a stack overflow', () => {
  const chain = (length: number): Json => {
    const plan = hrss();
    const conditions: Record<string, Condition> = {};
    for (let i = 0; i < length - 1; i++) conditions[`k${i}`] = { all: [{ condition: `k${i + 1}` }] };
    conditions[`k${length - 1}`] = { all: [{ fact: 'attention', operator: 'equal', value: 'high' }] };
    plan.conditions = { ...plan.conditions, ...conditions };
    plan.classification.push({ id: 'chain', level: 'II', priority: 45, conditions: { condition: 'k0' }, basis: plan.classification[0].basis });
    return plan;
  };

  it(`accepts ${MAX_SHARED_CONDITION_DEPTH} shared conditions inside one another`, () => {
    const plan = loadPlan(chain(MAX_SHARED_CONDITION_DEPTH));
    expect(decide(plan, incident, { now }).level.id).toBe('II');
  });

  it.each([MAX_SHARED_CONDITION_DEPTH + 1, 5000])('refuses a chain of %i with a PlanError naming the condition where the bound is passed', (length) => {
    let error: unknown;
    try {
      inLanguage('en', () => loadPlan(chain(length)));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    const deep = (error as PlanError).issues.filter((issue) => issue.message.includes('shared conditions nested too deeply'));
    // Only the condition that reaches one level too many: the ones above it are too deep because of it.
    expect(deep).toEqual([
      {
        path: ['conditions', `k${length - MAX_SHARED_CONDITION_DEPTH - 1}`],
        code: 'invalid_reference',
        message: `shared conditions nested too deeply: this one reaches ${MAX_SHARED_CONDITION_DEPTH + 1} levels of shared conditions inside one another`,
        received: `k${length - MAX_SHARED_CONDITION_DEPTH - 1}`,
        expected: `at most ${MAX_SHARED_CONDITION_DEPTH} levels`,
      },
    ]);
  });

  it('reports every condition of a cycle, also one reached only across the cycle, and a condition referring to itself', () => {
    const plan = hrss();
    const eq = { fact: 'attention', operator: 'equal', value: 'high' };
    // a → b → a, a → c → b: c lies on the cycle a → c → b → a although b is finished before c is reached.
    plan.conditions = { ...plan.conditions, a: { all: [{ condition: 'b' }, { condition: 'c' }] }, b: { any: [{ condition: 'a' }, eq] }, c: { all: [{ condition: 'b' }, { condition: 'nowhere' }] }, self: { any: [{ condition: 'self' }, eq] } };
    let error: unknown;
    try {
      inLanguage('en', () => loadPlan(plan));
    } catch (e) {
      error = e;
    }
    const cycles = (error as PlanError).issues.filter((issue) => issue.message.includes('cycle')).map((issue) => issue.path);
    expect(cycles).toEqual([['conditions', 'a'], ['conditions', 'b'], ['conditions', 'c'], ['conditions', 'self']]);
    expect((error as PlanError).issues.some((issue) => issue.message === 'unknown shared condition' && issue.received === 'nowhere')).toBe(true);
  });
});

describe('extends, remove and overrides over big lists: one index per list, no scan per item', () => {
  /** A plan item whose id counts its reads. */
  const counted = (id: string, counter: { reads: number }): Json => ({
    step: 'report',
    get id() {
      counter.reads += 1;
      return id;
    },
  });

  it('20 000 of the plan\'s own obligations, each overridden and half removed, read each id a constant number of times', () => {
    const n = 20_000;
    const counter = { reads: 0 };
    const obligations = Array.from({ length: n }, (_, i) => counted(`own${i}`, counter));
    const plan = {
      extends: 'small',
      obligations,
      remove: { obligations: Array.from({ length: n / 2 }, (_, i) => `own${2 * i}`) },
      overrides: { obligations: Object.fromEntries(Array.from({ length: n / 2 }, (_, i) => [`own${2 * i + 1}`, { title: `第${i}项` }])) },
    };
    const { resolved, issues } = resolveExtends(plan, { small: { template: true, obligations: [{ id: 't0', step: 'report' }] } });
    expect(issues).toEqual([]);
    // Scanning the list for each removal and override read ids about n²/4 = 10^8 times.
    expect(counter.reads).toBeLessThanOrEqual(3 * n);
    const out = resolved.obligations as Json[];
    expect(out).toHaveLength(1 + n / 2);
    expect(out[1]).toMatchObject({ id: 'own1', title: '第0项' });
    expect(out[n / 2]).toMatchObject({ id: `own${n - 1}`, title: `第${n / 2 - 1}项` });
    // The plan's own list is not changed.
    expect(plan.obligations).toHaveLength(n);
    expect(Object.keys(plan.obligations[1]!)).toEqual(['step', 'id']);
  });

  it('a plan adding 50 000 items to a template of 50 000 is checked for clashes by set, not by a scan per item', () => {
    const n = 50_000;
    const template = { template: true, recipients: Array.from({ length: n }, (_, i) => ({ id: `t${i}` })) };
    const plan = { extends: 'big', recipients: [...Array.from({ length: n }, (_, i) => ({ id: `p${i}` })), { id: 't7' }] };
    // A scan per item compared 2.5 · 10^9 ids: far beyond the test's time-out.
    const { resolved, issues } = resolveExtends(plan, { big: template });
    expect(resolved.recipients).toHaveLength(2 * n + 1);
    expect(issues).toEqual([expect.objectContaining({ path: ['recipients', n, 'id'], received: 't7' })]);
  });

  it('5 000 overrides of unknown ids each list at most 50 of the 10 000 ids: the error grows with the plan, not with its square', () => {
    // 10 000 items: the longest list a rule file or template may hold.
    const n = 10_000;
    const template = { template: true, obligations: Array.from({ length: n }, (_, i) => ({ id: `t${i}` })) };
    const plan = { extends: 'big', overrides: { obligations: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`x${i}`, {}])) }, remove: { obligations: ['t0'] } };
    let error: unknown;
    try {
      inLanguage('en', () => loadPlan(plan, { templates: { big: template } }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    const issues = (error as PlanError).issues;
    expect(issues).toHaveLength(5000);
    expect(issues[0]).toMatchObject({ path: ['overrides', 'obligations', 'x0'], received: 'x0' });
    expect(issues[0]!.expected).toMatch(/^one of "t1", "t2", .*"t50", … \(9999 in all\)$/);
    expect((error as PlanError).message.length).toBeLessThan(5000 * 600);
  });

  it('the index keeps the old order of lookups: a repeated id is removed once per mention, an item without an id is kept', () => {
    const template = { template: true, roles: [{ id: 'd', name: 'first' }, { name: 'no id' }, { id: 'd', name: 'second' }, { id: 'e', name: 'e' }] };
    const once = resolveExtends({ extends: 't', remove: { roles: ['d'] }, overrides: { roles: { d: { name: 'changed' } } } }, { t: template });
    expect(once.issues).toEqual([]);
    expect(once.resolved.roles).toEqual([{ name: 'no id' }, { id: 'd', name: 'changed' }, { id: 'e', name: 'e' }]);
    const twice = resolveExtends({ extends: 't', remove: { roles: ['d', 'd', 'd', 7] }, overrides: { roles: { d: {} } } }, { t: template });
    expect(twice.issues.map((issue) => [issue.path, issue.expected])).toEqual([
      [['remove', 'roles', 2], undefined],
      [['remove', 'roles', 3], undefined],
      [['overrides', 'roles', 'd'], 'one of , "e"'],
    ]);
    expect(twice.resolved.roles).toEqual([{ name: 'no id' }, { id: 'e', name: 'e' }]);
    expect(template.roles).toHaveLength(4);
  });

  it('a shared condition named like an inherited property is the plan\'s own: added, overridden and removed like any other', () => {
    const template = { template: true, conditions: { base: { all: [] } } };
    const added = resolveExtends({ extends: 't', conditions: { toString: { all: [] } } }, { t: template });
    expect(added.issues).toEqual([]);
    const changed = resolveExtends({ extends: 't', overrides: { conditions: { toString: { all: [] } } }, remove: { conditions: ['constructor'] } }, { t: template });
    expect(changed.issues.map((issue) => issue.path)).toEqual([['remove', 'conditions', 0], ['overrides', 'conditions', 'toString']]);
  });
});

describe('checking references by set, with bounded messages', () => {
  it('a duty naming an unknown role among 150 recipients lists 50 of them and says how many there are', () => {
    const plan = hrss();
    plan.recipients = [...plan.recipients, ...Array.from({ length: 150 }, (_, i) => ({ id: `r${i}`, name: `单位${i}` }))];
    plan.obligations[0].to = 'nobody';
    let error: unknown;
    try {
      inLanguage('en', () => loadPlan(plan));
    } catch (e) {
      error = e;
    }
    const issue = (error as PlanError).issues.find((i) => i.path.join('.') === 'obligations.0.to')!;
    const total = plan.roles.length + plan.recipients.length;
    expect(issue.expected).toMatch(new RegExp(`^one of ("[^"]+", ){50}… \\(${total} in all\\)$`));
  });
});
