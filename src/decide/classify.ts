import { type FactCheck, type Facts, type SharedResults, traceCondition } from '../engine/compile.js';
import type { ClassificationRule, Level } from '../model/plan.js';
import type { CompiledClassification, CompiledPlan } from '../plans/compile.js';

export interface Classification {
  level: Level;
  /** The rule that set the level; null when no rule fired: the least severe level stands, or the ungraded phase in a plan graded by judgement. */
  rule: ClassificationRule | null;
  /** Rules that also fired but lost on priority (or, at equal priority, on severity). */
  overruled: ClassificationRule[];
}

/** The classification rules that fire on these facts, in the plan's order; shared conditions are evaluated once for all of them. */
export function firingRules(plan: CompiledPlan, facts: Facts): CompiledClassification[] {
  const shared: SharedResults = new Map();
  return plan.classification.filter((entry) => entry.evaluate(facts, shared));
}

/** The classification given by the rules that fired (in the plan's order): the first one wins, the others are overruled. */
export function classifyFiring(plan: CompiledPlan, firing: readonly CompiledClassification[]): Classification {
  const [winner, ...others] = firing;
  if (winner === undefined) return { level: plan.grading.ungraded ?? (plan.levelsBySeverity[plan.levelsBySeverity.length - 1] as Level), rule: null, overruled: [] };
  return { level: winner.level, rule: winner.rule, overruled: others.map((entry) => entry.rule) };
}

/** The level the criteria give: the fired rule of highest priority; at equal priority the most severe level (就高). */
export function classify(plan: CompiledPlan, facts: Facts): Classification {
  return classifyFiring(plan, firingRules(plan, facts));
}

/** The fact comparisons behind a classification rule, for the explanation (each shared condition's once). */
export function explainRule(plan: CompiledPlan, rule: ClassificationRule, facts: Facts): FactCheck[] {
  return traceCondition(rule.conditions, plan.named, facts);
}
