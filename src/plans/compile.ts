import type { Duration } from 'date-fns';
import { conditionCompiler, type Evaluator } from '../engine/compile.js';
import type { Condition } from '../model/condition.js';
import { factTableOf, stepPlacesOf, stepTitlesOf, type FactTable } from '../model/facts.js';
import type { ClassificationRule, Escalation, Level, ObligationRule, Party, PlanDefinition } from '../model/plan.js';
import { parseDuration } from '../time/duration.js';
import { timestampFormatter, type TimestampFormatter } from '../time/timestamp.js';
import type { WorkingCalendar } from '../time/working-days.js';
import { canonicalTimeZone } from '../time/zone.js';
import { compileGrading, type CompiledGrading } from '../decide/grading.js';
import { type ClassificationGroup, groupClassification } from '../decide/classify.js';

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
  /** The same rules grouped by the facts they need to fire, for classifying without evaluating every rule. */
  classificationGroups: readonly ClassificationGroup[];
  obligations: readonly CompiledObligation[];
  /** Who leads at each level, the ungraded phase (`ungraded`) included when the plan has one. */
  escalation: ReadonlyMap<string, Escalation>;
  /** Grading by judgement: the ungraded phase, who may grade, the raise rules. */
  grading: CompiledGrading;
  parties: ReadonlyMap<string, Party & { external: boolean }>;
  named: ReadonlyMap<string, Condition>;
  /** The plan's time zone by its canonical name (`asia/shanghai` is `Asia/Shanghai`): time-zone caches then hold one entry per zone, not one per spelling. */
  timeZone: string;
  /** Writes a moment as ISO 8601 in the plan's time zone. */
  format: TimestampFormatter;
  /** The working days of working-day deadlines: the bundled calendar with the host's years. */
  calendar: WorkingCalendar;
  /** Every fact the plan's conditions may read: the shared vocabulary and the plan's own. */
  facts: FactTable;
  /** Each step id with its place in the order `next` ties duties: the shared ones, then the declared ones. */
  stepOrder: ReadonlyMap<string, number>;
  /** Titles of the plan's declared steps, by id. */
  stepTitles: ReadonlyMap<string, string>;
}

export function compilePlan(definition: PlanDefinition, calendar: WorkingCalendar): CompiledPlan {
  const timeZone = canonicalTimeZone(definition.timeZone);
  const named = new Map(Object.entries(definition.conditions));
  // One compiler for the plan: each shared condition is compiled once, however many rules use it.
  const compile = conditionCompiler(named);
  const levels = new Map(definition.levels.map((level) => [level.id, level]));
  const levelsBySeverity = [...definition.levels].sort((a, b) => a.rank - b.rank);
  const classification = definition.classification
    .map((rule) => ({ rule, level: levels.get(rule.level) as Level, evaluate: compile(rule.conditions) }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.level.rank - b.level.rank);
  const obligations = definition.obligations.map((rule, index) => ({
    rule,
    index,
    applies: rule.when ? compile(rule.when) : null,
    duration: rule.offset === null ? null : parseDuration(rule.offset),
  }));
  const grading = compileGrading(definition, compile);
  const escalation = new Map(definition.escalation.map((e) => [e.level, e]));
  if (grading.ungradedEscalation) escalation.set(grading.ungradedEscalation.level, grading.ungradedEscalation);
  const parties = new Map<string, Party & { external: boolean }>([
    ...definition.roles.map((p) => [p.id, { ...p, external: false }] as const),
    ...definition.recipients.map((p) => [p.id, { ...p, external: true }] as const),
  ]);
  return {
    levels,
    levelsBySeverity,
    classification,
    classificationGroups: groupClassification(classification, named, compile),
    obligations,
    escalation,
    grading,
    parties,
    named,
    timeZone,
    format: timestampFormatter(timeZone),
    calendar,
    facts: factTableOf(definition),
    stepOrder: stepPlacesOf(definition),
    stepTitles: stepTitlesOf(definition),
  };
}
