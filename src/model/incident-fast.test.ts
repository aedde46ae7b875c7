import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseWith } from './errors.js';
import { readCommonIncident } from './incident-fast.js';
import { IncidentSchema } from './incident.js';

const isProxy = types.isProxy;

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** A value with its keys in order and undefined kept: toStrictEqual does not compare key order, the output's JSON does. */
function dump(value: unknown): unknown {
  if (value === undefined) return '(undefined)';
  if (Array.isArray(value)) return value.map(dump);
  if (value !== null && typeof value === 'object') return Object.keys(value).map((k) => [k, dump((value as Record<string, unknown>)[k])]);
  return value;
}

const AT = ['2026-03-02T09:00:00+08:00', '2026-03-02T09:10:00Z', '2026-03-02T09:20:30.5+08:00', '2026-03-02T01:20:00-05:30', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999+08:00'];
const STEPS = ['report', 'reply', 'rebut', 'monitor', 'evaluate', 'claim', 'drill-start', 'X', 'IV'];
const INDICATORS: Record<string, string[]> = { attention: ['extreme', 'low'], spread: ['fast', 'slow'], reach: ['wide'], foreignMedia: ['none'], offlineRisk: ['possible'], mood: ['angry', 'calm'] };
const FLAGS = ['massIncident', 'falseReport', 'pressConference', 'ownFlag'];

function indicators(r: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(INDICATORS)) if (r() < 0.4) out[name] = pick(r, values);
  return out;
}
function flags(r: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of FLAGS) if (r() < 0.4) out[name] = r() < 0.5;
  return out;
}

/** A valid event of each kind the incident model has. */
function event(r: () => number): Record<string, unknown> {
  const at = pick(r, AT);
  const by = pick(r, [undefined, 'office', ['office', 'leading-group']]);
  const common = { at, ...(by === undefined ? {} : { by }), ...(r() < 0.2 ? { note: '备注' } : {}) };
  switch (Math.floor(r() * 8)) {
    case 0:
      return { type: pick(r, ['level-set', 'warning-issued', 'warning-adjusted']), level: pick(r, ['I', 'II']), ...common };
    case 1:
      return { type: 'indicators-updated', indicators: indicators(r), ...common };
    case 2:
      return { type: 'flags-updated', flags: flags(r), ...common };
    case 3:
      return { type: 'metrics-updated', metrics: { reposts: Math.floor(r() * 1e6), score: r() }, ...common };
    case 4:
      return { type: 'extended', obligation: 'reply', duration: 'PT12H', ...common };
    case 5:
      return { type: pick(r, ['subsided', 'warning-lifted', 'end-proposed', 'end-approved', 'evaluated']), ...common };
    default:
      return { ...common, type: pick(r, STEPS), ...(r() < 0.5 ? { to: 'propaganda' } : {}), ...(r() < 0.2 ? { subject: '科目一' } : {}) };
  }
}

function incident(r: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: `case-${Math.floor(r() * 1000)}`, occurredAt: pick(r, AT), discoveredAt: pick(r, AT) };
  if (r() < 0.3) out.title = '标题';
  if (r() < 0.7) out.indicators = indicators(r);
  if (r() < 0.5) out.flags = flags(r);
  if (r() < 0.2) out.metrics = { reposts: 10 };
  if (r() < 0.3) out.exercise = r() < 0.5;
  if (r() < 0.8) out.events = Array.from({ length: Math.floor(r() * 6) }, () => event(r));
  return out;
}

/** Paths to every object, array and value of a JSON-like tree. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, Array.isArray(value) ? Number(k) : k]));
  return out;
}
const parentOf = (root: unknown, path: (string | number)[]): Record<string | number, unknown> => path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;

const ODD_VALUES: unknown[] = [undefined, null, '', 'x'.repeat(201), 'x'.repeat(2001), 0, -1, 1.5, Number.NaN, Infinity, true, [], {}, ['a'], [1], new Date(0), '2026-02-30T09:00:00+08:00', '2026-03-02 09:00', 'I', 'report', 'extended', 'level-set', 'Report', 'constructor', new Map(), Object.create(null) as object];

/** One change to a valid incident: a value replaced, a field deleted or added, an object made odd. */
function mutate(r: () => number, root: Record<string, unknown>): void {
  const all = paths(root).filter((p) => p.length > 0);
  const path = pick(r, all);
  const parent = parentOf(root, path);
  const key = path[path.length - 1] as string | number;
  switch (Math.floor(r() * 6)) {
    case 0:
      parent[key] = pick(r, ODD_VALUES);
      break;
    case 1:
      if (Array.isArray(parent)) parent.length = 0;
      else delete parent[key];
      break;
    case 2: {
      const target = parent[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[pick(r, ['extra', 'to', 'level', 'indicators', 'type', 'at', 'mood', 'massIncident', 'metrics', 'by'])] = pick(r, ODD_VALUES);
      else parent[key] = pick(r, ODD_VALUES);
      break;
    }
    case 3: {
      // Not enumerable: zod reads a field by name, Object.keys does not list it.
      if (!Array.isArray(parent)) Object.defineProperty(parent, key, { value: parent[key], enumerable: false });
      break;
    }
    case 4: {
      const target = parent[key];
      if (target !== null && typeof target === 'object') parent[key] = Array.isArray(target) ? Object.assign([...(target as unknown[])], { length: (target as unknown[]).length + 1 }) : Object.assign(Object.create(null) as object, target);
      break;
    }
    default: {
      const target = parent[key];
      if (target !== null && typeof target === 'object') parent[key] = r() < 0.5 ? new Proxy(target, {}) : Object.assign(Object.create({ inherited: true }) as object, target);
    }
  }
}

/** The fast path and IncidentSchema agree: the fast path accepts only what zod accepts, with the same result (keys in order). */
function agree(input: unknown): 'fast' | 'full' {
  const fast = readCommonIncident(input, isProxy);
  const zod = parseWith(IncidentSchema, input);
  if (fast === null) return 'full';
  expect(zod.success).toBe(true);
  expect(dump(fast)).toStrictEqual(dump(zod.success ? zod.data : null));
  return 'fast';
}

describe('the direct check of a plain incident', () => {
  it('accepts every valid generated incident, giving what IncidentSchema gives', () => {
    const r = rng(1);
    for (let i = 0; i < 1500; i++) expect(agree(incident(r))).toBe('fast');
  });

  it('accepts nothing that IncidentSchema refuses, on many changed incidents, and gives the same value where it accepts', () => {
    const r = rng(2);
    const seen = { fast: 0, full: 0 };
    for (let i = 0; i < 3000; i++) {
      const input = incident(r);
      for (let k = 1 + Math.floor(r() * 2); k > 0; k--) mutate(r, input);
      seen[agree(input)]++;
    }
    // Both outcomes occur: the changes are neither all harmless nor all refused.
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen.full).toBeGreaterThan(1000);
  });

  it('gives fresh objects, the shared facts first and in the vocabulary order, defaults where absent', () => {
    const given = { events: [{ at: AT[0], type: 'indicators-updated', indicators: { mood: 'angry', spread: 'fast', attention: 'low' } }], discoveredAt: AT[0], id: 'a', occurredAt: AT[0], flags: { ownFlag: true, massIncident: false } };
    const parsed = readCommonIncident(given, isProxy)!;
    expect(JSON.stringify(parsed)).toBe('{"id":"a","occurredAt":"2026-03-02T09:00:00+08:00","discoveredAt":"2026-03-02T09:00:00+08:00","indicators":{},"flags":{"massIncident":false,"ownFlag":true},"exercise":false,"events":[{"type":"indicators-updated","indicators":{"attention":"low","spread":"fast","mood":"angry"},"at":"2026-03-02T09:00:00+08:00"}]}');
    expect(parsed.events).not.toBe(given.events);
    expect(parsed.events[0]).not.toBe(given.events[0]);
    expect(parsed.flags).not.toBe(given.flags);
  });

  it('keeps a field given as undefined as zod does: optional ones as undefined, defaulted ones at their default', () => {
    const parsed = readCommonIncident({ id: 'a', title: undefined, occurredAt: AT[0], discoveredAt: AT[0], indicators: undefined, flags: undefined, metrics: undefined, exercise: undefined, events: undefined }, isProxy)!;
    expect(dump(parsed)).toStrictEqual(dump(IncidentSchema.parse({ id: 'a', title: undefined, occurredAt: AT[0], discoveredAt: AT[0], metrics: undefined })));
    expect('title' in parsed && 'metrics' in parsed).toBe(true);
  });

  it('leaves to the full path what is not plain data or not of the common shape', () => {
    const valid = { id: 'a', occurredAt: AT[0], discoveredAt: AT[0] };
    expect(readCommonIncident(new Proxy(valid, {}), isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: new Proxy([], {}) }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'report', at: AT[0], by: new Proxy(['office'], {}) }] }, isProxy)).toBeNull();
    expect(readCommonIncident(JSON.parse('{"id":"a","occurredAt":"2026-03-02T09:00:00Z","discoveredAt":"2026-03-02T09:00:00Z","__proto__":{}}'), isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, indicators: { constructor: 'x' } }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'report', at: AT[0], by: [] }] }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'report', at: AT[0], by: Array.from({ length: 21 }, () => 'a') }] }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, metrics: { [Symbol('s')]: 1 } }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'level-set', at: AT[0] }] }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'nonsense-Type', at: AT[0] }] }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 3, at: AT[0] }] }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'report' }] }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, extra: 1 }, isProxy)).toBeNull();
    const revoked = (target: object): object => {
      const { proxy, revoke } = Proxy.revocable(target, {});
      revoke();
      return proxy;
    };
    expect(readCommonIncident(revoked({}), isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: revoked([]) }, isProxy)).toBeNull();
    expect(readCommonIncident({ ...valid, events: [{ type: 'report', at: AT[0], by: revoked([]) }] }, isProxy)).toBeNull();
    expect(readCommonIncident([valid], isProxy)).toBeNull();
    expect(readCommonIncident(null, isProxy)).toBeNull();
  });

  it('counts the values it reads as scanUntrusted does: an incident over the limit goes the full path', () => {
    const events = Array.from({ length: 100_000 }, () => ({ type: 'report', at: AT[0], by: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }));
    expect(readCommonIncident({ id: 'a', occurredAt: AT[0], discoveredAt: AT[0], events }, isProxy)).toBeNull();
    expect(readCommonIncident({ id: 'a', occurredAt: AT[0], discoveredAt: AT[0], events: events.slice(0, 1000) }, isProxy)?.events).toHaveLength(1000);
    // Counted by keys too: one event of 13 values, 100 000 times.
    const shared = { type: 'indicators-updated', at: AT[0], indicators: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`own${i}`, 'x'])) };
    expect(readCommonIncident({ id: 'a', occurredAt: AT[0], discoveredAt: AT[0], events: Array.from({ length: 100_000 }, () => shared) }, isProxy)).toBeNull();
  });

  it('lets a getter that throws throw, as the full path does', () => {
    const input = {
      id: 'a',
      occurredAt: AT[0],
      get discoveredAt(): string {
        throw new RangeError('host bug');
      },
    };
    expect(() => readCommonIncident(input, isProxy)).toThrow(RangeError);
  });
});
