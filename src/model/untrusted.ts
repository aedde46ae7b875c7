import type { Issue } from './errors.js';

/** Bounds on untrusted input (rule files, incidents) checked before any parsing. */
export interface InputLimits {
  maxDepth: number;
  maxNodes: number;
  maxStringLength: number;
}

export const PLAN_LIMITS: InputLimits = { maxDepth: 32, maxNodes: 200_000, maxStringLength: 10_000 };
export const INCIDENT_LIMITS: InputLimits = { maxDepth: 16, maxNodes: 1_000_000, maxStringLength: 10_000 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Finds keys that could pollute prototypes, excessive nesting, size or string length, cycles and non-JSON values. */
export function scanUntrusted(input: unknown, limits: InputLimits): Issue[] {
  const issues: Issue[] = [];
  let nodes = 0;
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (issues.length > 100) return;
    if (++nodes > limits.maxNodes) {
      if (nodes === limits.maxNodes + 1) issues.push({ path: [], code: 'too_big', message: 'input too large', expected: `at most ${limits.maxNodes} values` });
      return;
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) issues.push({ path, code: 'too_big', message: 'string too long', received: `${value.slice(0, 40)}…`, expected: `at most ${limits.maxStringLength} characters` });
      return;
    }
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      issues.push({ path, code: 'invalid_type', message: `a ${typeof value} is not data`, expected: 'JSON values only' });
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) return;
    if (ancestors.has(value)) {
      issues.push({ path, code: 'invalid_type', message: 'the input contains itself (a cycle)', expected: 'a tree of JSON values' });
      return;
    }
    if (path.length >= limits.maxDepth) {
      issues.push({ path, code: 'too_big', message: 'nested too deeply', expected: `at most ${limits.maxDepth} levels` });
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
          issues.push({ path: [...path, key], code: 'forbidden_key', message: `the key "${key}" is not allowed`, expected: 'a key other than __proto__, constructor or prototype' });
        } else {
          visit((value as Record<string, unknown>)[key], [...path, key]);
        }
      }
    }
    ancestors.delete(value);
  };
  visit(input, []);
  return issues;
}
