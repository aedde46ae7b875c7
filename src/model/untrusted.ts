import type { Issue } from './errors.js';

/** Bounds on untrusted input (rule files, incidents) checked before any parsing. */
export interface InputLimits {
  maxDepth: number;
  maxNodes: number;
  maxStringLength: number;
  /** The longest array: longer ones are refused before any item is read (the schemas' own maxima are smaller still). */
  maxArrayLength?: number;
}

export const PLAN_LIMITS: InputLimits = { maxDepth: 32, maxNodes: 200_000, maxStringLength: 10_000, maxArrayLength: 10_000 };
export const INCIDENT_LIMITS: InputLimits = { maxDepth: 16, maxNodes: 1_000_000, maxStringLength: 10_000, maxArrayLength: 100_000 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** An object made by `{}`, JSON.parse or Object.create(null), in any realm: not an array, class instance, Map, Set, typed array or boxed value. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || isRevoked(value) || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** An array of any realm that is not an instance of a subclass (Array.prototype is itself an array). */
const isPlainArray = (value: unknown[]): boolean => Array.isArray(Object.getPrototypeOf(value));

/** Node's own test for a Proxy (Node ≥ 20.16, SES included); null elsewhere, where structuredClone finds them. */
export function proxyTest(): ((value: object) => boolean) | null {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const util = typeof host.process?.getBuiltinModule === 'function' ? (host.process.getBuiltinModule('node:util') as { types: { isProxy: (value: object) => boolean } }) : null;
  return util ? util.types.isProxy : null;
}

const PROXY_MESSAGE = 'a Proxy (e.g. a reactive object of a UI framework) is not plain data';
const PROXY_EXPECTED = 'plain objects and arrays: pass a plain copy (e.g. toRaw() or JSON.parse(JSON.stringify(value)))';

const copies = (value: object): boolean => {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
};

/** Whether an object is a revoked Proxy, where nothing else can tell: every look at it throws a TypeError. */
export function isRevoked(value: object): boolean {
  try {
    Array.isArray(value);
    return false;
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: Array.isArray throws nothing but a TypeError.
    return error instanceof TypeError;
  }
}

/** The path of the innermost object that structuredClone refuses (a Proxy: it cannot be told apart otherwise); null when it copies. */
function uncopyable(value: object, path: (string | number)[]): (string | number)[] | null {
  if (copies(value)) return null;
  const keys: (string | number)[] = Array.isArray(value) ? [...value.keys()] : Object.keys(value);
  for (const key of keys) {
    const child: unknown = (value as Record<string | number, unknown>)[key];
    const inner = child !== null && typeof child === 'object' ? uncopyable(child, [...path, key]) : null;
    if (inner) return inner;
  }
  return path;
}

/** Finds keys that could pollute prototypes, excessive nesting, size or string length, cycles, non-JSON values, and objects that are not plain data (Map, Set, typed arrays, class instances, Proxies). */
export function scanUntrusted(input: unknown, limits: InputLimits): Issue[] {
  const issues: Issue[] = [];
  let nodes = 0;
  const ancestors = new Set<object>();
  const isProxy = proxyTest();
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
    if (value === null || typeof value !== 'object') return;
    // Before anything else reads it: a revoked Proxy throws on every look.
    if (isProxy?.(value) || isRevoked(value)) {
      issues.push({ path, code: 'invalid_type', message: PROXY_MESSAGE, expected: PROXY_EXPECTED });
      return;
    }
    if (value instanceof Date) return;
    if (Array.isArray(value) ? !isPlainArray(value) : !isPlainObject(value)) {
      const kind = Object.prototype.toString.call(value).slice(8, -1);
      issues.push({ path, code: 'invalid_type', message: `${kind === 'Object' || kind === 'Array' ? 'an instance of a class' : `an object of type ${kind}`} is not plain data`, expected: 'plain objects, arrays and JSON values' });
      return;
    }
    if (ancestors.has(value)) {
      issues.push({ path, code: 'invalid_type', message: 'the input contains itself (a cycle)', expected: 'a tree of JSON values' });
      return;
    }
    if (path.length >= limits.maxDepth) {
      issues.push({ path, code: 'too_big', message: 'nested too deeply', expected: `at most ${limits.maxDepth} levels` });
      return;
    }
    if (Array.isArray(value) && value.length > (limits.maxArrayLength ?? Infinity)) {
      issues.push({ path, code: 'too_big', message: 'list too long', received: `${value.length} items`, expected: `at most ${limits.maxArrayLength} items` });
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value)) {
      // Every slot, holes included (forEach skips them): a sparse array is not JSON data.
      for (let i = 0; i < value.length && issues.length <= 100 && nodes <= limits.maxNodes; i++) {
        if (!(i in value)) {
          nodes++;
          issues.push({ path: [...path, i], code: 'invalid_type', message: 'a hole in a sparse array is not data', expected: 'JSON values only' });
        } else {
          visit(value[i], [...path, i]);
        }
      }
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
  // A getter or a Proxy trap that throws is the host's own error: it propagates as thrown.
  visit(input, []);
  // Without Node's test, a Proxy looks like the data it wraps; only structuredClone refuses it (a full copy: slower).
  return issues.length > 0 || isProxy ? issues : proxyIssues(input);
}

/** The issue of a Proxy in plain-looking data (structuredClone refuses it with DataCloneError; nothing else tells it apart), or none. */
export function proxyIssues(input: unknown, path: (string | number)[] = []): Issue[] {
  const at = input !== null && typeof input === 'object' ? uncopyable(input, path) : null;
  return at ? [{ path: at, code: 'invalid_type', message: PROXY_MESSAGE, expected: PROXY_EXPECTED }] : [];
}
