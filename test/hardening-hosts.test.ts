// Issue 12, item 6: hardened and unusual hosts. The library defines no globals, keeps its messages
// whatever the host's zod configuration, works after SES lockdown() and with a frozen Error.prototype,
// never reads the clock, returns output a host may change, reads parameters as own properties only,
// refuses what is not plain data with its own errors, checks a batch at once, and shares plans
// between its ESM and CommonJS builds.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { assessRisk, audit, decide, decideMany, IncidentError, loadPlan, PlanError, renderAudit, renderDecision, schedule } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';

type Json = Record<string, unknown>;
const root = join(import.meta.dirname, '..');
const at = (hm: string): string => `2026-03-02T${hm}:00+08:00`;

const incident = {
  id: 'inc-1',
  occurredAt: at('08:00'),
  discoveredAt: at('09:00'),
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  events: [
    { type: 'report', at: at('09:20'), to: 'leading-group' },
    { type: 'level-set', at: at('09:40'), level: 'I', by: 'leading-group' },
  ],
};
const now = { now: at('10:00') };
/** The county-bureau plan as a rule file (template applied, defaults in). */
const countyFile = (): Json => structuredClone(loadPlan('county-bureau').definition) as unknown as Json;

/** The error `run` throws; a failure when it returns or throws anything else. */
function thrown<E extends Error>(kind: new (...args: never[]) => E, run: () => unknown): E {
  try {
    inLanguage('en', () => run());
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return error as E;
  }
  throw new Error(`expected a ${kind.name}`);
}

/** Runs an ES module in a fresh Node process and returns what it prints as JSON. */
function node(code: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }));
}

// ---------------------------------------------------------------------------------------------

describe('a host’s zod configuration', () => {
  const saved = { ...z.config() };
  afterEach(() => {
    z.config({ customError: saved.customError, localeError: saved.localeError });
  });

  const badPlan = (): Json => ({ ...countyFile(), version: 7, levels: 'none', extra: true });
  const messages = (): string[] => [
    thrown(PlanError, () => loadPlan(badPlan())).message,
    thrown(PlanError, () => loadPlan({ ...countyFile(), parameters: [{ id: 'x', type: 'colour' }] })).message,
  ];

  it('neither changes nor breaks the messages of loadPlan and its parameters', () => {
    const ours = messages();
    expect(ours[0]).toContain('version: Invalid input: expected string, received number');
    z.config(z.locales.fr());
    expect(messages()).toEqual(ours);
    z.config({ customError: () => 'host text' });
    expect(messages()).toEqual(ours);
    z.config({ customError: () => ({ message: 42 }) as unknown as string });
    expect(messages()).toEqual(ours);
    z.config({
      customError: () => {
        throw new Error('host error map');
      },
    });
    expect(messages()).toEqual(ours);
  });

  it('neither changes nor breaks the messages of decide and its options', () => {
    const plan = loadPlan('county-bureau');
    const run = (): string[] => [
      thrown(IncidentError, () => decide(plan, { ...incident, id: 5, exercise: 'yes' }, now)).message,
      thrown(IncidentError, () => decide(plan, incident, { now: 5 as unknown as string })).message,
    ];
    const ours = run();
    z.config(z.locales.de());
    expect(run()).toEqual(ours);
    z.config({
      customError: () => {
        throw new Error('host error map');
      },
    });
    expect(run()).toEqual(ours);
  });
});

// ---------------------------------------------------------------------------------------------

describe('a frozen Error.prototype', () => {
  const descriptor = Object.getOwnPropertyDescriptor(Error.prototype, 'name') as PropertyDescriptor;
  afterEach(() => {
    Object.defineProperty(Error.prototype, 'name', descriptor);
  });

  it('leaves PlanError and IncidentError their class and name (no override mistake)', () => {
    // What Object.freeze(Error.prototype) does to `name`: assigning it on an instance then fails in strict code.
    Object.defineProperty(Error.prototype, 'name', { ...descriptor, writable: false });
    const plan = thrown(PlanError, () => loadPlan('no-such-plan'));
    expect(plan.name).toBe('PlanError');
    expect(Object.prototype.hasOwnProperty.call(plan, 'name')).toBe(true);
    const early = thrown(IncidentError, () => decide(loadPlan('county-bureau'), incident, { now: at('08:30') }));
    expect(early.name).toBe('IncidentError');
    expect(String(early)).toMatch(/^IncidentError: Invalid option\nnow: now is before the incident was discovered/);
    // Checks that fail make no zod Error either (zod assigns the name of its errors).
    expect(thrown(PlanError, () => loadPlan({ ...countyFile(), version: 7 })).issues[0]?.path).toEqual(['version']);
    expect(thrown(IncidentError, () => decide(loadPlan('county-bureau'), { ...incident, id: 7 }, now)).issues[0]?.path).toEqual(['id']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('a host without a clock', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('loads, decides, audits, schedules and renders while Date.now() and new Date() throw', () => {
    const RealDate = Date;
    let reads = 0;
    const noClock = (): never => {
      reads++;
      throw new Error('the clock was read');
    };
    const Stopped = new Proxy(RealDate, {
      construct: (target, args: unknown[], newTarget) => (args.length === 0 ? noClock() : (Reflect.construct(target, args, newTarget) as object)),
      apply: () => noClock(),
      get: (target, key, receiver) => (key === 'now' ? noClock : Reflect.get(target, key, receiver)),
    });
    vi.stubGlobal('Date', Stopped);
    expect(() => Date.now()).toThrow('the clock was read');
    reads = 0;
    const plan = loadPlan(countyFile());
    const emergency = loadPlan('ideology-emergency', { parameters: { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '办公室' } });
    const decision = decide(plan, incident, { now: new RealDate(at('10:00')) });
    const report = audit(plan, incident, now);
    const duties = schedule(loadPlan('industry-bureau'), { from: at('00:00'), to: '2026-06-01T00:00:00+08:00' });
    const batch = [...decideMany(plan, [incident], now)];
    expect(emergency.parameters).toMatchObject({ phoneReportMinutes: 30 });
    renderDecision(decision);
    renderAudit(report);
    expect(thrown(IncidentError, () => decide(plan, { ...incident, discoveredAt: 'soon' }, now)).issues[0]?.path).toEqual(['discoveredAt']);
    expect(assessRisk(loadPlan('industry-bureau'), { risk: 'high' }).outcome).toBe('reject-or-adjust');
    expect(reads).toBe(0);
    expect(decision.level.id).toBe('I');
    expect(report.obligations.length).toBeGreaterThan(0);
    expect(duties.length).toBeGreaterThan(0);
    expect(batch[0]?.decision?.incident.id).toBe('inc-1');
  });
});

// ---------------------------------------------------------------------------------------------

/** Every object and array reachable from `value`, each once. */
function reachable(value: unknown, into = new Set<object>()): Set<object> {
  if (value !== null && typeof value === 'object' && !into.has(value)) {
    into.add(value);
    for (const key of Object.keys(value)) reachable((value as Json)[key], into);
  }
  return into;
}

describe('output a host may change', () => {
  const plan = loadPlan('county-bureau');
  const fromPlan = reachable([plan.definition, loadPlan('industry-bureau').definition, loadPlan('hrss').definition]);

  it.each([
    ['decide', () => decide(plan, incident, now)],
    // Levels by the criteria: the explanation lists each fact compared with the plan's values.
    ['decide by the criteria', () => decide(plan, { ...incident, events: [] }, now)],
    ['decide with a duty on a condition', () => decide(loadPlan('hrss'), { ...incident, flags: { massIncident: true, mediaInquiry: true }, events: [] }, now)],
    ['audit', () => audit(plan, incident, now)],
    ['schedule', () => schedule(loadPlan('industry-bureau'), { from: at('00:00'), to: '2026-09-01T00:00:00+08:00' })],
    ['assessRisk', () => [assessRisk(loadPlan('industry-bureau'), { risk: 'high' }), assessRisk(loadPlan('industry-bureau'), { risk: 'low' })]],
  ])('%s returns fresh, unfrozen objects and arrays that share nothing with the plan', (_name, run) => {
    const output = reachable(run());
    expect(output.size).toBeGreaterThan(10);
    for (const object of output) {
      expect(Object.isFrozen(object)).toBe(false);
      expect(fromPlan.has(object)).toBe(false);
    }
    // A host may sort and extend every array it receives.
    for (const array of [...output].filter((o): o is unknown[] => Array.isArray(o))) {
      expect(() => array.sort().push(null)).not.toThrow();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('parameter ids', () => {
  const withParameter = (id: string): Json => {
    const file = countyFile();
    file.parameters = [{ id, type: 'number', name: '报告时限', unit: 'minutes', min: 1, basis: { seed: '000', clause: '四' } }];
    (file.obligations as Json[]).find((o) => o.offset === 'PT30M')!.offset = `PT{{${id}}}M`;
    return file;
  };

  it.each(['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])('reads "%s" as the plan’s own parameter, never from Object.prototype', (id) => {
    const missing = thrown(PlanError, () => loadPlan(withParameter(id)));
    expect(missing.code).toBe('MISSING_PARAMETER');
    expect(missing.issues).toEqual([{ path: ['parameters', id], code: 'missing_parameter', message: 'missing parameter: 报告时限', expected: 'a whole number ≥ 1 (minutes)' }]);
    const plan = loadPlan(withParameter(id), { parameters: { [id]: 20 } });
    expect(plan.parameters).toEqual({ [id]: 20 });
    expect(decide(plan, incident, now).obligations.find((o) => o.step === 'report' && o.to === 'leading-group')?.dueAt).toBe(at('09:20'));
  });
});

// ---------------------------------------------------------------------------------------------

class Incident {
  constructor(readonly id: string) {}
}
class List extends Array<unknown> {}

describe('objects that are not plain data', () => {
  const plan = loadPlan('county-bureau');
  const planIssue = (source: unknown, options?: unknown): { path: (string | number)[]; message: string } => {
    const error = thrown(PlanError, () => loadPlan(source as object, options as never));
    return { path: error.issues[0]!.path, message: error.issues[0]!.message };
  };
  const incidentIssue = (value: unknown): { path: (string | number)[]; message: string } => {
    const error = thrown(IncidentError, () => decide(plan, value, now));
    expect(thrown(IncidentError, () => audit(plan, value, now)).issues).toEqual(error.issues);
    return { path: error.issues[0]!.path, message: error.issues[0]!.message };
  };
  const PROXY = 'a Proxy (e.g. a reactive object of a UI framework) is not plain data';
  /** What a UI framework's reactive wrapper looks like: a Proxy whose traps read through. */
  const reactive = <T extends object>(target: T): T => new Proxy(target, { get: (t, key, receiver) => (key === '__v_isReactive' ? true : Reflect.get(t, key, receiver)) });

  /** Runs `check` in Node, and as in a host without Node's Proxy test (a browser), where structuredClone finds a Proxy. */
  const bothWays = (check: () => void): void => {
    check();
    const host = process as { getBuiltinModule?: unknown };
    const saved = host.getBuiltinModule;
    host.getBuiltinModule = undefined;
    try {
      check();
    } finally {
      host.getBuiltinModule = saved;
    }
  };

  it('refuses a Proxy as a plan, inside a plan, as a template or as parameters with a PlanError', () => bothWays(() => {
    expect(planIssue(reactive(countyFile()))).toEqual({ path: [], message: PROXY });
    const file = countyFile();
    (file.levels as Json[])[1] = reactive((file.levels as Json[])[1]!);
    expect(planIssue(file)).toEqual({ path: ['levels', 1], message: PROXY });
    const listed = countyFile();
    listed.levels = new Proxy(listed.levels as Json[], {});
    expect(planIssue(listed)).toEqual({ path: ['levels'], message: PROXY });
    expect(planIssue({ ...countyFile(), extends: 'mine' }, { templates: { mine: reactive({ id: 'mine' }) } })).toEqual({ path: ['templates', 'mine'], message: PROXY });
    expect(planIssue('ideology-emergency', { parameters: reactive({ phoneReportMinutes: 30 }) })).toEqual({ path: ['parameters'], message: PROXY });
    // A value that cannot be copied is not taken for a Proxy.
    expect(planIssue('ideology-emergency', { parameters: { phoneReportMinutes: () => 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '办公室' } })).toEqual({ path: ['parameters', 'phoneReportMinutes'], message: '重大突发事件电话报告时限（事件发生后[X]分钟内） must be a number' });
  }));

  it('refuses a Map, a Set, a typed array, a boxed value or a class instance where a plan holds an object', () => {
    const at = (path: string, value: unknown): { path: (string | number)[]; message: string } => {
      const file = countyFile();
      file[path] = value;
      return planIssue(file);
    };
    expect(at('conditions', new Map([['x', { all: [] }]]))).toEqual({ path: ['conditions'], message: 'an object of type Map is not plain data' });
    expect(at('levels', new Set())).toEqual({ path: ['levels'], message: 'an object of type Set is not plain data' });
    expect(at('reminders', new Float64Array([0.5]))).toEqual({ path: ['reminders'], message: 'an object of type Float64Array is not plain data' });
    expect(at('title', Object('标题'))).toEqual({ path: ['title'], message: 'an object of type String is not plain data' });
    expect(at('source', new Incident('x'))).toEqual({ path: ['source'], message: 'an instance of a class is not plain data' });
    expect(at('levels', List.from((countyFile().levels as unknown[]) ?? []))).toEqual({ path: ['levels'], message: 'an instance of a class is not plain data' });
    expect(planIssue(new Map())).toEqual({ path: [], message: 'an object of type Map is not plain data' });
    expect(planIssue('county-bureau', new Map([['parameters', {}]]))).toMatchObject({ path: ['options'] });
    expect(planIssue('ideology-emergency', { parameters: new Map([['phoneReportMinutes', 30]]) })).toMatchObject({ path: ['options', 'parameters'] });
  });

  it('accepts data from another realm and objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Json, countyFile());
    expect(loadPlan(bare).id).toBe('county-bureau');
    // Objects and arrays of another realm (an iframe, a vm context) have that realm's prototypes.
    const foreign = runInNewContext(`(${JSON.stringify(countyFile())})`) as Json;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(Object.getPrototypeOf(foreign.levels)).not.toBe(Array.prototype);
    expect(loadPlan(foreign).id).toBe('county-bureau');
    const foreignIncident = runInNewContext(`(${JSON.stringify(incident)})`) as Json;
    expect(decide(loadPlan('county-bureau'), foreignIncident, now).level.id).toBe('I');
  });

  it('refuses a Proxy as an incident or in it with an IncidentError', () => bothWays(() => {
    expect(incidentIssue(reactive({ ...incident }))).toEqual({ path: [], message: PROXY });
    expect(incidentIssue({ ...incident, events: [incident.events[0], reactive({ ...incident.events[1]! })] })).toEqual({ path: ['events', 1], message: PROXY });
    expect(incidentIssue({ ...incident, events: new Proxy([...incident.events], {}) })).toEqual({ path: ['events'], message: PROXY });
  }));

  it('refuses a Map, a Set or a class instance as an incident or in it with an IncidentError', () => {
    expect(incidentIssue({ ...incident, indicators: new Map([['attention', 'extreme']]) })).toEqual({ path: ['indicators'], message: 'an object of type Map is not plain data' });
    expect(incidentIssue({ ...incident, events: new Set(incident.events) })).toEqual({ path: ['events'], message: 'an object of type Set is not plain data' });
    expect(incidentIssue(new Incident('inc-1'))).toEqual({ path: [], message: 'an instance of a class is not plain data' });
    // Plain data, including Dates where the incident model takes them, stays accepted.
    expect(decide(plan, structuredClone(incident), now).incident.id).toBe('inc-1');
  });
});

// ---------------------------------------------------------------------------------------------

describe('decideMany', () => {
  const plan = loadPlan('county-bureau');

  it('checks the plan, `now` and the batch at the call, before any incident is read', () => {
    let read = 0;
    function* incidents(): Generator<unknown> {
      read++;
      yield incident;
    }
    expect(thrown(PlanError, () => decideMany({} as never, incidents(), now)).issues[0]?.path).toEqual(['plan']);
    expect(thrown(IncidentError, () => decideMany(plan, incidents(), { now: 'soon' })).issues[0]?.path).toEqual(['now']);
    for (const batch of [null, undefined, 42, 'inc-1', { length: 1, 0: incident }]) {
      const error = thrown(IncidentError, () => decideMany(plan, batch as never, now));
      expect(error.issues[0]).toMatchObject({ path: ['incidents'], code: 'invalid_type', message: 'incidents must be an iterable of incidents' });
    }
    expect(read).toBe(0);
    expect([...decideMany(plan, new Set([incident]), now)].map((r) => r.decision?.level.id)).toEqual(['I']);
  });

  it('yields the IncidentError of an invalid incident and rethrows anything else', () => {
    // An exception of the host's own code (here a getter) is not an IncidentError: it propagates as thrown.
    const flaky = {
      ...incident,
      get id(): string {
        throw new RangeError('host bug');
      },
    };
    const batch = decideMany(plan, [{ id: '' }, flaky], now);
    expect(batch.next().value).toMatchObject({ index: 0, error: { name: 'IncidentError' } });
    expect(() => batch.next()).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// The built package, each check in a fresh Node process (npm test builds it first).

describe('the built package', () => {
  it('defines no globals of its own when imported or required', () => {
    const code = (load: string): string => `
      const snapshot = () => Object.fromEntries(Reflect.ownKeys(globalThis).map((k) => [String(k), Object.getOwnPropertyDescriptor(globalThis, k)]));
      const before = snapshot();
      ${load}
      const after = snapshot();
      const added = Object.keys(after).filter((k) => !(k in before));
      const changed = Object.keys(before).filter((k) => !(k in after) || ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'].some((f) => !Object.is(before[k][f], after[k][f])));
      console.log(JSON.stringify({ added, changed }));`;
    // zod is held at 4.1, the last minor that keeps its configuration and registry to itself (4.2 and later put them on globalThis).
    expect(node(code(`await import('./dist/index.js'); await import('./dist/testing.js');`))).toEqual({ added: [], changed: [] });
    expect(node(code(`const require = (await import('node:module')).createRequire(import.meta.url); require('./dist/index.cjs'); require('./dist/testing.cjs');`))).toEqual({ added: [], changed: [] });
  });

  it('works after SES lockdown(): plans load, decisions and audits come out, errors keep their class and name', () => {
    const result = node(`
      import 'ses';
      lockdown();
      const lib = await import('./dist/index.js');
      const incident = ${JSON.stringify(incident)};
      const plan = lib.loadPlan('county-bureau');
      const decision = lib.decide(plan, incident, ${JSON.stringify(now)});
      const audit = lib.audit(plan, incident, ${JSON.stringify(now)});
      const names = [];
      for (const run of [() => lib.loadPlan('none'), () => lib.decide(plan, {}, ${JSON.stringify(now)})]) {
        try { run(); } catch (e) { names.push([e.name, e instanceof lib.PlanError, e instanceof lib.IncidentError, e.code]); }
      }
      console.log(JSON.stringify({ frozen: Object.isFrozen(Error.prototype), level: decision.level.id, obligations: audit.obligations.length, text: lib.renderDecision(decision).split('\\n')[0], names }));`);
    expect(result).toEqual({
      frozen: true,
      level: 'I',
      obligations: expect.any(Number) as number,
      text: '预案：county-bureau（版本 1.1.0）　舆情：inc-1　时间：2026-03-02T10:00:00+08:00',
      names: [
        ['PlanError', true, false, 'UNKNOWN_PLAN'],
        ['IncidentError', false, true, 'INVALID_INCIDENT'],
      ],
    });
  });

  it('accepts in its CommonJS build a plan loaded by its ESM build, and back', () => {
    const result = node(`
      const esm = await import('./dist/index.js');
      const cjs = (await import('node:module')).createRequire(import.meta.url)('./dist/index.cjs');
      const incident = ${JSON.stringify(incident)};
      const now = ${JSON.stringify(now)};
      const fromEsm = esm.loadPlan('county-bureau');
      const fromCjs = cjs.loadPlan('county-bureau');
      const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
      console.log(JSON.stringify({
        distinct: esm.loadPlan !== cjs.loadPlan,
        esmPlanInCjs: same(cjs.decide(fromEsm, incident, now), esm.decide(fromEsm, incident, now)),
        cjsPlanInEsm: same(esm.audit(fromCjs, incident, now), cjs.audit(fromCjs, incident, now)),
        schedule: same(cjs.schedule(fromEsm, { from: now.now, to: '2026-06-01T00:00:00+08:00' }), esm.schedule(fromEsm, { from: now.now, to: '2026-06-01T00:00:00+08:00' })),
      }));`);
    expect(result).toEqual({ distinct: true, esmPlanInCjs: true, cjsPlanInEsm: true, schedule: true });
  });
});
