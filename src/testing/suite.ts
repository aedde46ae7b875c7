import { compiledOf, type Plan } from '../plans/load.js';
import { checkData } from '../render/argument.js';
import { scenarioResult, ScenarioFileSchema, type ScenarioFile, type ScenarioResult } from './scenario.js';

/** The results of one scenario file run against its plan. */
export interface SuiteResult {
  plan: { id: string; version: string };
  passed: number;
  failed: number;
  results: ScenarioResult[];
}

/** Checks a scenario file given as an argument as parseScenarioFile checks one: PlanError naming it (`path`) otherwise. */
export function checkFile(file: unknown, path: (string | number)[] = ['file']): void {
  checkData(ScenarioFileSchema, file, path, false);
}

/** Runs every scenario of a scenario file against the (already loaded) plan it names. */
export function runScenarioFile(plan: Plan, file: ScenarioFile): SuiteResult {
  compiledOf(plan);
  checkFile(file);
  const results = file.scenarios.map((scenario) => scenarioResult(plan, scenario));
  const passed = results.filter((r) => r.passed).length;
  return { plan: { id: plan.id, version: plan.version }, passed, failed: results.length - passed, results };
}

/** True when every scenario of the file passes; stops at the first failure (used by `mutate`). */
export function scenarioFilePasses(plan: Plan, file: ScenarioFile): boolean {
  // The plan is decide's to check, as in runScenario.
  checkFile(file);
  return filePasses(plan, file);
}

/** scenarioFilePasses without the checks of its arguments: for files checked once and run against many mutants. */
export function filePasses(plan: Plan, file: ScenarioFile): boolean {
  for (const scenario of file.scenarios) {
    try {
      if (!scenarioResult(plan, scenario).passed) return false;
    } catch {
      return false;
    }
  }
  return true;
}
