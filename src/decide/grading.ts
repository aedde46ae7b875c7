import type { Evaluator, Facts, SharedResults } from '../engine/compile.js';
import type { Condition } from '../model/condition.js';
import type { Basis, Escalation, Level, PlanDefinition, RaiseRule } from '../model/plan.js';
import type { GradingAuthority } from './timeline.js';

/** The reserved id of the ungraded phase (待研判定级): no level of a plan may use it. */
export const UNGRADED = 'ungraded';

/** The English name of the ungraded phase when the plan gives none. */
const UNGRADED_NAME_EN = 'Not yet graded';

export interface CompiledRaise {
  rule: RaiseRule;
  evaluate: Evaluator;
}

/** A plan's grading by judgement, compiled once at load. */
export interface CompiledGrading {
  /** The pseudo-level of the ungraded phase (rank below every level), or null when the least severe level stands while no rule fires. */
  ungraded: Level | null;
  /** Who leads while the incident is ungraded, as an escalation of the pseudo-level; null without `grading.ungraded`. */
  ungradedEscalation: Escalation | null;
  /** Who may grade: alternatives, each all of its roles jointly; null when anyone may. */
  gradedBy: readonly (readonly string[])[] | null;
  /** The same, for the replay; null when anyone may. */
  authority: GradingAuthority | null;
  /** Who may record each declared fact whose declaration has `setBy`, by the fact's name (a Map: declared names). */
  factAuthority: ReadonlyMap<string, GradingAuthority>;
  raise: readonly CompiledRaise[];
  /** The clause by which a level the criteria gave holds when they fall (grading.hold), or null when it does not. */
  hold: Basis | null;
}

/** Compiles a plan's `grading` with the plan's condition compiler (shared conditions compiled once). */
export function compileGrading(definition: PlanDefinition, compile: (condition: Condition) => Evaluator): CompiledGrading {
  const grading = definition.grading;
  const spec = grading?.ungraded;
  const ungraded: Level | null = spec
    ? { id: UNGRADED, rank: Math.max(...definition.levels.map((l) => l.rank)) + 1, name: spec.name, nameEn: spec.nameEn ?? UNGRADED_NAME_EN, basis: spec.basis }
    : null;
  const ungradedEscalation: Escalation | null = spec
    ? { level: UNGRADED, lead: spec.lead, leadNote: spec.leadNote, approveStatement: [], consultWith: [], basis: spec.basis }
    : null;
  const gradedBy = grading?.gradedBy;
  return {
    ungraded,
    ungradedEscalation,
    gradedBy: gradedBy ?? null,
    authority: gradedBy === undefined ? null : authorityOf(gradedBy, definition),
    factAuthority: factAuthorityOf(definition),
    raise: (grading?.raise ?? []).map((rule) => ({ rule, evaluate: compile(rule.when) })),
    hold: grading?.hold?.basis ?? null,
  };
}

/**
 * Who may act (grade, or record a fact): the roles an event names may when they include every role of at
 * least one alternative (`gradedBy`, a fact's `setBy`); a collective role that lists its members
 * (`members`) also by all of them jointly.
 */
export function authorityOf(gradedBy: readonly (readonly string[])[], definition: PlanDefinition): GradingAuthority {
  // A body without listed members acts only by itself.
  const members = new Map(definition.roles.map((role) => [role.id, role.members]));
  return {
    may: (by) => {
      const actors = new Set(by);
      const covers = (role: string): boolean => actors.has(role) || (members.get(role)?.every((member) => actors.has(member)) ?? false);
      return gradedBy.some((alternative) => alternative.every(covers));
    },
    who: gradedBy.map((alternative) => alternative.map((role) => `"${role}"`).join(' + ')).join(' or '),
    whoZh: gradedBy.map((alternative) => alternative.map((role) => `“${role}”`).join(' + ')).join(' 或 '),
  };
}

/** Who may record the plan's declared facts by events: an authority for each indicator, flag or metric with `setBy`. */
function factAuthorityOf(definition: PlanDefinition): Map<string, GradingAuthority> {
  const out = new Map<string, GradingAuthority>();
  const facts = definition.facts;
  for (const declared of [facts?.indicators, facts?.flags, facts?.metrics]) {
    for (const [name, fact] of Object.entries(declared ?? {})) if (fact.setBy !== undefined) out.set(name, authorityOf(fact.setBy, definition));
  }
  return out;
}

/** The level raised by the raise rules that hold, and which did. */
export interface Raised {
  /** The level found before raising (by the criteria or by judgement). */
  from: Level;
  /** The raise rules that held, in the plan's order: each moves the level its `by` ranks, the moves adding up. */
  rules: RaiseRule[];
  /** The facts the rules read. */
  facts: Facts;
  /** The rules asked for more than the levels above allowed: the level stopped at the most severe. */
  capped: boolean;
}

/**
 * Applies the raise rules to a level found by the criteria or by judgement: each rule that holds on the
 * facts moves it `by` levels more severe (absent: one), capped at the most severe level. `severity` lists
 * the plan's levels most severe first. Returns the level and the raise, null when no rule held.
 */
export function raiseLevel(grading: CompiledGrading, severity: readonly Level[], base: Level, facts: Facts): { level: Level; raised: Raised | null } {
  const shared: SharedResults = new Map();
  const rules = grading.raise.filter((entry) => entry.evaluate(facts, shared)).map((entry) => entry.rule);
  if (rules.length === 0) return { level: base, raised: null };
  const steps = rules.reduce((sum, rule) => sum + (rule.by ?? 1), 0);
  const from = severity.indexOf(base);
  const level = severity[Math.max(0, from - steps)] as Level;
  return { level, raised: { from: base, rules, facts, capped: from - steps < 0 } };
}

// A plan has at most nine levels, so a raise moves at most eight.
const CHINESE_COUNT = ['', '一', '二', '三', '四', '五', '六', '七', '八'];

/** "上调一级" for one level, "上调二级" for two … (the words of the plans). */
export function raiseWords(levels: number): string {
  return `上调${CHINESE_COUNT[levels] as string}级`;
}
