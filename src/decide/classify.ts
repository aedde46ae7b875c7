import { type FactCheck, type Facts, traceCondition } from '../engine/compile.js';
import type { ClassificationRule, Level } from '../model/plan.js';
import type { CompiledPlan } from '../plans/compile.js';

export interface Classification {
  level: Level;
  /** The rule that set the level; null when no rule fired and the least severe level stands. */
  rule: ClassificationRule | null;
  /** Rules that also fired but lost on priority (or, at equal priority, on severity). */
  overruled: ClassificationRule[];
}

/** The level the criteria give: the fired rule of highest priority; at equal priority the most severe level (就高). */
export function classify(plan: CompiledPlan, facts: Facts): Classification {
  let winner: Classification | null = null;
  for (const entry of plan.classification) {
    if (!entry.evaluate(facts)) continue;
    if (winner === null) winner = { level: entry.level, rule: entry.rule, overruled: [] };
    else winner.overruled.push(entry.rule);
  }
  return winner ?? { level: plan.levelsBySeverity[plan.levelsBySeverity.length - 1] as Level, rule: null, overruled: [] };
}

/** The fact comparisons behind a classification rule, for the explanation. */
export function explainRule(plan: CompiledPlan, rule: ClassificationRule, facts: Facts): FactCheck[] {
  return traceCondition(rule.conditions, plan.named, facts);
}
