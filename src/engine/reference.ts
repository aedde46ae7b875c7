// The one module of the library that imports json-rules-engine: it runs a plan's rules through the
// engine itself, as a user of it would, so that the compiled evaluators of ./compile.ts can be checked
// against it (checkWithEngine in ./testing, `yuqing verify`, test/conformance.test.ts) and measured
// against it (benchmarks).
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Condition } from '../model/condition.js';
import type { PlanDefinition } from '../model/plan.js';
import type { Facts } from './compile.js';

/** Evaluates a plan's rules with json-rules-engine: the names of the rules that fired on these facts. */
export type ReferenceEvaluator = (facts: Facts) => Promise<Set<string>>;

/** The event json-rules-engine emits when a classification rule fires. */
export interface LevelEvent {
  type: 'level';
  params: { level: string };
}

/** The name of the json-rules-engine rule that holds an obligation's `when` condition. */
export function obligationRuleName(obligationId: string): string {
  return `obligation:${obligationId}`;
}

/** The name of the json-rules-engine rule that holds a raise rule's `when` condition (`grading.raise`). */
export function raiseRuleName(raiseId: string): string {
  return `raise:${raiseId}`;
}

/** A condition as json-rules-engine takes it: a mutable deep copy (the engine writes into the objects it is given, and loaded plans are frozen). */
function toEngineCondition(condition: Condition): TopLevelCondition {
  return structuredClone(condition) as TopLevelCondition;
}

/** The facts as json-rules-engine's runtime facts: undefined ones left out, so that the engine sees them as absent. */
function definedFacts(facts: Facts): Record<string, string | number | boolean> {
  const defined: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(facts)) if (value !== undefined) defined[name] = value;
  return defined;
}

/** An engine holding a plan's named conditions (deep copies), with undefined facts allowed and JSONPath never evaluated. */
function engineWith(named: Readonly<Record<string, Condition>>): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    // Rule files cannot use `path` (the schema refuses it): never evaluate JSONPath.
    pathResolver: () => undefined,
  });
  for (const [name, condition] of Object.entries(named)) engine.setCondition(name, toEngineCondition(condition));
  return engine;
}

/**
 * Runs of one engine, queued: the engine keeps its running status on itself, and a run that finishes
 * while another is between two priority sets makes the other skip its remaining rules.
 */
function queuedRuns(engine: Engine): ReferenceEvaluator {
  let queue: Promise<unknown> = Promise.resolve();
  return (facts) => {
    const run = queue.then(() => engine.run(definedFacts(facts)));
    queue = run.catch(() => undefined);
    return run.then(({ results }) => new Set(results.map((result) => result.name)));
  };
}

/** Builds one json-rules-engine `Engine` holding a plan's named conditions, classification rules, raise rules and obligation conditions, and returns its evaluator. */
export async function referenceEvaluator(plan: PlanDefinition): Promise<ReferenceEvaluator> {
  const engine = engineWith(plan.conditions);
  for (const rule of plan.classification) {
    const event: LevelEvent = { type: 'level', params: { level: rule.level } };
    engine.addRule({ name: rule.id, priority: rule.priority, conditions: toEngineCondition(rule.conditions), event } satisfies RuleProperties);
  }
  for (const rule of plan.grading?.raise ?? []) {
    engine.addRule({ name: raiseRuleName(rule.id), conditions: toEngineCondition(rule.when), event: { type: 'raise' } } satisfies RuleProperties);
  }
  for (const obligation of plan.obligations) {
    if (!obligation.when) continue;
    engine.addRule({
      name: obligationRuleName(obligation.id),
      conditions: toEngineCondition(obligation.when),
      event: { type: 'obligation' },
    } satisfies RuleProperties);
  }
  return queuedRuns(engine);
}

/** Whether one condition holds, as json-rules-engine decides it. */
export type ConditionReference = (facts: Facts) => Promise<boolean>;

/** Builds a json-rules-engine `Engine` holding one condition as its only rule, beside the plan's named conditions, and returns whether the rule fires. */
export function conditionReference(condition: Condition, named: Readonly<Record<string, Condition>>): ConditionReference {
  const engine = engineWith(named);
  engine.addRule({ name: 'condition', conditions: toEngineCondition(condition), event: { type: 'condition' } } satisfies RuleProperties);
  const run = queuedRuns(engine);
  return (facts) => run(facts).then((fired) => fired.has('condition'));
}
