// Hostile arguments at every public entry (issue 15, H5): every function exported from the library and from
// its testing toolkit, each argument in turn replaced by a hostile value, either returns or throws one of the
// library's errors (PlanError, IncidentError, DocumentSyntaxError) — never a TypeError or anything else —
// and never hangs. A getter of the caller's own that throws is the caller's error: it propagates as thrown.
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import * as testing from '../src/testing/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { audit, decide, decideMany, dueText, formatIssues, IncidentError, loadPlan, planFacts, PlanError, renderAudit, renderDecision, statusText, type Issue } from '../src/index.js';
import {
  compareDecision,
  compareDecisions,
  diffPlans,
  DocumentSyntaxError,
  formatResults,
  formatScore,
  generateIncidents,
  mutantsOf,
  mutatePlan,
  runScenario,
  runScenarioFile,
  scenarioCases,
  verifyWithin,
  type ScenarioFile,
} from '../src/testing/index.js';

/** The error a getter of the caller's own throws: the library lets it through unchanged. */
const HOST = new Error("the host's own getter");

const plan = loadPlan('industry-bureau');
const now = '2026-03-02T09:10:00+08:00';
const incident = {
  id: 'inc-1',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
};
const decision = decide(plan, incident, { now });
const report = audit(plan, incident, { now });
const scenario = { name: 'any decision', clause: '000', incident, now, expect: {} };
const file: ScenarioFile = { plan: 'industry-bureau', scenarios: [scenario] };
const issue: Issue = { path: ['a', 0], code: 'custom', message: 'm', received: 1, expected: 'e' };

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
/** Every key the library's functions read of an argument, and the conversions to a primitive and to JSON: each a getter that throws HOST. */
const READ = ['id', 'version', 'definition', 'layers', 'parameters', 'calendar', 'plan', 'incident', 'now', 'from', 'to', 'risk', 'issues', 'path', 'message', 'code', 'expected', 'received', 'level', 'lead', 'notify', 'obligations', 'next', 'warnings', 'summary', 'events', 'name', 'clause', 'expect', 'scenarios', 'passed', 'mismatches', 'results', 'source', 'cases', 'budget', 'space', 'search', 'evaluate', 'plans', 'flags', 'occurredAt', 'discoveredAt', 'maxCombinations', 'onPartial', 'onProgress', 'levels', 'roles', 'recipients', 'classification', 'length', 'toJSON', Symbol.iterator, Symbol.toPrimitive];
const throwingGetters = (): object => {
  const value = {};
  for (const key of READ) {
    Object.defineProperty(value, key, {
      enumerable: true,
      get() {
        throw HOST;
      },
    });
  }
  return value;
};

/** The hostile values for an argument whose valid value is `valid`. */
const hostile = (valid: unknown): [string, unknown][] => [
  ['undefined', undefined],
  ['null', null],
  ['42', 42],
  ["'x'", 'x'],
  ['{}', {}],
  ['[]', []],
  ['a revoked Proxy', revoked()],
  ['a Proxy of the valid value', new Proxy(valid !== null && typeof valid === 'object' ? valid : valid === undefined ? {} : Object(valid), {})],
  ['an object with throwing getters', throwingGetters()],
  ['Object.create(null)', Object.create(null)],
];

interface Spec {
  /** Valid arguments: each position is replaced in turn. */
  args: () => unknown[];
  /** A class: called with `new`. */
  construct?: true;
}

/** Every function exported from '.' and './testing', by `module.name`. A new export fails the first test until it is listed here. */
const SPECS: Record<string, Spec> = {
  'lib.listPlans': { args: () => [] },
  'lib.listLayers': { args: () => [] },
  'lib.loadPlan': { args: () => ['industry-bureau', {}] },
  'lib.calendarYears': { args: () => [plan] },
  'lib.decide': { args: () => [plan, incident, { now }] },
  'lib.decideMany': { args: () => [plan, [incident], { now }] },
  'lib.audit': { args: () => [plan, incident, { now }] },
  'lib.schedule': { args: () => [plan, { from: '2026-03-01T00:00:00+08:00', to: '2026-03-08T00:00:00+08:00' }] },
  'lib.assessRisk': { args: () => [plan, { risk: 'high' }] },
  'lib.formatIssues': { args: () => [[issue]] },
  'lib.renderDecision': { args: () => [decision] },
  'lib.renderAudit': { args: () => [report] },
  'lib.dueText': { args: () => [decision.obligations[0], { lang: 'en' }] },
  'lib.statusText': { args: () => ['overdue', { lang: 'zh' }] },
  'lib.planFacts': { args: () => [plan, { lang: 'en' }] },
  // The code and the summary are the library's own words (typed unions): the issues are what a caller builds.
  'lib.PlanError': { args: () => [[issue]], construct: true },
  'lib.IncidentError': { args: () => [[issue]], construct: true },
  'testing.compareDecision': { args: () => [decision, { level: decision.level.id }] },
  'testing.formatResults': { args: () => [runScenarioFile(plan, file).results] },
  'testing.runScenario': { args: () => [plan, scenario] },
  'testing.DocumentSyntaxError': { args: () => ['a.json', [issue]], construct: true },
  'testing.isScenarioFileName': { args: () => ['a.scenarios.json'] },
  'testing.parseDocument': { args: () => ['{"a": 1}', 'a.json'] },
  'testing.parseScenarioFile': { args: () => [JSON.stringify(file), 'a.scenarios.json'] },
  'testing.runScenarioFile': { args: () => [plan, file] },
  'testing.scenarioFilePasses': { args: () => [plan, file] },
  'testing.verifyPlan': { args: () => [plan] },
  'testing.verifyWithin': { args: () => [plan, { space: 1_000_000, search: 1_000_000 }] },
  'testing.checkWithEngine': { args: () => [plan, { budget: 50 }] },
  'testing.compareDecisions': { args: () => [decision, decision] },
  'testing.compareDefinitions': { args: () => [plan, plan] },
  'testing.diffPlans': { args: () => [plan, plan, [{ name: 'c', source: 'generated', incident, now }], {}] },
  'testing.generateIncidents': { args: () => [{ flags: false }] },
  'testing.scenarioCases': { args: () => [file, 'p: '] },
  'testing.doubleDuration': { args: () => ['PT30M'] },
  'testing.formatScore': { args: () => [0.5] },
  'testing.mutantsOf': { args: () => [plan.definition] },
  'testing.mutatePlan': { args: () => [plan, [file], {}] },
  'testing.verifyAgainst': { args: () => [loadPlan('hrss'), loadPlan('national'), {}] },
};

const MODULES = { lib, testing } as Record<string, Record<string, unknown>>;
const exported = Object.entries(MODULES).flatMap(([module, namespace]) =>
  Object.entries(namespace)
    .filter(([, value]) => typeof value === 'function')
    .map(([name, value]) => [`${module}.${name}`, value as (...args: unknown[]) => unknown] as const),
);

/** Calls the export, draining an iterator and awaiting a promise: the outcome is a value or an error. */
async function outcome(fn: (...args: unknown[]) => unknown, spec: Spec, args: unknown[]): Promise<{ error: unknown } | { value: unknown }> {
  try {
    let value = spec.construct ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args);
    if (value instanceof Promise) value = await value;
    else if (value !== null && typeof value === 'object' && typeof (value as Partial<Iterator<unknown>>).next === 'function') value = [...(value as Iterable<unknown>)];
    return { value };
  } catch (error) {
    return { error };
  }
}

const acceptable = (error: unknown): boolean => error instanceof PlanError || error instanceof IncidentError || error instanceof DocumentSyntaxError || error === HOST;

describe('hostile arguments at every public entry', () => {
  it('has a spec for every function exported from "." and "./testing", and none for what is not exported', () => {
    const names: string[] = exported.map(([name]) => name);
    expect(names.filter((name) => !(name in SPECS))).toEqual([]);
    expect(Object.keys(SPECS).filter((name) => !names.includes(name))).toEqual([]);
  });

  it.each(exported)('%s: its valid arguments give a value, and each hostile argument a value or one of the library errors', async (name, fn) => {
    const spec = SPECS[name] as Spec;
    const valid = await outcome(fn, spec, spec.args());
    expect(valid).toHaveProperty('value');
    const wrong: string[] = [];
    for (let position = 0; position < spec.args().length; position++) {
      for (const [label, value] of hostile(spec.args()[position])) {
        const args = spec.args();
        args[position] = value;
        const result = await outcome(fn, spec, args);
        if ('error' in result && !acceptable(result.error)) wrong.push(`argument ${position} = ${label}: ${String(result.error)}`);
      }
    }
    expect(wrong).toEqual([]);
    // mutatePlan runs its mutants for each Proxy and each options object that passes: a few seconds on a busy machine.
  }, 60_000);
});

/** The one issue of the library error `fn` throws (in English: these tests read the library's own wording), or fails. */
function issueOf(fn: () => unknown): Issue {
  try {
    inLanguage('en', fn);
  } catch (error) {
    if (!(error instanceof PlanError || error instanceof IncidentError)) throw error;
    expect(error.issues).toHaveLength(1);
    return error.issues[0] as Issue;
  }
  throw new Error('expected a PlanError or an IncidentError');
}

describe('the guards name the argument, the value and what was expected', () => {
  it('renderDecision and renderAudit: the field of the decision or audit, by the schema', () => {
    expect(() => renderDecision(null as never)).toThrow(new PlanError([{ path: ['decision'], code: 'invalid_type', message: 'Invalid input: expected object, received null', received: null, expected: 'object' }], 'INVALID_OPTION', 'Invalid argument'));
    expect(issueOf(() => renderDecision({ ...decision, level: { ...decision.level, id: 7 } } as never))).toMatchObject({ path: ['decision', 'level', 'id'], received: 7, expected: 'string' });
    expect(issueOf(() => renderAudit({ ...report, obligations: 'none' } as never))).toMatchObject({ path: ['audit', 'obligations'], received: 'none', expected: 'array' });
    const error = (() => {
      try {
        inLanguage('en', () => renderDecision(revoked() as never));
      } catch (e) {
        return e as PlanError;
      }
    })();
    expect(error).toBeInstanceOf(PlanError);
    expect(error?.message).toBe('Invalid argument\ndecision: a Proxy (e.g. a reactive object of a UI framework) is not plain data (expected plain objects and arrays: pass a plain copy (e.g. toRaw() or JSON.parse(JSON.stringify(value))))');
  });

  it('dueText, statusText and planFacts: the obligation, the status, the plan and the language', () => {
    expect(issueOf(() => dueText({ ...decision.obligations[0], dueAt: 5 } as never))).toMatchObject({ path: ['obligation', 'dueAt'], received: 5 });
    expect(issueOf(() => statusText('done' as never))).toMatchObject({ path: ['status'], received: 'done' });
    expect(issueOf(() => statusText('overdue', { lang: 'fr' } as never))).toEqual({ path: ['lang'], code: 'invalid_option', message: 'not a language', received: 'fr', expected: '"zh" or "en"' });
    expect(issueOf(() => planFacts({} as never))).toEqual({ path: ['plan'], code: 'invalid_type', message: 'not a plan made by loadPlan', received: {}, expected: 'the result of loadPlan()' });
    expect(issueOf(() => planFacts(plan, { lang: 'de' } as never))).toMatchObject({ path: ['lang'], received: 'de' });
  });

  it('decideMany: a revoked Proxy as the batch is no iterable, said in words', () => {
    expect(issueOf(() => decideMany(plan, revoked() as never, { now }))).toEqual({ path: ['incidents'], code: 'invalid_type', message: 'incidents must be an iterable of incidents', received: '(a revoked Proxy)', expected: 'an array, a Set, a generator or another iterable of incident objects' });
  });

  it('formatIssues and the errors it prints: the list, the item and the field', () => {
    expect(issueOf(() => formatIssues(42 as never))).toMatchObject({ path: ['issues'], received: 42, expected: 'an array of issues ({ path, code, message, received?, expected? })' });
    expect(issueOf(() => formatIssues([issue, null] as never))).toMatchObject({ path: ['issues', 1], received: null });
    expect(issueOf(() => formatIssues([{ path: 'a', code: 'c', message: 'm' }] as never))).toMatchObject({ path: ['issues', 0, 'path'], received: 'a', expected: 'an array of texts and numbers' });
    expect(issueOf(() => formatIssues([{ path: [Symbol('s')], code: 'c', message: 'm' }] as never))).toMatchObject({ path: ['issues', 0, 'path'] });
    expect(issueOf(() => formatIssues([{ path: [], code: 'c' }] as never))).toMatchObject({ path: ['issues', 0, 'message'], expected: 'a text' });
    expect(issueOf(() => formatIssues([{ path: [], code: 'c', message: 'm', expected: 3 }] as never))).toMatchObject({ path: ['issues', 0, 'expected'], received: 3 });
    expect(issueOf(() => formatIssues(revoked() as never))).toMatchObject({ path: ['issues'], received: '(a revoked Proxy)' });
    expect(issueOf(() => new IncidentError([revoked()] as never))).toMatchObject({ path: ['issues', 0], received: '(a revoked Proxy)' });
    // eslint-disable-next-line no-sparse-arrays -- a hole is what is tested.
    expect(issueOf(() => formatIssues([issue, , issue] as never))).toMatchObject({ path: ['issues', 1] });
    expect(issueOf(() => new DocumentSyntaxError(7 as never, []))).toMatchObject({ path: ['name'], received: 7 });
    expect(issueOf(() => new DocumentSyntaxError('a.json', {} as never))).toMatchObject({ path: ['issues'] });
    expect(formatIssues([issue], { lang: 'en' })).toBe('a[0]: m (received 1; expected e)');
    expect(formatIssues([issue])).toBe('a[0]：m（收到 1；应为 e）');
  });

  it('the plans of diff and compareDefinitions: named before, after or by their place in options.plans', () => {
    expect(issueOf(() => diffPlans(plan, null as never, []))).toEqual({ path: ['after'], code: 'invalid_type', message: 'not a plan made by loadPlan', received: null, expected: 'the result of loadPlan()' });
    expect(issueOf(() => diffPlans(revoked() as never, plan, []))).toMatchObject({ path: ['before'], received: '(a revoked Proxy)' });
    expect(issueOf(() => generateIncidents({ plans: [plan, {} as never] }))).toMatchObject({ path: ['options', 'plans', 1], received: {} });
    expect(issueOf(() => generateIncidents({ plans: plan as never }))).toMatchObject({ path: ['options', 'plans'], expected: 'an array of plans made by loadPlan' });
  });

  it('the cases of a diff: the list, each case and its fields', () => {
    const good = { name: 'c', source: 'generated', incident, now };
    expect(issueOf(() => diffPlans(plan, plan, {} as never))).toMatchObject({ path: ['cases'], received: {} });
    expect(issueOf(() => diffPlans(plan, plan, [good, 'c'] as never))).toMatchObject({ path: ['cases', 1], received: 'c', expected: 'an object { name, source, incident, now }' });
    expect(issueOf(() => diffPlans(plan, plan, [{ ...good, name: 1 }] as never))).toMatchObject({ path: ['cases', 0, 'name'], received: 1, expected: 'a text' });
    expect(issueOf(() => diffPlans(plan, plan, [{ ...good, source: 'mine' }] as never))).toMatchObject({ path: ['cases', 0, 'source'], received: 'mine', expected: '"scenario" or "generated"' });
    expect(issueOf(() => diffPlans(plan, plan, [{ ...good, now: new Date() }] as never))).toMatchObject({ path: ['cases', 0, 'now'] });
    expect(issueOf(() => diffPlans(plan, plan, [good] as never, { onProgress: 'yes' } as never))).toMatchObject({ path: ['options', 'onProgress'], received: 'yes' });
    expect(issueOf(() => diffPlans(plan, plan, [good] as never, [] as never))).toMatchObject({ path: ['options'], received: [] });
  });

  it('generateIncidents: each option that would otherwise make every incident invalid or read as its default', () => {
    expect(issueOf(() => generateIncidents({ now: 'soon' }))).toEqual({ path: ['options', 'now'], code: 'invalid_type', message: 'not a valid now', received: 'soon', expected: 'an ISO 8601 timestamp with an offset, e.g. 2026-03-02T09:00:00+08:00' });
    expect(issueOf(() => generateIncidents({ flags: 'no' as never }))).toMatchObject({ path: ['options', 'flags'], received: 'no', expected: 'true or false' });
    expect(issueOf(() => generateIncidents({ maxCombinations: Number.NaN }))).toMatchObject({ path: ['options', 'maxCombinations'] });
    expect(issueOf(() => generateIncidents({ onPartial: 1 as never }))).toMatchObject({ path: ['options', 'onPartial'], received: 1 });
  });

  it('scenario files, scenarios and results: the place in them, by the schema', () => {
    expect(issueOf(() => runScenarioFile(plan, { plan: 'x' } as never))).toMatchObject({ path: ['file', 'scenarios'], expected: 'array' });
    expect(issueOf(() => runScenario(plan, { ...scenario, now: 9 } as never))).toMatchObject({ path: ['scenario', 'now'], received: 9, expected: 'string' });
    expect(issueOf(() => runScenario(plan, { ...scenario, expect: revoked() } as never))).toMatchObject({ path: ['scenario'], message: 'scenario holds an object that cannot be read', expected: 'plain objects and arrays (no revoked Proxy)' });
    expect(issueOf(() => compareDecision(decision, { level: 1 } as never))).toMatchObject({ path: ['expect', 'level'], received: 1 });
    expect(issueOf(() => scenarioCases(file, 3 as never))).toMatchObject({ path: ['prefix'], received: 3 });
    expect(issueOf(() => formatResults([{ name: 'n', clause: 'c', passed: 'no', mismatches: [] }] as never))).toMatchObject({ path: ['results', 0, 'passed'], received: 'no', expected: 'boolean' });
    expect(issueOf(() => compareDecisions(decision, { ...decision, next: null } as never))).toMatchObject({ path: ['b', 'next'], received: null });
  });

  it('mutation testing: the plan definition, the files by their place, the options and the score', () => {
    expect(issueOf(() => mutantsOf({ ...plan.definition, levels: 'I' } as never))).toMatchObject({ path: ['definition', 'levels'], received: 'I' });
    expect(issueOf(() => mutatePlan(plan, file as never))).toMatchObject({ path: ['files'], expected: 'an array of scenario files (each as parseScenarioFile gives it)' });
    expect(issueOf(() => mutatePlan(plan, [file, null] as never))).toMatchObject({ path: ['files', 1], received: null });
    expect(issueOf(() => mutatePlan(plan, [file], { parameters: { unit: ['a'] } } as never))).toMatchObject({ path: ['options', 'parameters'], received: { unit: ['a'] } });
    expect(issueOf(() => mutatePlan(plan, [file], { parameters: 'unit=a' } as never))).toMatchObject({ path: ['options', 'parameters'], expected: 'an object of texts and numbers, such as { "unit": "某局" }' });
    expect(issueOf(() => mutatePlan(plan, [file], { onProgress: 1 } as never))).toMatchObject({ path: ['options', 'onProgress'], received: 1 });
    expect(issueOf(() => formatScore(2))).toEqual({ path: ['score'], code: 'invalid_type', message: 'not a mutation score', received: 2, expected: 'a number from 0 to 1 (MutationReport.score)' });
    expect(issueOf(() => formatScore(Number.NaN))).toMatchObject({ path: ['score'] });
  });

  it('verifyWithin and checkWithEngine: both bounds of the budget, and the engine options', async () => {
    expect(issueOf(() => verifyWithin(plan, { space: 1 } as never))).toMatchObject({ path: ['budget', 'search'], expected: 'a number of condition nodes, 0 or more' });
    expect(issueOf(() => verifyWithin(plan, { space: -1, search: 1 }))).toMatchObject({ path: ['budget', 'space'], received: -1 });
    await expect(testing.checkWithEngine(plan, { budget: '10' } as never)).rejects.toMatchObject({ issues: [{ path: ['options', 'budget'], received: '10' }] });
    await expect(testing.checkWithEngine(plan, { evaluate: true } as never)).rejects.toMatchObject({ issues: [{ path: ['options', 'evaluate'], received: true }] });
  });

  it('texts of the file functions: the text and the file name', () => {
    expect(issueOf(() => testing.parseDocument(Buffer.from('{}') as never, 'a.json'))).toMatchObject({ path: ['text'], expected: 'the text of a JSON or YAML file' });
    expect(issueOf(() => testing.parseScenarioFile('{}', null as never))).toMatchObject({ path: ['name'], received: null });
    expect(issueOf(() => testing.isScenarioFileName(revoked() as never))).toMatchObject({ path: ['name'], received: '(a revoked Proxy)' });
    expect(issueOf(() => testing.doubleDuration(30 as never))).toMatchObject({ path: ['offset'], received: 30, expected: 'an ISO 8601 duration such as PT30M' });
  });

  it('mutates nothing it is given', () => {
    const given = structuredClone({ decision, report, file });
    renderDecision(given.decision);
    renderAudit(given.report);
    runScenarioFile(plan, given.file);
    scenarioCases(given.file);
    compareDecisions(given.decision, given.decision);
    expect(given).toEqual({ decision, report, file });
  });
});
