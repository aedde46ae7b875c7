import { describe, expect, it } from 'vitest';
import { decide, loadPlan, type Decision, type Plan, type PlanSource } from '../src/index.js';
import {
  compareDecision,
  compareDecisions,
  diffPlans as diffPlansIn,
  DocumentSyntaxError,
  doubleDuration,
  ExpectSchema,
  formatResults as formatResultsIn,
  formatScore,
  generateIncidents,
  isScenarioFileName,
  mutantsOf as mutantsOfIn,
  mutatePlan as mutatePlanIn,
  parseDocument,
  parseScenarioFile,
  runScenario,
  runScenarioFile,
  scenarioCases,
  scenarioFilePasses,
  ScenarioFileSchema,
  ScenarioSchema,
  verifyPlan as verifyPlanIn,
  type DiffCase,
  type Expect,
  type MutantResult,
  type Scenario,
  type ScenarioFile,
} from '../src/testing/index.js';

/** The toolkit worded in English (`lang: 'en'`): these tests read its texts; the Chinese default is tested in test/testing-lang.test.ts. */
const english = <O,>(options: O): O | { lang: 'en' } => (options === undefined ? { lang: 'en' } : options !== null && typeof options === 'object' && !Array.isArray(options) ? { lang: 'en', ...options } : options);
const formatResults = (results: Parameters<typeof formatResultsIn>[0], options?: Parameters<typeof formatResultsIn>[1]) => formatResultsIn(results, english(options) as Parameters<typeof formatResultsIn>[1]);
const mutantsOf = (definition: Parameters<typeof mutantsOfIn>[0], options?: Parameters<typeof mutantsOfIn>[1]) => mutantsOfIn(definition, english(options) as Parameters<typeof mutantsOfIn>[1]);
const mutatePlan = (plan: Parameters<typeof mutatePlanIn>[0], files: Parameters<typeof mutatePlanIn>[1], options?: Parameters<typeof mutatePlanIn>[2]) => mutatePlanIn(plan, files, english(options) as Parameters<typeof mutatePlanIn>[2]);
const verifyPlan = (plan: Parameters<typeof verifyPlanIn>[0], options?: Parameters<typeof verifyPlanIn>[1]) => verifyPlanIn(plan, english(options) as Parameters<typeof verifyPlanIn>[1]);
const diffPlans = (before: Parameters<typeof diffPlansIn>[0], after: Parameters<typeof diffPlansIn>[1], cases: Parameters<typeof diffPlansIn>[2], options?: Parameters<typeof diffPlansIn>[3]) => diffPlansIn(before, after, cases, english(options) as Parameters<typeof diffPlansIn>[3]);
// The fact space is not part of the public testing API; its helpers are pinned here directly.
import { domainOf, factsRead, forEachPoint, isIndicator, showPoint, somePoint, type FactValue } from '../src/testing/space.js';
import { at, basisOf, level } from './support/synthetic-plan.js';

// A small plan whose every part is known, so that each check of the toolkit can be reached exactly.
// Classification reads attention and massIncident (5 × 2 = 10 points of the space):
//   massIncident or attention=extreme → I (c-i, via the shared condition "severe"),
//   attention high/elevated → II (c-ii), everything else → III (c-iii, always fires).
// Times are on 2026-03-02 in +08:00.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const basis = basisOf('toolkit test plan');
const eq = (fact: string, value: unknown) => ({ fact, operator: 'equal', value });
const isIn = (fact: string, value: unknown[]) => ({ fact, operator: 'in', value });

function source(): Json {
  return {
    id: 'toolkit-test',
    version: '1',
    title: '工具测试预案',
    unit: '测试单位',
    source: { seed: '000', file: 'test/testing-toolkit.test.ts' },
    levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis)],
    conditions: { severe: { any: [eq('attention', 'extreme'), eq('massIncident', true)] } },
    classification: [
      { id: 'c-i', level: 'I', priority: 30, basis, conditions: { condition: 'severe' } },
      { id: 'c-ii', level: 'II', priority: 20, basis, conditions: { all: [isIn('attention', ['high', 'elevated'])] } },
      { id: 'c-iii', level: 'III', priority: 10, basis, conditions: { all: [] } },
    ],
    roles: [
      { id: 'office', name: '办公室' },
      { id: 'leading-group', name: '领导小组' },
    ],
    recipients: [
      { id: 'propaganda', name: '宣传部' },
      { id: 'government', name: '政府' },
    ],
    escalation: [
      { level: 'I', lead: 'leading-group', basis },
      { level: 'II', lead: 'leading-group', basis },
      { level: 'III', lead: 'office', basis },
    ],
    obligations: [
      {
        id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', notify: 'report', anchor: 'discoveredAt', offset: 'PT30M', basis,
        when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] },
      },
      { id: 'request-gov', step: 'report', title: '请示政府', responsible: 'office', to: 'government', notify: 'request', anchor: 'occurredAt', offset: 'PT2H', basis, when: { all: [eq('level', 'I')] } },
      { id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT1H', basis },
      { id: 'reply-press', step: 'reply', title: '回应媒体', responsible: 'leading-group', offset: 'PT2H', basis, when: { all: [eq('mediaInquiry', true)] } },
      { id: 'watch', step: 'monitor', title: '持续监测', responsible: 'office', continuous: true, until: 'subsided', basis },
    ],
  };
}
const load = (s: Json, parameters?: Record<string, string | number>): Plan => loadPlan(s as PlanSource, parameters ? { parameters } : {});
const plan = load(source());

const incidentAt = (attention: string | null, extra: Json = {}): Json => ({
  id: 'inc-t',
  occurredAt: at('08:00'),
  discoveredAt: at('09:00'),
  ...(attention ? { indicators: { attention } } : {}),
  ...extra,
});
/** Level I at 09:10: report-up due 09:30, request-gov and verify due 10:00, watch continuous; propaganda then government notified. */
const levelOne: Decision = decide(plan, incidentAt('extreme'), { now: at('09:10') });
const scenario = (name: string, incident: unknown, expectation: Expect, now = at('09:10')): Scenario => ({ name, clause: `clause of ${name}`, incident, now, expect: expectation });
/** discoveredAt before occurredAt: decide throws IncidentError at path discoveredAt. */
const backwards = incidentAt('extreme', { occurredAt: at('09:00'), discoveredAt: at('08:00') });

describe('the decision the scenarios below compare against', () => {
  it('is level I with two recipients, four obligations and a review at the first reminder', () => {
    expect(levelOne.level).toMatchObject({ id: 'I', source: 'criteria' });
    expect(levelOne.notify.map((n) => [n.id, n.dueAt])).toEqual([['propaganda', at('09:30')], ['government', at('10:00')]]);
    expect(levelOne.obligations.map((o) => [o.id, o.status, o.dueAt])).toEqual([
      ['report-up', 'pending', at('09:30')],
      ['request-gov', 'pending', at('10:00')],
      ['verify', 'pending', at('10:00')],
      ['watch', 'pending', null],
    ]);
    expect(levelOne.next.map((o) => o.id)).toEqual(['report-up', 'request-gov', 'verify', 'watch']);
    expect(levelOne.nextReviewAt).toBe(at('09:15'));
    expect(levelOne.warnings).toEqual([]);
  });
});

describe('compareDecision', () => {
  it('finds nothing when only what is right is named, in any order', () => {
    const right: Expect = {
      level: 'I',
      levelSource: 'criteria',
      lead: 'leading-group',
      notify: ['government', 'propaganda'],
      obligations: {
        'report-up': { status: 'pending', dueAt: at('09:30'), doneAt: null, to: 'propaganda', responsible: 'office', kind: 'deadline' },
        watch: { kind: 'continuous', dueAt: null },
      },
      absent: ['reply-press'],
      next: ['report-up', 'request-gov', 'verify', 'watch'],
      nextReviewAt: at('09:15'),
      warnings: [],
    };
    expect(compareDecision(levelOne, right)).toEqual([]);
    expect(compareDecision(levelOne, {})).toEqual([]);
    expect(compareDecision(levelOne, { notify: { government: at('10:00'), propaganda: at('09:30') } })).toEqual([]);
  });

  it('reports every wrong field in order, with what was expected and what the decision says', () => {
    const wrong: Expect = {
      error: { name: 'IncidentError' },
      level: 'II',
      levelSource: 'judgement',
      lead: 'office',
      notify: ['propaganda', 'nobody'],
      obligations: {
        'report-up': { status: 'overdue', dueAt: at('09:45'), doneAt: at('09:20'), to: 'government', responsible: 'leading-group', kind: 'immediate' },
        verify: { to: 'propaganda' },
        'reply-press': { status: 'pending' },
      },
      absent: ['verify', 'reply-press'],
      next: ['verify'],
      nextReviewAt: null,
      warnings: ['no-indicators'],
    };
    expect(compareDecision(levelOne, wrong)).toEqual([
      { field: 'error', expected: 'IncidentError', actual: 'a decision' },
      { field: 'level', expected: 'II', actual: 'I' },
      { field: 'level.source', expected: 'judgement', actual: 'criteria' },
      { field: 'lead', expected: 'office', actual: 'leading-group' },
      { field: 'notify', expected: ['nobody', 'propaganda'], actual: ['government', 'propaganda'] },
      { field: 'obligations.report-up.status', expected: 'overdue', actual: 'pending' },
      { field: 'obligations.report-up.dueAt', expected: at('09:45'), actual: at('09:30') },
      { field: 'obligations.report-up.doneAt', expected: at('09:20'), actual: null },
      { field: 'obligations.report-up.to', expected: 'government', actual: 'propaganda' },
      { field: 'obligations.report-up.responsible', expected: 'leading-group', actual: 'office' },
      { field: 'obligations.report-up.kind', expected: 'immediate', actual: 'deadline' },
      { field: 'obligations.verify.to', expected: 'propaganda', actual: null },
      { field: 'obligations.reply-press', expected: 'to have arisen', actual: 'absent' },
      { field: 'obligations.verify', expected: 'absent', actual: 'pending' },
      { field: 'next', expected: ['verify'], actual: ['report-up', 'request-gov', 'verify', 'watch'] },
      { field: 'nextReviewAt', expected: null, actual: at('09:15') },
      { field: 'warnings', expected: ['no-indicators'], actual: [] },
    ]);
  });

  it('checks recipients by id first, then the dueAt of each one the decision has', () => {
    expect(compareDecision(levelOne, { notify: { propaganda: at('09:31'), nobody: null } })).toEqual([
      { field: 'notify', expected: ['nobody', 'propaganda'], actual: ['government', 'propaganda'] },
      { field: 'notify.propaganda.dueAt', expected: at('09:31'), actual: at('09:30') },
    ]);
    expect(compareDecision(levelOne, { notify: { propaganda: at('09:30'), government: null } })).toEqual([
      { field: 'notify.government.dueAt', expected: null, actual: at('10:00') },
    ]);
    // Recipient ids in any order: both sides are sorted.
    expect(compareDecision(levelOne, { notify: ['propaganda', 'government'] })).toEqual([]);
    expect(compareDecision(levelOne, { notify: ['government', 'propaganda'] })).toEqual([]);
  });

  it('compares warning codes in any order, and a level set by judgement', () => {
    const d = decide(plan, incidentAt(null, { events: [{ type: 'report', at: at('09:05'), to: 'somebody' }] }), { now: at('09:10') });
    expect(d.warnings.map((w) => w.code)).toEqual(['no-indicators', 'unknown-recipient']);
    expect(compareDecision(d, { warnings: ['unknown-recipient', 'no-indicators'] })).toEqual([]);
    expect(compareDecision(d, { warnings: ['unknown-recipient'] })).toEqual([{ field: 'warnings', expected: ['unknown-recipient'], actual: ['no-indicators', 'unknown-recipient'] }]);
    const judged = decide(plan, incidentAt('extreme', { events: [{ type: 'level-set', at: at('09:06'), level: 'II' }] }), { now: at('09:10') });
    expect(compareDecision(judged, { level: 'II', levelSource: 'judgement' })).toEqual([]);
    expect(compareDecision(judged, { levelSource: 'criteria' })).toEqual([{ field: 'level.source', expected: 'criteria', actual: 'judgement' }]);
  });
});

describe('runScenario', () => {
  it('returns the name, clause, verdict, mismatches and the decision', () => {
    const result = runScenario(plan, scenario('row I', incidentAt('extreme'), { level: 'I' }));
    expect(result).toEqual({ name: 'row I', clause: 'clause of row I', passed: true, mismatches: [], decision: levelOne });
    const failed = runScenario(plan, scenario('row II', incidentAt('extreme'), { level: 'II' }));
    expect(failed).toEqual({ name: 'row II', clause: 'clause of row II', passed: false, mismatches: [{ field: 'level', expected: 'II', actual: 'I' }], decision: levelOne });
  });

  it('reports an unexpected error with its name and message', () => {
    const result = runScenario(plan, scenario('backwards', backwards, {}));
    expect(result).toEqual({
      name: 'backwards',
      clause: 'clause of backwards',
      passed: false,
      decision: null,
      mismatches: [
        {
          field: 'error',
          expected: 'a decision',
          actual: `IncidentError: 事件无效\ndiscoveredAt：事件的发现时间早于发生时间（收到 "${at('08:00')}"；应为 不早于 occurredAt（${at('09:00')}）的时间）`,
        },
      ],
    });
  });

  it('passes an expected error, checking its name and its paths in any order', () => {
    expect(runScenario(plan, scenario('e', backwards, { error: { name: 'IncidentError' } }))).toMatchObject({ passed: true, mismatches: [], decision: null });
    expect(runScenario(plan, scenario('e', backwards, { error: { name: 'IncidentError', paths: ['discoveredAt'] } })).mismatches).toEqual([]);
    expect(runScenario(plan, scenario('e', backwards, { error: { name: 'PlanError' } }))).toMatchObject({
      passed: false,
      decision: null,
      mismatches: [{ field: 'error', expected: 'PlanError', actual: 'IncidentError' }],
    });
    expect(runScenario(plan, scenario('e', backwards, { error: { name: 'IncidentError', paths: ['now', 'discoveredAt'] } })).mismatches).toEqual([
      { field: 'error.paths', expected: ['discoveredAt', 'now'], actual: ['discoveredAt'] },
    ]);
    // An empty incident fails at id, occurredAt and discoveredAt (in that order); expected paths may come in any order.
    expect(runScenario(plan, scenario('e', {}, { error: { name: 'IncidentError', paths: ['occurredAt', 'id', 'discoveredAt'] } })).mismatches).toEqual([]);
    expect(runScenario(plan, scenario('e', {}, { error: { name: 'PlanError', paths: ['id'] } })).mismatches).toEqual([
      { field: 'error', expected: 'PlanError', actual: 'IncidentError' },
      { field: 'error.paths', expected: ['id'], actual: ['discoveredAt', 'id', 'occurredAt'] },
    ]);
  });

  it('treats a PlanError like an IncidentError, and lets any other error through', () => {
    const notAPlan = {} as Plan;
    expect(runScenario(notAPlan, scenario('p', incidentAt('extreme'), { error: { name: 'PlanError', paths: ['plan'] } }))).toMatchObject({ passed: true, mismatches: [] });
    const exploding = { get id(): string { throw new RangeError('boom'); }, occurredAt: at('08:00'), discoveredAt: at('09:00') };
    expect(() => runScenario(plan, scenario('x', exploding, { error: { name: 'IncidentError' } }))).toThrow(RangeError);
  });
});

describe('formatResults', () => {
  it('renders only the failed scenarios, each field on its own line', () => {
    const results = [
      runScenario(plan, scenario('ok', incidentAt('extreme'), { level: 'I' })),
      runScenario(plan, scenario('wrong level', incidentAt('extreme'), { level: 'II', absent: ['verify'] })),
      runScenario(plan, scenario('wrong error', backwards, { error: { name: 'PlanError' } })),
    ];
    expect(formatResults(results)).toBe(
      [
        '✗ wrong level (clause of wrong level)',
        '    level: expected "II", got "I"',
        '    obligations.verify: expected "absent", got "pending"',
        '✗ wrong error (clause of wrong error)',
        '    error: expected "PlanError", got "IncidentError"',
      ].join('\n'),
    );
    expect(formatResults(results.slice(0, 1))).toBe('');
    expect(formatResults([])).toBe('');
  });
});

describe('scenario files: schemas, suites', () => {
  const file = (...scenarios: Scenario[]): ScenarioFile => ({ plan: 'toolkit-test', scenarios });
  const pass = scenario('pass', incidentAt('extreme'), { level: 'I' });
  const fail = scenario('fail', incidentAt('extreme'), { level: 'III' });

  it('counts passed and failed scenarios, under the plan id and version', () => {
    const suite = runScenarioFile(plan, file(pass, fail, pass, scenario('err', backwards, {})));
    expect(suite.plan).toEqual({ id: 'toolkit-test', version: '1' });
    expect([suite.passed, suite.failed]).toEqual([2, 2]);
    expect(suite.results.map((r) => [r.name, r.passed])).toEqual([['pass', true], ['fail', false], ['pass', true], ['err', false]]);
  });

  it('scenarioFilePasses: true only when every scenario passes; false at the first failure or any thrown error', () => {
    expect(scenarioFilePasses(plan, file(pass))).toBe(true);
    expect(scenarioFilePasses(plan, file(pass, pass))).toBe(true);
    expect(scenarioFilePasses(plan, file(fail, pass))).toBe(false);
    expect(scenarioFilePasses(plan, file(pass, fail))).toBe(false);
    let reads = 0;
    const counting = { get id(): string { reads += 1; return 'inc-t'; }, occurredAt: at('08:00'), discoveredAt: at('09:00') };
    expect(scenarioFilePasses(plan, file(fail, scenario('later', counting, {})))).toBe(false);
    expect(reads).toBe(0);
    const exploding = { get id(): string { throw new RangeError('boom'); }, occurredAt: at('08:00'), discoveredAt: at('09:00') };
    expect(scenarioFilePasses(plan, file(pass, scenario('x', exploding, {})))).toBe(false);
  });

  it('the schemas are strict and require what a scenario needs', () => {
    expect(ExpectSchema.safeParse({ level: 'I', colour: 'red' }).success).toBe(false);
    expect(ExpectSchema.safeParse({ obligations: { a: { status: 'done' } } }).success).toBe(false);
    expect(ExpectSchema.safeParse({ obligations: { a: { kind: 'undated', dueAt: null, doneAt: null, to: 'x', responsible: 'y', status: 'met-late' } } }).success).toBe(true);
    expect(ExpectSchema.safeParse({ obligations: { a: { late: true } } }).success).toBe(false);
    expect(ExpectSchema.safeParse({ notify: { a: null, b: '2026' } }).success).toBe(true);
    expect(ExpectSchema.safeParse({ levelSource: 'guess' }).success).toBe(false);
    expect(ExpectSchema.safeParse({ error: { name: 'TypeError' } }).success).toBe(false);
    expect(ExpectSchema.safeParse({ error: { name: 'PlanError', paths: ['a'], extra: 1 } }).success).toBe(false);
    expect(ScenarioSchema.safeParse({ ...pass, name: '' }).success).toBe(false);
    expect(ScenarioSchema.safeParse({ ...pass, clause: '' }).success).toBe(false);
    expect(ScenarioSchema.safeParse({ ...pass, extra: 1 }).success).toBe(false);
    expect(ScenarioSchema.safeParse(pass).success).toBe(true);
    expect(ScenarioFileSchema.safeParse({ plan: 'x', parameters: { a: 1, b: 'two' }, scenarios: [pass] }).success).toBe(true);
    expect(ScenarioFileSchema.safeParse({ plan: 'x', parameters: { a: true }, scenarios: [pass] }).success).toBe(false);
    expect(ScenarioFileSchema.safeParse({ plan: '', scenarios: [pass] }).success).toBe(false);
    expect(ScenarioFileSchema.safeParse({ plan: 'x', scenarios: [pass], extra: 1 }).success).toBe(false);
    expect(ScenarioFileSchema.safeParse({ $schema: 's', plan: 'x', scenarios: [pass] }).success).toBe(true);
  });
});

describe('scenario files: names, JSON and YAML', () => {
  it('knows a scenario file by its name', () => {
    expect(['a.scenarios.json', 'a.scenarios.yaml', 'a.scenarios.yml', 'A.SCENARIOS.JSON', 'rules/x.Scenarios.Yml'].map(isScenarioFileName)).toEqual([true, true, true, true, true]);
    expect(['a.json', 'a.scenarios.txt', 'a.scenarios.json.bak', 'ascenarios.json', 'a.scenarios.yamll', 'a-scenarios.json', 'a.scenarios-json'].map(isScenarioFileName)).toEqual([false, false, false, false, false, false, false]);
  });

  it('locates a JSON syntax error by line and column, from the position in the message', () => {
    const native = (text: string): string => {
      try {
        JSON.parse(text);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('valid JSON');
    };
    const multiline = '{\n  "a": 1,\n  oops\n}';
    expect(native(multiline)).toMatch(/position 14/);
    let thrown: unknown;
    try {
      parseDocument(multiline, 'x.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DocumentSyntaxError);
    const syntax = thrown as DocumentSyntaxError;
    expect(syntax.name).toBe('DocumentSyntaxError');
    expect(syntax.issues).toEqual([{ path: [], code: 'syntax', message: `invalid JSON at line 3, column 3: ${native(multiline)}` }]);
    expect(syntax.message).toBe(`x.json: invalid JSON at line 3, column 3: ${native(multiline)}`);
    // On the first line the column is the position plus one.
    expect(native('{"a":1}x')).toMatch(/position 7/);
    expect(() => parseDocument('{"a":1}x', 'y.json')).toThrow(`y.json: invalid JSON at line 1, column 8: ${native('{"a":1}x')}`);
    // A message without a position gives no place.
    expect(() => parseDocument('', 'z.json')).toThrow(`z.json: invalid JSON: ${native('')}`);
  });

  it('reads a .JSON name as JSON whatever its case, and anything else as YAML', () => {
    expect(() => parseDocument('a: 1', 'X.JSON')).toThrow(DocumentSyntaxError);
    expect(parseDocument('a: 1', 'x.yml')).toEqual({ a: 1 });
    expect(parseDocument('a: 1', 'noextension')).toEqual({ a: 1 });
    expect(parseDocument('a: 1', 'x.json.yaml')).toEqual({ a: 1 });
    expect(parseDocument('[1, 2]', 'x.json')).toEqual([1, 2]);
  });

  it('lists every YAML error, each by its place and our own words for its kind', () => {
    let thrown: unknown;
    try {
      parseDocument('- a\nb: 1\n', 'x.yaml');
    } catch (error) {
      thrown = error;
    }
    const syntax = thrown as DocumentSyntaxError;
    expect(syntax).toBeInstanceOf(DocumentSyntaxError);
    expect(syntax.issues).toEqual([
      { path: [], code: 'syntax', message: 'invalid YAML at line 2, column 1: an unexpected token' },
      { path: [], code: 'syntax', message: 'invalid YAML at line 2, column 2: an unexpected token' },
      { path: [], code: 'syntax', message: 'invalid YAML at line 2, column 4: an unexpected token' },
    ]);
    expect(syntax.message).toBe(`x.yaml: ${syntax.issues.map((i) => i.message).join('; ')}`);
  });

  it('parseScenarioFile: the syntax issues, the schema issues with their paths, or the checked file', () => {
    expect(parseScenarioFile('', 'e.scenarios.json')).toEqual({ file: null, issues: [{ path: [], code: 'syntax', message: `invalid JSON: ${(() => { try { JSON.parse(''); } catch (e) { return (e as Error).message; } return ''; })()}` }] });
    expect(parseScenarioFile('a: [1, 2\n', 'e.scenarios.yaml')).toEqual({
      file: null,
      issues: [{ path: [], code: 'syntax', message: 'invalid YAML at line 2, column 1: indentation that does not fit the structure' }],
    });
    expect(parseScenarioFile('plan: x\nscenarios: []\n', 'e.scenarios.yaml')).toEqual({
      file: null,
      issues: [{ path: ['scenarios'], code: 'too_small', message: 'Too small: expected array to have >=1 items', received: [], expected: 'at least 1 items' }],
    });
    const text = JSON.stringify({ plan: 'toolkit-test', scenarios: [{ name: 'n', clause: 'c', incident: { id: 'x' }, now: at('09:10'), expect: { level: 'I' } }] });
    expect(parseScenarioFile(text, 'ok.scenarios.json')).toEqual({ file: JSON.parse(text), issues: [] });
  });

  it('turns an alias bomb into a syntax issue instead of expanding it', () => {
    const lines = ['a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (let i = 1; i < 7; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    expect(parseScenarioFile(lines.join('\n'), 'bomb.scenarios.yaml')).toEqual({ file: null, issues: [{ path: [], code: 'syntax', message: 'invalid YAML: more than 1000000 values once aliases are expanded' }] });
  });
});

describe('the fact space', () => {
  it('collects the facts a condition reads, through shared conditions, once each, even around a cycle', () => {
    const named = {
      a: { all: [eq('attention', 'high'), { condition: 'b' }] },
      b: { any: [eq('spread', 'fast'), { condition: 'a' }, { not: eq('massIncident', true) }] },
    } as Json;
    const root = { all: [{ condition: 'a' }, eq('attention', 'low'), { condition: 'missing' }] } as Json;
    expect([...factsRead(root as never, named)]).toEqual(['attention', 'spread', 'massIncident']);
    expect([...factsRead(root as never, new Map(Object.entries(named)))]).toEqual(['attention', 'spread', 'massIncident']);
    // A condition already on the trail is not followed again.
    expect([...factsRead({ condition: 'b' }, named, ['a'])]).toEqual(['spread', 'massIncident']);
    expect([...factsRead({ condition: 'a' }, named, ['a'])]).toEqual([]);
    expect([...factsRead({ not: { any: [eq('level', 'I')] } } as never, {})]).toEqual(['level']);
  });

  it('gives each fact of the incident its values (level and levelRank none of their own)', () => {
    expect(domainOf('attention')).toEqual(['extreme', 'high', 'elevated', 'low', undefined]);
    expect(domainOf('offlineRisk')).toEqual(['imminent', 'possible', 'none', undefined]);
    for (const fact of ['massIncident', 'pressConference', 'exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated']) expect(domainOf(fact)).toEqual([false, true]);
    expect(domainOf('level')).toEqual([undefined]);
    expect(domainOf('levelRank')).toEqual([undefined]);
    expect(domainOf('somethingElse')).toEqual([undefined]);
    expect(isIndicator('reach')).toBe(true);
    expect(isIndicator('level')).toBe(false);
    expect(isIndicator('toString')).toBe(false);
  });

  it('visits every combination, a fresh object each time, and shows a point without its absent facts', () => {
    const seen: Record<string, FactValue>[] = [];
    forEachPoint([['x', [1, 2]], ['y', ['a', undefined, false]]], (p) => seen.push(p));
    expect(seen).toEqual([
      { x: 1, y: 'a' }, { x: 1, y: undefined }, { x: 1, y: false },
      { x: 2, y: 'a' }, { x: 2, y: undefined }, { x: 2, y: false },
    ]);
    expect(new Set(seen).size).toBe(6);
    const none: Record<string, FactValue>[] = [];
    forEachPoint([], (p) => none.push(p));
    expect(none).toEqual([{}]);
    forEachPoint([['x', []]], () => none.push({ never: true }));
    expect(none).toEqual([{}]);
    expect(showPoint({ a: undefined, b: false, c: 0, d: '' , e: 'x' })).toEqual({ b: false, c: 0, d: '', e: 'x' });
  });

  it('somePoint: true at the first combination where the test holds, visiting none after it; false when it holds nowhere', () => {
    const domains = [['x', [1, 2]], ['y', ['a', 'b']]] as const;
    const visited: Record<string, FactValue>[] = [];
    expect(somePoint(domains, (p) => (visited.push(p), p.x === 2 && p.y === 'a'))).toBe(true);
    expect(visited).toEqual([{ x: 1, y: 'a' }, { x: 1, y: 'b' }, { x: 2, y: 'a' }]);
    visited.length = 0;
    expect(somePoint(domains, (p) => (visited.push(p), false))).toBe(false);
    expect(visited).toEqual([{ x: 1, y: 'a' }, { x: 1, y: 'b' }, { x: 2, y: 'a' }, { x: 2, y: 'b' }]);
    expect(new Set(visited).size).toBe(4);
    // No facts: one empty point; a fact without values: no point at all.
    expect(somePoint([], (p) => Object.keys(p).length === 0)).toBe(true);
    expect(somePoint([['x', []]], () => true)).toBe(false);
  });
});

describe('verifyPlan on small plans', () => {
  it('finds nothing in a sound plan, and counts the space and the levels', () => {
    expect(verifyPlan(plan)).toEqual({
      plan: { id: 'toolkit-test', version: '1' },
      space: { facts: ['attention', 'massIncident'], points: 10 },
      levels: { I: 6, II: 2, III: 2 },
      findings: [],
      errors: 0,
      warnings: 0,
    });
  });

  it('finds a gap where no rule fires', () => {
    const s = source();
    s.classification = s.classification.filter((r: Json) => r.id !== 'c-iii');
    const report = verifyPlan(load(s));
    expect(report.findings).toEqual([
      {
        check: 'gap',
        severity: 'error',
        subject: 'classification',
        message: 'no classification rule fires for 2 combination(s); the least severe level stands by default',
        count: 2,
        example: { attention: 'low', massIncident: false },
      },
    ]);
    expect(report.levels).toEqual({ I: 6, II: 2, III: 2 });
    expect([report.errors, report.warnings]).toEqual([1, 0]);
  });

  it('finds overlaps of equal priority with different levels (not with the same level), and rules that never win', () => {
    const s = source();
    s.classification.push(
      { id: 'c-mass', level: 'II', priority: 30, basis, conditions: { all: [eq('massIncident', true)] } },
      { id: 'c-extreme', level: 'I', priority: 30, basis, conditions: { all: [eq('attention', 'extreme')] } },
    );
    const report = verifyPlan(load(s));
    expect(report.findings).toEqual([
      {
        check: 'overlap',
        severity: 'error',
        subject: 'c-extreme + c-i + c-mass',
        message: 'rules of equal priority give different levels (I, II); only severity (就高) settles it, not a declared priority',
        count: 1,
        example: { attention: 'extreme', massIncident: true },
      },
      {
        check: 'overlap',
        severity: 'error',
        subject: 'c-i + c-mass',
        message: 'rules of equal priority give different levels (I, II); only severity (就高) settles it, not a declared priority',
        count: 4,
        example: { attention: 'high', massIncident: true },
      },
      { check: 'shadowed-rule', severity: 'error', subject: 'classification.c-mass', message: 'rule c-mass (level II) fires but is always overruled by a rule of higher priority or a more severe level' },
      { check: 'shadowed-rule', severity: 'error', subject: 'classification.c-extreme', message: 'rule c-extreme (level I) fires but is always overruled by a rule of higher priority or a more severe level' },
    ]);
    expect(report.levels).toEqual({ I: 6, II: 2, III: 2 });
    expect([report.errors, report.warnings]).toEqual([4, 0]);
  });

  it('finds a level that falls when an indicator rises one step, only there', () => {
    const s = source();
    s.classification = [
      { id: 'c-i', level: 'I', priority: 30, basis, conditions: { condition: 'severe' } },
      { id: 'c-media', level: 'I', priority: 40, basis, conditions: { all: [eq('mediaInquiry', true), eq('attention', 'extreme')] } },
      { id: 'c-ii', level: 'II', priority: 20, basis, conditions: { all: [isIn('attention', ['elevated'])] } },
      { id: 'c-high', level: 'III', priority: 20, basis, conditions: { all: [eq('attention', 'high')] } },
      { id: 'c-iii', level: 'III', priority: 10, basis, conditions: { all: [] } },
    ];
    const report = verifyPlan(load(s));
    expect(report.space).toEqual({ facts: ['attention', 'massIncident', 'mediaInquiry'], points: 20 });
    expect(report.levels).toEqual({ I: 12, II: 2, III: 6 });
    expect(report.findings).toEqual([
      {
        check: 'non-monotone',
        severity: 'error',
        subject: 'attention',
        message: 'raising attention one step (elevated → high) lowers the level from II to III',
        count: 2,
        example: { attention: 'elevated', massIncident: false, mediaInquiry: false },
      },
    ]);
  });

  it('finds rules that never fire, levels never given, dead obligations, unused parties and missing clauses', () => {
    const s = source();
    s.levels.push(level('IV', 4, basis));
    s.escalation.push({ level: 'IV', lead: 'office', basis });
    s.escalation[0].approveStatement = ['spokesman'];
    s.escalation[1].consultWith = ['advisor'];
    s.classification.push({ id: 'c-never', level: 'II', priority: 50, basis, conditions: { all: [eq('attention', 'extreme'), eq('attention', 'low')] } });
    s.roles.push({ id: 'spokesman', name: '发言人' }, { id: 'advisor', name: '顾问' }, { id: 'trainer', name: '培训员' }, { id: 'idle', name: '闲置' });
    s.recipients.push({ id: 'archive', name: '档案馆' }, { id: 'filing-body', name: '备案机关' }, { id: 'nobody', name: '无人' });
    s.recurring = [{ id: 'monthly', step: 'monthly-analysis', title: '月度分析', responsible: 'trainer', to: 'archive', every: 'P1M', basis }];
    s.riskAssessment = {
      steps: [{ id: 'assess', name: '评估' }],
      outcomes: { high: { outcome: 'reject-or-adjust', text: '否决' }, medium: { outcome: 'postpone', text: '暂缓' }, low: { outcome: 'proceed-with-explanation', text: '实施' } },
      filing: ['filing-body'],
      basis,
    };
    s.obligations.push(
      { id: 'dead-level', step: 'report', title: '永不', responsible: 'office', basis, when: { all: [eq('level', 'I'), { fact: 'levelRank', operator: 'equal', value: 3 }] } },
      { id: 'dead-flag', step: 'reply', title: '永不', responsible: 'office', basis, when: { all: [eq('mediaInquiry', true), eq('mediaInquiry', false)] } },
      { id: 'dead-empty', step: 'verify', title: '永不', responsible: 'office', basis, when: { not: { all: [] } } },
      { id: 'live-level', step: 'track', title: '三级跟踪', responsible: 'office', basis, when: { all: [eq('level', 'III')] } },
      { id: 'no-clause', step: 'evaluate', title: '评估', responsible: 'office', basis: { seed: '000', clause: '  ' } },
    );
    const report = verifyPlan(load(s));
    expect(report.levels).toEqual({ I: 6, II: 2, III: 2, IV: 0 });
    expect(report.findings).toEqual([
      { check: 'unreachable-rule', severity: 'error', subject: 'classification.c-never', message: 'rule c-never (level II) never fires anywhere in the space' },
      { check: 'unreachable-rule', severity: 'warning', subject: 'levels.IV', message: "level IV is never given by the criteria (only by the leading group's judgement)" },
      { check: 'unreachable-obligation', severity: 'error', subject: 'obligations.dead-level', message: 'the condition of obligation dead-level holds for no combination of level, levelRank' },
      { check: 'unreachable-obligation', severity: 'error', subject: 'obligations.dead-flag', message: 'the condition of obligation dead-flag holds for no combination of mediaInquiry' },
      { check: 'unreachable-obligation', severity: 'error', subject: 'obligations.dead-empty', message: 'the condition of obligation dead-empty holds for no combination of facts' },
      { check: 'unused-party', severity: 'warning', subject: 'roles.idle', message: 'role idle (闲置) is defined but no escalation, obligation or duty names it' },
      { check: 'unused-party', severity: 'warning', subject: 'recipients.nobody', message: 'recipient nobody (无人) is defined but no escalation, obligation or duty names it' },
      { check: 'missing-basis', severity: 'error', subject: 'obligations.no-clause', message: 'obligation no-clause cites no clause' },
    ]);
    expect([report.errors, report.warnings]).toEqual([5, 3]);
  });

  it('tells overlaps apart by their rules, even when the rule ids run together', () => {
    // At extreme attention aa (II) and b (I) fire at priority 30, at high a (I) and ab (II): "aa"+"b" and "a"+"ab" both spell "aab".
    const s = source();
    s.classification = [
      { id: 'a', level: 'I', priority: 30, basis, conditions: { all: [eq('attention', 'high')] } },
      { id: 'aa', level: 'II', priority: 30, basis, conditions: { all: [eq('attention', 'extreme')] } },
      { id: 'ab', level: 'II', priority: 30, basis, conditions: { all: [eq('attention', 'high')] } },
      { id: 'b', level: 'I', priority: 30, basis, conditions: { all: [eq('attention', 'extreme')] } },
      { id: 'c-iii', level: 'III', priority: 10, basis, conditions: { all: [] } },
    ];
    const report = verifyPlan(load(s));
    const overlap = 'rules of equal priority give different levels (I, II); only severity (就高) settles it, not a declared priority';
    const shadowed = (id: string) => `rule ${id} (level II) fires but is always overruled by a rule of higher priority or a more severe level`;
    expect(report.space).toEqual({ facts: ['attention'], points: 5 });
    expect(report.levels).toEqual({ I: 2, II: 0, III: 3 });
    expect(report.findings).toEqual([
      { check: 'overlap', severity: 'error', subject: 'aa + b', message: overlap, count: 1, example: { attention: 'extreme' } },
      { check: 'overlap', severity: 'error', subject: 'a + ab', message: overlap, count: 1, example: { attention: 'high' } },
      { check: 'shadowed-rule', severity: 'error', subject: 'classification.aa', message: shadowed('aa') },
      { check: 'shadowed-rule', severity: 'error', subject: 'classification.ab', message: shadowed('ab') },
      { check: 'unreachable-rule', severity: 'warning', subject: 'levels.II', message: "level II is never given by the criteria (only by the leading group's judgement)" },
    ]);
  });

  it('lists the facts read in alphabetical order: the space, and a dead obligation’s message', () => {
    // The first rule reads spread, the next attention and massIncident; the dead duty reads mediaInquiry, then attention.
    const s = source();
    s.classification.unshift({ id: 'c-fast', level: 'II', priority: 25, basis, conditions: { all: [eq('spread', 'very-fast')] } });
    s.obligations.push({ id: 'dead-order', step: 'reply', title: '永不', responsible: 'office', basis, when: { all: [eq('mediaInquiry', true), eq('attention', 'high'), eq('attention', 'low')] } });
    const report = verifyPlan(load(s));
    // 5 attention × 2 massIncident × 5 spread. I: massIncident (25) or else extreme (5); II: else high or
    // elevated (2 × 5), or else very-fast (low or absent: 2); III: the 8 left.
    expect(report.space).toEqual({ facts: ['attention', 'massIncident', 'spread'], points: 50 });
    expect(report.levels).toEqual({ I: 30, II: 12, III: 8 });
    expect(report.findings).toEqual([
      { check: 'unreachable-obligation', severity: 'error', subject: 'obligations.dead-order', message: 'the condition of obligation dead-order holds for no combination of attention, mediaInquiry' },
    ]);
  });

  it('names the place of every party that is neither a role nor a recipient', () => {
    const definition = structuredClone(plan.definition) as Json;
    definition.escalation[0].approveStatement = ['ghost-approver'];
    definition.escalation[1].consultWith = ['ghost-adviser'];
    definition.obligations.find((o: Json) => o.id === 'verify').responsible = 'ghost-doer';
    definition.recurring = [{ id: 'monthly', step: 'monthly-analysis', title: '月度分析', responsible: 'ghost-analyst', to: 'ghost-reader', every: 'P1M', basis }];
    definition.riskAssessment = {
      steps: [{ id: 'assess', name: '评估' }],
      outcomes: { high: { outcome: 'reject-or-adjust', text: '否决' }, medium: { outcome: 'postpone', text: '暂缓' }, low: { outcome: 'proceed-with-explanation', text: '实施' } },
      filing: ['ghost-filer'],
      basis,
    };
    const forged = Object.create(plan, { definition: { value: definition } }) as Plan;
    const names = (where: string, id: string) => ({ check: 'undefined-party', severity: 'error', subject: id, message: `${where} names ${id}, which is neither a role nor a recipient` });
    expect(verifyPlan(forged).findings).toEqual([
      names('escalation.I.approveStatement', 'ghost-approver'),
      names('escalation.II.consultWith', 'ghost-adviser'),
      names('obligations.verify.responsible', 'ghost-doer'),
      names('recurring.monthly.responsible', 'ghost-analyst'),
      names('recurring.monthly.to', 'ghost-reader'),
      names('riskAssessment.filing', 'ghost-filer'),
    ]);
  });

  it('names a party that is neither a role nor a recipient (loadPlan rejects such a plan; verify reads the definition it is given)', () => {
    const definition = structuredClone(plan.definition) as Json;
    definition.escalation[0].lead = 'ghost';
    definition.obligations.find((o: Json) => o.id === 'verify').to = 'ghost';
    const forged = Object.create(plan, { definition: { value: definition } }) as Plan;
    expect(verifyPlan(forged).findings).toEqual([
      { check: 'undefined-party', severity: 'error', subject: 'ghost', message: 'escalation.I.lead names ghost, which is neither a role nor a recipient' },
      { check: 'undefined-party', severity: 'error', subject: 'ghost', message: 'obligations.verify.to names ghost, which is neither a role nor a recipient' },
    ]);
  });
});

describe('compareDecisions and diffPlans', () => {
  it('compares the level source, recipients and duties that appear, statuses and the order of next', () => {
    const judged = decide(plan, incidentAt('extreme', { events: [{ type: 'level-set', at: at('09:00'), level: 'I' }] }), { now: at('09:10') });
    expect(compareDecisions(levelOne, judged)).toEqual([{ field: 'level.source', before: 'criteria', after: 'judgement' }]);
    const two = decide(plan, incidentAt('high'), { now: at('09:40') });
    // Level II at 09:40 against level I at 09:10: the report to propaganda is due at 09:30 in both, overdue in the first.
    expect(compareDecisions(two, levelOne)).toEqual([
      { field: 'level', before: 'II', after: 'I' },
      { field: 'notify.government', before: 'absent', after: 'notified' },
      { field: 'obligations.report-up.status', before: 'overdue', after: 'pending' },
      { field: 'obligations.request-gov', before: 'absent', after: 'arisen' },
      { field: 'next', before: ['report-up', 'verify', 'watch'], after: ['report-up', 'request-gov', 'verify', 'watch'] },
    ]);
  });

  it('generates the indicator space at the times given, labelled and with one flag each', () => {
    const cases = generateIncidents({ occurredAt: at('07:00'), discoveredAt: at('07:30'), now: at('07:40') });
    expect(cases).toHaveLength(576 * 7);
    expect(cases[0]).toEqual({
      name: 'generated attention=extreme foreignMedia=intense spread=very-fast reach=society offlineRisk=imminent',
      source: 'generated',
      now: at('07:40'),
      incident: { id: 'generated', occurredAt: at('07:00'), discoveredAt: at('07:30'), indicators: { attention: 'extreme', foreignMedia: 'intense', spread: 'very-fast', reach: 'society', offlineRisk: 'imminent' } },
    });
    expect(cases[575]?.name).toBe('generated attention=low foreignMedia=none spread=slow reach=small offlineRisk=none');
    expect(cases[576]).toEqual({
      name: 'generated attention=extreme foreignMedia=intense spread=very-fast reach=society offlineRisk=imminent +massIncident',
      source: 'generated',
      now: at('07:40'),
      incident: {
        id: 'generated', occurredAt: at('07:00'), discoveredAt: at('07:30'),
        indicators: { attention: 'extreme', foreignMedia: 'intense', spread: 'very-fast', reach: 'society', offlineRisk: 'imminent' },
        flags: { massIncident: true },
      },
    });
    expect(cases.at(-1)?.name).toBe('generated attention=low foreignMedia=none spread=slow reach=small offlineRisk=none +pressConference');
    const defaults = generateIncidents({ flags: true });
    expect(defaults).toHaveLength(576 * 7);
    expect(defaults[1]).toMatchObject({ now: '2026-03-02T09:10:00+08:00', incident: { occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { offlineRisk: 'possible' } } });
  });

  it('takes the cases of a scenario file, with a prefix', () => {
    const file: ScenarioFile = { plan: 'toolkit-test', scenarios: [scenario('a', { id: 'x' }, {}), scenario('b', { id: 'y' }, {}, at('10:00'))] };
    expect(scenarioCases(file, 'p/')).toEqual([
      { name: 'p/a', source: 'scenario', incident: { id: 'x' }, now: at('09:10') },
      { name: 'p/b', source: 'scenario', incident: { id: 'y' }, now: at('10:00') },
    ]);
    expect(scenarioCases(file).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('lists, field by field, what a new version changes, and counts it by source and by field', () => {
    // Version 2: the report to propaganda in 45 minutes, verification by the leading group and addressed
    // to the office, elevated attention no longer level II, and a level IV.
    const s = source();
    s.version = '2';
    s.obligations[0].offset = 'PT45M';
    Object.assign(s.obligations[2], { responsible: 'leading-group', to: 'office' });
    s.classification[1].conditions = { all: [isIn('attention', ['high'])] };
    s.levels.push(level('IV', 4, basis));
    s.escalation.push({ level: 'IV', lead: 'office', basis });
    const after = load(s);
    const cases: DiffCase[] = [
      { name: 'extreme', source: 'scenario', incident: incidentAt('extreme'), now: at('09:10') },
      { name: 'elevated', source: 'generated', incident: incidentAt('elevated'), now: at('09:40') },
      { name: 'backwards', source: 'scenario', incident: backwards, now: at('09:10') },
      { name: 'judged IV', source: 'generated', incident: incidentAt('extreme', { events: [{ type: 'level-set', at: at('09:05'), level: 'IV' }, { type: 'level-set', at: at('09:06'), level: 'IV' }] }), now: at('09:10') },
    ];
    const progress: [number, number][] = [];
    const report = diffPlans(plan, after, cases, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(report.before).toEqual({ id: 'toolkit-test', version: '1' });
    expect(report.after).toEqual({ id: 'toolkit-test', version: '2' });
    expect(report.cases).toBe(4);
    expect(report.changed).toEqual([
      {
        name: 'extreme',
        source: 'scenario',
        changes: [
          { field: 'notify.propaganda.dueAt', before: at('09:30'), after: at('09:45') },
          { field: 'obligations.report-up.dueAt', before: at('09:30'), after: at('09:45') },
          { field: 'obligations.verify.responsible', before: 'office', after: 'leading-group' },
          { field: 'obligations.verify.to', before: null, after: 'office' },
        ],
      },
      {
        name: 'elevated',
        source: 'generated',
        changes: [
          { field: 'level', before: 'II', after: 'III' },
          { field: 'lead', before: 'leading-group', after: 'office' },
          { field: 'notify.propaganda', before: 'notified', after: 'absent' },
          { field: 'obligations.report-up', before: 'arisen', after: 'absent' },
          { field: 'obligations.verify.responsible', before: 'office', after: 'leading-group' },
          { field: 'obligations.verify.to', before: null, after: 'office' },
          { field: 'next', before: ['report-up', 'verify', 'watch'], after: ['verify', 'watch'] },
        ],
      },
      { name: 'judged IV', source: 'generated', changes: [{ field: 'error', before: 'IncidentError: events.0.level, events.1.level', after: 'a decision' }] },
    ]);
    expect(report.summary).toEqual({
      cases: 4,
      changed: 3,
      scenarios: { cases: 2, changed: 1 },
      generated: { cases: 2, changed: 2 },
      byField: {
        'notify.propaganda.dueAt': 1,
        'obligations.report-up.dueAt': 1,
        'obligations.verify.responsible': 2,
        'obligations.verify.to': 2,
        level: 1,
        lead: 1,
        'notify.propaganda': 1,
        'obligations.report-up': 1,
        next: 1,
        error: 1,
      },
    });
    // The other way round, a decision becomes an error.
    const back = diffPlans(after, plan, cases.slice(2));
    expect(back.changed).toEqual([{ name: 'judged IV', source: 'generated', changes: [{ field: 'error', before: 'a decision', after: 'IncidentError: events.0.level, events.1.level' }] }]);
    expect(back.summary).toEqual({ cases: 2, changed: 1, scenarios: { cases: 1, changed: 0 }, generated: { cases: 1, changed: 1 }, byField: { error: 1 } });
  });

  it('names every path of an error, and lets other errors through', () => {
    const other = load({ ...source(), version: '3' });
    const report = diffPlans(plan, other, [{ name: 'empty', source: 'scenario', incident: {}, now: at('09:10') }]);
    expect(report.changed).toEqual([]);
    expect(report.summary).toEqual({ cases: 1, changed: 0, scenarios: { cases: 1, changed: 0 }, generated: { cases: 0, changed: 0 }, byField: {} });
    const exploding = { get id(): string { throw new RangeError('boom'); }, occurredAt: at('08:00'), discoveredAt: at('09:00') };
    expect(() => diffPlans(plan, other, [{ name: 'x', source: 'scenario', incident: exploding, now: at('09:10') }])).toThrow(RangeError);
  });
});

describe('mutantsOf', () => {
  it('makes each mutant of a plan, with its id, kind, target and description', () => {
    expect(mutantsOf(plan.definition).map((m) => `${m.id} | ${m.kind} | ${m.target} | ${m.description}`)).toEqual([
      'conditions.severe#enum-1 | enum | conditions.severe | attention equal "extreme" → "high"',
      'conditions.severe#flag-1 | flag | conditions.severe | massIncident equal true → false',
      'classification.c-i#level-1 | level | classification.c-i | level I → II',
      'classification.c-ii#level-1 | level | classification.c-ii | level II → III',
      'classification.c-ii#threshold-1 | threshold | classification.c-ii | attention in ["high","elevated"] → ["high"] (drops "elevated")',
      'classification.c-ii#threshold-2 | threshold | classification.c-ii | attention in ["high","elevated"] → adds "low"',
      'classification.c-iii#level-1 | level | classification.c-iii | level III → II',
      'escalation.I#lead-1 | lead | escalation.I | lead leading-group → office',
      'escalation.II#lead-1 | lead | escalation.II | lead leading-group → office',
      'escalation.III#lead-1 | lead | escalation.III | lead office → leading-group',
      'obligations.report-up#offset-1 | offset | obligations.report-up | offset PT30M → PT60M',
      'obligations.report-up#anchor-1 | anchor | obligations.report-up | anchor discoveredAt → occurredAt',
      'obligations.report-up#drop-notify-1 | drop-notify | obligations.report-up | drop the report to propaganda',
      'obligations.report-up#recipient-1 | recipient | obligations.report-up | to propaganda → government',
      'obligations.report-up#negate-1 | negate | obligations.report-up | when → not(when)',
      'obligations.report-up#number-1 | number | obligations.report-up | levelRank lessThanInclusive 2 → 3',
      'obligations.request-gov#offset-1 | offset | obligations.request-gov | offset PT2H → PT4H',
      'obligations.request-gov#anchor-1 | anchor | obligations.request-gov | anchor occurredAt → discoveredAt',
      'obligations.request-gov#drop-notify-1 | drop-notify | obligations.request-gov | drop the request to government',
      'obligations.request-gov#recipient-1 | recipient | obligations.request-gov | to government → propaganda',
      'obligations.request-gov#negate-1 | negate | obligations.request-gov | when → not(when)',
      'obligations.request-gov#enum-1 | enum | obligations.request-gov | level equal "I" → "II"',
      'obligations.verify#offset-1 | offset | obligations.verify | offset PT1H → PT2H',
      'obligations.reply-press#offset-1 | offset | obligations.reply-press | offset PT2H → PT4H',
      'obligations.reply-press#negate-1 | negate | obligations.reply-press | when → not(when)',
      'obligations.reply-press#flag-1 | flag | obligations.reply-press | mediaInquiry equal true → false',
    ]);
  });

  it('moves each kind of condition value one step, numbering mutants of one kind and target, and applies them to a copy only', () => {
    const s = source();
    s.recipients = [{ id: 'propaganda', name: '宣传部' }];
    s.obligations = s.obligations.filter((o: Json) => o.id !== 'request-gov');
    s.obligations.push({
      id: 'probe', step: 'track', title: '探针', responsible: 'office', to: 'leading-group', basis,
      when: {
        all: [
          eq('attention', 'low'),
          isIn('attention', ['low']),
          { any: [isIn('attention', ['extreme']), { not: isIn('attention', ['elevated', 'low']) }] },
          { fact: 'level', operator: 'notIn', value: ['III'] },
          isIn('spread', ['very-fast', 'fast']),
        ],
      },
    });
    const small = load(s);
    const mutants = mutantsOf(small.definition);
    expect(mutants.filter((m) => m.target === 'obligations.probe').map((m) => `${m.id} | ${m.description}`)).toEqual([
      'obligations.probe#recipient-1 | to leading-group → office',
      'obligations.probe#negate-1 | when → not(when)',
      'obligations.probe#enum-1 | attention equal "low" → "elevated"',
      'obligations.probe#enum-2 | attention in ["low"] → ["elevated"]',
      'obligations.probe#threshold-1 | attention in ["extreme"] → adds "high"',
      'obligations.probe#threshold-2 | attention in ["elevated","low"] → ["elevated"] (drops "low")',
      'obligations.probe#enum-3 | level notIn ["III"] → ["II"]',
      'obligations.probe#threshold-3 | spread in ["very-fast","fast"] → ["very-fast"] (drops "fast")',
      'obligations.probe#threshold-4 | spread in ["very-fast","fast"] → adds "moderate"',
    ]);
    // With one recipient, the report's recipient is replaced by a role.
    expect(mutants.find((m) => m.id === 'obligations.report-up#recipient-1')?.description).toBe('to propaganda → office');

    const applied = (id: string): Json => {
      const copy = structuredClone(small.definition) as Json;
      const mutant = mutants.find((m) => m.id === id);
      if (!mutant) throw new Error(`no mutant ${id}`);
      mutant.apply(copy);
      return copy;
    };
    const probe = (d: Json): Json => d.obligations.find((o: Json) => o.id === 'probe');
    const when = (id: string): Json => probe(applied(id)).when;
    expect(when('obligations.probe#enum-1').all[0].value).toBe('elevated');
    expect(when('obligations.probe#enum-2').all[1].value).toEqual(['elevated']);
    expect(when('obligations.probe#threshold-1').all[2].any[0].value).toEqual(['extreme', 'high']);
    expect(when('obligations.probe#threshold-2').all[2].any[1].not.value).toEqual(['elevated']);
    expect(when('obligations.probe#enum-3').all[3].value).toEqual(['II']);
    expect(when('obligations.probe#threshold-3').all[4].value).toEqual(['very-fast']);
    expect(when('obligations.probe#threshold-4').all[4].value).toEqual(['very-fast', 'fast', 'moderate']);
    expect(when('obligations.probe#negate-1')).toEqual({ not: small.definition.obligations.find((o) => o.id === 'probe')?.when });
    expect(probe(applied('obligations.probe#recipient-1')).to).toBe('office');
    const reportUp = (id: string): Json => applied(id).obligations.find((o: Json) => o.id === 'report-up');
    expect(reportUp('obligations.report-up#offset-1').offset).toBe('PT60M');
    expect(reportUp('obligations.report-up#anchor-1').anchor).toBe('occurredAt');
    expect(reportUp('obligations.report-up#number-1').when).toEqual({ all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 3 }] });
    expect(applied('obligations.report-up#drop-notify-1').obligations.map((o: Json) => o.id)).toEqual(['verify', 'reply-press', 'watch', 'probe']);
    expect(applied('conditions.severe#enum-1').conditions.severe).toEqual({ any: [eq('attention', 'high'), eq('massIncident', true)] });
    expect(applied('conditions.severe#flag-1').conditions.severe).toEqual({ any: [eq('attention', 'extreme'), eq('massIncident', false)] });
    expect(applied('classification.c-i#level-1').classification.map((r: Json) => r.level)).toEqual(['II', 'II', 'III']);
    expect(applied('classification.c-iii#level-1').classification.map((r: Json) => r.level)).toEqual(['I', 'II', 'II']);
    expect(applied('classification.c-ii#threshold-1').classification[1].conditions).toEqual({ all: [isIn('attention', ['high'])] });
    expect(applied('escalation.II#lead-1').escalation.map((e: Json) => e.lead)).toEqual(['leading-group', 'office', 'office']);
    expect(applied('escalation.III#lead-1').escalation.map((e: Json) => e.lead)).toEqual(['leading-group', 'leading-group', 'leading-group']);
    expect(applied('obligations.reply-press#flag-1').obligations.find((o: Json) => o.id === 'reply-press').when).toEqual({ all: [eq('mediaInquiry', false)] });
    // The plan itself is untouched.
    expect(small.definition.obligations.find((o) => o.id === 'report-up')?.offset).toBe('PT30M');
    expect(probe(small.definition as unknown as Json).when.all[0].value).toBe('low');
  });

  it('moves a level by rank, not by the order the levels are written in', () => {
    // Written II, I, III: by rank I is the most severe, then II, then III.
    const s = source();
    s.levels = [level('II', 2, basis), level('I', 1, basis), level('III', 3, basis)];
    const moved = mutantsOf(load(s).definition)
      .filter((m) => m.kind === 'level' || (m.kind === 'enum' && m.target === 'obligations.request-gov'))
      .map((m) => `${m.id} | ${m.description}`);
    expect(moved).toEqual([
      'classification.c-i#level-1 | level I → II',
      'classification.c-ii#level-1 | level II → III',
      'classification.c-iii#level-1 | level III → II',
      'obligations.request-gov#enum-1 | level equal "I" → "II"',
    ]);
  });

  it('moves no level of a one-level plan, and leaves a list of flag values alone', () => {
    const s = source();
    s.levels = [level('I', 1, basis)];
    s.conditions = {};
    s.classification = [{ id: 'c-all', level: 'I', priority: 10, basis, conditions: { all: [] } }];
    s.escalation = [{ level: 'I', lead: 'office', basis }];
    s.recipients = [];
    s.obligations = [
      { id: 'at-one', step: 'report', title: '一级', responsible: 'office', basis, when: { all: [eq('level', 'I')] } },
      { id: 'in-one', step: 'track', title: '一级之内', responsible: 'office', basis, when: { all: [isIn('level', ['I']), isIn('mediaInquiry', [true, false])] } },
    ];
    // Only the lead and the negations: level I has no neighbour, and flags are flipped only one at a time.
    expect(mutantsOf(load(s).definition).map((m) => `${m.id} | ${m.description}`)).toEqual([
      'escalation.I#lead-1 | lead office → leading-group',
      'obligations.at-one#negate-1 | when → not(when)',
      'obligations.in-one#negate-1 | when → not(when)',
    ]);
  });

  it('doubles decimal durations and whichever unit comes first', () => {
    expect(doubleDuration('PT1.5H')).toBe('PT3H');
    expect(doubleDuration('PT1.25H')).toBe('PT2.5H');
    expect(doubleDuration('P1DT2H')).toBe('P2DT2H');
    expect(doubleDuration('P2W')).toBe('P4W');
    expect(doubleDuration('PT45S')).toBe('PT90S');
    expect(doubleDuration('P1Y')).toBe('P2Y');
    expect(doubleDuration('PTH')).toBeNull();
  });
});

describe('mutatePlan on a small plan', () => {
  const levelOnly = (attention: string, expectation: Expect): ScenarioFile => ({ plan: 'toolkit-test', scenarios: [scenario(`attention ${attention}`, incidentAt(attention), expectation)] });
  // Elevated-free: attention high is level II, where only the report to propaganda (due 09:30) and the lead are pinned.
  const dueFile = levelOnly('high', { obligations: { 'report-up': { dueAt: at('09:30') } } });
  const leadFile = levelOnly('high', { lead: 'leading-group' });

  it('kills the mutants a scenario notices, lets the others survive, and scores them', () => {
    const progress: [number, number, string][] = [];
    const report = mutatePlan(plan, [dueFile, leadFile], { onProgress: (done, total, result) => progress.push([done, total, result.id]) });
    const killed = [
      'classification.c-ii#level-1',
      'escalation.II#lead-1',
      'obligations.report-up#offset-1',
      'obligations.report-up#anchor-1',
      'obligations.report-up#drop-notify-1',
      'obligations.report-up#negate-1',
    ];
    const ids = mutantsOf(plan.definition).map((m) => m.id);
    expect(report.plan).toEqual({ id: 'toolkit-test', version: '1' });
    expect(report.scenarios).toBe(2);
    expect(report.total).toBe(26);
    expect(report.killed).toBe(6);
    expect(report.results.map((r) => r.id)).toEqual(ids);
    expect(report.results.filter((r) => r.status === 'killed').map((r) => [r.id, r.killedBy])).toEqual(killed.map((id) => [id, 'scenario']));
    expect(report.survived.map((r) => r.id)).toEqual(ids.filter((id) => !killed.includes(id)));
    expect(report.survived.every((r) => r.status === 'survived' && r.killedBy === undefined)).toBe(true);
    expect(report.results[10]).toEqual({ id: 'obligations.report-up#offset-1', kind: 'offset', target: 'obligations.report-up', description: 'offset PT30M → PT60M', status: 'killed', killedBy: 'scenario' });
    expect(report.results[0]).toEqual({ id: 'conditions.severe#enum-1', kind: 'enum', target: 'conditions.severe', description: 'attention equal "extreme" → "high"', status: 'survived' });
    expect(report.score).toBe(6 / 26);
    expect(formatScore(report.score)).toBe('mutation score: 23%');
    expect(progress).toHaveLength(26);
    expect(progress[0]).toEqual([1, 26, 'conditions.severe#enum-1']);
    expect(progress[25]).toEqual([26, 26, 'obligations.reply-press#flag-1']);
  });

  it('kills a mutant whose plan no longer loads, and fills the blanks with the plan’s own values', () => {
    const s = source();
    s.recipients = [{ id: 'propaganda', name: '宣传部' }];
    s.obligations = s.obligations.filter((o: Json) => o.id !== 'request-gov');
    s.obligations[0].offset = 'PT{{reportMinutes}}M';
    s.parameters = [{ id: 'reportMinutes', type: 'number', name: '报告时限', unit: 'minutes', min: 1, basis }];
    const blank = load(s, { reportMinutes: 30 });
    const report = mutatePlan(blank, [dueFile]);
    expect(report.total).toBe(20);
    expect(report.results.filter((r) => r.status === 'killed').map((r) => [r.id, r.killedBy])).toEqual([
      ['classification.c-ii#level-1', 'scenario'],
      ['obligations.report-up#offset-1', 'scenario'],
      ['obligations.report-up#anchor-1', 'scenario'],
      ['obligations.report-up#drop-notify-1', 'scenario'],
      // A notify duty toward a role does not load.
      ['obligations.report-up#recipient-1', 'load'],
      ['obligations.report-up#negate-1', 'scenario'],
    ]);
    expect(report.killed).toBe(6);
    expect(report.score).toBe(0.3);
    expect(formatScore(report.score)).toBe('mutation score: 30%');
    // Values given in the options are used instead: here unusable, so no mutant loads.
    const unusable = mutatePlan(blank, [dueFile], { parameters: { reportMinutes: 0 } });
    expect(unusable.results.every((r: MutantResult) => r.status === 'killed' && r.killedBy === 'load')).toBe(true);
    expect([unusable.killed, unusable.total, unusable.score, unusable.survived]).toEqual([20, 20, 1, []]);
  });

  it('refuses when any file fails on the plan itself', () => {
    const message = 'the scenarios of plan toolkit-test do not all pass on the plan itself; fix them before mutation testing';
    expect(() => mutatePlan(plan, [dueFile, levelOnly('high', { level: 'I' })])).toThrow(message);
    expect(() => mutatePlan(plan, [levelOnly('high', { level: 'I' }), dueFile])).toThrow(message);
  });

  it('rounds the score down to a whole percent', () => {
    expect(formatScore(0)).toBe('mutation score: 0%');
    expect(formatScore(0.999)).toBe('mutation score: 99%');
    expect(formatScore(0.5)).toBe('mutation score: 50%');
    expect(formatScore(0.0199)).toBe('mutation score: 1%');
  });
});
