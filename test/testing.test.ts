import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { underStryker } from './support/under-stryker.js';
import { decide, listPlans, loadPlan } from '../src/index.js';
import {
  compareDecisions,
  diffPlans as diffPlansIn,
  doubleDuration,
  formatScore,
  generateIncidents,
  mutantsOf as mutantsOfIn,
  mutatePlan as mutatePlanIn,
  parseDocument,
  parseScenarioFile,
  runScenarioFile,
  scenarioCases,
  ScenarioFileSchema,
  verifyPlan as verifyPlanIn,
  type ScenarioFile,
} from '../src/testing/index.js';

/** The toolkit worded in English (`lang: 'en'`): these tests read its texts; the Chinese default is tested in test/testing-lang.test.ts. */
const english = <O,>(options: O): O | { lang: 'en' } => (options === undefined ? { lang: 'en' } : options !== null && typeof options === 'object' && !Array.isArray(options) ? { lang: 'en', ...options } : options);
const mutantsOf = (definition: Parameters<typeof mutantsOfIn>[0], options?: Parameters<typeof mutantsOfIn>[1]) => mutantsOfIn(definition, english(options) as Parameters<typeof mutantsOfIn>[1]);
const mutatePlan = (plan: Parameters<typeof mutatePlanIn>[0], files: Parameters<typeof mutatePlanIn>[1], options?: Parameters<typeof mutatePlanIn>[2]) => mutatePlanIn(plan, files, english(options) as Parameters<typeof mutatePlanIn>[2]);
const verifyPlan = (plan: Parameters<typeof verifyPlanIn>[0], options?: Parameters<typeof verifyPlanIn>[1]) => verifyPlanIn(plan, english(options) as Parameters<typeof verifyPlanIn>[1]);
const diffPlans = (before: Parameters<typeof diffPlansIn>[0], after: Parameters<typeof diffPlansIn>[1], cases: Parameters<typeof diffPlansIn>[2], options?: Parameters<typeof diffPlansIn>[3]) => diffPlansIn(before, after, cases, english(options) as Parameters<typeof diffPlansIn>[3]);

const rules = join(import.meta.dirname, '..', 'rules');
const suiteOf = (id: string): ScenarioFile => ScenarioFileSchema.parse(JSON.parse(readFileSync(join(rules, `${id}.scenarios.json`), 'utf8')));
const planOf = (id: string) => {
  const suite = suiteOf(id);
  return loadPlan(id, suite.parameters ? { parameters: suite.parameters } : {});
};
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const definitionOf = (id: string): Json => structuredClone(loadPlan(id).definition) as Json;

/** county-bureau with the 30-minute report changed to 60 minutes: the worked example of docs/testing-policy-changes.md. */
function sixtyMinutes(): ReturnType<typeof loadPlan> {
  const d = definitionOf('county-bureau');
  d.version = '1.2.0';
  d.obligations.find((o: Json) => o.id === 'report-leading-group').offset = 'PT60M';
  return loadPlan(d);
}

const incident = {
  id: 'inc-42',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
};

describe('scenario files: JSON and YAML', () => {
  it('reads JSON by extension and YAML otherwise', () => {
    expect(parseDocument('{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(parseDocument('a: 1\nb: [x, y]\n', 'x.yaml')).toEqual({ a: 1, b: ['x', 'y'] });
  });

  it('lets a YAML scenario reuse another incident with anchors and merge keys', () => {
    expect(parseDocument('base: &b { id: x, n: 1 }\nnext:\n  <<: *b\n  n: 2\n', 'x.scenarios.yaml')).toEqual({ base: { id: 'x', n: 1 }, next: { id: 'x', n: 2 } });
  });

  it('says where a syntax error is', () => {
    expect(() => parseDocument('{\n  "a": 1,\n  oops\n}', 'x.json')).toThrow(/invalid JSON at line 3/);
    expect(() => parseDocument('a: [1, 2\n', 'x.yaml')).toThrow(/invalid YAML/);
  });

  it('checks a YAML scenario file, and names the path of each problem', () => {
    const yaml = [
      'plan: county-bureau',
      'scenarios:',
      '  - name: row II',
      '    clause: "000 四 第三步"',
      '    now: "2026-03-02T09:10:00+08:00"',
      '    incident:',
      '      id: inc-42',
      '      occurredAt: "2026-03-02T08:00:00+08:00"',
      '      discoveredAt: "2026-03-02T09:00:00+08:00"',
      '      indicators: { attention: high, foreignMedia: emerging, spread: fast, reach: wide, offlineRisk: possible }',
      '    expect:',
      '      level: II',
      '      obligations:',
      '        report-leading-group: { dueAt: "2026-03-02T09:30:00+08:00", status: pending }',
    ].join('\n');
    const parsed = parseScenarioFile(yaml, 'x.scenarios.yaml');
    expect(parsed.issues).toEqual([]);
    const suite = runScenarioFile(loadPlan('county-bureau'), parsed.file as ScenarioFile);
    expect(suite).toMatchObject({ passed: 1, failed: 0, plan: { id: 'county-bureau' } });

    const bad = parseScenarioFile('plan: county-bureau\nscenarios:\n  - name: x\n    expect: { level: 2 }\n', 'x.scenarios.yaml');
    expect(bad.file).toBeNull();
    expect(bad.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['scenarios.0.clause', 'scenarios.0.now', 'scenarios.0.expect.level']));
  });

  it('runs a whole file and reports each failing field', () => {
    const file: ScenarioFile = {
      plan: 'county-bureau',
      scenarios: [
        { name: 'ok', clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'II' } },
        { name: 'wrong', clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'I', obligations: { 'report-leading-group': { dueAt: '2026-03-02T10:00:00+08:00' } } } },
      ],
    };
    const suite = runScenarioFile(loadPlan('county-bureau'), file);
    expect(suite.passed).toBe(1);
    expect(suite.failed).toBe(1);
    expect(suite.results[1]?.mismatches).toEqual([
      { field: 'level', expected: 'I', actual: 'II' },
      { field: 'obligations.report-leading-group.dueAt', expected: '2026-03-02T10:00:00+08:00', actual: '2026-03-02T09:30:00+08:00' },
    ]);
  });
});

describe('verifyPlan', () => {
  it.each(listPlans().map((p) => p.id))('%s: no gaps, no unsettled overlaps, monotone, every rule reachable', (id) => {
    const report = verifyPlan(planOf(id));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.space.points).toBeGreaterThanOrEqual(2000);
    expect(Object.values(report.levels).reduce((a, b) => a + b, 0)).toBe(report.space.points);
  });

  it('finds gaps, overlaps, non-monotone levels, unreachable and shadowed rules, dead obligations and unused roles', () => {
    const d = definitionOf('county-bureau');
    const leaf = (fact: string, value: unknown) => ({ fact, operator: 'equal', value });
    const basis = { seed: '000', clause: 'test' };
    d.classification = d.classification.filter((r: Json) => r.id !== 'level-iv-otherwise');
    d.classification.push(
      { id: 'odd', level: 'III', priority: 40, conditions: { all: [leaf('attention', 'extreme')] }, basis },
      { id: 'quirk', level: 'IV', priority: 35, conditions: { all: [leaf('spread', 'fast')] }, basis },
      { id: 'never', level: 'II', priority: 50, conditions: { all: [leaf('attention', 'extreme'), leaf('attention', 'low')] }, basis },
      { id: 'shadow', level: 'IV', priority: 5, conditions: { all: [leaf('attention', 'extreme')] }, basis },
    );
    d.obligations.push({ id: 'dead', step: 'report', title: '永不发生', responsible: 'office', when: { all: [leaf('level', 'I'), leaf('levelRank', 4)] }, basis });
    d.roles.push({ id: 'nobody', name: '无人' });
    const report = verifyPlan(loadPlan(d));
    const by = (check: string) => report.findings.filter((f) => f.check === check);
    expect(by('gap')[0]).toMatchObject({ severity: 'error', count: expect.any(Number) });
    expect(by('overlap').map((f) => f.subject)).toContain('level-i-criteria + odd');
    expect(by('non-monotone').map((f) => f.subject)).toContain('spread');
    expect(by('non-monotone').some((f) => /raising spread one step \(moderate → fast\) lowers the level from III to IV/.test(f.message))).toBe(true);
    expect(by('unreachable-rule').map((f) => f.subject)).toContain('classification.never');
    expect(by('shadowed-rule').map((f) => f.subject)).toEqual(['classification.odd', 'classification.shadow']);
    expect(by('unreachable-obligation').map((f) => f.subject)).toEqual(['obligations.dead']);
    expect(by('unused-party').map((f) => f.subject)).toContain('roles.nobody');
    expect(report.errors).toBeGreaterThan(0);
  });
});

describe('diffPlans', () => {
  it('generates every indicator combination, alone and with each flag', () => {
    const cases = generateIncidents();
    expect(cases).toHaveLength(4 * 3 * 4 * 4 * 3 * 7);
    expect(generateIncidents({ flags: false })).toHaveLength(576);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('finds nothing between a plan and itself', () => {
    const plan = loadPlan('county-bureau');
    const report = diffPlans(plan, plan, [...scenarioCases(suiteOf('county-bureau')), ...generateIncidents({ flags: false })]);
    expect(report.changed).toEqual([]);
    expect(report.summary.changed).toBe(0);
  });

  it('shows, field by field, what changing 30 minutes to 60 does', () => {
    const report = diffPlans(loadPlan('county-bureau'), sixtyMinutes(), [...scenarioCases(suiteOf('county-bureau')), ...generateIncidents({ flags: false })]);
    expect(report.summary.generated).toEqual({ cases: 576, changed: 576 });
    expect(Object.keys(report.summary.byField).sort()).toEqual(['obligations.report-leading-group.dueAt', 'obligations.report-leading-group.status']);
    const generated = report.changed.find((c) => c.source === 'generated');
    expect(generated?.changes).toEqual([{ field: 'obligations.report-leading-group.dueAt', before: '2026-03-02T09:30:00+08:00', after: '2026-03-02T10:00:00+08:00' }]);
    // A report at 09:45 was late under 30 minutes and is in time under 60.
    expect(report.changed.some((c) => c.changes.some((ch) => ch.field === 'obligations.report-leading-group.status' && ch.before === 'met-late' && ch.after === 'met'))).toBe(true);
  });

  it('compares level, lead, notify and obligations', () => {
    const plan = loadPlan('county-bureau');
    const a = decide(plan, incident, { now: '2026-03-02T09:10:00+08:00' });
    const b = decide(plan, { ...incident, indicators: { attention: 'extreme' } }, { now: '2026-03-02T09:10:00+08:00' });
    const fields = compareDecisions(a, b).map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['level', 'notify.county-government-deputy', 'notify.county-main-leaders', 'obligations.request-county-main-leaders']));
    expect(compareDecisions(a, a)).toEqual([]);
  });
});

describe('mutation testing', () => {
  it('doubles a duration', () => {
    expect(doubleDuration('PT30M')).toBe('PT60M');
    expect(doubleDuration('P1D')).toBe('P2D');
    expect(doubleDuration('PT12H')).toBe('PT24H');
    expect(doubleDuration('nonsense')).toBeNull();
  });

  it('makes every kind of mutant, as data on a copy', () => {
    const plan = loadPlan('county-bureau');
    const mutants = mutantsOf(plan.definition);
    const kinds = new Set(mutants.map((m) => m.kind));
    for (const kind of ['offset', 'anchor', 'level', 'lead', 'drop-notify', 'recipient', 'negate', 'enum', 'threshold', 'flag', 'number']) expect(kinds).toContain(kind);
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
    const offset = mutants.find((m) => m.id === 'obligations.report-leading-group#offset-1');
    expect(offset?.description).toBe('offset PT30M → PT60M');
    const copy = structuredClone(plan.definition) as Json;
    offset?.apply(copy);
    expect(copy.obligations.find((o: Json) => o.id === 'report-leading-group').offset).toBe('PT60M');
    expect(plan.definition.obligations.find((o) => o.id === 'report-leading-group')?.offset).toBe('PT30M');
  });

  it('lists the survivors of a weak suite', () => {
    const plan = loadPlan('county-bureau');
    const weak: ScenarioFile = { plan: 'county-bureau', scenarios: [{ name: 'only the level', clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'II' } }] };
    const progress: number[] = [];
    const report = mutatePlan(plan, [weak], { onProgress: (done) => progress.push(done) });
    expect(progress).toHaveLength(report.total);
    expect(report.score).toBeLessThan(0.5);
    expect(report.survived.map((m) => m.id)).toContain('obligations.report-leading-group#offset-1');
    expect(report.killed + report.survived.length).toBe(report.total);
    expect(formatScore(report.score)).toMatch(/^mutation score: \d{1,2}%$/);
  });

  it('refuses a suite that fails on the plan itself', () => {
    const failing: ScenarioFile = { plan: 'county-bureau', scenarios: [{ name: 'x', clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'I' } }] };
    expect(() => mutatePlan(loadPlan('county-bureau'), [failing])).toThrow(/do not all pass/);
  });

  it('rounds the score down', () => {
    expect(formatScore(0.8999)).toBe('mutation score: 89%');
    expect(formatScore(1)).toBe('mutation score: 100%');
  });

  // Under Stryker one plan is enough to exercise the mutator; the seven cost 3 s per mutant.
  it.each(listPlans().map((p) => p.id).filter((id) => !underStryker || id === 'county-bureau'))('the scenarios of %s kill at least 90 percent of its mutants', (id) => {
    const report = mutatePlan(planOf(id), [suiteOf(id)]);
    expect(report.score, report.survived.map((m) => `${m.id}: ${m.description}`).join('\n')).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
