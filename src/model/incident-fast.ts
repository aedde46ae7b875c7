import { parseTimestamp } from '../time/timestamp.js';
import { isDeclaredStepType, type ParsedIncident } from './incident.js';
import { INCIDENT_LIMITS } from './untrusted.js';
import { FLAG_NAMES, INDICATORS, STEP_IDS } from './vocabulary.js';

/**
 * A direct check of an incident of the common shape: plain objects and arrays (no Proxy, no class
 * instance), known fields, values IncidentSchema accepts. It gives what IncidentSchema gives (fresh
 * objects, the same keys in the same order), or null for anything else: the caller then takes the full
 * path (scanUntrusted, then IncidentSchema), which words the problem. It reads each value once, in the
 * order scanUntrusted does, so a getter that throws throws as it would there.
 */

/** Thrown inside the check when the input is not of the common shape; caught at its entry. */
const NOT_COMMON: unique symbol = Symbol('not the common shape');

const SHARED_STEPS: ReadonlySet<string> = new Set<string>(STEP_IDS);
const INDICATOR_VALUES: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(INDICATORS));
const INDICATOR_KEYS = Object.keys(INDICATORS);
const FLAG_KEYS: readonly string[] = FLAG_NAMES;
/** Each shared indicator's and flag's place in the vocabulary's order. */
const INDICATOR_PLACE: ReadonlyMap<string, number> = new Map(INDICATOR_KEYS.map((key, i) => [key, i]));
const FLAG_PLACE: ReadonlyMap<string, number> = new Map(FLAG_KEYS.map((key, i) => [key, i]));

const fail = (): never => {
  throw NOT_COMMON;
};

type Row = Record<string, unknown>;

/** The times of an incident the check read, in milliseconds: each timestamp parsed once; `eventAt` null until a check filled them. */
export interface IncidentTimes {
  occurredAt: number;
  discoveredAt: number;
  /** Each event's time, in the order of the input. */
  eventAt: number[] | null;
}

/** A holder for the times of one incident, not filled yet. */
export function unreadTimes(): IncidentTimes {
  return { occurredAt: 0, discoveredAt: 0, eventAt: null };
}

/** One walk over one incident: how many values it read (scanUntrusted's count) and Node's Proxy test. */
class Reader {
  nodes = 1;
  /** The last timestamp read, in milliseconds. */
  time = 0;
  /** Each event's time, in the order read. */
  readonly eventAt: number[] = [];
  constructor(
    private readonly isProxy: (value: object) => boolean,
    private readonly times: IncidentTimes | undefined,
  ) {}

  /** A plain object (`{}`, JSON.parse, Object.create(null)) that is no Proxy. */
  object(value: unknown): Row {
    if (typeof value !== 'object' || value === null || this.isProxy(value)) return fail();
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null ? (value as Row) : fail();
  }

  /** The own keys of a plain object, counted as values read; a key that could reach a prototype is not common. */
  keys(value: Row): string[] {
    const keys = Object.keys(value);
    this.nodes += keys.length;
    if (this.nodes > INCIDENT_LIMITS.maxNodes) fail();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') fail();
    }
    return keys;
  }

  string(value: unknown, min: number, max: number): string {
    return typeof value === 'string' && value.length >= min && value.length <= max ? value : fail();
  }

  optionalString(value: unknown, min: number, max: number): string | undefined {
    return value === undefined ? undefined : this.string(value, min, max);
  }

  /** A timestamp's text; its time is kept in `time`. */
  timestamp(value: unknown): string {
    if (typeof value !== 'string' || value.length > 40) return fail();
    const time = parseTimestamp(value);
    if (time === null) return fail();
    this.time = time;
    return value;
  }

  /** Who acted: a role (1–100 characters) or 1–20 of them. */
  actor(value: unknown): string | string[] | undefined {
    if (value === undefined || typeof value === 'string') return this.optionalString(value, 1, 100);
    const list = this.array(value, 20);
    if (list.length === 0) fail();
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) out.push(this.string(list[i], 1, 100));
    return out;
  }

  /** A plain array of at most `max` items, its items counted as values read. */
  array(value: unknown, max: number): unknown[] {
    // Node's Proxy test before anything else looks: a revoked Proxy throws on every look.
    if (typeof value !== 'object' || value === null || this.isProxy(value) || !Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype || value.length > max) return fail();
    this.nodes += value.length;
    if (this.nodes > INCIDENT_LIMITS.maxNodes) fail();
    return value;
  }

  /** Indicators: the shared ones with their values first (in the vocabulary's order), then the plan's own (1–200 characters) as given. */
  indicators(value: unknown): Row {
    return this.facts(value, INDICATOR_KEYS, INDICATOR_PLACE, true);
  }

  /** Flags: the shared ones first (in the vocabulary's order), then the plan's own as given. */
  flags(value: unknown): Row {
    return this.facts(value, FLAG_KEYS, FLAG_PLACE, false);
  }

  /**
   * Shared facts by name first (zod reads them by name: each must be an own listed key), then the others in the
   * order given. `place` gives each shared name's place in `shared`; `indicators` says which kind the values are.
   */
  private facts(value: unknown, shared: readonly string[], place: ReadonlyMap<string, number>, indicators: boolean): Row {
    const given = this.object(value);
    const keys = this.keys(given);
    const values: unknown[] = [];
    // Whether the keys are all shared ones, in the vocabulary's order: the output then lists them as given.
    let ordered = true;
    let last = -1;
    for (const key of keys) {
      const v = given[key];
      values.push(v);
      const at = place.get(key);
      if (indicators) {
        const allowed = INDICATOR_VALUES.get(key);
        if (allowed === undefined) this.string(v, 1, 200);
        else if (v !== undefined && !allowed.includes(v as string)) fail();
      } else if (typeof v !== 'boolean' && (at === undefined || v !== undefined)) {
        fail();
      }
      if (at === undefined || at < last) ordered = false;
      else last = at;
    }
    const out: Row = {};
    if (ordered) {
      // Each shared name not listed must not be there at all (inherited or not enumerable).
      let next = 0;
      for (let i = 0; i < keys.length; i++) {
        const at = place.get(keys[i] as string) as number;
        for (; next < at; next++) if ((shared[next] as string) in given) fail();
        next = at + 1;
        out[keys[i] as string] = values[i];
      }
      for (; next < shared.length; next++) if ((shared[next] as string) in given) fail();
      return out;
    }
    const seen: Row = {};
    let own: [string, unknown][] | null = null;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (place.has(key)) seen[key] = values[i];
      else (own ??= []).push([key, values[i]]);
    }
    for (const key of shared) {
      if (Object.prototype.hasOwnProperty.call(seen, key)) out[key] = seen[key];
      else if (key in given) fail();
    }
    if (own !== null) for (const [key, v] of own) out[key] = v;
    return out;
  }

  /** Metrics by name (1–64 characters): finite numbers. zod reads every own key of a record, so one that Object.keys does not list is not common. */
  metrics(value: unknown): Record<string, number> {
    const given = this.object(value);
    const keys = this.keys(given);
    if (Reflect.ownKeys(given).length !== keys.length) fail();
    const out: Record<string, number> = {};
    for (const key of keys) {
      const v = given[key];
      if (key.length === 0 || key.length > 64 || typeof v !== 'number' || !Number.isFinite(v)) fail();
      out[key] = v as number;
    }
    return out;
  }

  /** One event, with the keys of its schema in the schema's order. */
  event(value: unknown): Row {
    const given = this.object(value);
    const keys = this.keys(given);
    // The type first: it says which fields the event may have.
    const type: unknown = given.type;
    if (typeof type !== 'string') return fail();
    // The incident model's own event types are no declared steps: the test of a step's name only for the others.
    const step = SHARED_STEPS.has(type) || (!EVENT_TYPES.has(type) && isDeclaredStepType(type));
    const leveled = type === 'level-set' || type === 'warning-issued' || type === 'warning-adjusted';
    let to: unknown = ABSENT, subject: unknown = ABSENT, at: unknown = ABSENT, by: unknown = ABSENT, note: unknown = ABSENT;
    let level: unknown = ABSENT, obligation: unknown = ABSENT, duration: unknown = ABSENT, facts: unknown = ABSENT;
    let time = 0;
    for (const key of keys) {
      if (key === 'type') continue;
      const v = given[key];
      if (key === 'at') {
        at = this.timestamp(v);
        time = this.time;
      }
      else if (key === 'by') by = this.actor(v);
      else if (key === 'note') note = this.optionalString(v, 0, 2000);
      else if (key === 'to' && step) to = this.optionalString(v, 1, 100);
      else if (key === 'subject' && step) subject = this.optionalString(v, 1, 200);
      else if (key === 'level' && leveled) level = this.string(v, 1, 100);
      else if (key === 'obligation' && type === 'extended') obligation = this.string(v, 1, 200);
      else if (key === 'duration' && type === 'extended') duration = this.string(v, 1, 40);
      else if (key === 'indicators' && type === 'indicators-updated') facts = this.indicators(v);
      else if (key === 'flags' && type === 'flags-updated') facts = this.flags(v);
      else if (key === 'metrics' && type === 'metrics-updated') facts = this.metrics(v);
      else fail();
    }
    const out: Row = { type };
    if (step) {
      optional(out, given, 'to', to);
      optional(out, given, 'subject', subject);
    } else if (leveled) {
      out.level = required(level);
    } else if (type === 'indicators-updated') {
      out.indicators = required(facts);
    } else if (type === 'flags-updated') {
      out.flags = required(facts);
    } else if (type === 'metrics-updated') {
      out.metrics = required(facts);
    } else if (type === 'extended') {
      out.obligation = required(obligation);
      out.duration = required(duration);
    } else if (!STATE_ONLY.has(type)) {
      fail();
    }
    out.at = required(at);
    optional(out, given, 'by', by);
    optional(out, given, 'note', note);
    this.eventAt.push(time);
    return out;
  }

  incident(value: unknown): ParsedIncident {
    const given = this.object(value);
    let id: unknown = ABSENT, title: unknown = ABSENT, occurredAt: unknown = ABSENT, discoveredAt: unknown = ABSENT, indicators: unknown = ABSENT;
    let flags: unknown = ABSENT, metrics: unknown = ABSENT, exercise: unknown = ABSENT, events: unknown = ABSENT;
    let occurredMs = 0, discoveredMs = 0;
    for (const key of this.keys(given)) {
      const v = given[key];
      if (key === 'id') id = this.string(v, 1, 200);
      else if (key === 'title') title = this.optionalString(v, 0, 500);
      else if (key === 'occurredAt') {
        occurredAt = this.timestamp(v);
        occurredMs = this.time;
      } else if (key === 'discoveredAt') {
        discoveredAt = this.timestamp(v);
        discoveredMs = this.time;
      }
      else if (key === 'indicators') indicators = v === undefined ? {} : this.indicators(v);
      else if (key === 'flags') flags = v === undefined ? {} : this.flags(v);
      else if (key === 'metrics') metrics = v === undefined ? undefined : this.metrics(v);
      else if (key === 'exercise') exercise = v === undefined ? false : typeof v === 'boolean' ? v : fail();
      else if (key === 'events') events = v === undefined ? [] : this.events(v);
      else fail();
    }
    const out: Row = { id: required(id) };
    optional(out, given, 'title', title);
    out.occurredAt = required(occurredAt);
    out.discoveredAt = required(discoveredAt);
    out.indicators = defaulted(given, 'indicators', indicators, {});
    out.flags = defaulted(given, 'flags', flags, {});
    optional(out, given, 'metrics', metrics);
    out.exercise = defaulted(given, 'exercise', exercise, false);
    out.events = defaulted(given, 'events', events, []);
    const times = this.times;
    if (times !== undefined) {
      times.occurredAt = occurredMs;
      times.discoveredAt = discoveredMs;
      times.eventAt = this.eventAt;
    }
    return out as unknown as ParsedIncident;
  }

  events(value: unknown): Row[] {
    const list = this.array(value, 100_000);
    const out: Row[] = [];
    for (let i = 0; i < list.length; i++) out.push(this.event(list[i]));
    return out;
  }
}

/** A field not among the own listed keys. */
const ABSENT: unique symbol = Symbol('absent');

/** A required field's value: one the walk read. */
const required = (value: unknown): unknown => (value === ABSENT ? fail() : value);

/** Sets an optional field as zod does: read (its value, undefined included), or absent; zod reads a field by name, so one not listed (inherited, not enumerable) is not common. */
function optional(out: Row, given: Row, key: string, value: unknown): void {
  if (value !== ABSENT) out[key] = value;
  else if (key in given) fail();
}

/** A field with a default: the value read, or the default when absent. */
function defaulted(given: Row, key: string, value: unknown, otherwise: unknown): unknown {
  if (value !== ABSENT) return value;
  return key in given ? fail() : otherwise;
}

/** The event types of the incident model that are not steps (isDeclaredStepType refuses them). */
const EVENT_TYPES: ReadonlySet<string> = new Set(['level-set', 'indicators-updated', 'flags-updated', 'metrics-updated', 'subsided', 'warning-issued', 'warning-adjusted', 'warning-lifted', 'end-proposed', 'end-approved', 'evaluated', 'extended']);

/** Events that carry nothing but the common fields. */
const STATE_ONLY: ReadonlySet<string> = new Set(['subsided', 'warning-lifted', 'end-proposed', 'end-approved', 'evaluated']);

/**
 * The incident as IncidentSchema parses it, when it is of the common shape and valid; null otherwise (the
 * full path decides and words why). `isProxy` is Node's own Proxy test: without it, only the full path
 * (structuredClone) can tell a Proxy from the data it wraps. `times`, if given, receives the times read (once the incident is found valid).
 */
export function readCommonIncident(input: unknown, isProxy: (value: object) => boolean, times?: IncidentTimes): ParsedIncident | null {
  try {
    return new Reader(isProxy, times).incident(input);
  } catch (error) {
    if (error === NOT_COMMON) return null;
    // A getter or a Proxy trap of the host that throws: its own error, as the full path lets it through.
    throw error;
  }
}
