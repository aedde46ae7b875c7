// The example plans of format 2 (examples/plans/): each loads, its scenarios pass, verify and the
// json-rules-engine check find nothing, and it uses every feature docs/rule-authoring.md says it does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../src/index.js';
import { checkWithEngine, parseDocument, runScenarioFile, verifyPlan, type ScenarioFile } from '../src/testing/index.js';
import { root, yuqing } from './support/cli.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type P = Record<string, any>;

const DIR = join(root, 'examples', 'plans');
const IDS = readdirSync(DIR)
  .filter((name) => name.endsWith('.json') && !name.endsWith('.scenarios.json'))
  .map((name) => name.slice(0, -'.json'.length))
  .sort();

const read = (name: string): P => parseDocument(readFileSync(join(DIR, name), 'utf8'), name) as P;

const obligations = (p: P): P[] => (Array.isArray(p.obligations) ? p.obligations : []);
const anyObligation = (p: P, test: (o: P) => boolean): boolean => obligations(p).some(test);
const parties = (p: P): P[] => [...(p.roles ?? []), ...(p.recipients ?? [])];

/** Each feature the docs may name for an example, and how to see it in the plan file as written. */
const FEATURES: Record<string, { item: number; uses: (p: P) => boolean }> = {
  'facts.indicators': { item: 1, uses: (p) => Object.keys(p.facts?.indicators ?? {}).length > 0 },
  'facts.flags': { item: 1, uses: (p) => Object.keys(p.facts?.flags ?? {}).length > 0 },
  'facts.metrics': { item: 1, uses: (p) => Object.values(p.facts?.metrics ?? {}).some((m) => (m as P).sets?.bands?.length > 0) },
  'facts.setBy': { item: 1, uses: (p) => ['indicators', 'flags', 'metrics'].some((kind) => Object.values(p.facts?.[kind] ?? {}).some((f) => Array.isArray((f as P).setBy))) },
  steps: { item: 2, uses: (p) => Array.isArray(p.steps) && p.steps.length > 0 && anyObligation(p, (o) => p.steps.some((s: P) => s.id === o.step)) },
  'anchor.occurredAt': { item: 3, uses: (p) => anyObligation(p, (o) => o.anchor === 'occurredAt') },
  'anchor.levelSet': { item: 3, uses: (p) => anyObligation(p, (o) => o.anchor === 'levelSet') },
  'anchor.event': { item: 3, uses: (p) => anyObligation(p, (o) => typeof o.anchor?.event === 'string') },
  'anchor.done': { item: 3, uses: (p) => anyObligation(p, (o) => typeof o.anchor?.done === 'string') },
  'clock.keep': { item: 3, uses: (p) => anyObligation(p, (o) => o.clock === 'keep') },
  workingDays: { item: 3, uses: (p) => anyObligation(p, (o) => o.workingDays === true) },
  'mixed units': { item: 3, uses: (p) => new Set(obligations(p).filter((o) => typeof o.offset === 'string').map((o) => (o.workingDays ? 'working days' : /T\d+M$/.test(o.offset) ? 'minutes' : /T\d+H$/.test(o.offset) ? 'hours' : 'days'))).size >= 3 },
  soft: { item: 3, uses: (p) => anyObligation(p, (o) => o.soft === true) },
  extension: { item: 3, uses: (p) => anyObligation(p, (o) => o.extension !== undefined) },
  'grading.ungraded': { item: 4, uses: (p) => p.grading?.ungraded !== undefined },
  'grading.gradedBy': { item: 4, uses: (p) => Array.isArray(p.grading?.gradedBy) },
  'grading.raise': { item: 4, uses: (p) => Array.isArray(p.grading?.raise) },
  after: { item: 5, uses: (p) => anyObligation(p, (o) => Array.isArray(o.after)) },
  'approval.any': { item: 5, uses: (p) => anyObligation(p, (o) => o.approval?.mode === 'any') },
  'approval.all': { item: 5, uses: (p) => anyObligation(p, (o) => o.approval?.mode === 'all') },
  'approval.sequence': { item: 5, uses: (p) => anyObligation(p, (o) => o.approval?.mode === 'sequence') },
  collective: { item: 5, uses: (p) => parties(p).some((r) => r.collective === true) },
  'source.document': { item: 7, uses: (p) => typeof p.source?.document === 'string' },
  'source.number': { item: 7, uses: (p) => typeof p.source?.number === 'string' },
};

/** The table "Example plans" of docs/rule-authoring.md: each example's id and the features it names. */
function documentedExamples(): Map<string, string[]> {
  const text = readFileSync(join(root, 'docs', 'rule-authoring.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Example plans')) ?? '';
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^\| \[`([a-z0-9-]+)`\]\(\.\.\/examples\/plans\/\1\.json\) \|.*\| ([^|]+) \|$/.exec(line);
    if (match) rows.set(match[1] as string, [...(match[2] as string).matchAll(/`([^`]+)`/g)].map((m) => m[1] as string));
  }
  return rows;
}

describe('examples/plans', () => {
  it('holds example plans, each with its scenario file', () => {
    expect(IDS.length).toBeGreaterThanOrEqual(3);
    for (const id of IDS) expect(readdirSync(DIR), id).toContain(`${id}.scenarios.json`);
  });

  for (const id of IDS) {
    describe(id, () => {
      const raw = read(`${id}.json`);
      const file = read(`${id}.scenarios.json`) as ScenarioFile;

      it('is format 2 and cites its own document, an illustrative one saying so', () => {
        expect(raw.format).toBe(2);
        expect(raw.id).toBe(id);
        expect(typeof raw.source?.document).toBe('string');
        expect(raw.source.seed).toBeUndefined();
        if (/示例/.test(`${raw.title}${raw.source.document}`)) expect(raw.source.document).toMatch(/^（示例）/);
      });

      it('passes every scenario, some of which expect a duty not to arise', () => {
        const plan = loadPlan(raw, file.parameters ? { parameters: file.parameters } : {});
        const suite = runScenarioFile(plan, file);
        expect(suite.results.filter((r) => !r.passed).map((r) => ({ name: r.name, mismatches: r.mismatches }))).toEqual([]);
        expect(suite.passed).toBe(file.scenarios.length);
        expect(file.scenarios.some((s) => (s.expect.absent ?? []).length > 0)).toBe(true);
      });

      it('verify finds no error, and the compiled conditions agree with json-rules-engine', async () => {
        const plan = loadPlan(raw, file.parameters ? { parameters: file.parameters } : {});
        const report = verifyPlan(plan);
        expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const engine = await checkWithEngine(plan);
        expect(engine.findings).toEqual([]);
        expect(engine.notChecked).toEqual([]);
      });
    });
  }

  it('runs with `yuqing test examples/plans`: each scenario file names its plan file', async () => {
    const result = await yuqing(['test', 'examples/plans']);
    expect(result.stdout).toContain('个通过，0 个失败，');
    expect(result.code, result.stdout).toBe(0);
  });
});

describe('the example plans docs/rule-authoring.md lists', () => {
  const documented = documentedExamples();

  it('are exactly the files in examples/plans', () => {
    expect([...documented.keys()].sort()).toEqual(IDS);
  });

  for (const [id, features] of documented) {
    it(`${id} uses what the docs say: ${features.join(', ')}`, () => {
      expect(features.length).toBeGreaterThan(0);
      const raw = read(`${id}.json`);
      for (const feature of features) {
        expect(Object.keys(FEATURES), `${id}: unknown feature ${feature}`).toContain(feature);
        expect(FEATURES[feature]?.uses(raw), `${id} does not use ${feature}`).toBe(true);
      }
    });
  }

  it('show each of items 1–5 of format 2 (facts, steps, clocks, grading, workflow) in at least one plan', () => {
    const shown = new Set<number>();
    for (const [id, features] of documented) for (const feature of features) if (FEATURES[feature]?.uses(read(`${id}.json`))) shown.add(FEATURES[feature]?.item as number);
    expect([1, 2, 3, 4, 5].filter((item) => !shown.has(item))).toEqual([]);
  });

  it('the feature checks tell a plan that uses a feature from one that does not', () => {
    const bare: P = { obligations: [{ step: 'report', offset: 'PT1H' }], roles: [], source: {} };
    for (const [name, feature] of Object.entries(FEATURES)) expect(feature.uses(bare), name).toBe(false);
  });
});
