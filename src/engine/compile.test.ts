import { describe, expect, it } from 'vitest';
import type { Condition, FactCondition } from '../model/condition.js';
import { compileCondition, type Facts, heldLeaves, traceCondition, traceLeaves } from './compile.js';

const none = new Map<string, Condition>();
const holds = (condition: Condition, facts: Facts, named: ReadonlyMap<string, Condition> = none) => compileCondition(condition, named)(facts);

describe('compileCondition: the operators, as json-rules-engine defines them', () => {
  it.each([
    // operator, value, fact value, result
    ['equal', 'high', 'high', true],
    ['equal', 'high', 'low', false],
    ['equal', 'high', undefined, false],
    ['notEqual', 'high', 'high', false],
    ['notEqual', 'high', 'low', true],
    ['notEqual', 'high', undefined, true],
    ['in', ['high', 'extreme'], 'extreme', true],
    ['in', ['high', 'extreme'], 'low', false],
    ['in', ['high', 'extreme'], undefined, false],
    ['notIn', ['high', 'extreme'], 'extreme', false],
    ['notIn', ['high', 'extreme'], 'low', true],
    ['notIn', ['high', 'extreme'], undefined, true],
    ['lessThan', 2, 1, true],
    ['lessThan', 2, 2, false],
    ['lessThan', 2, 3, false],
    ['lessThanInclusive', 2, 1, true],
    ['lessThanInclusive', 2, 2, true],
    ['lessThanInclusive', 2, 3, false],
    ['greaterThan', 2, 1, false],
    ['greaterThan', 2, 2, false],
    ['greaterThan', 2, 3, true],
    ['greaterThanInclusive', 2, 1, false],
    ['greaterThanInclusive', 2, 2, true],
    ['greaterThanInclusive', 2, 3, true],
    // A fact that is not a number never compares: not even true, which JavaScript reads as 1.
    ['lessThan', 2, true, false],
    ['lessThanInclusive', 2, true, false],
    ['greaterThan', 0, true, false],
    ['greaterThanInclusive', 1, true, false],
    ['lessThan', 2, undefined, false],
    ['greaterThanInclusive', 0, 'high', false],
  ] as const)('%s %j on %j is %s', (operator, value, factValue, result) => {
    const condition = { fact: 'x', operator, value } as unknown as Condition;
    expect(holds({ all: [condition] }, { x: factValue })).toBe(result);
    expect(traceCondition({ all: [condition] }, none, { x: factValue })).toEqual([{ fact: 'x', operator, value, factValue: factValue ?? null, result }]);
  });
});

describe('compileCondition: all, any, not and named conditions', () => {
  const a = { fact: 'massIncident', operator: 'equal', value: true } as const;
  const b = { fact: 'falseReport', operator: 'equal', value: true } as const;
  const c = { fact: 'mediaInquiry', operator: 'equal', value: true } as const;
  const as = (x: { a?: boolean; b?: boolean; c?: boolean }): Facts => ({ massIncident: x.a, falseReport: x.b, mediaInquiry: x.c });
  const cases = [
    [{ a: true, b: true, c: true }],
    [{ a: true, b: false, c: true }],
    [{ a: false, b: true, c: false }],
    [{ a: false, b: false, c: false }],
    [{ a: true, b: true, c: false }],
  ] as const;

  it.each(cases)('all, any and not of three facts on %j', (facts) => {
    expect(holds({ all: [a, b, c] }, as(facts))).toBe(facts.a && facts.b && facts.c);
    expect(holds({ any: [a, b, c] }, as(facts))).toBe(facts.a || facts.b || facts.c);
    expect(holds({ all: [a, { not: b }] }, as(facts))).toBe(facts.a && !facts.b);
    expect(holds({ any: [{ all: [a, b] }, { not: c }] }, as(facts))).toBe((facts.a && facts.b) || !facts.c);
  });

  it('an empty all holds; an empty any does not', () => {
    expect(holds({ all: [] }, {})).toBe(true);
    expect(holds({ any: [] }, {})).toBe(false);
  });

  it('reads a named condition, and one named inside another', () => {
    const named = new Map<string, Condition>([['both', { all: [a, b] }], ['outer', { any: [{ condition: 'both' }, c] }]]);
    expect(holds({ condition: 'outer' }, as({ a: true, b: true }), named)).toBe(true);
    expect(holds({ condition: 'outer' }, as({ a: true, b: false }), named)).toBe(false);
    expect(holds({ condition: 'outer' }, as({ c: true }), named)).toBe(true);
  });

  it('takes an unknown or cyclic named condition as false, never looping', () => {
    const cyclic = new Map<string, Condition>([['loop', { any: [{ condition: 'loop' }, a] }]]);
    expect(holds({ condition: 'missing' }, as({ a: true }))).toBe(false);
    expect(holds({ condition: 'loop' }, as({ a: false }), cyclic)).toBe(false);
    expect(holds({ condition: 'loop' }, as({ a: true }), cyclic)).toBe(true);
    expect(traceCondition({ condition: 'loop' }, cyclic, as({ a: true })).map((check) => check.fact)).toEqual(['massIncident']);
  });
});

describe('traceCondition', () => {
  it('lists every comparison of every branch, through not and named conditions, with its own result', () => {
    const named = new Map<string, Condition>([['hot', { any: [{ fact: 'attention', operator: 'in', value: ['extreme', 'high'] }, { fact: 'spread', operator: 'equal', value: 'very-fast' }] }]]);
    const condition: Condition = { all: [{ condition: 'hot' }, { not: { fact: 'massIncident', operator: 'equal', value: true } }] };
    expect(traceCondition(condition, named, { attention: 'high', spread: 'slow', massIncident: false })).toEqual([
      { fact: 'attention', operator: 'in', value: ['extreme', 'high'], factValue: 'high', result: true },
      { fact: 'spread', operator: 'equal', value: 'very-fast', factValue: 'slow', result: false },
      { fact: 'massIncident', operator: 'equal', value: true, factValue: false, result: false },
    ]);
  });

  it('gives no comparisons for an unknown named condition', () => {
    expect(traceCondition({ condition: 'missing' }, none, { massIncident: true })).toEqual([]);
  });
});

describe('heldLeaves', () => {
  it('gives the checks of traceLeaves that held, alone, as fresh objects', () => {
    const leaves: FactCondition[] = [
      { fact: 'attention', operator: 'in', value: ['extreme', 'high'] },
      { fact: 'spread', operator: 'equal', value: 'very-fast' },
      { fact: 'offlineRisk', operator: 'notEqual', value: 'imminent' },
    ];
    const facts: Facts = { attention: 'high', spread: 'slow' };
    const held = heldLeaves(leaves, facts);
    expect(held).toStrictEqual(traceLeaves(leaves, facts).filter((check) => check.result));
    // An absent fact that passes is written as null; a list of values is a copy.
    expect(held).toStrictEqual([
      { fact: 'attention', operator: 'in', value: ['extreme', 'high'], factValue: 'high', result: true },
      { fact: 'offlineRisk', operator: 'notEqual', value: 'imminent', factValue: null, result: true },
    ]);
    expect(held[0]!.value).not.toBe(leaves[0]!.value);
    expect(heldLeaves(leaves, { attention: 'low', spread: 'slow', offlineRisk: 'imminent' })).toEqual([]);
  });
});
