export { compareDecision, formatResults, runScenario, ExpectSchema, ScenarioFileSchema, ScenarioSchema } from './scenario.js';
export type { Expect, Mismatch, Scenario, ScenarioFile, ScenarioResult } from './scenario.js';
