import type { Facts } from '../engine/compile.js';
import type { Level } from '../model/plan.js';
import type { CompiledObligation, CompiledPlan } from '../plans/compile.js';
import { addDuration } from '../time/duration.js';
import { addWorkingDays } from '../time/working-days.js';
import { classify, type Classification } from './classify.js';
import type { IncidentState, StepRecord, Timeline } from './timeline.js';

/** The level in force in one state, and how it was reached. */
export interface LevelInForce {
  level: Level;
  source: 'criteria' | 'judgement';
  /** What the criteria alone give, also while a judgement stands over them. */
  classification: Classification;
  facts: Facts;
  state: IncidentState;
}

/** One obligation that arose: when, under which facts, and whether it was closed without being done. */
export interface ObligationInstance {
  id: string;
  compiled: CompiledObligation;
  arisenAt: number;
  /** Arose with the incident's discovery (not from a later change). */
  initial: boolean;
  arisenUnder: LevelInForce;
  /** The moment the duty's clock starts from (its anchor). */
  anchorAt: number;
  dueAt: number | null;
  closedAt: number | null;
  closedReason: string | null;
  /** When a duty whose deadline had already passed stopped applying: it stays overdue on the record but is no longer required. */
  lapsedAt: number | null;
  doneAt: number | null;
  done: StepRecord | null;
}

/** The facts the classification criteria read in one state: indicators, flags and whether it is an exercise. */
export function criteriaFactsOf(state: IncidentState): Record<string, string | number | boolean | undefined> {
  const facts: Record<string, string | number | boolean | undefined> = {};
  for (const name in state.indicators) facts[name] = state.indicators[name as keyof typeof state.indicators];
  for (const name in state.flags) facts[name] = state.flags[name as keyof typeof state.flags];
  facts.exercise = state.exercise;
  return facts;
}

/** The facts an obligation's conditions read in one state: the criteria's facts, the phase of the response and the level. */
export function factsOf(state: IncidentState, level: Level, warningOutdated: boolean): Facts {
  const facts = criteriaFactsOf(state);
  facts.subsided = state.subsided;
  facts.endProposed = state.endProposed;
  facts.ended = state.ended;
  facts.warningInForce = state.warning !== null;
  facts.warningOutdated = warningOutdated;
  facts.level = level.id;
  facts.levelRank = level.rank;
  return facts;
}

/**
 * The level in force in a state: the judgement if one was recorded, else the criteria. `warningBaseline`
 * is the level the criteria gave when the warning in force was issued or last adjusted: the warning is
 * outdated once the criteria have moved from it (004 三（二）3 调整); it is null while no warning is in force.
 */
export function levelInForce(plan: CompiledPlan, state: IncidentState, warningBaseline: string | null = null): LevelInForce {
  const classification = classify(plan, criteriaFactsOf(state));
  const outdated = warningBaseline !== null && classification.level.id !== warningBaseline;
  if (state.judgement) {
    const level = plan.levels.get(state.judgement.level) as Level;
    return { level, source: 'judgement', classification, facts: factsOf(state, level, outdated), state };
  }
  return { level: classification.level, source: 'criteria', classification, facts: factsOf(state, classification.level, outdated), state };
}

// States never precede discovery, so a clock from discovery starts when the duty arises, like one from the duty itself.
function anchorOf(compiled: CompiledObligation, timeline: Timeline, arisenAt: number, initial: boolean): number {
  return compiled.rule.anchor === 'occurredAt' && initial ? timeline.occurredAt : arisenAt;
}

/** The deadline of a duty whose clock starts at `anchor`: calendar time, or working days on the official calendar. */
function dueFrom(compiled: CompiledObligation, anchor: number, timeZone: string): number | null {
  if (!compiled.duration) return null;
  if (compiled.rule.workingDays) return addWorkingDays(anchor, compiled.duration.days ?? 0, timeZone);
  return addDuration(anchor, compiled.duration, timeZone);
}

/** Whether a recorded step counts for a duty: same step, same subject where the duty has one, done by its responsible role where the event names one, and the duty's recipient named (or, for a duty inside the unit, none named). */
function fulfils(record: StepRecord, compiled: CompiledObligation, plan: CompiledPlan): boolean {
  // A duty with a subject (a drill subject) is done only by an event naming that subject.
  if ((record.subject ?? null) !== (compiled.rule.subject ?? null) && compiled.rule.subject !== undefined) return false;
  // An event that names who acted (a role of the plan) counts only for that role's duties.
  if (record.by !== undefined && plan.parties.get(record.by)?.external === false && record.by !== compiled.rule.responsible) return false;
  const to = compiled.rule.to;
  if (record.to === undefined) return to === undefined || plan.parties.get(to)?.external === false;
  if (to === undefined) return plan.parties.get(record.to)?.external === false;
  return record.to === to;
}

/** Replays the states of an incident into every obligation that arose, and when each was done or closed. */
export function buildLedger(plan: CompiledPlan, timeline: Timeline, now: number, timeZone: string): { levels: LevelInForce[]; obligations: ObligationInstance[] } {
  const open = new Map<number, ObligationInstance>();
  const all: ObligationInstance[] = [];
  const counts = new Map<string, number>();
  const levels: LevelInForce[] = [];
  const first = timeline.states[0] as IncidentState;

  const findDone = (instance: ObligationInstance, until: number): StepRecord | null => {
    if (instance.compiled.rule.continuous) return null;
    const records = timeline.steps.get(instance.compiled.rule.step) ?? [];
    const from = instance.initial ? -Infinity : instance.arisenAt;
    return records.find((r) => r.at >= from && r.at <= until && fulfils(r, instance.compiled, plan)) ?? null;
  };
  const close = (instance: ObligationInstance, at: number, reason: string): void => {
    open.delete(instance.compiled.index);
    const done = findDone(instance, at);
    instance.closedAt = at;
    instance.done = done;
    instance.doneAt = done?.at ?? null;
    instance.closedReason = reason;
  };

  const create = (compiled: CompiledObligation, state: IncidentState, inForce: LevelInForce): void => {
    const n = (counts.get(compiled.rule.id) ?? 0) + 1;
    counts.set(compiled.rule.id, n);
    const initial = state === first;
    const anchor = anchorOf(compiled, timeline, state.at, initial);
    const instance: ObligationInstance = {
      id: n === 1 ? compiled.rule.id : `${compiled.rule.id}#${n}`,
      compiled,
      arisenAt: state.at,
      initial,
      arisenUnder: inForce,
      anchorAt: anchor,
      dueAt: dueFrom(compiled, anchor, timeZone),
      closedAt: null,
      closedReason: null,
      lapsedAt: null,
      doneAt: null,
      done: null,
    };
    open.set(compiled.index, instance);
    all.push(instance);
  };
  const ends = (compiled: CompiledObligation, state: IncidentState): string | null => {
    // Only continuous duties have `until` (validate.ts).
    if (compiled.rule.until === 'subsided' && state.subsided) return '舆情已平息，持续性工作结束';
    if (compiled.rule.until === 'ended' && state.ended) return '应急结束已批准，持续性工作结束';
    return null;
  };

  let previous: LevelInForce | null = null;
  let warning: { at: number; baseline: string } | null = null;
  for (const state of timeline.states) {
    if (state.warning === null) warning = null;
    else if (warning === null || warning.at !== state.warning.at) warning = { at: state.warning.at, baseline: classify(plan, criteriaFactsOf(state)).level.id };
    const inForce = levelInForce(plan, state, warning?.baseline ?? null);
    levels.push(inForce);
    const upgraded = previous !== null && inForce.level.rank < previous.level.rank;
    for (const compiled of plan.obligations) {
      const applies = compiled.applies === null || compiled.applies(inForce.facts);
      const current = open.get(compiled.index);
      const ended = ends(compiled, state);
      if (compiled.rule.on === 'upgrade') {
        // A duty of each worsening: a new one arises at every upgrade; the last one stays open until done.
        if (upgraded && applies) create(compiled, state, inForce);
        continue;
      }
      if (current && ended !== null) {
        close(current, state.at, ended);
        continue;
      }
      if (current && !applies) {
        if (current.dueAt !== null && current.dueAt <= state.at && !findDone(current, state.at)) {
          // A deadline already missed stays on the record as overdue: a later downgrade does not erase the breach.
          open.delete(compiled.index);
          current.lapsedAt = state.at;
          continue;
        }
        const why = previous && previous.level.id !== inForce.level.id
          ? `级别由 ${previous.level.id} 调整为 ${inForce.level.id} 后不再适用`
          : '适用条件已不成立';
        close(current, state.at, why);
        continue;
      }
      if (current || !applies || ended !== null) continue;
      create(compiled, state, inForce);
    }
    previous = inForce;
  }
  for (const instance of all) {
    if (instance.closedAt !== null) continue;
    const done = findDone(instance, now);
    instance.done = done;
    instance.doneAt = done?.at ?? null;
  }
  return { levels, obligations: all };
}
