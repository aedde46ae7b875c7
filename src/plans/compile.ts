import type { Duration } from 'date-fns';
import { compileCondition, type Evaluator } from '../engine/compile.js';
import type { Condition } from '../model/condition.js';
import type { ClassificationRule, Escalation, Level, ObligationRule, Party, PlanDefinition } from '../model/plan.js';
import { parseDuration } from '../time/duration.js';
import { timestampFormatter } from '../time/timestamp.js';

export interface CompiledClassification {
  rule: ClassificationRule;
  level: Level;
  evaluate: Evaluator;
}

export interface CompiledObligation {
  rule: ObligationRule;
  index: number;
  /** null when the duty always applies. */
  applies: Evaluator | null;
  duration: Duration | null;
}

/** A plan's rules compiled once at load, for decisions without parsing or lookups. */
export interface CompiledPlan {
  levels: ReadonlyMap<string, Level>;
  /** Most severe first. */
  levelsBySeverity: readonly Level[];
  /** Highest priority first; equal priorities, most severe level first. */
  classification: readonly CompiledClassification[];
  obligations: readonly CompiledObligation[];
  escalation: ReadonlyMap<string, Escalation>;
  parties: ReadonlyMap<string, Party & { external: boolean }>;
  named: ReadonlyMap<string, Condition>;
  /** Writes a moment as ISO 8601 in the plan's time zone. */
  format: (millis: number) => string;
}

export function compilePlan(definition: PlanDefinition): CompiledPlan {
  const named = new Map(Object.entries(definition.conditions));
  const levels = new Map(definition.levels.map((level) => [level.id, level]));
  const levelsBySeverity = [...definition.levels].sort((a, b) => a.rank - b.rank);
  const classification = definition.classification
    .map((rule) => ({ rule, level: levels.get(rule.level) as Level, evaluate: compileCondition(rule.conditions, named) }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.level.rank - b.level.rank);
  const obligations = definition.obligations.map((rule, index) => ({
    rule,
    index,
    applies: rule.when ? compileCondition(rule.when, named) : null,
    duration: rule.offset === null ? null : parseDuration(rule.offset),
  }));
  const parties = new Map<string, Party & { external: boolean }>([
    ...definition.roles.map((p) => [p.id, { ...p, external: false }] as const),
    ...definition.recipients.map((p) => [p.id, { ...p, external: true }] as const),
  ]);
  return {
    levels,
    levelsBySeverity,
    classification,
    obligations,
    escalation: new Map(definition.escalation.map((e) => [e.level, e])),
    parties,
    named,
    format: timestampFormatter(definition.timeZone),
  };
}
