// Rule files and incidents are untrusted input (issue 7, docs/security.md): a rule file is data that
// json-rules-engine's condition format describes, never code; each limit is checked with a clear
// error; and timestamps are exact, with an offset and a real calendar date.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit, decide, IncidentError, loadPlan, PlanError, type Issue } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { INCIDENT_LIMITS, PLAN_LIMITS, scanUntrusted } from '../src/model/untrusted.js';

// ---------------------------------------------------------------------------------------------
// Helpers

type Json = Record<string, unknown>;

/** The hrss plan, resolved (template applied, defaults in), as a mutable rule file. */
const hrss = (): Json => structuredClone(loadPlan('hrss').definition) as unknown as Json;
const ruleFile = (id: string): Json => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', `${id}.json`), 'utf8')) as Json;

/** The PlanError thrown by loading `source` (in English: these tests read the library's own wording), or a failure when it loads or throws anything else. */
function planError(source: unknown, options?: Parameters<typeof loadPlan>[1]): PlanError {
  try {
    inLanguage('en', () => loadPlan(source as object, options));
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    const e = error as PlanError;
    expect(e.issues.length).toBeGreaterThan(0);
    return e;
  }
  throw new Error('expected a PlanError, but the plan loaded');
}

/** The IncidentError thrown by deciding (and auditing) on the inputs; they throw the same issues. */
function incidentError(incident: unknown, now: unknown = '2026-03-02T12:00:00+08:00', plan = loadPlan('county-bureau')): IncidentError {
  return incidentErrorWith(incident, { now }, plan);
}

function incidentErrorWith(incident: unknown, options: unknown, plan = loadPlan('county-bureau')): IncidentError {
  const run = (f: typeof decide | typeof audit): IncidentError => {
    try {
      inLanguage('en', () => f(plan, incident, options as { now: string }));
    } catch (error) {
      expect(error).toBeInstanceOf(IncidentError);
      return error as IncidentError;
    }
    throw new Error(`expected an IncidentError from ${f.name}`);
  };
  const fromDecide = run(decide);
  expect(run(audit).issues).toEqual(fromDecide.issues);
  return fromDecide;
}

const paths = (issues: Issue[]): string[] => issues.map((issue) => issue.path.join('.'));

/** hrss with its first classification rule's conditions replaced by `{ all: [condition] }`. */
function withClassification(condition: unknown): Json {
  const plan = hrss();
  ((plan.classification as Json[])[0] as Json).conditions = { all: [condition] };
  return plan;
}

const VALID_FACT = { fact: 'attention', operator: 'equal', value: 'extreme' };
const SIDE_EFFECT = "$..[?(@.constructor.constructor('globalThis.__yuqingJsonPathEvaluated = true; return true')())]";

afterEach(() => {
  expect((globalThis as Json).__yuqingJsonPathEvaluated).toBeUndefined();
  expect(({} as Json).polluted).toBeUndefined();
});

// ---------------------------------------------------------------------------------------------

describe('security: conditions are data, never code', () => {
  it('the unchanged plan loads (the baseline every case below departs from)', () => {
    expect(loadPlan(hrss()).id).toBe('hrss');
    expect(loadPlan(withClassification(VALID_FACT)).id).toBe('hrss');
  });

  it('refuses "path" (JSONPath) in a classification condition and never evaluates it', () => {
    const e = planError(withClassification({ ...VALID_FACT, path: SIDE_EFFECT }));
    expect(paths(e.issues)).toContain('classification.0.conditions.all.0.path');
    expect(e.message).toMatch(/JSONPath/);
    expect((globalThis as Json).__yuqingJsonPathEvaluated).toBeUndefined();
  });

  it('refuses "path" in a shared condition, in an obligation\'s "when", and in a rule file that extends a template', () => {
    const shared = hrss();
    shared.conditions = { severe: { all: [{ ...VALID_FACT, path: SIDE_EFFECT }] } };
    expect(paths(planError(shared).issues)).toContain('conditions.severe.all.0.path');

    const obligation = hrss();
    ((obligation.obligations as Json[])[0] as Json).when = { any: [{ fact: 'massIncident', operator: 'equal', value: true, path: SIDE_EFFECT }] };
    expect(paths(planError(obligation).issues)).toContain('obligations.0.when.any.0.path');

    const extending = ruleFile('county-bureau');
    ((extending.obligations as Json[])[0] as Json).when = { all: [{ fact: 'level', operator: 'equal', value: 'I', path: '$.a' }] };
    expect(planError(extending).issues.some((issue) => issue.path.at(-1) === 'path')).toBe(true);

    // Decisions on every bundled plan still run: nothing above was evaluated on the way.
    expect((globalThis as Json).__yuqingJsonPathEvaluated).toBeUndefined();
  });

  it('refuses "params" in a condition', () => {
    const e = planError(withClassification({ ...VALID_FACT, params: { fact: 'attention' } }));
    expect(paths(e.issues)).toContain('classification.0.conditions.all.0.params');
    expect(e.message).toMatch(/params/);
  });

  it('refuses a fact outside the incident model (unknown fact names, incident fields, property paths)', () => {
    for (const fact of ['incident', 'id', 'title', 'events', 'occurredAt', 'constructor', 'process.env', 'globalThis', 'attention.length']) {
      const e = planError(withClassification({ fact, operator: 'equal', value: 'x' }));
      expect(paths(e.issues), fact).toContain('classification.0.conditions.all.0.fact');
    }
  });

  it('refuses a state fact in a classification rule: a level cannot depend on itself', () => {
    const e = planError(withClassification({ fact: 'level', operator: 'equal', value: 'I' }));
    expect(paths(e.issues)).toContain('classification.0.conditions.all.0.fact');
    expect(e.issues[0]?.message).toMatch(/cannot be used here/);
  });

  it('refuses operators other than the eight listed (no custom operators, no json-rules-engine extras)', () => {
    for (const operator of ['regex', 'contains', 'doesNotContain', 'startsWith', 'custom', 'eval', '__proto__', 'constructor']) {
      const e = planError(withClassification({ fact: 'attention', operator, value: 'extreme' }));
      expect(paths(e.issues), operator).toContain('classification.0.conditions.all.0.operator');
      expect(e.issues.find((issue) => issue.path.at(-1) === 'operator')?.expected).toMatch(/"equal".*"greaterThanInclusive"/);
    }
  });

  it('refuses a value that refers to another fact or is an object ({ fact } comparisons)', () => {
    for (const value of [{ fact: 'spread' }, { path: '$.x' }, null, [], [{ fact: 'x' }]]) {
      const e = planError(withClassification({ fact: 'attention', operator: 'equal', value }));
      expect(e.issues.some((issue) => issue.path.slice(0, 6).join('.') === 'classification.0.conditions.all.0.value'), JSON.stringify(value)).toBe(true);
    }
  });

  it('refuses unknown keys anywhere (a typo cannot be silently ignored, an extension cannot be smuggled in)', () => {
    const plan = hrss();
    plan.script = 'process.exit(1)';
    ((plan.obligations as Json[])[0] as Json).onFire = 'alert(1)';
    const e = planError(plan);
    expect(paths(e.issues)).toEqual(expect.arrayContaining(['script', 'obligations.0.onFire']));
  });

  it('refuses functions, cycles and other values that are not JSON data', () => {
    const withFunction = hrss();
    withFunction.title = () => 'x';
    expect(planError(withFunction).issues[0]).toMatchObject({ path: ['title'], code: 'invalid_type', message: 'a function is not data' });

    const cyclic = hrss();
    cyclic.self = cyclic;
    expect(planError(cyclic).issues[0]).toMatchObject({ path: ['self'], message: 'the input contains itself (a cycle)' });
  });

  it('refuses a shared condition named like a property of Object.prototype, or referring to one', () => {
    const refersToBuiltin = withClassification({ condition: 'toString' });
    expect(planError(refersToBuiltin).issues[0]).toMatchObject({ path: ['classification', 0, 'conditions', 'all', 0, 'condition'], message: 'unknown shared condition' });
    const hasOwn = withClassification({ condition: 'hasOwnProperty' });
    expect(planError(hasOwn).issues[0]?.message).toBe('unknown shared condition');
  });

  it('refuses an "extends" naming a property of Object.prototype rather than a template', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const plan = ruleFile('county-bureau');
      plan.extends = name;
      expect(planError(plan).issues[0], name).toMatchObject({ path: ['extends'], message: 'no template has this id' });
    }
  });
});

describe('security: prototype keys', () => {
  const POISONED_PLAN_TEXTS = [
    ['{"__proto__": {"polluted": "yes"}}', ['__proto__']],
    ['{"constructor": {"prototype": {"polluted": "yes"}}}', ['constructor']],
    ['{"levels": [{"prototype": {"polluted": "yes"}}]}', ['levels', 0, 'prototype']],
    ['{"overrides": {"obligations": {"__proto__": {"polluted": "yes"}}}}', ['overrides', 'obligations', '__proto__']],
    ['{"conditions": {"constructor": {"all": []}}}', ['conditions', 'constructor']],
  ] as const;

  it.each(POISONED_PLAN_TEXTS)('refuses the plan key path of %s', (text, path) => {
    const plan = { ...ruleFile('county-bureau'), ...(JSON.parse(text) as Json) };
    // A spread would drop an own "__proto__": put it back as JSON.parse made it.
    if (text.startsWith('{"__proto__"')) Object.defineProperty(plan, '__proto__', { value: { polluted: 'yes' }, enumerable: true });
    const e = planError(plan);
    expect(e.issues).toContainEqual(expect.objectContaining({ path, code: 'forbidden_key' }));
    expect(e.message).toContain('is not allowed');
  });

  it('refuses a whole rule file parsed from text with "__proto__" at its root', () => {
    const text = JSON.stringify(ruleFile('county-bureau')).replace(/^\{/, '{"__proto__":{"polluted":"yes"},');
    const e = planError(JSON.parse(text));
    expect(e.issues[0]).toMatchObject({ path: ['__proto__'], code: 'forbidden_key' });
  });

  it('refuses prototype keys in templates passed to loadPlan', () => {
    const e = planError(ruleFile('county-bureau'), { templates: JSON.parse('{"mine": {"__proto__": {"polluted": "yes"}}}') as Record<string, object> });
    expect(e.issues[0]).toMatchObject({ path: ['templates', 'mine', '__proto__'], code: 'forbidden_key' });
  });

  it('refuses prototype keys in an incident, at any depth', () => {
    const base = { id: 'x', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
    for (const [text, path] of [
      ['{"__proto__": {"polluted": "yes"}}', ['__proto__']],
      ['{"indicators": {"constructor": {"prototype": {"polluted": "yes"}}}}', ['indicators', 'constructor']],
      ['{"events": [{"type": "report", "at": "2026-03-02T09:00:00+08:00", "prototype": 1}]}', ['events', 0, 'prototype']],
    ] as const) {
      const incident = Object.assign(JSON.parse(text) as Json, base);
      expect(incidentError(incident).issues, text).toContainEqual(expect.objectContaining({ path, code: 'forbidden_key' }));
    }
  });

  it('a parameter named "__proto__" or "constructor" is reported as unknown, and pollutes nothing', () => {
    const parameters = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": 1, "phoneReportMinutes": 30, "writtenReportHours": 2, "verifyHours": 1, "officeDepartment": "办公室"}') as Record<string, number>;
    let outcome: unknown;
    try {
      outcome = loadPlan('ideology-emergency', { parameters }).id;
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      outcome = 'PlanError';
    }
    expect(['ideology-emergency', 'PlanError']).toContain(outcome);
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe('security: limits on untrusted input, each with a clear error', () => {
  it('plan strings: at most 10 000 characters before parsing, then the schema\'s own maxima', () => {
    const huge = hrss();
    huge.title = '舆'.repeat(10_001);
    expect(planError(huge).issues[0]).toMatchObject({ path: ['title'], code: 'too_big', message: 'string too long', expected: 'at most 10000 characters' });

    const long = hrss();
    long.title = '舆'.repeat(501);
    expect(planError(long).issues[0]).toMatchObject({ path: ['title'], code: 'too_big', expected: 'at most 500 characters' });

    const value = planError(withClassification({ fact: 'attention', operator: 'equal', value: 'x'.repeat(201) }));
    expect(value.issues[0]).toMatchObject({ code: 'too_big', expected: 'at most 200 characters' });
  });

  it('plan nesting: at most 32 levels of JSON, and condition trees at most 12 deep', () => {
    let deep: unknown = VALID_FACT;
    for (let i = 0; i < 40; i++) deep = { all: [deep] };
    const tooDeep = planError(withClassification(deep));
    expect(tooDeep.issues[0]).toMatchObject({ code: 'too_big', message: 'nested too deeply', expected: 'at most 32 levels' });

    let condition: unknown = VALID_FACT;
    for (let i = 0; i < 12; i++) condition = { any: [condition] };
    const e = planError(withClassification(condition));
    expect(e.issues[0]).toMatchObject({ path: ['classification', 0, 'conditions'], message: 'condition nested too deeply', expected: 'at most 12 levels' });

    let fine: unknown = VALID_FACT;
    for (let i = 0; i < 10; i++) fine = { any: [fine] };
    expect(loadPlan(withClassification(fine)).id).toBe('hrss');
  });

  it('plan size: at most 200 000 values, and the schema\'s list maxima', () => {
    const big = hrss();
    // Lists of at most 10 000 items each (a longer one is refused as such), 200 001 values in all.
    big.recipients = Array.from({ length: 20 }, (_, i) => Array.from({ length: i === 0 ? 10_000 : 9_999 }, () => 0));
    const e = planError(big);
    expect(e.issues[0]).toMatchObject({ path: [], code: 'too_big', message: 'input too large', expected: 'at most 200000 values' });

    const many = withClassification(VALID_FACT);
    ((many.classification as Json[])[0] as Json).conditions = { all: Array.from({ length: 101 }, () => VALID_FACT) };
    const tooMany = planError(many).issues[0];
    expect(tooMany).toMatchObject({ path: ['classification', 0, 'conditions', 'all'], code: 'too_big' });
    expect(tooMany?.message).toMatch(/100/);

    // Refused on the right path; the message, though, is the union's other branch ("expected string"),
    // not "at most 50 items" (reported with issue 7 as an unclear error).
    const list = withClassification({ fact: 'attention', operator: 'in', value: Array.from({ length: 51 }, () => 'high') });
    expect(planError(list).issues[0]?.path).toEqual(['classification', 0, 'conditions', 'all', 0, 'value']);
  });

  it('incidents: at most 16 levels deep and strings of at most 10 000 characters', () => {
    const base = { id: 'x', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(incidentError({ ...base, title: deep }).issues[0]).toMatchObject({ code: 'too_big', message: 'nested too deeply', expected: 'at most 16 levels' });
    expect(incidentError({ ...base, title: 'x'.repeat(10_001) }).issues[0]).toMatchObject({ path: ['title'], code: 'too_big', message: 'string too long' });
    expect(incidentError({ ...base, title: 'x'.repeat(501) }).issues[0]).toMatchObject({ path: ['title'], code: 'too_big', expected: 'at most 500 characters' });
  });
});

describe('security: the untrusted-input scan at its exact bounds (src/model/untrusted.ts)', () => {
  const limits = { maxDepth: 3, maxNodes: 10, maxStringLength: 5 };
  const codes = (value: unknown) => scanUntrusted(value, limits).map((issue) => `${issue.path.join('.')}:${issue.message}`);

  it('the limits are the documented ones', () => {
    expect(PLAN_LIMITS).toEqual({ maxDepth: 32, maxNodes: 200_000, maxStringLength: 10_000, maxArrayLength: 10_000 });
    expect(INCIDENT_LIMITS).toEqual({ maxDepth: 16, maxNodes: 1_000_000, maxStringLength: 10_000, maxArrayLength: 100_000 });
  });

  it('strings: the maximum length is allowed, one more is not, and only 40 characters are echoed back', () => {
    expect(codes({ a: 'xxxxx' })).toEqual([]);
    expect(codes({ a: 'xxxxxx' })).toEqual(['a:string too long']);
    const [issue] = scanUntrusted({ a: 'y'.repeat(100) }, limits);
    expect(issue).toEqual({ path: ['a'], code: 'too_big', message: 'string too long', received: `${'y'.repeat(40)}…`, expected: 'at most 5 characters' });
  });

  it('nesting: objects at depth maxDepth - 1 are read, at maxDepth refused; primitives never count', () => {
    expect(codes({ a: { b: 1 } })).toEqual([]);
    expect(codes([[['x']]])).toEqual([]);
    expect(codes([[[['x']]]])).toEqual(['0.0.0:nested too deeply']);
    expect(codes({ a: { b: { c: {} } } })).toEqual(['a.b.c:nested too deeply']);
    expect(scanUntrusted({ a: { b: { c: {} } } }, limits)[0]).toMatchObject({ code: 'too_big', expected: 'at most 3 levels' });
  });

  it('size: maxNodes values are allowed, one more is refused once, at the root', () => {
    expect(codes([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([]); // the array and its 9 items: 10 values
    expect(scanUntrusted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], limits)).toEqual([{ path: [], code: 'too_big', message: 'input too large', expected: 'at most 10 values' }]);
  });

  it('values that are not data: functions, symbols and bigints are refused; Dates are kept for the schema to judge', () => {
    const loose = { maxDepth: 10, maxNodes: 100, maxStringLength: 100 };
    for (const value of [() => 1, Symbol('s'), 10n]) {
      expect(scanUntrusted({ a: value }, loose), typeof value).toEqual([{ path: ['a'], code: 'invalid_type', message: `a ${typeof value} is not data`, expected: 'JSON values only' }]);
    }
    expect(scanUntrusted({ a: new Date(0) }, loose)).toEqual([]);
  });

  it('cycles and prototype keys: issues with the offending path, code and what is expected', () => {
    const loose = { maxDepth: 10, maxNodes: 100, maxStringLength: 100 };
    const cyclic: Json = { a: {} };
    (cyclic.a as Json).back = cyclic;
    expect(scanUntrusted(cyclic, loose)).toEqual([{ path: ['a', 'back'], code: 'invalid_type', message: 'the input contains itself (a cycle)', expected: 'a tree of JSON values' }]);
    const shared = { x: 1 };
    expect(scanUntrusted({ a: shared, b: shared }, loose)).toEqual([]); // the same object twice is not a cycle
    expect(scanUntrusted(JSON.parse('{"a":{"__proto__":1}}'), loose)).toEqual([
      { path: ['a', '__proto__'], code: 'forbidden_key', message: 'the key "__proto__" is not allowed', expected: 'a key other than __proto__, constructor or prototype' },
    ]);
  });

  it('reports at most about a hundred issues, however many there are', () => {
    const loose = { maxDepth: 10, maxNodes: 100_000, maxStringLength: 1 };
    const issues = scanUntrusted(Array.from({ length: 1000 }, () => 'long'), loose);
    expect(issues).toHaveLength(101);
  });
});

// ---------------------------------------------------------------------------------------------

describe('timestamps', () => {
  const county = loadPlan('county-bureau');
  const incidentAt = (occurredAt: string, discoveredAt = occurredAt) => ({ id: 't', occurredAt, discoveredAt });

  it('requires an offset (Z, ±hh:mm or ±hhmm)', () => {
    for (const text of ['2026-03-02T08:00:00', '2026-03-02', '2026-03-02 08:00:00+08:00', '20260302T080000+0800']) {
      const e = incidentError(incidentAt(text));
      expect(paths(e.issues), text).toEqual(['occurredAt', 'discoveredAt']);
      expect(e.issues[0]?.message).toMatch(/with an offset/);
    }
    for (const text of ['2026-03-02T00:00:00Z', '2026-03-02T08:00:00+08:00', '2026-03-02T08:00:00+0800', '2026-03-02T08:00+08:00', '2026-03-02T08:00:00.5+08:00']) {
      expect(decide(county, incidentAt(text), { now: '2026-03-02T12:00:00+08:00' }).incident.id, text).toBe('t');
    }
  });

  it('refuses impossible calendar dates and times', () => {
    for (const text of ['2026-02-30T08:00:00+08:00', '2026-04-31T08:00:00+08:00', '2026-13-01T08:00:00+08:00', '2026-00-10T08:00:00+08:00', '2026-03-02T25:00:00+08:00', '2026-03-02T23:59:60+08:00', '2026-03-02T08:00:00+99:99']) {
      expect(paths(incidentError(incidentAt(text)).issues), text).toEqual(['occurredAt', 'discoveredAt']);
    }
  });

  it('knows leap years: 2028-02-29 and 2000-02-29 exist, 2026-02-29 and 2100-02-29 do not', () => {
    const d = decide(county, incidentAt('2028-02-29T08:00:00+08:00'), { now: '2028-02-29T08:10:00+08:00' });
    expect(d.obligations.find((o) => o.id === 'report-leading-group')?.dueAt).toBe('2028-02-29T08:30:00+08:00');
    expect(decide(county, incidentAt('2000-02-29T08:00:00+08:00'), { now: '2000-03-01T00:00:00+08:00' }).now).toBe('2000-03-01T00:00:00+08:00');
    expect(paths(incidentError(incidentAt('2026-02-29T08:00:00+08:00')).issues)).toEqual(['occurredAt', 'discoveredAt']);
    expect(paths(incidentError(incidentAt('2100-02-29T08:00:00+08:00')).issues)).toEqual(['occurredAt', 'discoveredAt']);
    expect(paths(incidentError(incidentAt('2026-03-02T08:00:00+08:00'), '2026-02-29T12:00:00+08:00').issues)).toEqual(['now']);
  });

  it('reads 24:00 as the end of the day (ISO 8601): the next day at 00:00', () => {
    const d = decide(county, incidentAt('2026-03-02T24:00:00+08:00'), { now: '2026-03-03T00:00:00+08:00' });
    expect(d.obligations.find((o) => o.id === 'report-leading-group')?.dueAt).toBe('2026-03-03T00:30:00+08:00');
  });

  it('the far future (2999) is decided like any date, in the plan\'s offset', () => {
    const d = decide(county, incidentAt('2999-03-02T08:00:00+08:00', '2999-03-02T09:00:00+08:00'), { now: '2999-03-02T09:10:00+08:00' });
    expect(d.now).toBe('2999-03-02T09:10:00+08:00');
    expect(d.obligations.find((o) => o.id === 'report-leading-group')).toMatchObject({ dueAt: '2999-03-02T09:30:00+08:00', status: 'pending' });
    expect(d.obligations.find((o) => o.id === 'reply')?.dueAt).toBe('2999-03-02T20:00:00+08:00');
  });

  it('the far past (1900) is decided too, written in Shanghai local mean time of the day, to the whole minute (+08:05)', () => {
    const d = decide(county, incidentAt('1900-03-02T08:00:00+08:00', '1900-03-02T09:00:00+08:00'), { now: '1900-03-02T09:10:00+08:00' });
    expect(d.level.id).toBe('IV');
    expect(d.now).toMatch(/^1900-03-02T09:1\d:\d\d\+08:05$/);
    const due = d.obligations.find((o) => o.id === 'report-leading-group')?.dueAt as string;
    expect(due).toMatch(/^1900-03-02T09:3\d:\d\d\+08:05$/);
    expect(Date.parse(due)).toBe(Date.parse('1900-03-02T09:30:00+08:00'));
  });

  it('output timestamps before 1901 name exactly the instant computed (whole-minute offset, +08:05)', () => {
    const d = decide(county, incidentAt('1900-03-02T08:00:00+08:00', '1900-03-02T09:00:00+08:00'), { now: '1900-03-02T09:10:00+08:00' });
    expect(Date.parse(d.now)).toBe(Date.parse('1900-03-02T09:10:00+08:00'));
    expect(Date.parse(d.obligations.find((o) => o.id === 'report-leading-group')?.dueAt as string)).toBe(Date.parse('1900-03-02T09:30:00+08:00'));
  });

  it('working-day deadlines outside the official calendar (2004–2026) get no due time and a warning, never a guess; the rest is decided', () => {
    const plan = hrss();
    (plan.obligations as Json[]).push({ id: 'evaluate-working-days', step: 'evaluate', title: '三个工作日内完成评估', responsible: 'office', anchor: 'discoveredAt', offset: 'P3D', workingDays: true, basis: { seed: '002', clause: 'test' } });
    const withWorkingDays = loadPlan(plan);
    const at = (y: string) => incidentAt(`${y}-03-02T08:00:00+08:00`, `${y}-03-02T09:00:00+08:00`);
    for (const year of ['1900', '2003', '2027', '2999']) {
      for (const run of [decide, audit]) {
        const d = run(withWorkingDays, at(year), { now: `${year}-03-02T10:00:00+08:00` });
        const i = d.obligations.findIndex((o) => o.id === 'evaluate-working-days');
        expect(d.obligations[i], year).toMatchObject({ dueAt: null, status: 'pending' });
        expect(d.obligations[i]?.reason, year).toContain(`${Number(year)} 年`);
        expect(d.warnings.filter((w) => w.code === 'outside-calendar').map((w) => w.path), year).toEqual([['obligations', i]]);
        expect(d.obligations.some((o) => o.dueAt !== null), year).toBe(true);
      }
    }
    // A deadline that runs over the end of the covered years has none either.
    const late = decide(withWorkingDays, incidentAt('2026-12-30T08:00:00+08:00'), { now: '2026-12-30T10:00:00+08:00' });
    expect(late.obligations.find((o) => o.id === 'evaluate-working-days')).toMatchObject({ dueAt: null });
    expect(late.warnings.map((w) => w.code)).toContain('outside-calendar');
    const d = decide(withWorkingDays, at('2026'), { now: '2026-03-02T10:00:00+08:00' });
    expect(d.obligations.find((o) => o.id === 'evaluate-working-days')?.dueAt).toBe('2026-03-06T00:00:00+08:00');
    expect(d.warnings.map((w) => w.code)).not.toContain('outside-calendar');
  });

  it('"now" before discovery is an IncidentError on ["now"], from decide and audit alike', () => {
    const e = incidentError(incidentAt('2026-03-02T08:00:00+08:00', '2026-03-02T09:00:00+08:00'), '2026-03-02T08:59:59+08:00');
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.issues).toEqual([expect.objectContaining({ path: ['now'], code: 'before_discovery' })]);
    // At discovery exactly is fine.
    expect(decide(county, incidentAt('2026-03-02T08:00:00+08:00', '2026-03-02T09:00:00+08:00'), { now: '2026-03-02T09:00:00+08:00' }).now).toBe('2026-03-02T09:00:00+08:00');
  });

  it('"now" must be a timestamp with an offset or a valid Date: anything else is an IncidentError on ["now"]', () => {
    const incident = incidentAt('2026-03-02T08:00:00+08:00');
    for (const now of [undefined, null, '', 'now', '2026-03-02T09:00:00', '2026-02-30T09:00:00+08:00', 1772413200000, new Date('invalid'), {}, []]) {
      const e = incidentErrorWith(incident, { now });
      expect(e.issues, String(now)).toEqual([expect.objectContaining({ path: ['now'], code: 'invalid_option' })]);
    }
    expect(incidentErrorWith(incident, undefined).issues[0]).toMatchObject({ path: ['now'], message: 'the option "now" is required: time is an argument' });
    expect(incidentErrorWith(incident, {}).issues[0]?.path).toEqual(['now']);
    const bad = incidentErrorWith(incident, { now: 'soon' });
    expect(bad.issues[0]).toMatchObject({ message: '"now" is not a valid timestamp', received: 'soon', expected: 'an ISO 8601 timestamp with an offset (e.g. 2026-03-02T09:10:00+08:00) or a valid Date' });
    expect(bad.message.split('\n')[0]).toBe('Invalid option');
    expect(decide(county, incident, { now: new Date('2026-03-02T01:10:00Z') }).now).toBe('2026-03-02T09:10:00+08:00');
  });

  // Found by this suite: a Date at the end of the ECMAScript range was once written as "NaN-NaN-…".
  it('a Date at the end of the time range is refused as "now", like any Date past 9999', () => {
    const incident = incidentAt('2026-03-02T08:00:00+08:00');
    for (const now of [new Date(8.64e15), new Date(Date.UTC(10_000, 0, 1))]) {
      const e = incidentErrorWith(incident, { now });
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.issues).toEqual([expect.objectContaining({ path: ['now'], code: 'invalid_option' })]);
    }
  });

  it('a deadline after 9999-12-31 is written in ISO 8601\'s expanded form, which the library reads back while the instant is in 9999', () => {
    const incident = { id: 't', occurredAt: '9999-12-31T22:00:00+08:00', discoveredAt: '9999-12-31T23:50:00+08:00', indicators: { attention: 'extreme' } };
    const d = decide(county, incident, { now: '9999-12-31T23:55:00+08:00' });
    // county-bureau: report to the leading group within 30 minutes of discovery (000 四 第三步), reply within 12 hours of occurrence (四 第六步).
    expect(d.obligations.find((o) => o.id === 'report-leading-group')?.dueAt).toBe('+010000-01-01T00:20:00+08:00');
    expect(d.obligations.find((o) => o.id === 'reply')?.dueAt).toBe('+010000-01-01T10:00:00+08:00');
    expect(d.nextReviewAt).toBe('+010000-01-01T00:05:00+08:00');
    expect(decide(county, incident, { now: d.nextReviewAt as string }).now).toBe('+010000-01-01T00:05:00+08:00');
    // 10000-01-01T00:00Z and later is past the years an input may name.
    expect(incidentErrorWith(incident, { now: '+010000-01-01T08:00:00+08:00' }).issues).toEqual([expect.objectContaining({ path: ['now'], code: 'invalid_option' })]);
  });
});
