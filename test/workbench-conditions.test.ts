import { describe, expect, it } from 'vitest';
import { loadPlan } from '../src/index';
import { conditionWords, holdsAtLevel, type ConditionVocabulary } from '../workbench/src/conditions';

const vocabulary = (named: Record<string, unknown> = {}): ConditionVocabulary => ({
  named: new Map(Object.entries(named)),
  factLabel: (name) => ({ attention: '关注度', massIncident: '群体性事件', levelRank: '级别序号' })[name] ?? name,
  valueLabel: (name, value) => (name === 'attention' ? ({ high: '高', extreme: '极高' })[value] ?? value : value),
});

describe('workbench conditions in words', () => {
  it('writes comparisons with labels', () => {
    const words = vocabulary();
    expect(conditionWords({ fact: 'attention', operator: 'equal', value: 'high' }, words)).toBe('关注度为高');
    expect(conditionWords({ fact: 'attention', operator: 'in', value: ['extreme', 'high'] }, words)).toBe('关注度为极高或高');
    expect(conditionWords({ fact: 'attention', operator: 'notIn', value: ['extreme', 'high'] }, words)).toBe('关注度不为极高、高');
    expect(conditionWords({ fact: 'massIncident', operator: 'equal', value: true }, words)).toBe('群体性事件为是');
    expect(conditionWords({ fact: 'massIncident', operator: 'notEqual', value: false }, words)).toBe('群体性事件不为否');
    expect(conditionWords({ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }, words)).toBe('级别序号 ≤ 2');
    expect(conditionWords({ fact: 'reposts', operator: 'greaterThan', value: 1000 }, words)).toBe('reposts > 1000');
  });

  it('joins all with 且 and any with 或, spells out named conditions, brackets nested groups', () => {
    const words = vocabulary({ hot: { any: [{ fact: 'attention', operator: 'equal', value: 'extreme' }, { fact: 'massIncident', operator: 'equal', value: true }] } });
    expect(conditionWords({ all: [{ condition: 'hot' }, { fact: 'levelRank', operator: 'lessThan', value: 3 }] }, words)).toBe('（关注度为极高；或群体性事件为是），且级别序号 < 3');
    expect(conditionWords({ not: { fact: 'attention', operator: 'equal', value: 'high' } }, words)).toBe('并非（关注度为高）');
    expect(conditionWords({ all: [] }, words)).toBe('（总是成立）');
    expect(conditionWords({ condition: 'missing' }, words)).toBe('〔missing〕');
    expect(conditionWords(null, words)).toBe('（无法解读的条件）');
  });

  it('stops at a named condition that names itself', () => {
    const words = vocabulary({ loop: { condition: 'loop' } });
    expect(conditionWords({ condition: 'loop' }, words)).toBe('（无法解读的条件）');
  });

  it('words a bundled plan’s criteria with its fact labels', () => {
    const plan = loadPlan('city-drill');
    const rule = plan.definition.classification.find((r) => r.level === 'I')!;
    const text = conditionWords(rule.conditions, { ...vocabulary(plan.definition.conditions as Record<string, unknown>), valueLabel: (_n, v) => v });
    expect(text).toContain('关注度为extreme');
    expect(text).not.toContain('reaches-row-i');
  });
});

describe('workbench conditions at a level', () => {
  const named = new Map<string, unknown>([['severe', { any: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] }]]);

  it('decides conditions on the level alone', () => {
    expect(holdsAtLevel(undefined, { level: 'I', levelRank: 1 }, named)).toBe(true);
    expect(holdsAtLevel({ condition: 'severe' }, { level: 'I', levelRank: 1 }, named)).toBe(true);
    expect(holdsAtLevel({ condition: 'severe' }, { level: 'III', levelRank: 3 }, named)).toBe(false);
    expect(holdsAtLevel({ fact: 'level', operator: 'in', value: ['I', 'II'] }, { level: 'II', levelRank: 2 }, named)).toBe(true);
    expect(holdsAtLevel({ fact: 'level', operator: 'notEqual', value: 'II' }, { level: 'II', levelRank: 2 }, named)).toBe(false);
    expect(holdsAtLevel({ fact: 'levelRank', operator: 'greaterThan', value: 1 }, { level: 'II', levelRank: 2 }, named)).toBe(true);
    expect(holdsAtLevel({ not: { fact: 'levelRank', operator: 'greaterThanInclusive', value: 2 } }, { level: 'II', levelRank: 2 }, named)).toBe(false);
  });

  it('leaves open what depends on other facts, unless the level settles it', () => {
    const hot = { fact: 'massIncident', operator: 'equal', value: true };
    const at1 = { level: 'I', levelRank: 1 };
    expect(holdsAtLevel(hot, at1, named)).toBeNull();
    expect(holdsAtLevel({ all: [hot, { condition: 'severe' }] }, at1, named)).toBeNull();
    expect(holdsAtLevel({ all: [hot, { condition: 'severe' }] }, { level: 'IV', levelRank: 4 }, named)).toBe(false);
    expect(holdsAtLevel({ any: [hot, { condition: 'severe' }] }, at1, named)).toBe(true);
    expect(holdsAtLevel({ not: hot }, at1, named)).toBeNull();
    expect(holdsAtLevel({ condition: 'unknown' }, at1, named)).toBeNull();
  });

  it('finds the recipients a bundled plan reports to at each level', () => {
    const plan = loadPlan('county-bureau');
    const definedNamed = new Map(Object.entries(plan.definition.conditions ?? {}));
    const at = (o: (typeof plan.definition.obligations)[number], levelRank: number) => holdsAtLevel(o.when, { level: ['I', 'II', 'III', 'IV'][levelRank - 1]!, levelRank }, definedNamed);
    // 及时听取县委县政府的会商措施: at levels I and II only (级别序号 ≤ 2).
    const consult = plan.definition.obligations.find((o) => o.title === '及时听取县委县政府的会商措施')!;
    expect([1, 2, 3, 4].map((rank) => at(consult, rank))).toEqual([true, true, false, false]);
    // Every duty without a condition holds at every level.
    for (const o of plan.definition.obligations.filter((x) => x.when === undefined)) expect(at(o, 4)).toBe(true);
  });
});
