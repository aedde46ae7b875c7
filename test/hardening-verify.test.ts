// Issue 12, item 1 (verify): `verify` costs work bounded by the plan's size. Whether a duty's condition
// can hold is decided by a search over partial combinations, once per distinct condition, instead of
// trying every combination of the 17 facts × the levels (36.9 million points for a duty reading them
// all); the classification's space and the search have documented bounds, past which a check is
// reported as `not-checked`, never passed in silence. Each test counts the work `verifyWithin` reports.
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { loadPlan } from '../src/index.js';
import { verifyPlan } from '../src/testing/index.js';
import { VERIFY_BUDGET, verifyWithin } from '../src/testing/verify.js';
import { comparisonsByFact, conditionNodes, satisfiable, truthCompiler, type Truth } from '../src/testing/space.js';
import type { Condition } from '../src/model/condition.js';
import { FLAG_NAMES, INDICATORS } from '../src/model/vocabulary.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const eq = (fact: string, value: unknown) => ({ fact, operator: 'equal', value });
const INDICATOR_FACTS = Object.keys(INDICATORS) as (keyof typeof INDICATORS)[];
const STATE_FACTS = [...FLAG_NAMES, 'exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated'];
const ALL_FACTS = [...INDICATOR_FACTS, ...STATE_FACTS];
const firstValue = (fact: string): string | boolean => (fact in INDICATORS ? INDICATORS[fact as keyof typeof INDICATORS][0] : true);
/** True whatever the fact's value, but unknown until it is chosen: `f = v or f ≠ v`. */
const either = (fact: string) => ({ any: [eq(fact, firstValue(fact)), { fact, operator: 'notEqual', value: firstValue(fact) }] });
/** Reads all 17 facts and the level; never holds (no level has a rank above 9 + i). */
const deadWhen = (i: number) => ({ all: [...ALL_FACTS.map(either), eq('level', 'I'), { fact: 'levelRank', operator: 'greaterThan', value: 9 + i }] });

/** county-bureau with its own duties replaced by these (its first duty's fields, each id its own). */
function withDuties(whens: Json[], conditions: Json = {}): Json {
  const d = structuredClone(loadPlan('county-bureau').definition) as Json;
  const first = d.obligations[0];
  d.conditions = { ...d.conditions, ...conditions };
  d.obligations = whens.map((when, i) => ({ ...first, id: `duty-${i}`, when }));
  return d;
}

const budget = (search: number) => ({ space: VERIFY_BUDGET.space, search });
const searchOf = (d: Json, b = VERIFY_BUDGET) => verifyWithin(loadPlan(d), b);
const checks = (report: { findings: { check: string; subject: string }[] }, check: string) => report.findings.filter((f) => f.check === check).map((f) => f.subject);

describe('verify: duties whose condition can never hold', () => {
  it('1000 never-holding duties reading all 17 facts cost 1000 times one, a few hundred nodes each (not 36.9 million points)', () => {
    const one = searchOf(withDuties([deadWhen(0)]));
    const thousand = searchOf(withDuties(Array.from({ length: 1000 }, (_, i) => deadWhen(i))));
    expect(checks(one.report, 'unreachable-obligation')).toEqual(['obligations.duty-0']);
    expect(checks(thousand.report, 'unreachable-obligation')).toHaveLength(1000);
    expect(checks(thousand.report, 'not-checked')).toEqual([]);
    // One duty: a try per level (9 at most), each at most the condition's 56 nodes.
    expect(one.work.search).toBeLessThanOrEqual(9 * 56);
    expect(thousand.work.search).toBeLessThanOrEqual(1000 * one.work.search);
    expect(thousand.work.space).toBe(one.work.space);
  });

  it('an identical condition is searched once, however many duties share it', () => {
    const once = searchOf(withDuties([deadWhen(0)]));
    const shared = searchOf(withDuties(Array.from({ length: 1000 }, () => deadWhen(0))));
    expect(checks(shared.report, 'unreachable-obligation')).toHaveLength(1000);
    expect(shared.work.search).toBe(once.work.search);
    // The same condition with its keys in another order is the same condition.
    const reordered = { all: [...ALL_FACTS.map(either), { value: 'I', operator: 'equal', fact: 'level' }, { value: 9, operator: 'greaterThan', fact: 'levelRank' }] };
    expect(searchOf(withDuties([deadWhen(0), reordered])).work.search).toBe(once.work.search);
  });

  it('a contradiction between comparisons of the fact read last is found first: the facts most compared are chosen first', () => {
    // Every fact is read twice, `ended` four times: choosing it first refutes both of its values at once.
    const when = { all: [...ALL_FACTS.map(either), eq('ended', true), eq('ended', false)] };
    const { report, work } = searchOf(withDuties([when]));
    expect(checks(report, 'unreachable-obligation')).toEqual(['obligations.duty-0']);
    expect(work.search).toBeLessThan(3 * 60);
  });

  it('still finds the duties that hold, at the first combination found', () => {
    const { report, work } = searchOf(withDuties([{ all: [...ALL_FACTS.map(either), eq('level', 'II')] }]));
    expect(checks(report, 'unreachable-obligation')).toEqual([]);
    expect(work.search).toBeLessThan(40 * 60);
  });

  it('a condition undecided within the bound is reported as not checked, an error; the duties after it are not searched at all', () => {
    // x ∧ ¬x over all 17 facts: unknown until every fact is chosen, false everywhere — only every combination shows it.
    const x = { all: ALL_FACTS.map(either) };
    const hard = (i: number) => ({ all: [{ condition: 'x' }, { not: { condition: 'x' } }, { fact: 'levelRank', operator: 'notEqual', value: 100 + i }] });
    const one = searchOf(withDuties([hard(0)], { x }), budget(100_000));
    expect(one.report.findings.filter((f) => f.check === 'not-checked')).toEqual([
      {
        check: 'not-checked',
        severity: 'error',
        subject: 'obligations.duty-0',
        message: '未检查义务 duty-0 的条件能否成立（它读取 attention, emergencyEvent, endProposed, ended, exercise, falseReport, foreignMedia, levelRank, massIncident, mediaInquiry, offlineRisk, pressConference, reach, spread, subsided, suspectedCrime, warningInForce, warningOutdated）：搜索超出每次 verify 的预算 100000 个条件节点',
      },
    ]);
    expect(one.report.errors).toBeGreaterThan(0);
    // Past the bound by at most one evaluation of the condition (2 × (17 × 3 + 1) + 5 nodes).
    expect(one.work.search).toBeGreaterThan(100_000);
    expect(one.work.search).toBeLessThanOrEqual(100_000 + 109);
    const thousand = searchOf(withDuties(Array.from({ length: 1000 }, (_, i) => hard(i)), { x }), budget(100_000));
    expect(checks(thousand.report, 'not-checked')).toHaveLength(1000);
    expect(thousand.work.search).toBe(one.work.search);
  });

  it('the default bound holds too: a condition needing every combination ends as not checked, within the bound', () => {
    const x = { all: ALL_FACTS.map(either) };
    const { report, work } = searchOf(withDuties([{ all: [{ condition: 'x' }, { not: { condition: 'x' } }] }], { x }));
    expect(checks(report, 'not-checked')).toEqual(['obligations.duty-0']);
    expect(work.search).toBeLessThanOrEqual(VERIFY_BUDGET.search + 109);
    expect(VERIFY_BUDGET).toEqual({ space: 500_000_000, search: 50_000_000 });
    expect(Object.isFrozen(VERIFY_BUDGET)).toBe(true);
  }, 30_000);
});

describe('verify: the classification space', () => {
  /** county-bureau with `n` more rules, each reading the 5 indicators and the 6 flags and exercise (2000 × 64 = 128 000 points). */
  function wide(n: number): Json {
    const d = structuredClone(loadPlan('county-bureau').definition) as Json;
    const basis = d.classification[0].basis;
    for (let i = 0; i < n; i++) {
      d.classification.push({ id: `wide-${i}`, level: 'IV', priority: 1, basis, conditions: { all: [...INDICATOR_FACTS, ...FLAG_NAMES, 'exercise'].map(either) } });
    }
    return d;
  }

  it('walks the largest space a plan can have, 256 000 points, and charges points × condition nodes', () => {
    const { report, work } = searchOf(wide(1));
    expect(report.space.points).toBe(256_000);
    expect(report.space.facts).toHaveLength(12);
    // county-bureau's rules have 23 nodes; the wide rule 1 + 12 × 3.
    expect(work.space).toBe(256_000 * (23 + 37));
    expect(checks(report, 'not-checked')).toEqual([]);
  });

  it('past its bound the classification is not walked: one not-checked error, no level counted, no rule called unreachable', () => {
    const { report, work } = searchOf(wide(1000 - 4));
    expect(work.space).toBe(0);
    expect(report.space.points).toBe(0);
    expect(report.levels).toEqual({ I: 0, II: 0, III: 0, IV: 0 });
    expect(report.findings.filter((f) => f.subject === 'classification' || f.subject.startsWith('levels.') || f.subject.startsWith('classification.'))).toEqual([
      {
        check: 'not-checked',
        severity: 'error',
        subject: 'classification',
        message: `缺口、重叠、单调性与规则可达性未检查：256000 种组合 × ${23 + 996 * 37} 个条件节点超出每次 verify 的预算 500000000`,
      },
    ]);
    // verifyPlan keeps the same bounds.
    expect(verifyPlan(loadPlan(wide(1000 - 4))).findings.map((f) => f.check)).toContain('not-checked');
  });

  it('yuqing verify says the classification was not checked instead of counting 0 combinations, and exits 1', async () => {
    let stdout = '';
    const file = '/plans/wide.json';
    const code = await run(['verify', file], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      readFile: (path) => (path === file ? JSON.stringify(wide(1000 - 4)) : ''),
      readDir: () => [],
      isDirectory: () => false,
      now: () => new Date(0),
      cwd: '/plans',
    });
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe('verify county-bureau 1.1.0：分级标准未检查（超出 verify 的预算；见下方发现）');
    expect(stdout).not.toContain(' 0 种组合');
    expect(stdout).not.toContain('按分级标准：');
  });

  it('the bound is inclusive: a space of exactly the bound is walked, one node less is not', () => {
    const plan = loadPlan('county-bureau');
    const walked = verifyWithin(plan, { space: 46_000, search: VERIFY_BUDGET.search });
    expect(walked.work.space).toBe(46_000);
    expect(walked.report.space.points).toBe(2000);
    const skipped = verifyWithin(plan, { space: 45_999, search: VERIFY_BUDGET.search });
    expect(skipped.work.space).toBe(0);
    expect(checks(skipped.report, 'not-checked')).toEqual(['classification']);
  });
});

describe('space: the search and its node counts', () => {
  const named = new Map<string, Condition>([
    ['a', { any: [{ fact: 'attention', operator: 'equal', value: 'high' }, { condition: 'b' }] }],
    ['b', { all: [{ fact: 'massIncident', operator: 'equal', value: true }] }],
    ['loop', { not: { condition: 'loop' } }],
  ]);
  const leafTest = (leaf: { fact: string; value: unknown }) => (point: Record<string, unknown>) => point[leaf.fact] === leaf.value;

  it('counts each shared condition once, however often it is named', () => {
    const counted = new Set<string>();
    expect(conditionNodes({ all: [{ condition: 'a' }, { condition: 'a' }, { condition: 'missing' }] }, named, counted)).toBe(1 + (1 + 3 + 2) + 1 + 1);
    expect(conditionNodes({ condition: 'b' }, named, counted)).toBe(1);
    expect(conditionNodes({ not: { any: [{ fact: 'ended', operator: 'equal', value: true }] } }, named, counted)).toBe(3);
    expect(comparisonsByFact({ all: [{ condition: 'a' }, { condition: 'a' }, { condition: 'missing' }, { fact: 'attention', operator: 'equal', value: 'low' }] }, named)).toEqual(
      new Map([
        ['attention', 2],
        ['massIncident', 1],
      ]),
    );
  });

  it('three-valued: unknown until the facts are chosen; an unknown or self-referring shared condition reads as false', () => {
    const truth = truthCompiler(named, leafTest as never);
    const test = truth.compile({ all: [{ condition: 'a' }, { not: { condition: 'missing' } }] });
    const values: Truth[] = [test({}), test({ attention: 'high' }), test({ attention: 'low' }), test({ attention: 'low', massIncident: false })];
    expect(values).toEqual([2, 1, 2, 0]);
    expect(truth.compile({ condition: 'loop' })({})).toBe(1); // ¬(false): the reference back reads false
    expect(truth.nodes()).toBeGreaterThan(0);
  });

  it('stops at the first combination found, and prunes a branch as soon as it is false', () => {
    const truth = truthCompiler(named, leafTest as never);
    const test = truth.compile({ all: [{ fact: 'attention', operator: 'equal', value: 'low' }, { fact: 'massIncident', operator: 'equal', value: true }] });
    const choices = [[{ attention: 'high' }, { attention: 'low' }], [{ massIncident: false }, { massIncident: true }]];
    expect(satisfiable(test, choices, truth.nodes, 1000)).toBe(true);
    // Nothing chosen (3 nodes), high (2: pruned at its first comparison), low (3), low+false (3), low+true (3).
    expect(truth.nodes()).toBe(14);
    expect(satisfiable(truth.compile({ all: [{ fact: 'attention', operator: 'equal', value: 'none' }] }), choices, truth.nodes, 1000)).toBe(false);
    expect(satisfiable(test, choices, truth.nodes, 0)).toBeUndefined();
  });
});
