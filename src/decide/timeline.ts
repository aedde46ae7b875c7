import { say, type Lang } from '../i18n/lang.js';
import { indicatorsSetBy, moreSevere, type FactTable } from '../model/facts.js';
import { isDeclaredStepType, type IncidentEvent, type ParsedIncident } from '../model/incident.js';
import type { IncidentTimes } from '../model/incident-fast.js';
import type { Flags, Indicators } from '../model/vocabulary.js';
import { FLAG_NAMES, INDICATORS, STEP_IDS } from '../model/vocabulary.js';
import { parseTimestamp } from '../time/timestamp.js';

/** The incident as it stood from one moment on. */
export interface IncidentState {
  at: number;
  /** The indicators in effect: each the more severe of its given value and the value its metrics' bands set (就高). */
  indicators: Indicators & Record<string, string>;
  /** The indicators as the incident and its events gave them. */
  given: Indicators & Record<string, string>;
  /** Shared flags and the plan's own, false unless set. */
  flags: Required<Flags> & Record<string, boolean>;
  /** The numbers of the plan's metrics recorded so far. */
  metrics: Record<string, number>;
  exercise: boolean;
  subsided: boolean;
  /** 004 应急结束: the office proposed the end, the leading group approved it. */
  endProposed: boolean;
  ended: boolean;
  /** The warning the office issued (004 预警) and has not lifted: its level and when it was issued or last adjusted. */
  warning: { level: string; at: number } | null;
  /** The leading group's level judgement (研判), which stands over the criteria. */
  judgement: { level: string; at: number; by?: string[] } | null;
  /** The event that opened this state; null for the state at discovery. */
  cause: { type: IncidentEvent['type']; index: number } | null;
}

export interface StepRecord {
  /** A shared step id or one the plan declares. */
  step: string;
  at: number;
  to?: string;
  /** Who acted, one role or several jointly. */
  by?: string[];
  subject?: string;
  index: number;
}

/** Who acted, as the output writes it: the role's id, or the ids of roles that acted jointly. */
export function actorOut(by: readonly string[]): string | string[] {
  return by.length === 1 ? (by[0] as string) : [...by];
}

/** The index of the first record at or after `from` in records sorted by time (records.length if none). */
export function firstFrom(records: readonly StepRecord[], from: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((records[mid] as StepRecord).at < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The roles an event's `by` names, as a list (empty when it names none). */
export function actorsOf(by: string | readonly string[] | undefined): string[] {
  return by === undefined ? [] : typeof by === 'string' ? [by] : [...by];
}

export interface Timeline {
  occurredAt: number;
  discoveredAt: number;
  states: IncidentState[];
  /** Step events up to `now`, by step, earliest first. */
  steps: ReadonlyMap<string, StepRecord[]>;
  /** When the next event after `now` takes effect, or null. */
  nextEventAt: number | null;
  ignoredAfterNow: number;
  /** How many events the incident records, `now` or not. */
  eventCount: number;
  /** Each event's time in milliseconds, in the order of the input. */
  eventAt: readonly number[];
  /** Contradictions settled while replaying, for the decision's warnings. */
  warnings: { code: string; message: string; path: (string | number)[] }[];
}

const STATE_EVENTS = new Set(['level-set', 'indicators-updated', 'flags-updated', 'metrics-updated', 'subsided', 'warning-issued', 'warning-adjusted', 'warning-lifted', 'end-proposed', 'end-approved']);

/** Events that record a step done as well as a change: `warning-issued` is the step `warning-issue`, and so on. */
export const EVENT_STEPS: Readonly<Record<string, string>> = {
  'level-set': 'grade',
  'warning-issued': 'warning-issue',
  'warning-adjusted': 'warning-adjust',
  'warning-lifted': 'warning-lift',
  'end-proposed': 'end-propose',
  'end-approved': 'end-approve',
  evaluated: 'evaluate',
};

const ms = (text: string): number => parseTimestamp(text) as number;

/** The step an event records, if any: a shared or declared step's own event, or a state event that is also a step. */
function stepOf(type: string): string | undefined {
  const known = STEP_OF.get(type);
  if (known !== undefined) return known;
  return isDeclaredStepType(type) ? type : undefined;
}

/** The step of each shared step's event and of each state event that is also a step. */
const STEP_OF: ReadonlyMap<string, string> = new Map([...Object.entries(EVENT_STEPS), ...STEP_IDS.map((step): [string, string] => [step, step])]);

/** Every shared flag false: the flags of an incident under no plan's fact table (only ever spread; not frozen, as a spread of a frozen object is several times slower). */
const SHARED_FLAGS_OFF: Readonly<Record<string, boolean>> = Object.fromEntries(FLAG_NAMES.map((name) => [name, false]));

/** Every flag of each plan's fact table false, by table (found once per table). */
const flagsOff = new WeakMap<FactTable, Readonly<Record<string, boolean>>>();

/** Every flag a plan knows, false. */
function defaultFlagsOf(facts: FactTable | undefined): Readonly<Record<string, boolean>> {
  if (facts === undefined) return SHARED_FLAGS_OFF;
  let off = flagsOff.get(facts);
  if (off === undefined) {
    off = Object.fromEntries(facts.flags.map((name) => [name, false])) as Readonly<Record<string, boolean>>;
    flagsOff.set(facts, off);
  }
  return off;
}

/** The indicators in effect: the given values raised to what the metrics' bands set (就高). */
function effectiveIndicators(given: Readonly<Record<string, string>>, metrics: Readonly<Record<string, number>>, facts: FactTable | undefined): Indicators & Record<string, string> {
  // No metric sets an indicator: the given values are in effect as they are (no state is ever changed).
  if (facts === undefined || facts.setters.size === 0) return given as Indicators & Record<string, string>;
  const out: Record<string, string> = { ...given };
  for (const [name, value] of indicatorsSetBy(facts, metrics)) out[name] = moreSevere(facts.facts.get(name)?.values as readonly string[], given[name], value) as string;
  return out;
}

/** A total order on events that does not depend on their order in the input: time, then content. */
export function compareEvents(a: { at: number; key: string }, b: { at: number; key: string }): number {
  return a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The event's content as text, its keys in alphabetical order. */
export function canonicalKey(event: IncidentEvent): string {
  // JSON.stringify of the [key, value] pairs, written pair by pair: a value JSON leaves out (undefined) is null in a list.
  const keys = Object.keys(event).sort();
  let text = '[';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = JSON.stringify((event as Record<string, unknown>)[key]) as string | undefined;
    text += `${i === 0 ? '' : ','}[${JSON.stringify(key)},${value ?? 'null'}]`;
  }
  return `${text}]`;
}

/**
 * Sorts records of events as compareEvents orders them (time, then content), reading an event's content
 * (its canonicalKey, into `key`) only where several share a moment: a sort by time, then one by content
 * within each moment; stable, as one sort by compareEvents is.
 */
export function sortByMoment<T extends { at: number; key: string; event: IncidentEvent }>(list: T[]): T[] {
  // Events usually come in time order: then there is nothing to sort by time.
  for (let i = 1; i < list.length; i++) {
    if ((list[i] as T).at < (list[i - 1] as T).at) {
      list.sort(byTime);
      break;
    }
  }
  for (let i = 0; i < list.length; ) {
    let j = i + 1;
    while (j < list.length && (list[j] as T).at === (list[i] as T).at) j++;
    if (j - i > 1) {
      const moment = list.slice(i, j);
      for (const item of moment) item.key = canonicalKey(item.event);
      moment.sort(compareEvents);
      for (let k = 0; k < moment.length; k++) list[i + k] = moment[k] as T;
    }
    i = j;
  }
  return list;
}

/** Earlier first. */
const byTime = (a: { at: number }, b: { at: number }): number => a.at - b.at;

/** Who may grade (the plan's gradedBy): whether the roles an event names may, and how a warning says who may. */
export interface GradingAuthority {
  may: (by: readonly string[]) => boolean;
  who: string;
  /** `who` in Chinese. */
  whoZh: string;
}

/**
 * Replays the incident's events up to `now` into the states it went through and the steps done; a grading
 * `authority` does not allow leaves the level as it was. `facts`, the plan's fact table, gives declared
 * indicators their order and lets metrics set indicators through their bands; `factAuthority` says who may
 * record a declared fact by an event (its `setBy`): an event by others leaves that fact as it was. `read`, the
 * times the incident check read (readCommonIncident), saves parsing them again.
 */
export function buildTimeline(
  incident: ParsedIncident,
  now: number,
  rankOf: (level: string) => number,
  authority?: GradingAuthority,
  facts?: FactTable,
  factAuthority?: ReadonlyMap<string, GradingAuthority>,
  read?: IncidentTimes,
  lang: Lang = 'zh',
): Timeline {
  // The times the incident check read, where it read them; else each parsed here.
  const readAt = read?.eventAt ?? null;
  const occurredAt = readAt === null ? ms(incident.occurredAt) : (read as IncidentTimes).occurredAt;
  const discoveredAt = readAt === null ? ms(incident.discoveredAt) : (read as IncidentTimes).discoveredAt;
  const events: { event: IncidentEvent; index: number; at: number; key: string }[] = [];
  const eventAt: number[] = readAt ?? [];
  let ignoredAfterNow = 0;
  // A loop, not Math.min(...): up to 100 000 events would be as many arguments.
  let nextEventAt = Infinity;
  for (let index = 0; index < incident.events.length; index++) {
    const event = incident.events[index] as IncidentEvent;
    let at: number;
    if (readAt === null) eventAt.push((at = ms(event.at)));
    else at = eventAt[index] as number;
    if (at <= now) events.push({ event, index, at, key: '' });
    else {
      ignoredAfterNow++;
      if (at < nextEventAt) nextEventAt = at;
    }
  }
  const due = sortByMoment(events);

  // Every flag the plan knows is false unless set; the incident's own values over them.
  const flags = { ...defaultFlagsOf(facts), ...incident.flags } as Required<Flags> & Record<string, boolean>;
  // The parsed incident is the library's own (fresh from parsing) and no state is ever changed: its records are read as they are.
  const given = incident.indicators as Indicators & Record<string, string>;
  const metrics = incident.metrics ?? {};
  let current: IncidentState = {
    at: discoveredAt,
    indicators: effectiveIndicators(given, metrics, facts),
    given,
    flags,
    metrics,
    exercise: incident.exercise,
    subsided: false,
    endProposed: false,
    ended: false,
    warning: null,
    judgement: null,
    cause: null,
  };
  const states: IncidentState[] = [current];
  const steps = new Map<string, StepRecord[]>();
  const warnings: Timeline['warnings'] = [];
  // When each indicator, flag and the judgement was last set, at the event's real time (before discovery too).
  let touched: Map<string, number> | null = null;
  let judgedAt: number | null = null;

  for (let e = 0; e < due.length; e++) {
    const { event, index, at } = due[e] as (typeof due)[number];
    const type = event.type;
    const step = stepOf(type);
    // A grading by someone who may not grade is no grading done (its warning says so below).
    const ungranted = type === 'level-set' && authority !== undefined && !authority.may(actorsOf(event.by));
    if (step !== undefined && !ungranted) {
      const record: StepRecord = { step, at, index };
      if ('to' in event && event.to !== undefined) record.to = event.to;
      if ('subject' in event && event.subject !== undefined) record.subject = event.subject;
      if (event.by !== undefined) record.by = actorsOf(event.by);
      const list = steps.get(step);
      if (list === undefined) steps.set(step, [record]);
      else list.push(record);
    }
    if (!STATE_EVENTS.has(type)) continue;
    // Events before discovery take effect at discovery, applied in their real order.
    const next: IncidentState = { ...current, at: Math.max(at, discoveredAt), cause: { type, index } };
    // A value set twice at one real moment is a contradiction, settled toward severity.
    switch (event.type) {
      case 'level-set':
      case 'warning-issued':
      case 'warning-adjusted': {
        if (authority !== undefined && !authority.may(actorsOf(event.by))) {
          warnings.push({ code: 'grading-not-authorised', path: ['events', index, ...(event.by !== undefined ? ['by'] : [])], message: say(lang, `此“${event.type}”事件不是由有权定级的角色作出（${authority.whoZh}；以“+”连接者须共同作出）：级别保持不变`, `this "${event.type}" event is not by a role that may grade (${authority.who}; jointly where joined by "+"): the level stays as it was`) });
          // A warning issued by someone who may not grade is still in force, at the level it names.
          if (event.type !== 'level-set') next.warning = { level: event.level, at: next.at };
          break;
        }
        const earlier = current.judgement;
        if (earlier && judgedAt === at && earlier.level !== event.level) {
          sameInstant(warnings, index, say(lang, '级别', 'the level'), lang);
          // Stryker disable next-line EqualityOperator: two different levels never share a rank (validate refuses it).
          if (rankOf(earlier.level) <= rankOf(event.level)) break;
        }
        next.judgement = { level: event.level, at: next.at, ...(event.by !== undefined ? { by: actorsOf(event.by) } : {}) };
        judgedAt = at;
        if (event.type !== 'level-set') next.warning = { level: next.judgement.level, at: next.at };
        break;
      }
      case 'warning-lifted':
        next.warning = null;
        break;
      case 'indicators-updated': {
        const merged: Record<string, string> = { ...current.given };
        for (const [name, value] of Object.entries(event.indicators) as [string, string][]) {
          if (unauthorised(warnings, factAuthority, event, index, 'indicators', name, lang)) continue;
          const before = merged[name];
          if (before !== undefined && before !== value && touched?.get(name) === at) {
            sameInstant(warnings, index, say(lang, `“${name}”`, `"${name}"`), lang);
            // A declared indicator's order is the plan's; a shared one's the vocabulary's.
            const order = facts?.facts.get(name)?.values ?? (INDICATORS[name as keyof typeof INDICATORS] as readonly string[] | undefined) ?? [];
            // Stryker disable next-line EqualityOperator: before and value differ, so their places in the order do too.
            if (order.indexOf(before) <= order.indexOf(value)) continue;
          }
          merged[name] = value;
          (touched ??= new Map()).set(name, at);
        }
        next.given = merged as Indicators & Record<string, string>;
        next.indicators = effectiveIndicators(next.given, next.metrics, facts);
        break;
      }
      case 'metrics-updated': {
        const merged: Record<string, number> = { ...current.metrics };
        for (const [name, value] of Object.entries(event.metrics)) {
          if (unauthorised(warnings, factAuthority, event, index, 'metrics', name, lang)) continue;
          const before = merged[name];
          if (before !== undefined && before !== value && touched?.get(name) === at) {
            sameInstant(warnings, index, say(lang, `“${name}”`, `"${name}"`), lang);
            // The larger number stands: bands set more severe values at greater numbers.
            if (before > value) continue;
          }
          merged[name] = value;
          (touched ??= new Map()).set(name, at);
        }
        next.metrics = merged;
        next.indicators = effectiveIndicators(next.given, merged, facts);
        break;
      }
      case 'flags-updated': {
        const merged: Record<string, boolean> = { ...current.flags };
        for (const [name, value] of Object.entries(event.flags) as [string, boolean][]) {
          if (unauthorised(warnings, factAuthority, event, index, 'flags', name, lang)) continue;
          if (merged[name] !== value && touched?.get(name) === at) {
            sameInstant(warnings, index, say(lang, `“${name}”`, `"${name}"`), lang);
            if (merged[name]) continue;
          }
          merged[name] = value;
          (touched ??= new Map()).set(name, at);
        }
        next.flags = merged as Required<Flags> & Record<string, boolean>;
        break;
      }
      case 'subsided':
        next.subsided = true;
        break;
      case 'end-proposed':
        next.endProposed = true;
        break;
      case 'end-approved':
        next.ended = true;
        break;
    }
    // Changes recorded at the same moment (or before discovery) merge into one state.
    if (next.at === current.at) states[states.length - 1] = { ...next, cause: current.cause ?? next.cause };
    else states.push(next);
    current = states[states.length - 1] as IncidentState;
  }

  return { occurredAt, discoveredAt, states, steps, nextEventAt: ignoredAfterNow > 0 ? nextEventAt : null, ignoredAfterNow, eventCount: eventAt.length, eventAt, warnings };
}

/** Notes an event that says otherwise than another at the same real moment. */
function sameInstant(warnings: Timeline['warnings'], index: number, what: string, lang: Lang): void {
  warnings.push({ code: 'conflicting-events', path: ['events', index], message: say(lang, `同一时刻的另一事件对${what}的记录不同；以较重者为准（就高）`, `another event at the same moment says otherwise about ${what}; the more severe one stands (就高)`) });
}

/** Whether a declared fact is recorded by roles its `setBy` does not allow: it stays as it was (noted), while the event's other facts apply. */
function unauthorised(warnings: Timeline['warnings'], factAuthority: ReadonlyMap<string, GradingAuthority> | undefined, event: IncidentEvent, index: number, kind: string, name: string, lang: Lang): boolean {
  const who = factAuthority?.get(name);
  if (who === undefined || who.may(actorsOf(event.by))) return false;
  warnings.push({ code: 'fact-not-authorised', path: ['events', index, kind, name], message: say(lang, `此事件不是由有权记录“${name}”的角色作出（${who.whoZh}；以“+”连接者须共同作出）：“${name}”保持不变`, `this event is not by a role that may record "${name}" (${who.who}; jointly where joined by "+"): "${name}" stays as it was`) });
  return true;
}
