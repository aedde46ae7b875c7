import { z } from 'zod';
import { decide } from '../decide/decide.js';
import type { Decision } from '../model/decision.js';
import { IncidentError, PlanError } from '../model/errors.js';
import { DecisionSchema, ObligationStatusSchema } from '../model/decision.js';
import { checkData } from '../render/argument.js';
import { say, type Lang } from '../i18n/lang.js';
import { langOf } from './lang.js';
import type { Plan } from '../plans/load.js';
import { built, lazySchema, once } from '../model/lazy.js';

/** Every schema of a scenario file, built together when one is first used (issue 15: nothing is built at import). */
const scenarioSchemas = once(() => {
  const ObligationExpectSchema = z
    .object({
      status: built(ObligationStatusSchema).optional(),
      dueAt: z.string().nullable().optional(),
      doneAt: z.string().nullable().optional(),
      to: z.string().optional(),
      responsible: z.string().optional(),
      kind: z.enum(['deadline', 'immediate', 'continuous', 'undated']).optional(),
    })
    .strict();

  const ExpectSchema = z
    .object({
      level: z.string().optional(),
      levelSource: z.enum(['criteria', 'judgement', 'ungraded']).optional(),
      lead: z.string().optional(),
      /** Recipient ids (any order), or recipient id → dueAt. */
      notify: z.union([z.array(z.string()), z.record(z.string(), z.string().nullable())]).optional(),
      obligations: z.record(z.string(), ObligationExpectSchema).optional(),
      /** Obligation ids that must not have arisen. */
      absent: z.array(z.string()).optional(),
      /** Ids of `next`, in order. */
      next: z.array(z.string()).optional(),
      nextReviewAt: z.string().nullable().optional(),
      /** Warning codes, any order. */
      warnings: z.array(z.string()).optional(),
      /** The call must fail with this error; `paths` are issue paths joined with dots. */
      error: z.object({ name: z.enum(['IncidentError', 'PlanError']), paths: z.array(z.string()).optional() }).strict().optional(),
    })
    .strict();

  const ScenarioSchema = z
    .object({
      name: z.string().min(1),
      /** The seed clause the scenario checks, e.g. "000 四 第三步". */
      clause: z.string().min(1),
      incident: z.unknown(),
      now: z.string(),
      expect: ExpectSchema,
    })
    .strict();

  const ScenarioFileSchema = z
    .object({
      $schema: z.string().optional(),
      plan: z.string().min(1),
      /** The layers the plan is built on that are not bundled: layer files (paths relative to the scenario file) or bundled layer ids; `yuqing test` and `mutate` load them (docs/layers.md). */
      layers: z.array(z.string().min(1).max(1000)).max(20).optional(),
      parameters: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      scenarios: z.array(ScenarioSchema).min(1),
    })
    .strict();
  return { ExpectSchema, ScenarioSchema, ScenarioFileSchema };
});

/** What a scenario expects of the decision; every field is optional, and only what is named is checked. */
export const ExpectSchema = lazySchema(() => scenarioSchemas().ExpectSchema);
export type Expect = z.infer<typeof ExpectSchema>;

export const ScenarioSchema = lazySchema(() => scenarioSchemas().ScenarioSchema);
export type Scenario = z.infer<typeof ScenarioSchema>;

/** A file of scenarios for one plan: the policy's tests, kept beside its rule file. */
export const ScenarioFileSchema = lazySchema(() => scenarioSchemas().ScenarioFileSchema);
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

/** One field that differs: where, what was expected, what the decision says. */
export interface Mismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ScenarioResult {
  name: string;
  clause: string;
  passed: boolean;
  mismatches: Mismatch[];
  decision: Decision | null;
}

/** Orders texts by their Unicode code points, the same in every locale (not by UTF-16 units, not by collation). */
export function compareCodePoints(a: string, b: string): number {
  for (let i = 0; i < a.length && i < b.length; ) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

const sorted = (values: readonly string[]): string[] => [...values].sort(compareCodePoints);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Compares a decision with what a scenario expects, field by field. */
export function compareDecision(decision: Decision, expect: Expect): Mismatch[] {
  checkData(DecisionSchema, decision, 'decision');
  checkData(ExpectSchema, expect, 'expect');
  return mismatchesOf(decision, expect);
}

/** compareDecision without the checks of its arguments: for a decision `decide` made and a scenario already checked. */
function mismatchesOf(decision: Decision, expect: Expect): Mismatch[] {
  const out: Mismatch[] = [];
  const check = (field: string, expected: unknown, actual: unknown): void => {
    if (!same(expected, actual)) out.push({ field, expected, actual });
  };
  if (expect.error) out.push({ field: 'error', expected: expect.error.name, actual: 'a decision' });
  if (expect.level !== undefined) check('level', expect.level, decision.level.id);
  if (expect.levelSource !== undefined) check('level.source', expect.levelSource, decision.level.source);
  if (expect.lead !== undefined) check('lead', expect.lead, decision.lead.id);
  if (Array.isArray(expect.notify)) check('notify', sorted(expect.notify), sorted(decision.notify.map((n) => n.id)));
  else if (expect.notify) {
    check('notify', sorted(Object.keys(expect.notify)), sorted(decision.notify.map((n) => n.id)));
    for (const [id, dueAt] of Object.entries(expect.notify)) {
      const entry = decision.notify.find((n) => n.id === id);
      if (entry) check(`notify.${id}.dueAt`, dueAt, entry.dueAt);
    }
  }
  for (const [id, fields] of Object.entries(expect.obligations ?? {})) {
    const obligation = decision.obligations.find((o) => o.id === id);
    if (!obligation) {
      out.push({ field: `obligations.${id}`, expected: 'to have arisen', actual: 'absent' });
      continue;
    }
    for (const [key, expected] of Object.entries(fields)) {
      const actual = key === 'responsible' ? obligation.responsible.id : (obligation as Record<string, unknown>)[key];
      check(`obligations.${id}.${key}`, expected, actual ?? null);
    }
  }
  expect.absent?.forEach((id) => {
    const obligation = decision.obligations.find((o) => o.id === id);
    if (obligation) out.push({ field: `obligations.${id}`, expected: 'absent', actual: obligation.status });
  });
  if (expect.next !== undefined) check('next', expect.next, decision.next.map((o) => o.id));
  if (expect.nextReviewAt !== undefined) check('nextReviewAt', expect.nextReviewAt, decision.nextReviewAt);
  if (expect.warnings !== undefined) check('warnings', sorted(expect.warnings), sorted(decision.warnings.map((w) => w.code)));
  return out;
}

/** Runs one scenario against a loaded plan. */
export function runScenario(plan: Plan, scenario: Scenario): ScenarioResult {
  // The plan is decide's to check: its PlanError is an outcome a scenario may expect.
  checkData(ScenarioSchema, scenario, 'scenario', false);
  return scenarioResult(plan, scenario);
}

/** runScenario without the checks of its arguments: for the scenarios of a file already checked. */
export function scenarioResult(plan: Plan, scenario: Scenario): ScenarioResult {
  const result = (mismatches: Mismatch[], decision: Decision | null): ScenarioResult => ({
    name: scenario.name,
    clause: scenario.clause,
    passed: mismatches.length === 0,
    mismatches,
    decision,
  });
  let decision: Decision;
  try {
    decision = decide(plan, scenario.incident, { now: scenario.now });
  } catch (error) {
    if (!(error instanceof IncidentError || error instanceof PlanError)) throw error;
    const expected = scenario.expect.error;
    if (!expected) return result([{ field: 'error', expected: 'a decision', actual: `${error.name}: ${error.message}` }], null);
    const mismatches: Mismatch[] = [];
    if (expected.name !== error.name) mismatches.push({ field: 'error', expected: expected.name, actual: error.name });
    if (expected.paths) {
      const actual = error.issues.map((issue) => issue.path.join('.'));
      if (!same(sorted(expected.paths), sorted(actual))) mismatches.push({ field: 'error.paths', expected: sorted(expected.paths), actual: sorted(actual) });
    }
    return result(mismatches, null);
  }
  return result(mismatchesOf(decision, scenario.expect), decision);
}

/** What formatResults reads of each result. */
const ResultListSchema = lazySchema(() =>
  z.array(z.object({ name: z.string(), clause: z.string(), passed: z.boolean(), mismatches: z.array(z.object({ field: z.string(), expected: z.unknown(), actual: z.unknown() })) })),
);

/** The words a mismatch uses for what is not a value (`absent` …), in Chinese. */
const MISMATCH_WORDS_ZH: Readonly<Record<string, string>> = { 'a decision': '一个决策', 'to have arisen': '已产生', absent: '不存在' };

/**
 * Renders failed scenarios as readable lines: scenario, clause, then each field with expected and actual
 * (`    level：应为 "II"，实为 "III"`); English (`expected "II", got "III"`) with `{ lang: 'en' }`.
 */
export function formatResults(results: readonly ScenarioResult[], options?: { lang?: Lang }): string {
  checkData(ResultListSchema, results, 'results');
  const lang = langOf(options);
  const show = (value: unknown): string => (lang === 'zh' && typeof value === 'string' && Object.hasOwn(MISMATCH_WORDS_ZH, value) ? (MISMATCH_WORDS_ZH[value] as string) : JSON.stringify(value));
  const line = (m: { field: string; expected: unknown; actual: unknown }): string =>
    say(lang, `    ${m.field}：应为 ${show(m.expected)}，实为 ${show(m.actual)}`, `    ${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}`);
  return results
    .filter((r) => !r.passed)
    .map((r) => [say(lang, `✗ ${r.name}（${r.clause}）`, `✗ ${r.name} (${r.clause})`), ...r.mismatches.map(line)].join('\n'))
    .join('\n');
}
