import type { Plan } from '../plans/load.js';
import { runScenario, type ScenarioFile, type ScenarioResult } from './scenario.js';

/** The results of one scenario file run against its plan. */
export interface SuiteResult {
  plan: { id: string; version: string };
  passed: number;
  failed: number;
  results: ScenarioResult[];
}

/** Runs every scenario of a scenario file against the (already loaded) plan it names. */
export function runScenarioFile(plan: Plan, file: ScenarioFile): SuiteResult {
  const results = file.scenarios.map((scenario) => runScenario(plan, scenario));
  const passed = results.filter((r) => r.passed).length;
  return { plan: { id: plan.id, version: plan.version }, passed, failed: results.length - passed, results };
}

/** True when every scenario of the file passes; stops at the first failure (used by `mutate`). */
export function scenarioFilePasses(plan: Plan, file: ScenarioFile): boolean {
  for (const scenario of file.scenarios) {
    try {
      if (!runScenario(plan, scenario).passed) return false;
    } catch {
      return false;
    }
  }
  return true;
}
