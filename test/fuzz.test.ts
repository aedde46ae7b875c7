// Property-based and fuzz tests (issue 7): whatever a host or a rule author passes in, the library
// answers with a decision or with a PlanError/IncidentError naming the problems — never a TypeError,
// RangeError or other crash — changes nothing it was given, pollutes no prototype, and answers the
// same input with the same output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runs } from './support/under-stryker.js';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditSchema, audit, DecisionSchema, decide, IncidentError, listPlans, loadPlan, PlanError, type Plan } from '../src/index.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

const IDEOLOGY_PARAMETERS = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '办公室' };
const loadBundled = (id: string): Plan => loadPlan(id, id === 'ideology-emergency' ? { parameters: IDEOLOGY_PARAMETERS } : {});
const PLANS: Plan[] = listPlans().map(({ id }) => loadBundled(id));
const county = loadPlan('county-bureau');

const NOW = '2026-03-02T12:00:00+08:00';

/** A valid incident that exercises every kind of event. */
const RICH_INCIDENT = {
  id: 'inc-fuzz',
  title: '某地网络舆情',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  flags: { massIncident: false, falseReport: true, suspectedCrime: false, mediaInquiry: true },
  exercise: false,
  events: [
    { type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' },
    { type: 'level-set', at: '2026-03-02T09:30:00+08:00', level: 'II', by: 'leading-group' },
    { type: 'indicators-updated', at: '2026-03-02T10:00:00+08:00', indicators: { attention: 'extreme' } },
    { type: 'flags-updated', at: '2026-03-02T10:10:00+08:00', flags: { massIncident: true } },
    { type: 'reply', at: '2026-03-02T10:30:00+08:00', note: '已回应' },
    { type: 'statement', at: '2026-03-02T10:40:00+08:00', by: 'nobody-known' },
    { type: 'subsided', at: '2026-03-02T11:00:00+08:00' },
    { type: 'end-approved', at: '2026-03-02T11:30:00+08:00' },
    { type: 'report', at: '2026-03-03T09:00:00+08:00', to: 'unknown-recipient' },
  ],
};
const MINIMAL_INCIDENT = { id: 'm', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T08:00:00+08:00' };

/** Full plan definitions (templates resolved, defaults in) and rule files as written (with `extends`). */
const PLAN_DEFINITIONS: object[] = PLANS.map((plan) => structuredClone(plan.definition) as object);
const RULE_FILES: object[] = ['county-bureau', 'hrss', 'city-drill'].map((id) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', `${id}.json`), 'utf8')) as object,
);

const ODD_TIMESTAMPS = [
  '2026-02-30T08:00:00+08:00', '2026-02-29T08:00:00+08:00', '2028-02-29T08:00:00+08:00', '2026-13-01T00:00:00+08:00',
  '2026-03-02T08:00:00', '2026-03-02', '2026-03-02T08:00:00Z', '2026-03-02T08:00:00+0800', '2026-03-02T24:00:00+08:00',
  '2026-03-02T23:59:60+08:00', '1900-01-01T00:00:00+08:00', '2999-12-31T23:59:59+08:00', '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00', '2026-03-02T08:00:00.123456789+08:00', '2026-03-02T08:00:00+99:99', '+002026-03-02T08:00:00Z',
  ' 2026-03-02T08:00:00+08:00', '2026-03-02T08:00:00+08:00\n', '２０２６-03-02T08:00:00+08:00', '1e3', '', 'now', 'Invalid Date',
];

// ---------------------------------------------------------------------------------------------
// Mutations of valid inputs

type Path = (string | number)[];
type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'add'; at: number; key: string; value: unknown };

function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Objects with `__proto__`, `constructor` and `prototype` keys, built the way a JSON parser builds them. */
const POISON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"a":{"__proto__":{"polluted":"yes","toString":1}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
];
const poisonArb = fc.constantFrom(...POISON).map((text) => JSON.parse(text) as unknown);

const HUGE = ['x'.repeat(10_001), '舆'.repeat(50_000), 'a'.repeat(200_000)];

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, Number.NaN, Infinity, -Infinity, '', [], {}, undefined),
  fc.constantFrom(...HUGE),
  fc.integer({ min: 8, max: 80 }).map((depth) => nested(depth)),
  fc.constantFrom(...ODD_TIMESTAMPS),
  fc.string(),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
  fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('9998-01-01T00:00:00Z'), noInvalidDate: false }),
  poisonArb,
);

const keyArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'path', 'params', 'extends', 'overrides', 'remove', 'fact', 'operator', 'all', 'any', 'not', 'condition'),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: valueArb }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: keyArb, value: valueArb }),
);

function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => allPaths(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const key of Object.keys(value)) allPaths((value as Record<string, unknown>)[key], [...prefix, key], out);
  }
  return out;
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** Sets an own, enumerable property, even for the key `__proto__` (as JSON.parse does). */
function put(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `base` with the mutations applied, each at a path chosen among the copy's current ones. */
function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(base);
  for (const m of mutations) {
    const paths = allPaths(root);
    const path = paths[m.at % paths.length] as Path;
    if (m.op === 'add') {
      // Into the nearest plain object at or above the chosen path.
      for (let n = path.length; n >= 0; n--) {
        const target = at(root, path.slice(0, n));
        if (target !== null && typeof target === 'object' && !Array.isArray(target) && !(target instanceof Date)) {
          put(target, m.key, m.value);
          break;
        }
      }
      continue;
    }
    if (path.length === 0) {
      if (m.op === 'set') root = m.value;
      continue;
    }
    const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1] as string | number;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else {
      put(parent, key, m.value);
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// What every call must do

type Outcome = { kind: 'value'; value: unknown } | { kind: 'error'; name: string; code: string; issues: { path: Path; code: string; message: string }[] };

/** Runs `call`; a PlanError/IncidentError must carry issues with paths and messages; anything else thrown fails the property. */
function outcome(call: () => unknown): Outcome {
  try {
    return { kind: 'value', value: call() };
  } catch (error) {
    if (!(error instanceof PlanError || error instanceof IncidentError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
    expect(error.message.length).toBeGreaterThan(0);
    return { kind: 'error', name: error.name, code: error.code, issues: error.issues.map(({ path, code, message }) => ({ path, code, message })) };
  }
}

// A time after 9999-12-31 (a deadline late enough) is written in ISO 8601's expanded form, +YYYYYY.
const OUTPUT_TIMESTAMP = /^(\d{4}|\+\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/;

/** Every timestamp the library writes is ISO 8601 with an offset. */
function expectTimestamps(value: unknown, key = ''): void {
  if (typeof value === 'string' && /(At|^now|^at)$/.test(key)) expect(value, key).toMatch(OUTPUT_TIMESTAMP);
  else if (Array.isArray(value)) value.forEach((item) => expectTimestamps(item));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectTimestamps(v, k);
}

/** decide and audit on (plan, incident, options): allowed outcomes, nothing mutated, the same answer twice. */
function checkDecide(plan: Plan, incident: unknown, options: unknown): Outcome {
  const before = structuredClone({ incident, options });
  const first = outcome(() => decide(plan, incident, options as { now: string }));
  const again = outcome(() => decide(plan, incident, options as { now: string }));
  expect(again).toEqual(first);
  if (first.kind === 'value') {
    expect(DecisionSchema.safeParse(first.value).success).toBe(true);
    expectTimestamps(first.value);
  }
  const audited = outcome(() => audit(plan, incident, options as { now: string }));
  expect(audited.kind).toBe(first.kind);
  if (audited.kind === 'value') expect(AuditSchema.safeParse(audited.value).success).toBe(true);
  else expect(audited).toEqual(first);
  expect({ incident, options }).toEqual(before);
  return first;
}

/** loadPlan on (source, options): allowed outcomes, nothing mutated, the same answer twice; a plan that loads can be decided on. */
function checkLoad(source: unknown, options?: unknown): Outcome {
  const before = structuredClone({ source, options });
  const load = () => loadPlan(source as object, options as undefined);
  const first = outcome(load);
  const again = outcome(load);
  expect(again.kind).toBe(first.kind);
  if (first.kind === 'error') expect(again).toEqual(first);
  else {
    expect((again as { value: Plan }).value.definition).toEqual((first.value as Plan).definition);
    checkDecide(first.value as Plan, RICH_INCIDENT, { now: NOW });
    checkDecide(first.value as Plan, MINIMAL_INCIDENT, { now: NOW });
  }
  expect({ source, options }).toEqual(before);
  return first;
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.toString.call({})).toBe('[object Object]');
}

afterAll(expectNoPollution);

// Random inputs each run; under mutation testing (Stryker) the same ones, so a mutant's fate is reproducible.

const planArb = fc.constantFrom(...PLANS);
const nowArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(NOW),
  fc.constantFrom('2026-03-02T09:00:00+08:00', '2026-03-02T09:29:59+08:00', '2026-03-03T00:00:00Z', '2026-04-01T00:00:00+08:00'),
  fc.date({ min: new Date('2026-03-01T00:00:00Z'), max: new Date('2026-04-01T00:00:00Z'), noInvalidDate: false }),
  fc.constantFrom(...ODD_TIMESTAMPS),
  fc.jsonValue({ maxDepth: 1 }),
);

// ---------------------------------------------------------------------------------------------

describe('fuzz: incidents', { timeout: 30_000 }, () => {
  it('any JSON value as the incident yields a decision or an IncidentError', () => {
    fc.assert(
      fc.property(planArb, fc.jsonValue({ maxDepth: 4 }), (plan, incident) => {
        checkDecide(plan, incident, { now: NOW });
      }),
      { numRuns: runs(300) },
    );
  });

  it('JSON-shaped objects with the incident keys, any values, yield a decision or an IncidentError', () => {
    const incidentLike = fc.record(
      {
        id: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        occurredAt: fc.oneof(fc.constantFrom(...ODD_TIMESTAMPS), fc.string()),
        discoveredAt: fc.oneof(fc.constantFrom(...ODD_TIMESTAMPS), fc.string()),
        indicators: fc.dictionary(fc.constantFrom('attention', 'spread', 'reach', 'foreignMedia', 'offlineRisk', 'x'), fc.constantFrom('high', 'extreme', 'none', 'fast', 'wide', 1, null)),
        flags: fc.dictionary(fc.constantFrom('massIncident', 'falseReport', 'suspectedCrime', 'mediaInquiry', 'y'), fc.oneof(fc.boolean(), fc.constant('true'))),
        exercise: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
        events: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(planArb, incidentLike, nowArb, (plan, incident, now) => void checkDecide(plan, incident, { now })), { numRuns: runs(300) });
  });

  it('a valid incident with fields deleted, retyped, huge, deeply nested or with odd timestamps yields a decision or an IncidentError', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom<object>(RICH_INCIDENT, MINIMAL_INCIDENT), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), nowArb, (plan, base, mutations, now) => {
        checkDecide(plan, mutate(base, mutations), { now });
      }),
      { numRuns: runs(400) },
    );
    expectNoPollution();
  });

  it('valid incidents with any number of generated events in any order give the same decision for the same events, whatever their order', () => {
    const eventArb = fc.record({
      type: fc.constantFrom('report', 'reply', 'statement', 'monitor', 'subsided', 'level-set', 'indicators-updated', 'flags-updated', 'end-approved', 'end-proposed'),
      at: fc.integer({ min: 0, max: 48 * 60 }).map((minutes) => new Date(Date.parse('2026-03-02T01:00:00Z') + minutes * 60_000).toISOString().replace('.000Z', 'Z')),
      to: fc.constantFrom(undefined, 'leading-group', 'office', 'county-propaganda', 'nowhere'),
      level: fc.constantFrom('I', 'II', 'III', 'IV'),
      indicators: fc.constant({ attention: 'extreme' }),
      flags: fc.constant({ massIncident: true }),
    }).map(({ type, at, to, level, indicators, flags }) => ({
      type,
      at,
      ...(to !== undefined && ['report', 'reply', 'statement', 'monitor'].includes(type) ? { to } : {}),
      ...(type === 'level-set' ? { level } : {}),
      ...(type === 'indicators-updated' ? { indicators } : {}),
      ...(type === 'flags-updated' ? { flags } : {}),
    }));
    fc.assert(
      fc.property(planArb, fc.array(eventArb, { maxLength: 12 }), fc.integer({ min: 0, max: 60 }), (plan, events, hours) => {
        const incident = { ...MINIMAL_INCIDENT, events };
        const now = new Date(Date.parse('2026-03-02T00:00:00Z') + hours * 3_600_000);
        const forward = checkDecide(plan, incident, { now });
        const backward = checkDecide(plan, { ...incident, events: [...events].reverse() }, { now });
        expect(backward.kind).toBe(forward.kind);
        if (forward.kind === 'value' && backward.kind === 'value') {
          const strip = (d: unknown) => {
            const { warnings: _w, explanation: _e, ...rest } = d as Record<string, unknown>;
            return rest;
          };
          expect(strip(backward.value)).toEqual(strip(forward.value));
        }
      }),
      { numRuns: runs(120) },
    );
  });

  it('any value as the options, or as the plan argument, yields an IncidentError or a PlanError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), (options) => void checkDecide(county, RICH_INCIDENT, options)),
      { numRuns: runs(200) },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...PLAN_DEFINITIONS)), (notAPlan) => {
        const result = outcome(() => decide(notAPlan as Plan, RICH_INCIDENT, { now: NOW }));
        expect(result).toMatchObject({ kind: 'error', name: 'PlanError' });
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('fuzz: plans', { timeout: 30_000 }, () => {
  it('any JSON value as the plan yields a Plan or a PlanError', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (source) => void checkLoad(source)), { numRuns: runs(300) });
  });

  it('a valid plan with fields deleted, retyped, huge or deeply nested yields a Plan or a PlanError, and a Plan that loads can be decided on', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLAN_DEFINITIONS, ...RULE_FILES), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (base, mutations) => {
        checkLoad(mutate(base, mutations));
      }),
      { numRuns: runs(200) },
    );
    expectNoPollution();
  });

  it('any value as loadPlan options (parameters, templates) yields a Plan or a PlanError', () => {
    const optionsArb = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ parameters: fc.dictionary(fc.constantFrom('phoneReportMinutes', 'writtenReportHours', 'verifyHours', 'officeDepartment', 'other'), fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.string(), fc.jsonValue({ maxDepth: 1 }))) }, { requiredKeys: [] }),
      // A null template is the known crash below: generated apart from it.
      fc.record({ templates: fc.dictionary(fc.constantFrom('seven-step-procedure', 'mine'), fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null)) }, { requiredKeys: [] }),
    );
    fc.assert(fc.property(fc.constantFrom('ideology-emergency', 'county-bureau', ...RULE_FILES), optionsArb, (source, options) => void checkLoad(source, options)), { numRuns: runs(150) });
  });

  // A huge offset once made a RangeError ("Invalid time value") when the deadline was computed.
  it('any ISO 8601 duration as a deadline, for an incident in any year 0001–9999, yields a PlanError or a decision', () => {
    const count = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 200 }).map(String), fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.constantFrom('36500', '876000', '99999999999999999999'));
    const durationArb = fc.tuple(count, count, count, count, count, count, count).map(([y, mo, w, d, h, mi, sec]) => {
      const time = `${h && `${h}H`}${mi && `${mi}M`}${sec && `${sec}S`}`;
      return `P${y && `${y}Y`}${mo && `${mo}M`}${w && `${w}W`}${d && `${d}D`}${time && `T${time}`}`;
    });
    const county = PLAN_DEFINITIONS[listPlans().findIndex((p) => p.id === 'county-bureau')] as { obligations: { offset: string | null }[] };
    const timeArb = fc.date({ min: new Date('0001-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(durationArb, timeArb, (offset, at) => {
        const source = structuredClone(county);
        for (const o of source.obligations) if (o.offset !== null) o.offset = offset;
        const loaded = checkLoad(source);
        if (loaded.kind === 'value') checkDecide(loaded.value as Plan, { id: 'i', occurredAt: at, discoveredAt: at, indicators: { attention: 'extreme' } }, { now: at });
      }),
      { numRuns: runs(200) },
    );
  });

  // Found by this suite: a null template once crashed resolveExtends with a TypeError.
  it('a null template in options.templates is a PlanError, not a TypeError', () => {
    const ruleFile = RULE_FILES[0] as object; // county-bureau, which extends seven-step-procedure
    expect(() => loadPlan(ruleFile, { templates: { 'seven-step-procedure': null as unknown as object } })).toThrow(PlanError);
  });
});

describe('fuzz: prototype pollution', { timeout: 30_000 }, () => {
  it('keys __proto__, constructor and prototype (as JSON.parse makes them) anywhere in an incident or a plan pollute nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<object>(RICH_INCIDENT, ...PLAN_DEFINITIONS.slice(0, 2), ...RULE_FILES.slice(0, 1)),
        fc.array(fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: fc.oneof(poisonArb, fc.jsonValue({ maxDepth: 2 })) }), { minLength: 1, maxLength: 3 }),
        (base, mutations) => {
          const input = mutate(base, mutations);
          const result = base === RICH_INCIDENT ? checkDecide(county, input, { now: NOW }) : checkLoad(input);
          // A key that could pollute a prototype is refused, never followed.
          expect(result).toMatchObject({ kind: 'error' });
          expectNoPollution();
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('parsed JSON text with __proto__ at the root, as incident, plan, options and parameters', () => {
    for (const text of POISON) {
      const value = JSON.parse(text) as object;
      checkDecide(county, value, { now: NOW });
      checkDecide(county, RICH_INCIDENT, value);
      checkLoad(value);
      checkLoad('ideology-emergency', { parameters: value });
      checkLoad('county-bureau', { templates: value });
    }
    expectNoPollution();
  });
});
