import { describe, expect, it } from 'vitest';
import { conditionDepth, RootConditionSchema, type Condition } from './condition.js';
import { scanUntrusted } from './untrusted.js';

const fact = { fact: 'massIncident', operator: 'equal', value: true } as const;

describe('conditionDepth', () => {
  it('counts each all, any and not as a level, and a fact or a named condition as one', () => {
    expect(conditionDepth(fact)).toBe(1);
    expect(conditionDepth({ condition: 'hot' })).toBe(1);
    expect(conditionDepth({ all: [] })).toBe(1);
    expect(conditionDepth({ not: { not: fact } })).toBe(3);
    const nested: Condition = { any: [fact, { all: [{ not: fact }, fact] }] };
    expect(conditionDepth(nested)).toBe(4);
  });
});

describe('RootConditionSchema', () => {
  it('refuses a bare fact comparison at the root, and says what the root may be', () => {
    const parsed = RootConditionSchema.safeParse(fact);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('the root of a condition must be "all", "any", "not" or "condition"');
    expect(RootConditionSchema.safeParse({ all: [fact] }).success).toBe(true);
  });
});

describe('scanUntrusted', () => {
  it('counts values up to the limit exactly', () => {
    const limits = { maxDepth: 8, maxNodes: 4, maxStringLength: 100 };
    expect(scanUntrusted([1, 2, 3], limits)).toEqual([]);
    // The last value allowed is still checked.
    expect(scanUntrusted([1, 2, 'x'.repeat(101)], limits)).toEqual([
      { path: [2], code: 'too_big', message: 'string too long', received: `${'x'.repeat(40)}…`, expected: 'at most 100 characters' },
    ]);
    expect(scanUntrusted([1, 2, 3, 4], limits)).toEqual([{ path: [], code: 'too_big', message: 'input too large', expected: 'at most 4 values' }]);
  });
});
