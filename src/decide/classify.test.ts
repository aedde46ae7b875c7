import { describe, expect, it } from 'vitest';
import { type Facts, requirementsOf } from '../engine/compile.js';
import type { Condition } from '../model/condition.js';
import { loadBundled } from '../../test/support/bundled.js';
import { compiledOf, listPlans, loadPlan } from '../plans/load.js';
import { classify, classifyFiring, firingRules } from './classify.js';

const named = new Map<string, Condition>([
  ['hot', { fact: 'attention', operator: 'in', value: ['high', 'extreme'] }],
  ['rumour', { all: [{ fact: 'falseReport', operator: 'equal', value: true }, { condition: 'hot' }] }],
  ['loop', { condition: 'loop' }],
]);
const keysOf = (condition: Condition): string[] => requirementsOf(condition, named).map((r) => r.key).sort();

describe('requirementsOf', () => {
  it('needs every part of `all`, and what each compared fact must be', () => {
    expect(keysOf({ all: [{ fact: 'attention', operator: 'equal', value: 'high' }, { fact: 'fans', operator: 'greaterThan', value: 3 }, { fact: 'spread', operator: 'in', value: ['fast', 'slow'] }] })).toStrictEqual([
      'f:"attention":["\\"high\\""]',
      'f:"fans":*',
      'f:"spread":["\\"fast\\"","\\"slow\\""]',
    ]);
  });
  it('needs of `any` only what every branch needs, and nothing of `not`, notEqual or notIn (an absent fact passes them)', () => {
    const a = { fact: 'attention', operator: 'equal', value: 'high' } as const;
    expect(keysOf({ any: [{ all: [a, { fact: 'reach', operator: 'equal', value: 'wide' }] }, a] })).toStrictEqual(['f:"attention":["\\"high\\""]']);
    expect(keysOf({ any: [a, { fact: 'reach', operator: 'equal', value: 'wide' }] })).toStrictEqual([]);
    expect(keysOf({ any: [] })).toStrictEqual([]);
    expect(keysOf({ not: a })).toStrictEqual([]);
    expect(keysOf({ all: [{ fact: 'attention', operator: 'notEqual', value: 'low' }, { fact: 'reach', operator: 'notIn', value: ['wide'] }] })).toStrictEqual([]);
  });
  it('needs a named condition to hold, and what it needs; an unknown or cyclic one only to hold', () => {
    expect(keysOf({ all: [{ condition: 'rumour' }, { condition: 'rumour' }] })).toStrictEqual(['c:hot', 'c:rumour', 'f:"attention":["\\"extreme\\"","\\"high\\""]', 'f:"falseReport":["true"]']);
    expect(keysOf({ condition: 'missing' })).toStrictEqual(['c:missing']);
    expect(keysOf({ condition: 'loop' })).toStrictEqual(['c:loop']);
  });
  it('tells values of different types apart', () => {
    const [one] = requirementsOf({ fact: 'n', operator: 'equal', value: 1 }, named);
    const [text] = requirementsOf({ fact: 'n', operator: 'equal', value: '1' }, named);
    expect(one!.key).not.toBe(text!.key);
    expect('values' in one! && one.values!.has(1)).toBe(true);
    expect('values' in one! && one.values!.has('1')).toBe(false);
  });
});

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every fact a condition compares, with the values it compares it to. */
function comparedFacts(condition: Condition, out: Map<string, Set<unknown>>): void {
  if ('all' in condition) condition.all.forEach((c) => comparedFacts(c, out));
  else if ('any' in condition) condition.any.forEach((c) => comparedFacts(c, out));
  else if ('not' in condition) comparedFacts(condition.not, out);
  else if ('fact' in condition) {
    const values = out.get(condition.fact) ?? new Set();
    for (const v of Array.isArray(condition.value) ? condition.value : [condition.value]) values.add(v);
    out.set(condition.fact, values);
  }
}

/** Fact sets over the facts a plan's classification compares: each absent, one of the values compared, or another. */
function factSetsOf(definition: { classification: { conditions: Condition }[]; conditions: Record<string, Condition> }, count: number, seed: number): Facts[] {
  const compared = new Map<string, Set<unknown>>();
  for (const rule of definition.classification) comparedFacts(rule.conditions, compared);
  for (const condition of Object.values(definition.conditions)) comparedFacts(condition, compared);
  const next = random(seed);
  const sets: Facts[] = [];
  for (let i = 0; i < count; i++) {
    const facts: Record<string, string | number | boolean | undefined> = Object.create(null) as Record<string, string | number | boolean | undefined>;
    for (const [name, values] of compared) {
      const r = next();
      if (r < 0.3) continue;
      const list = [...values, 'other', 0, false];
      facts[name] = list[Math.floor(next() * list.length)] as string | number | boolean;
    }
    sets.push(facts);
  }
  return sets;
}

/** hrss with `extra` more rules that fire only with the mediaInquiry flag, spread over the levels, some of them ties. */
function manyRules(extra: number): ReturnType<typeof loadPlan> {
  const base = structuredClone(loadPlan('hrss').definition) as unknown as Record<string, unknown> & { classification: Record<string, unknown>[] };
  delete base.$schema;
  const own = base.classification;
  const rules = [...own];
  const flag = { fact: 'mediaInquiry', operator: 'equal', value: true };
  for (let k = 0; k < extra; k++) {
    const rule = own[k % own.length] as { id: string; priority: number; conditions: Condition };
    rules.push({ ...rule, id: `${rule.id}-m${k}`, priority: Math.max(1, rule.priority - (k % 3)), conditions: { all: k % 2 === 0 ? [rule.conditions, flag] : [flag, rule.conditions] } });
  }
  return loadPlan({ ...base, id: `hrss-many-${extra}`, classification: rules });
}

describe('classify', () => {
  it('gives what evaluating every rule gives (level, winner and every overruled rule in order) on the bundled plans and a plan of many rules', () => {
    const plans = [...listPlans().map((p) => loadBundled(p.id)), manyRules(60)];
    let compared = 0;
    let overruledSome = 0;
    for (const [p, plan] of plans.entries()) {
      const compiled = compiledOf(plan);
      for (const facts of factSetsOf(plan.definition as never, 400, p + 1)) {
        const all = classifyFiring(compiled, firingRules(compiled, facts));
        const fast = classify(compiled, facts);
        expect({ level: fast.level, rule: fast.rule, overruled: fast.overruled }).toStrictEqual({ level: all.level, rule: all.rule, overruled: all.overruled });
        compared++;
        if (all.overruled.length > 0) overruledSome++;
      }
    }
    expect(compared).toBe(400 * plans.length);
    expect(overruledSome).toBeGreaterThan(200);
  });

  it('does not evaluate the rules whose facts are absent, nor those after the winner', () => {
    const compiled = compiledOf(manyRules(996));
    let reads = 0;
    const facts = new Proxy({ attention: 'high', spread: 'fast' } as Facts, { get: (target, name) => (reads++, Reflect.get(target, name)) });
    const fast = classify(compiled, facts);
    expect(fast.level.id).toBe('II');
    expect(reads).toBeLessThan(40);
    // Evaluating every rule reads the flag of each added rule whose own condition holds (hundreds).
    reads = 0;
    firingRules(compiled, facts);
    expect(reads).toBeGreaterThan(500);
  });

  it('finds the overruled rules once, when asked, and only among the rules that can fire', () => {
    const compiled = compiledOf(manyRules(996));
    const facts: Facts = { attention: 'extreme', mediaInquiry: true };
    const fast = classify(compiled, facts);
    const overruled = fast.overruled;
    expect(fast.overruled).toBe(overruled);
    expect(fast.rule?.id).toBe('level-i-criteria');
    expect(overruled).toStrictEqual(classifyFiring(compiled, firingRules(compiled, facts)).overruled);
    expect(overruled.length).toBeGreaterThan(700);
  });

  it('tests a group once for all its rules and none for a rule alone or one that needs nothing', () => {
    const groups = compiledOf(manyRules(8)).classificationGroups;
    // hrss's four rules, each alone, and one group of added rules per level.
    expect(groups.map((g) => g.rules.length)).toStrictEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(groups.map((g) => g.test === null)).toStrictEqual([true, false, true, false, true, false, true, false]);
    expect(groups.map((g) => g.first)).toStrictEqual([...groups.map((g) => g.first)].sort((a, b) => a - b));
    const compiledHrss = compiledOf(loadPlan('hrss'));
    expect(compiledHrss.classificationGroups.every((g) => g.test === null && g.rules.length === 1)).toBe(true);
  });
});
