import { describe, expect, it } from 'vitest';
import type { PlanSource } from '../model/plan.js';
import { loadPlan } from '../plans/load.js';
import { conditionReference, obligationRuleName, raiseRuleName, referenceEvaluator } from './reference.js';

const basis = { seed: '000', clause: 'reference test' };

/** A small valid plan; rules of several priorities, one whose condition takes many steps to decide. */
function plan(): PlanSource {
  const deep = (n: number): PlanSource['classification'][number]['conditions'] =>
    n === 0 ? { all: [{ fact: 'attention', operator: 'equal', value: 'high' }] } : { all: [deep(n - 1), { fact: 'attention', operator: 'notEqual', value: 'low' }] };
  return {
    id: 'reference-test',
    version: '1',
    title: '参考引擎测试',
    unit: '测试单位',
    source: { seed: '000', file: 'src/engine/reference.test.ts' },
    levels: [
      { id: 'I', rank: 1, name: 'I 级', nameEn: 'I', basis },
      { id: 'II', rank: 2, name: 'II 级', nameEn: 'II', basis },
    ],
    conditions: {
      // A bare fact comparison as a named condition: the schema allows it, engine.setCondition does not take it as is.
      mass: { all: [{ fact: 'massIncident', operator: 'equal', value: true }] },
    },
    classification: [
      // Decided quickly when the first (higher-priority) condition fails, slowly otherwise.
      { id: 'slow-or-fast', level: 'I', priority: 20, basis, conditions: { all: [{ fact: 'spread', operator: 'notEqual', value: 'slow', priority: 9 }, deep(8)] } },
      { id: 'mass', level: 'I', priority: 15, basis, conditions: { condition: 'mass' } },
      { id: 'otherwise', level: 'II', priority: 10, basis, conditions: { all: [] } },
    ],
    roles: [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }],
    escalation: [{ level: 'I', lead: 'leading-group', basis }, { level: 'II', lead: 'leading-group', basis }],
    obligations: [
      { id: 'always', step: 'track', title: '跟踪', responsible: 'office', basis },
      { id: 'severe', step: 'report', title: '报告', responsible: 'office', basis, when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 1 }] } },
    ],
  };
}

describe('referenceEvaluator', () => {
  it('runs a loaded (frozen) plan through json-rules-engine and names the rules that fired', async () => {
    const evaluate = await referenceEvaluator(loadPlan(plan()).definition);
    expect(await evaluate({ attention: 'high', spread: 'fast', massIncident: false })).toEqual(new Set(['slow-or-fast', 'otherwise']));
    expect(await evaluate({ attention: undefined, massIncident: true, level: 'I', levelRank: 1 })).toEqual(new Set(['mass', 'otherwise', obligationRuleName('severe')]));
    expect(await evaluate({})).toEqual(new Set(['otherwise']));
  });

  it('gives, for calls that overlap, the answers it gives one call at a time', async () => {
    const evaluate = await referenceEvaluator(loadPlan(plan()).definition);
    const facts = Array.from({ length: 40 }, (_, i) => ({ attention: i % 3 === 0 ? 'low' : 'high', spread: i % 2 === 0 ? 'slow' : 'fast', massIncident: i % 5 === 0 }));
    const oneAtATime: string[][] = [];
    for (const f of facts) oneAtATime.push([...(await evaluate(f))].sort());
    const overlapping = await Promise.all(facts.map((f) => evaluate(f)));
    expect(overlapping.map((fired) => [...fired].sort())).toEqual(oneAtATime);
  });

  it('holds raise rules as rules of their own', async () => {
    const definition = { ...loadPlan(plan()).definition, grading: { raise: [{ id: 'mass', when: { condition: 'mass' }, basis }] } };
    const evaluate = await referenceEvaluator(definition);
    expect(await evaluate({ massIncident: true })).toEqual(new Set(['mass', 'otherwise', raiseRuleName('mass')]));
    expect(await evaluate({ massIncident: false })).toEqual(new Set(['otherwise']));
  });
});

describe('conditionReference', () => {
  it('runs one condition, with the named conditions it uses, through json-rules-engine', async () => {
    const definition = loadPlan(plan()).definition;
    const holds = conditionReference({ any: [{ condition: 'mass' }, { fact: 'attention', operator: 'in', value: ['high'] }] }, definition.conditions);
    expect(await holds({ massIncident: true })).toBe(true);
    expect(await holds({ attention: 'high' })).toBe(true);
    expect(await holds({ attention: 'low', massIncident: false })).toBe(false);
    expect(await holds({})).toBe(false);
    // Overlapping calls give the answers of calls one at a time.
    expect(await Promise.all([holds({ massIncident: true }), holds({}), holds({ attention: 'high' })])).toEqual([true, false, true]);
  });
});
