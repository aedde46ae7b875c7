import { say, type Lang } from '../i18n/lang.js';
import type { Facts } from '../engine/compile.js';
import { IncidentError } from '../model/errors.js';
import type { FactEntry } from '../model/facts.js';
import type { Level } from '../model/plan.js';
import type { CompiledObligation, CompiledPlan } from '../plans/compile.js';
import type { Duration } from 'date-fns';
import { addDuration, parseDuration } from '../time/duration.js';
import { addWorkingDays, CalendarRangeError, type WorkingCalendar } from '../time/working-days.js';
import { classify, type Classification } from './classify.js';
import { type ClockWait, type ClockWarning, extendDeadline, type ExtensionRecord, fixedAnchor } from './clocks.js';
import { raiseBreaches, stateIndexAt } from './breach.js';
import { CLOSED_REASONS, levelChangedReason } from './reasons.js';
import { raiseRepeats } from './repeat.js';
import { raiseLevel, UNGRADED, type Raised } from './grading.js';
import { firstFrom, type IncidentState, type StepRecord, type Timeline } from './timeline.js';
import { actorsCount, countApprovals, enforceOrder, settleWorkflow, type WorkflowOutcome } from './workflow.js';

/** The level in force in one state, and how it was reached. */
export interface LevelInForce {
  level: Level;
  /** `ungraded`: no rule fired and nobody has graded yet, in a plan graded by judgement (grading.ungraded). */
  source: 'criteria' | 'judgement' | 'ungraded';
  /** The raise rules that held on the level found (grading.raise), or null. */
  raised: Raised | null;
  /** The level the criteria gave earlier and that holds although they now give a less severe one (grading.hold), or null. */
  held: Level | null;
  /** What the criteria alone give, also while a judgement stands over them. */
  classification: Classification;
  facts: Facts;
  /** A key of `facts`: states with equal keys have equal facts (the criteria's factsKey, then the phase and the level). */
  key: string;
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
  /** The moment the duty's clock starts from (its anchor); while it waits (`waitingFor`), the moment its anchor is looked for from. */
  anchorAt: number;
  dueAt: number | null;
  /** What the clock waits for before it starts (then dueAt is null): an event of a step or another duty done; null once it runs. */
  waitingFor: ClockWait | null;
  /** The event that started the clock of a duty counted from an event (`anchor: { event }`), else null. */
  anchorRecord: StepRecord | null;
  /** The deadline the clock gives, before extensions. */
  baseDueAt: number | null;
  /** The hard limit after a soft deadline (`latest`, 最迟不超过), extended as `dueAt`; null without `latest` or while there is no deadline. */
  latestAt: number | null;
  /** The hard limit the clock gives, before extensions. */
  baseLatestAt: number | null;
  /** The extensions applied in all (`extended` events), an ISO 8601 duration (working days when the duty's extension counts them); null when none. */
  extendedBy: string | null;
  closedAt: number | null;
  closedReason: string | null;
  /** When a duty whose deadline had already passed stopped applying: it stays overdue on the record but is no longer required. */
  lapsedAt: number | null;
  doneAt: number | null;
  done: StepRecord | null;
  /** The year a working-day deadline falls in that the calendar has no data for (then dueAt is null), else null. */
  outsideCalendar: number | null;
  /** What the workflow says of a duty with `after` or `approval` (workflow.ts). */
  workflow?: WorkflowOutcome;
  /** For a duty raised by a breach (`on: "breach"`, breach.ts): the instance of the duty named in `of` that missed its deadline. */
  breachOf?: ObligationInstance;
  /** For a duty that repeats (`every`, repeat.ts): which instance of its series this is (from 2) and the one before it. */
  repeat?: { n: number; previous: ObligationInstance };
}

/**
 * The most obligations one decision holds. Each arising counts, so an incident whose level flips back and
 * forth thousands of times is refused with an IncidentError instead of growing without bound.
 */
export const MAX_OBLIGATIONS = 100_000;

/**
 * The most fact combinations whose results a compiled plan keeps (classifications, and which duties apply):
 * past it a new combination's result is found each time and not kept, so memory stays bounded when every state
 * has new facts. Each result follows from the plan and the facts alone: one kept from an earlier replay is the one
 * this replay would find.
 */
export const FACTS_CACHE_LIMIT = 1024;

/** The criteria facts of one combination, their key (a compact one, or factsKey's) and classification. */
interface Criteria {
  facts: Record<string, string | number | boolean | undefined>;
  key: string;
  classification: Classification;
  /** The facts duties read under these criteria (levelInForce), by level id and then by phase (subsided, end proposed, ended, warning in force, outdated, as bits): found without writing their key again. */
  phases: Map<string, ({ facts: Facts; key: string } | undefined)[]>;
}

/** Results computed once per fact combination (see factsKey) and kept for the compiled plan: states with the same facts, in one replay or in many, share them. */
export interface FactsCache {
  criteria: Map<string, Criteria>;
  /** The facts duties read (factsOf) with their key, by key: each also kept by its criteria (Criteria.phases), where it is looked up; this map bounds how many are kept. */
  facts: Map<string, { facts: Facts; key: string }>;
  applies: Map<string, Uint8Array>;
  /** The last state's criteria and the objects they were read from: the next state with the same indicators, flags and metrics objects reuses them. */
  last: { indicators: object; flags: object; metrics: object; exercise: boolean; criteria: Criteria } | null;
}

/** The plan's cache for one replay: the plan's results by fact combination, and no last state yet (that one is the replay's own). */
export function newFactsCache(plan: CompiledPlan): FactsCache {
  const info = ledgerPlanOf(plan);
  return { criteria: info.criteria, facts: info.facts, applies: info.applies, last: null };
}

/** Stores a result under a key while the cache holds fewer than FACTS_CACHE_LIMIT combinations; past that, a new combination's result is found each time and not kept. */
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size < FACTS_CACHE_LIMIT) cache.set(key, value);
  return value;
}

/** A key naming a set of facts: equal keys, equal facts (names in a fixed order, each value with its type). */
export function factsKey(facts: Facts): string {
  let key = '';
  for (const name of Object.keys(facts).sort()) key += `${JSON.stringify(name)}:${valueKey(facts[name])},`;
  return key;
}

/** A fact's value in a key: a string quoted, any other value as text (so that 1 and "1" differ). */
const valueKey = (value: string | number | boolean | undefined): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * The prototype of every facts object: empty, frozen and without a prototype of its own, so that a name read
 * never reaches Object.prototype, while the objects stay in V8's fast mode (an object made by Object.create(null) does not).
 */
const FACTS_PROTO: object = Object.freeze(Object.create(null) as object);

/** What a replay reads of a plan, found once per compiled plan. */
interface LedgerPlan {
  /** The names the criteria facts may have (indicators, flags, metrics, `exercise`), sorted. */
  keyNames: readonly string[];
  /** For each of them, how its value is written in a compact key: an indicator's values by their code, else the type of its values. */
  keyCodes: readonly (ReadonlyMap<string, string> | 'boolean' | 'number')[];
  /** Each of them by its place in keyNames. */
  keyIndex: ReadonlyMap<string, number>;
  /** Whether any duty raises on a breach, repeats, has a workflow (`after` or `approval`), or a strict order. */
  breach: boolean;
  repeat: boolean;
  workflow: boolean;
  strict: boolean;
  /** The plan's results by fact combination (FactsCache), kept from replay to replay, each map at most FACTS_CACHE_LIMIT long. */
  criteria: Map<string, Criteria>;
  facts: Map<string, { facts: Facts; key: string }>;
  applies: Map<string, Uint8Array>;
}

const ledgerPlans = new WeakMap<CompiledPlan, LedgerPlan>();

/** What a replay reads of a plan (cached by the compiled plan). */
function ledgerPlanOf(plan: CompiledPlan): LedgerPlan {
  let info = ledgerPlans.get(plan);
  if (info === undefined) {
    const table = plan.facts;
    const keyNames = [...new Set([...table.indicators, ...table.flags, ...table.metrics, 'exercise'])].sort();
    const rules = plan.obligations.map((o) => o.rule);
    info = {
      keyNames,
      keyIndex: new Map(keyNames.map((name, i) => [name, i])),
      keyCodes: keyNames.map((name) => {
        const entry = table.facts.get(name) as FactEntry;
        // One character per value, past the characters the other codes use.
        if (entry.kind === 'indicator') return new Map((entry.values as readonly string[]).map((value, i) => [value, String.fromCharCode(256 + i)]));
        return entry.kind === 'metric' ? 'number' : 'boolean';
      }),
      breach: rules.some((rule) => rule.on === 'breach'),
      repeat: rules.some((rule) => rule.every !== undefined),
      workflow: rules.some((rule) => rule.approval !== undefined || rule.after !== undefined),
      strict: rules.some((rule) => rule.strict === true),
      criteria: new Map(),
      facts: new Map(),
      applies: new Map(),
    };
    ledgerPlans.set(plan, info);
  }
  return info;
}

/**
 * A value in a compact key, by the way its fact's values are written (`code`): `~` for undefined, `t` or `f`, a
 * number in brackets, an indicator value's code; null for a value of another kind (a replay not checked against the plan).
 */
function valueCode(code: ReadonlyMap<string, string> | 'boolean' | 'number', value: string | number | boolean | undefined): string | null {
  if (value === undefined) return '~';
  if (code === 'boolean') return typeof value === 'boolean' ? (value ? 't' : 'f') : null;
  if (code === 'number') return typeof value === 'number' ? `(${value})` : null;
  return typeof value === 'string' ? (code.get(value) ?? null) : null;
}

/** Copies a record's entries into `facts`. */
function copyFacts(facts: Record<string, string | number | boolean | undefined>, from: Readonly<Record<string, string | number | boolean>>): void {
  const names = Object.keys(from);
  for (let i = 0; i < names.length; i++) facts[names[i] as string] = from[names[i] as string];
}

/** The facts an obligation's conditions read in one state: the criteria's facts (`criteria`, copied), the phase of the response and the level. */
export function factsOf(state: IncidentState, level: Level, warningOutdated: boolean, criteria: Facts): Facts {
  const facts = Object.create(FACTS_PROTO) as Record<string, string | number | boolean | undefined>;
  for (const name in criteria) facts[name] = criteria[name];
  facts.subsided = state.subsided;
  facts.endProposed = state.endProposed;
  facts.ended = state.ended;
  facts.warningInForce = state.warning !== null;
  facts.warningOutdated = warningOutdated;
  facts.graded = level.id !== UNGRADED;
  facts.level = level.id;
  facts.levelRank = level.rank;
  return facts;
}

/**
 * The level in force in a state: the judgement if one was recorded, else the criteria (or the ungraded
 * phase of a plan graded by judgement when no rule fires); then the raise rules that hold. `warningBaseline`
 * is the level the criteria gave when the warning in force was issued or last adjusted: the warning is
 * outdated once the criteria have moved from it (004 三（二）3 调整); it is null while no warning is in force.
 * `cache` keeps the classifications and facts of the replay by their key: states with the same facts share them.
 */
export function levelInForce(plan: CompiledPlan, state: IncidentState, warningBaseline: string | null, cache: FactsCache, floor: Level | null = null): LevelInForce {
  const criteria = criteriaOf(plan, state, cache);
  const classification = criteria.classification;
  const outdated = warningBaseline !== null && classification.level.id !== warningBaseline;
  const judged = state.judgement ? (plan.levels.get(state.judgement.level) as Level) : null;
  // Under grading.hold the most severe level the criteria gave so far stands until a judgement.
  const held = judged === null && floor !== null && floor.rank < classification.level.rank ? floor : null;
  const source = judged ? 'judgement' : held === null && classification.level.id === UNGRADED ? 'ungraded' : 'criteria';
  const found = judged ?? held ?? classification.level;
  // The raise rules move a level once found (by the criteria or by judgement), never the ungraded phase.
  let level = found;
  let raised: Raised | null = null;
  if (source !== 'ungraded' && plan.grading.raise.length > 0) ({ level, raised } = raiseLevel(plan.grading, plan.levelsBySeverity, found, criteria.facts));
  // The criteria's key (entries ending in ","), then the facts factsOf adds, in a fixed order (the level's rank follows from its id).
  const phase = +state.subsided * 16 + +state.endProposed * 8 + +state.ended * 4 + +(state.warning !== null) * 2 + +outdated;
  let byPhase = criteria.phases.get(level.id);
  let known = byPhase?.[phase];
  if (known === undefined) {
    const key = `${criteria.key}${+state.subsided}${+state.endProposed}${+state.ended}${+(state.warning !== null)}${+outdated}${JSON.stringify(level.id)}`;
    known = { facts: factsOf(state, level, outdated, criteria.facts), key };
    // Kept (and found by phase from then on) only while the plan's cache has room.
    if (cache.facts.size >= FACTS_CACHE_LIMIT) return { level, source, raised, held, classification, facts: known.facts, key, state };
    cache.facts.set(key, known);
    if (byPhase === undefined) criteria.phases.set(level.id, (byPhase = new Array<{ facts: Facts; key: string } | undefined>(32)));
    byPhase[phase] = known;
  }
  return { level, source, raised, held, classification, facts: known.facts, key: known.key, state };
}

/** A value not given (a slot of compactKey). */
const NOT_GIVEN: unique symbol = Symbol('not given');

/** Puts a record's values in their slots (by keyNames); false when it names a fact the plan does not know. */
function readSlots(keyIndex: ReadonlyMap<string, number>, slots: unknown[], from: Readonly<Record<string, unknown>>): boolean {
  const names = Object.keys(from);
  for (let i = 0; i < names.length; i++) {
    const at = keyIndex.get(names[i] as string);
    if (at === undefined) return false;
    slots[at] = from[names[i] as string];
  }
  return true;
}

/**
 * The compact key of a state's criteria facts: one code for each name the plan knows, in a fixed order (`-` where
 * absent), read from the state's records without copying them; null where the facts are not all of the plan's kinds
 * (newCriteria then keys them by factsKey).
 */
function compactKey(info: LedgerPlan, state: IncidentState): string | null {
  const { keyNames, keyCodes, keyIndex } = info;
  const slots = new Array<unknown>(keyNames.length).fill(NOT_GIVEN);
  // In the order the facts are copied: a later record's value stands, `exercise` last.
  if (!readSlots(keyIndex, slots, state.indicators) || !readSlots(keyIndex, slots, state.flags) || !readSlots(keyIndex, slots, state.metrics)) return null;
  slots[keyIndex.get('exercise') as number] = state.exercise;
  let key = '#';
  for (let i = 0; i < slots.length; i++) {
    const value = slots[i];
    if (value === NOT_GIVEN) {
      key += '-';
      continue;
    }
    const code = valueCode(keyCodes[i] as ReadonlyMap<string, string> | 'boolean' | 'number', value as string | number | boolean | undefined);
    if (code === null) return null;
    key += code;
  }
  return key;
}

/** A state's criteria facts, their key and classification: evaluated once per distinct combination of them, and read again only when the state's facts are new objects. */
function criteriaOf(plan: CompiledPlan, state: IncidentState, cache: FactsCache): Criteria {
  const last = cache.last;
  if (last !== null && last.indicators === state.indicators && last.flags === state.flags && last.metrics === state.metrics && last.exercise === state.exercise) return last.criteria;
  // A combination seen before (in this replay or an earlier one under the plan) is found by its key alone.
  const quick = compactKey(ledgerPlanOf(plan), state);
  const criteria = (quick === null ? undefined : cache.criteria.get(quick)) ?? newCriteria(plan, state, cache, quick);
  if (last === null) cache.last = { indicators: state.indicators, flags: state.flags, metrics: state.metrics, exercise: state.exercise, criteria };
  else {
    // One record of the last state per replay, written over.
    last.indicators = state.indicators;
    last.flags = state.flags;
    last.metrics = state.metrics;
    last.exercise = state.exercise;
    last.criteria = criteria;
  }
  return criteria;
}

/** The criteria of a state's facts not found by their compact key (`quick`): copied, keyed and classified. */
function newCriteria(plan: CompiledPlan, state: IncidentState, cache: FactsCache, quick: string | null): Criteria {
  const facts = Object.create(FACTS_PROTO) as Record<string, string | number | boolean | undefined>;
  copyFacts(facts, state.indicators);
  copyFacts(facts, state.flags);
  copyFacts(facts, state.metrics);
  facts.exercise = state.exercise;
  // The compact key, not found in the cache; factsKey's where the facts are not all of the plan's kinds (that one may be).
  if (quick !== null) return remember(cache.criteria, quick, { facts, key: quick, classification: classify(plan, facts), phases: new Map() });
  const key = factsKey(facts);
  return cache.criteria.get(key) ?? remember(cache.criteria, key, { facts, key, classification: classify(plan, facts), phases: new Map() });
}

/** A deadline not set: no clock runs. */
const NO_DUE: { dueAt: null; latestAt: null; outsideCalendar: null } = Object.freeze({ dueAt: null, latestAt: null, outsideCalendar: null });

/**
 * The deadline of a duty whose clock starts at `anchor`, and its hard limit (`latest`) if it has one: calendar time,
 * or working days on the official calendar; the year the calendar lacks, if it does.
 */
function dueFrom(compiled: CompiledObligation, anchor: number, timeZone: string, calendar: WorkingCalendar, length = compiled.duration): { dueAt: number | null; latestAt: number | null; outsideCalendar: number | null } {
  if (!length) return NO_DUE;
  // validate-clocks.ts checked `latest`: a duration in the offset's units.
  const latest = compiled.rule.latest === undefined ? null : (parseDuration(compiled.rule.latest) as Duration);
  if (!compiled.rule.workingDays) return { dueAt: addDuration(anchor, length, timeZone), latestAt: latest && addDuration(anchor, latest, timeZone), outsideCalendar: null };
  try {
    const dueAt = addWorkingDays(anchor, length.days ?? 0, timeZone, calendar);
    return { dueAt, latestAt: latest && addWorkingDays(anchor, latest.days as number, timeZone, calendar), outsideCalendar: null };
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    // Never a guess: the duty stays without a deadline and the decision says why.
    return { dueAt: null, latestAt: null, outsideCalendar: error.year };
  }
}

/** How many of the sorted times are at or before `at` (where `at` would be inserted after its equals). */
function countAtOrBefore(times: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a recorded step counts for a duty: same step, same subject where the duty has one, done by its responsible role where the event names one, and the duty's recipient named (or, for a duty inside the unit, none named). */
function fulfils(record: StepRecord, compiled: CompiledObligation, plan: CompiledPlan): boolean {
  // A duty with a subject (a drill subject) is done only by an event naming that subject.
  if ((record.subject ?? null) !== (compiled.rule.subject ?? null) && compiled.rule.subject !== undefined) return false;
  // An event that names who acted (a role of the plan) counts only for that role's duties, an approver's or a collective body's (workflow.ts).
  if (!actorsCount(record.by, compiled.rule, plan.parties)) return false;
  const to = compiled.rule.to;
  if (record.to === undefined) return to === undefined || plan.parties.get(to)?.external === false;
  if (to === undefined) return plan.parties.get(record.to)?.external === false;
  return record.to === to;
}

/** Which duties apply under these facts, by duty index (1 applies); each shared condition is evaluated once for all of them. */
function appliesOf(plan: CompiledPlan, facts: Facts): Uint8Array {
  const shared = new Map<string, boolean>();
  const applying = new Uint8Array(plan.obligations.length);
  for (const compiled of plan.obligations) applying[compiled.index] = compiled.applies === null || compiled.applies(facts, shared) ? 1 : 0;
  return applying;
}

/** No state's duties close with it: the reason an `until` gives when it is reached, or null. */
function endsIn(compiled: CompiledObligation, state: IncidentState, lang: Lang): string | null {
  // Only continuous duties have `until` (validate.ts).
  if (compiled.rule.until === 'subsided' && state.subsided) return CLOSED_REASONS[lang].subsided;
  if (compiled.rule.until === 'ended' && state.ended) return CLOSED_REASONS[lang].ended;
  return null;
}

/** The records of a duty whose step no event records. */
const NO_RECORDS: StepRecord[] = Object.freeze([]) as unknown as StepRecord[];

/** One replay of an incident's states into its obligations (buildLedger): its state as fields, its steps as methods, so that a replay creates no closures. */
class Ledger {
  /** The open instance of each duty, by duty index. */
  readonly open: (ObligationInstance | undefined)[];
  readonly all: ObligationInstance[] = [];
  readonly warnings: ClockWarning[] = [];
  readonly levels: LevelInForce[] = [];
  readonly first: IncidentState;
  /** The records that count for each duty, earliest first, by duty index: sorted out once per duty, matching is then a binary search. */
  readonly matching: (StepRecord[] | undefined)[];
  /** The last instance of each duty that was closed or lapsed without being done, by duty index: if the duty applies again, it reopens. */
  readonly undone: (ObligationInstance | undefined)[];
  // Clocks (docs/clocks.md): the instances of each duty by its id, the events each clock may start from, the extensions by obligation.
  readonly byRule = new Map<string, ObligationInstance[]>();
  anchorRecords: Map<number, StepRecord[]> | null = null;
  readonly extensionsOf = new Map<string, ExtensionRecord[]>();
  /** When the level in force took effect (for `anchor: levelSet`). */
  levelSince: number;
  /** Once the replay is over every duty's completions are known: sorted once per duty, they answer by binary search. */
  settled: Map<string, Float64Array> | null = null;
  /**
   * During the replay, each duty's possible completions, sorted: an instance is done, if ever, at its first
   * matching record (fixed once it arose); one closed without being done drops out, and comes back if it reopens.
   */
  readonly possible = new Map<string, number[]>();
  readonly possibleAt = new Map<ObligationInstance, number>();
  /** Repeated fact combinations (a level flipping back and forth) cost one lookup, not every rule's comparisons again. */
  readonly cache: FactsCache;

  constructor(
    readonly plan: CompiledPlan,
    readonly timeline: Timeline,
    readonly now: number,
    readonly timeZone: string,
    /** The language of the warnings. */
    readonly lang: Lang = 'zh',
  ) {
    const n = plan.obligations.length;
    this.open = new Array<ObligationInstance | undefined>(n);
    this.matching = new Array<StepRecord[] | undefined>(n);
    this.undone = new Array<ObligationInstance | undefined>(n);
    this.first = timeline.states[0] as IncidentState;
    this.levelSince = timeline.discoveredAt;
    this.cache = newFactsCache(plan);
  }

  recordsFor(compiled: CompiledObligation): StepRecord[] {
    let list = this.matching[compiled.index];
    if (list === undefined) {
      const records = this.timeline.steps.get(compiled.rule.step);
      // No event of the step: one empty list for all such duties (never added to).
      list = records === undefined ? NO_RECORDS : [];
      if (records !== undefined) for (const record of records) if (fulfils(record, compiled, this.plan)) list.push(record);
      this.matching[compiled.index] = list;
    }
    return list;
  }

  findDone(instance: ObligationInstance, until: number): StepRecord | null {
    const rule = instance.compiled.rule;
    if (rule.continuous) return null;
    const records = this.recordsFor(instance.compiled);
    const from = instance.initial ? -Infinity : instance.arisenAt;
    if (rule.approval !== undefined) return countApprovals(rule.approval, records, from, until, this.plan.parties).done;
    const record = records[firstFrom(records, from)];
    return record !== undefined && record.at <= until ? record : null;
  }

  /** Sets an instance's completion as seen at `until`. */
  settleDone(instance: ObligationInstance, until: number): StepRecord | null {
    const done = this.findDone(instance, until);
    instance.done = done;
    instance.doneAt = done === null ? null : done.at;
    return done;
  }

  /** The first event of `step` at or after `from` (with the duty's subject, where it has one). */
  anchorRecordOf(compiled: CompiledObligation, step: string, from: number): StepRecord | null {
    this.anchorRecords ??= new Map();
    let list = this.anchorRecords.get(compiled.index);
    if (list === undefined) {
      const subject = compiled.rule.subject;
      list = (this.timeline.steps.get(step as StepRecord['step']) ?? []).filter((record) => subject === undefined || record.subject === subject);
      this.anchorRecords.set(compiled.index, list);
    }
    return list[firstFrom(list, from)] ?? null;
  }

  mayComplete(instance: ObligationInstance): void {
    if (this.possibleAt.has(instance)) return;
    const record = this.findDone(instance, Infinity);
    if (record === null) return;
    this.possibleAt.set(instance, record.at);
    let times = this.possible.get(instance.compiled.rule.id);
    if (times === undefined) this.possible.set(instance.compiled.rule.id, (times = []));
    times.splice(countAtOrBefore(times, record.at), 0, record.at);
  }

  neverCompletes(instance: ObligationInstance): void {
    const at = this.possibleAt.get(instance);
    if (at === undefined) return;
    this.possibleAt.delete(instance);
    const times = this.possible.get(instance.compiled.rule.id) as number[];
    times.splice(countAtOrBefore(times, at) - 1, 1);
  }

  /** When duty `id` was done as seen at `until`: its latest instance done at or before `from`, else its first done after; null if none yet. */
  completion(id: string, from: number, until: number): number | null {
    let times: ArrayLike<number> | undefined;
    if (this.settled !== null) {
      times = this.settled.get(id);
      if (times === undefined) {
        // A typed array sorts by value.
        times = Float64Array.from((this.byRule.get(id) ?? []).flatMap((other) => (other.doneAt === null ? [] : [other.doneAt]))).sort();
        this.settled.set(id, times as Float64Array);
      }
    } else {
      // During the replay `until` is the state's moment: what is possible by then was done by then.
      times = this.possible.get(id) ?? [];
    }
    const lo = countAtOrBefore(times, from);
    if (lo > 0) return times[lo - 1] as number;
    const next = times[lo];
    return next !== undefined && next <= until ? next : null;
  }

  /** Starts a duty's clock at `anchor` (or stops it, with null): its deadline, moved by the extensions recorded for it. */
  runClock(instance: ObligationInstance, anchor: number | null): void {
    if (anchor !== null) instance.anchorAt = anchor;
    const compiled = instance.compiled;
    // A later instance of a repeating duty runs for `every` (validate-clocks.ts checked it).
    const length = instance.repeat === undefined ? compiled.duration : parseDuration(compiled.rule.every as string);
    // Its working days count from inside the working day that ended at the deadline before (the next day's end, not the one after).
    const from = anchor !== null && instance.repeat !== undefined && compiled.rule.workingDays ? anchor - 1 : anchor;
    const due = from === null ? NO_DUE : dueFrom(compiled, from, this.timeZone, this.plan.calendar, length);
    instance.baseDueAt = due.dueAt;
    instance.baseLatestAt = due.latestAt;
    const events = this.extensionsOf.get(instance.id);
    if (events === undefined && compiled.rule.extension === undefined) {
      // No extension recorded and none allowed: extendDeadline would give the clock's own deadline.
      instance.dueAt = due.dueAt;
      instance.latestAt = due.latestAt;
      instance.extendedBy = null;
      instance.outsideCalendar = due.outsideCalendar;
      return;
    }
    const extended = extendDeadline(compiled.rule, instance.id, due.dueAt, events ?? [], this.timeZone, this.plan.calendar, null, due.latestAt);
    instance.dueAt = extended.dueAt;
    instance.latestAt = extended.latestAt;
    instance.extendedBy = extended.extendedBy;
    instance.outsideCalendar = extended.outsideCalendar ?? due.outsideCalendar;
  }

  /** Sets a duty's clock as its anchor says, looking for the anchor from `from` (a done-anchor as seen at `until`). */
  startClock(instance: ObligationInstance, from: number, initial: boolean, until: number): void {
    const anchor = instance.compiled.rule.anchor;
    instance.anchorAt = from;
    instance.anchorRecord = null;
    instance.waitingFor = null;
    if (typeof anchor === 'string') return this.runClock(instance, fixedAnchor(instance.compiled.rule, this.timeline, from, initial, this.levelSince));
    if ('event' in anchor) instance.anchorRecord = this.anchorRecordOf(instance.compiled, anchor.event, initial ? -Infinity : from);
    const at = 'event' in anchor ? (instance.anchorRecord?.at ?? null) : this.completion(anchor.done, from, until);
    if (at === null) instance.waitingFor = { ...anchor };
    this.runClock(instance, at);
  }

  /** A clock waiting for another duty starts once that duty is done, as seen at `until`. */
  resolveDone(instance: ObligationInstance, until: number): void {
    const wait = instance.waitingFor;
    if (wait === null || !('done' in wait)) return;
    const at = this.completion(wait.done, instance.anchorAt, until);
    if (at === null) return;
    instance.waitingFor = null;
    this.runClock(instance, at);
  }

  close(instance: ObligationInstance, at: number, reason: string): void {
    this.open[instance.compiled.index] = undefined;
    const done = this.findDone(instance, at);
    instance.closedAt = at;
    instance.done = done;
    instance.doneAt = done?.at ?? null;
    instance.closedReason = reason;
    if (done === null) {
      this.undone[instance.compiled.index] = instance;
      this.neverCompletes(instance);
    }
  }

  create(compiled: CompiledObligation, state: IncidentState, inForce: LevelInForce): ObligationInstance {
    const earlier = this.undone[compiled.index];
    if (earlier !== undefined) {
      // A duty that stopped applying before it was done and applies again is the same duty: it reopens under its id.
      this.undone[compiled.index] = undefined;
      if (earlier.lapsedAt === null) {
        // Closed before its deadline: its clock starts again from the change that brought it back, as for any duty arising from a change.
        this.startClock(earlier, state.at, false, state.at);
      }
      // Lapsed overdue: it keeps its first deadline, so flipping the level never erases a breach.
      earlier.closedAt = null;
      earlier.closedReason = null;
      earlier.lapsedAt = null;
      earlier.done = null;
      this.open[compiled.index] = earlier;
      this.mayComplete(earlier);
      return earlier;
    }
    if (this.all.length >= MAX_OBLIGATIONS) {
      throw new IncidentError([
        {
          path: ['events'],
          code: 'too_big',
          message: `the events raise more than ${MAX_OBLIGATIONS} obligations (each upgrade, and each duty arising again after it was done, is a new one)`,
          received: `${this.timeline.eventCount} events`,
          expected: `events that raise at most ${MAX_OBLIGATIONS} obligations`,
        },
      ]);
    }
    const id = compiled.rule.id;
    // The instances of a duty so far are the ones before this one in its series of ids.
    const siblings = this.byRule.get(id);
    const n = siblings === undefined ? 1 : siblings.length + 1;
    const initial = state === this.first;
    const instance: ObligationInstance = {
      id: n === 1 ? id : `${id}#${n}`,
      compiled,
      arisenAt: state.at,
      initial,
      arisenUnder: inForce,
      anchorAt: state.at,
      dueAt: null,
      waitingFor: null,
      anchorRecord: null,
      baseDueAt: null,
      latestAt: null,
      baseLatestAt: null,
      extendedBy: null,
      closedAt: null,
      closedReason: null,
      lapsedAt: null,
      doneAt: null,
      done: null,
      outsideCalendar: null,
    };
    this.startClock(instance, state.at, initial, state.at);
    this.open[compiled.index] = instance;
    this.all.push(instance);
    if (siblings === undefined) this.byRule.set(id, [instance]);
    else siblings.push(instance);
    this.mayComplete(instance);
    return instance;
  }

  /** Which duties apply in a state, by duty index (cached by its facts). */
  applyingIn(inForce: LevelInForce): Uint8Array {
    const cache = this.cache.applies;
    return cache.get(inForce.key) ?? remember(cache, inForce.key, appliesOf(this.plan, inForce.facts));
  }

  /** Replays the states in order: the level in force in each, and the duties arising, closing and lapsing. */
  replayStates(): void {
    const plan = this.plan;
    const obligations = plan.obligations;
    let previous: LevelInForce | null = null;
    // The most severe level the criteria gave so far, under grading.hold.
    let floor: Level | null = null;
    let warning: { at: number; baseline: string } | null = null;
    for (const state of this.timeline.states) {
      if (state.warning === null) warning = null;
      else if (warning === null || warning.at !== state.warning.at) warning = { at: state.warning.at, baseline: criteriaOf(plan, state, this.cache).classification.level.id };
      const inForce = levelInForce(plan, state, warning === null ? null : warning.baseline, this.cache, floor);
      if (plan.grading.hold !== null && inForce.source === 'criteria') floor = inForce.held ?? inForce.classification.level;
      this.levels.push(inForce);
      if (previous === null || previous.level.id !== inForce.level.id) this.levelSince = state.at;
      this.sinceOf.push(this.levelSince);
      // Leaving the ungraded phase is grading, not a worsening: no upgrade duties arise for it.
      const upgraded = previous !== null && previous.source !== 'ungraded' && inForce.level.rank < previous.level.rank;
      const applying = this.applyingIn(inForce);
      for (let i = 0; i < obligations.length; i++) {
        const compiled = obligations[i] as CompiledObligation;
        const applies = applying[compiled.index] === 1;
        const current = this.open[compiled.index];
        const on = compiled.rule.on;
        if (on === 'upgrade') {
          // A duty of each worsening: a new one arises at every upgrade; the last one stays open until done.
          if (upgraded && applies) this.create(compiled, state, inForce);
          continue;
        }
        // Raised by a missed deadline once the replay is settled (breach.ts).
        if (on === 'breach') continue;
        const ended = endsIn(compiled, state, this.lang);
        if (current !== undefined && ended !== null) {
          this.close(current, state.at, ended);
          continue;
        }
        if (current !== undefined && !applies) {
          // A clock waiting for another duty may have run out by now.
          this.resolveDone(current, state.at);
          if (current.dueAt !== null && current.dueAt <= state.at && !this.findDone(current, state.at)) {
            // A deadline already missed stays on the record as overdue: a later downgrade does not erase the breach.
            this.open[compiled.index] = undefined;
            current.lapsedAt = state.at;
            this.undone[compiled.index] = current;
            continue;
          }
          const why = previous && previous.level.id !== inForce.level.id
            ? levelChangedReason(previous.level.id, inForce.level.id, this.lang)
            : CLOSED_REASONS[this.lang].conditions;
          this.close(current, state.at, why);
          continue;
        }
        if (current !== undefined || !applies || ended !== null) continue;
        this.create(compiled, state, inForce);
      }
      previous = inForce;
    }
  }

  /** For each state, when the level in force in it took effect. */
  readonly sinceOf: number[] = [];

  /** Strict order (workflow.ts): events before what a duty waits for was done do not count; the duties they touched are settled again. */
  enforceOrder(): void {
    enforceOrder(
      this.all,
      (compiled) => this.recordsFor(compiled),
      (compiled, records) => {
        this.matching[compiled.index] = records;
      },
      (instance) => {
        const done = this.settleDone(instance, instance.closedAt ?? this.now);
        if (done === null && instance.closedAt !== null && instance.dueAt !== null && instance.dueAt <= instance.closedAt) {
          // Its deadline had passed undone when it stopped applying: it stays on the record as overdue.
          instance.lapsedAt = instance.closedAt;
          instance.closedAt = null;
          instance.closedReason = null;
        }
      },
      this.lang,
    );
  }

  /** The workflow (workflow.ts) of some instances: approvals, prerequisites and the clocks that start from them. */
  settleWorkflow(instances: readonly ObligationInstance[]): void {
    settleWorkflow(this.plan, instances, (instance) => this.recordsFor(instance.compiled), this.now, (instance, anchor) => this.runClock(instance, anchor), this.lang);
  }

  /** Duties raised by missed deadlines, now that every deadline is final: each arises at the deadline missed, under the level then in force. */
  raiseBreaches(): ObligationInstance[] {
    const levels = this.levels;
    return raiseBreaches(this.plan, this.all, this.now, (compiled, missed) => {
      const k = stateIndexAt(levels, missed.dueAt as number);
      const inForce = levels[k] as LevelInForce;
      const applying = this.applyingIn(inForce);
      if (applying[compiled.index] !== 1) return null;
      this.levelSince = this.sinceOf[k] as number;
      const instance = this.create(compiled, { ...inForce.state, at: missed.dueAt as number }, inForce);
      instance.breachOf = missed;
      this.settleDone(instance, this.now);
      this.resolveDone(instance, this.now);
      return instance;
    });
  }

  /** Whether a duty applies in the k-th state. */
  appliesAt(compiled: CompiledObligation, k: number): boolean {
    return this.applyingIn(this.levels[k] as LevelInForce)[compiled.index] === 1;
  }

  /** Duties that repeat (`every`): each later instance arises at the deadline before it, while the duty applies then. */
  raiseRepeats(): void {
    const levels = this.levels;
    // For each repeating duty, the index of the first state after the last one asked about where it no longer applies.
    const stops = new Map<number, number>();
    raiseRepeats(this.plan, this.all, this.now, (previous) => {
      const compiled = previous.compiled;
      const at = previous.dueAt as number;
      const k = stateIndexAt(levels, at);
      if (!this.appliesAt(compiled, k)) return null;
      const instance = this.create(compiled, { ...(levels[k] as LevelInForce).state, at }, levels[k] as LevelInForce);
      instance.repeat = { n: (previous.repeat?.n ?? 1) + 1, previous };
      instance.anchorRecord = null;
      instance.waitingFor = null;
      this.runClock(instance, at);
      let stop = stops.get(compiled.index);
      if (stop === undefined || stop <= k) {
        stop = k + 1;
        while (stop < levels.length && this.appliesAt(compiled, stop)) stop++;
        stops.set(compiled.index, stop);
      }
      // Done by the first matching event from its arising that did not count for the instance before.
      const records = this.recordsFor(compiled);
      let i = firstFrom(records, at);
      if (records[i] === previous.done) i++;
      const ended = stop < levels.length ? (levels[stop] as LevelInForce).state.at : null;
      const record = records[i];
      const done = record !== undefined && record.at <= (ended ?? this.now) ? record : null;
      instance.done = done;
      instance.doneAt = done?.at ?? null;
      if (ended === null) return instance;
      // Its deadline passed undone before it stopped applying: it stays on the record as overdue.
      if (done === null && (instance.dueAt ?? Infinity) <= ended) instance.lapsedAt = ended;
      else {
        instance.closedAt = ended;
        instance.closedReason = CLOSED_REASONS[this.lang].conditions;
      }
      return instance;
    });
  }
}

/** Replays the states of an incident into every obligation that arose, and when each was done or closed. */
export function buildLedger(
  plan: CompiledPlan,
  timeline: Timeline,
  now: number,
  timeZone: string,
  extensions: readonly ExtensionRecord[] = [],
  lang: Lang = 'zh',
): { levels: LevelInForce[]; obligations: ObligationInstance[]; warnings: ClockWarning[] } {
  const info = ledgerPlanOf(plan);
  const ledger = new Ledger(plan, timeline, now, timeZone, lang);
  const { all, warnings, extensionsOf } = ledger;
  for (const event of extensions) {
    const list = extensionsOf.get(event.obligation);
    if (list === undefined) extensionsOf.set(event.obligation, [event]);
    else list.push(event);
  }
  ledger.replayStates();
  for (const instance of all) if (instance.closedAt === null) ledger.settleDone(instance, now);
  if (info.strict) ledger.enforceOrder();
  // Clocks still waiting for another duty: that duty done by now (or by the moment this one stopped applying) starts them.
  ledger.settled = new Map();
  for (const instance of all) if (instance.waitingFor !== null) ledger.resolveDone(instance, instance.closedAt ?? now);
  if (info.workflow) ledger.settleWorkflow(all);
  if (info.breach) ledger.settleWorkflow(ledger.raiseBreaches());
  // The replay is over: a series never reopens an instance closed undone.
  ledger.undone.fill(undefined);
  if (info.repeat) ledger.raiseRepeats();
  if (extensionsOf.size === 0) return { levels: ledger.levels, obligations: all, warnings };
  // The extensions once more on the final deadlines, now saying which did not count and why.
  for (const instance of all) {
    const events = extensionsOf.get(instance.id);
    if (events === undefined) continue;
    const extended = extendDeadline(instance.compiled.rule, instance.id, instance.baseDueAt, events, timeZone, plan.calendar, (warning) => warnings.push(warning), instance.baseLatestAt, lang);
    instance.dueAt = extended.dueAt;
    instance.latestAt = extended.latestAt;
    instance.extendedBy = extended.extendedBy;
    instance.outsideCalendar = extended.outsideCalendar ?? instance.outsideCalendar;
  }
  const ids = new Set(all.map((instance) => instance.id));
  for (const event of extensions) {
    if (ids.has(event.obligation)) continue;
    warnings.push({ code: 'unknown-obligation', path: ['events', event.index, 'obligation'], message: say(lang, `至今没有产生义务“${event.obligation}”；延期记录保留，但不改变任何时限`, `no obligation "${event.obligation}" has arisen by now; the extension is kept but moves no deadline`) });
  }
  return { levels: ledger.levels, obligations: all, warnings };
}
