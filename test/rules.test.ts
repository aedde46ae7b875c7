import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPlans, loadPlan } from '../src/index.js';
import { formatResults, runScenario, ScenarioFileSchema, type ScenarioFile } from '../src/testing/index.js';

const rulesDir = join(import.meta.dirname, '..', 'rules');
const files = readdirSync(rulesDir).filter((name) => name.endsWith('.scenarios.json')).sort();
const suites: [string, ScenarioFile][] = files.map((name) => [name, ScenarioFileSchema.parse(JSON.parse(readFileSync(join(rulesDir, name), 'utf8')))]);

describe('every bundled plan ships with its scenarios', () => {
  it.each(listPlans().map((p) => p.id))('%s has a scenario file', (id) => {
    expect(suites.map(([, suite]) => suite.plan)).toContain(id);
  });
});

for (const [file, suite] of suites) {
  describe(`${file} (plan ${suite.plan})`, () => {
    const plan = loadPlan(suite.plan, suite.parameters ? { parameters: suite.parameters } : {});
    for (const scenario of suite.scenarios) {
      it(`${scenario.name} — ${scenario.clause}`, () => {
        const result = runScenario(plan, scenario);
        expect(result.passed, formatResults([result])).toBe(true);
      });
    }

    it('has, for every conditional obligation, a scenario where it arises and one where it must not', () => {
      const arises = new Set(suite.scenarios.flatMap((s) => Object.keys(s.expect.obligations ?? {})));
      const absent = new Set(suite.scenarios.flatMap((s) => s.expect.absent ?? []));
      const missing = plan.definition.obligations.flatMap((o) => [
        ...(arises.has(o.id) ? [] : [`${o.id}: no scenario where it arises`]),
        ...((o.when || o.on) && !absent.has(o.id) ? [`${o.id}: no scenario where it must not arise`] : []),
      ]);
      expect(missing).toEqual([]);
    });

    it('has, for every level, a scenario that reaches it by the criteria', () => {
      const reached = new Set(suite.scenarios.filter((s) => s.expect.levelSource === 'criteria' || s.expect.levelSource === undefined).map((s) => s.expect.level));
      const missing = plan.definition.levels.map((l) => l.id).filter((id) => !reached.has(id));
      expect(missing).toEqual([]);
    });
  });
}
