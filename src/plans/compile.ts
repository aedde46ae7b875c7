import type { Duration } from 'date-fns';
import { conditionCompiler, type Evaluator, factLeaves } from '../engine/compile.js';
import type { Condition, FactCondition } from '../model/condition.js';
import { factTableOf, stepPlacesOf, stepTitlesOf, type FactTable } from '../model/facts.js';
import type { ClassificationRule, Escalation, Level, ObligationRule, Party, PlanDefinition } from '../model/plan.js';
import { parseDuration } from '../time/duration.js';
import { timestampFormatter, type TimestampFormatter } from '../time/timestamp.js';
import type { WorkingCalendar } from '../time/working-days.js';
import { canonicalTimeZone } from '../time/zone.js';
import { basesOf } from './validate-format.js';
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
  /** What the explanation says of who decides and approves, known from the plan: `由…集体决定；`, `经…审批；` (empty when neither). */
  workflowText: string;
  /** The place of its step in the order `next` ties duties (stepOrder). */
  stepPlace: number;
  /** Its kind in the decision: continuous, deadline (an offset), immediate or undated. */
  kind: 'continuous' | 'deadline' | 'immediate' | 'undated';
  /** The name of its responsible role, and whether that role decides collectively. */
  responsibleName: string;
  collective: boolean;
  /** The name of its recipient (`to`) as the decision shows it: the party's, else the id as given. */
  recipientName: string | undefined;
  /** Which of the usual shapes its obligation in a decision has (the optional fields before `basis` it has), or `other`: decide writes those as literals. */
  outShape: 'plain' | 'until' | 'to' | 'to-notify' | 'other';
  /** The fact comparisons of its `when` in the order its trace lists them (factLeaves); null when it always applies. */
  whenLeaves: readonly FactCondition[] | null;
}

/** The shape of a duty's obligation in a decision by the optional fields before its basis (a workflow's blockedBy and approvals aside, known only per decision). */
function outShapeOf(rule: ObligationRule): CompiledObligation['outShape'] {
  if (rule.subject !== undefined || rule.layer !== undefined) return 'other';
  // A duty with `notify` has a recipient (`to`): validate.ts.
  if (rule.to === undefined) return rule.until === undefined ? 'plain' : 'until';
  if (rule.until !== undefined) return 'other';
  return rule.notify === undefined ? 'to' : 'to-notify';
}

/** A duty's kind in the decision. */
function kindOf(rule: ObligationRule): CompiledObligation['kind'] {
  if (rule.continuous) return 'continuous';
  if (rule.offset !== null) return 'deadline';
  return rule.immediate ? 'immediate' : 'undated';
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
  /** The fact comparisons of each classification condition and duty's `when`, in the order their traces list them (factLeaves). */
  leaves: ReadonlyMap<Condition, readonly FactCondition[]>;
  /** Whether every basis of the plan has its fields in the schema's order (seed, section, document, number, clause, quote), so that a copy can write them in that order. */
  basisInOrder: boolean;
  /** Steps some continuous duty does. */
  continuousSteps: ReadonlySet<string>;
  /** Steps some duty does toward an outside recipient. */
  outsideSteps: ReadonlySet<string>;
}

/** The fields of a basis in the schema's order. */
const BASIS_ORDER = ['seed', 'section', 'document', 'number', 'clause', 'quote'];

/** Whether a basis has its fields in the schema's order (a format-2 plan's bases citing its document have `document` last). */
function inSchemaOrder(basis: Record<string, unknown>): boolean {
  let at = 0;
  for (const key in basis) {
    while (at < BASIS_ORDER.length && BASIS_ORDER[at] !== key) at++;
    if (at === BASIS_ORDER.length) return false;
  }
  return true;
}

/** The explanation's words on who decides a duty collectively and whose approvals it needs, from the plan alone. */
function workflowTextOf(rule: ObligationRule, parties: ReadonlyMap<string, Party>): string {
  const responsible = parties.get(rule.responsible);
  let text = responsible?.collective === true ? `由${responsible.name}集体决定；` : '';
  if (rule.approval !== undefined) {
    // Approvers are roles of the plan (validate-workflow.ts).
    const names = rule.approval.by.map((id) => (parties.get(id) as Party).name);
    text += rule.approval.mode === 'any' ? `经${names.join('或')}任一审批；` : rule.approval.mode === 'all' ? `须${names.join('、')}均审批；` : `依次经${names.join(' → ')}审批；`;
  }
  return text;
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
  const grading = compileGrading(definition, compile);
  const escalation = new Map(definition.escalation.map((e) => [e.level, e]));
  if (grading.ungradedEscalation) escalation.set(grading.ungradedEscalation.level, grading.ungradedEscalation);
  const parties = new Map<string, Party & { external: boolean }>([
    ...definition.roles.map((p) => [p.id, { ...p, external: false }] as const),
    ...definition.recipients.map((p) => [p.id, { ...p, external: true }] as const),
  ]);
  const stepOrder = stepPlacesOf(definition);
  const obligations = definition.obligations.map((rule, index) => ({
    rule,
    index,
    applies: rule.when ? compile(rule.when) : null,
    duration: rule.offset === null ? null : parseDuration(rule.offset),
    workflowText: workflowTextOf(rule, parties),
    stepPlace: stepOrder.get(rule.step) as number,
    kind: kindOf(rule),
    // The responsible party is a role of the plan (validate.ts).
    responsibleName: (parties.get(rule.responsible) as Party).name,
    collective: (parties.get(rule.responsible) as Party).collective === true,
    // A recipient is a party of the plan (validate.ts).
    recipientName: rule.to === undefined ? undefined : (parties.get(rule.to) as Party).name,
    outShape: outShapeOf(rule),
    whenLeaves: rule.when ? factLeaves(rule.when, named) : null,
  }));
  const leaves = new Map<Condition, readonly FactCondition[]>();
  for (const { rule } of classification) leaves.set(rule.conditions, factLeaves(rule.conditions, named));
  for (const { rule, whenLeaves } of obligations) if (whenLeaves !== null) leaves.set(rule.when as Condition, whenLeaves);
  const continuousSteps = new Set<string>();
  const outsideSteps = new Set<string>();
  for (const { rule } of obligations) {
    if (rule.continuous) continuousSteps.add(rule.step);
    if (rule.to !== undefined && parties.get(rule.to)?.external) outsideSteps.add(rule.step);
  }
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
    stepOrder,
    stepTitles: stepTitlesOf(definition),
    leaves,
    basisInOrder: basesOf(definition).every(({ basis }) => inSchemaOrder(basis)),
    continuousSteps,
    outsideSteps,
  };
}
