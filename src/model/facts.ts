import type { Issue } from './errors.js';
import type { DeclaredMetric, PlanDefinition } from './plan.js';
import { CLASSIFICATION_FACT_NAMES, FACT_NAMES, FLAG_NAMES, INDICATORS, STEP_IDS, STEP_TITLES } from './vocabulary.js';

/** What a fact is: an indicator (ordered values), a flag, a metric (a number), a state of the incident, its level or its level's rank. */
export type FactKind = 'indicator' | 'flag' | 'metric' | 'state' | 'level' | 'levelRank';

/** One fact a plan's conditions may read. */
export interface FactEntry {
  name: string;
  kind: FactKind;
  /** Whether the fact is in the shared vocabulary (else the plan declares it). */
  shared: boolean;
  /** The Chinese name a plan gives a declared fact. */
  label?: string;
  /** Its English name (`nameEn`), where the plan gives one. */
  labelEn?: string;
  /** An indicator's values, most severe first (a level's: the plan's level ids, most severe first). */
  values?: readonly string[];
  /** Chinese labels of a declared indicator's values. */
  labels?: ReadonlyMap<string, string>;
  /** English labels of a declared indicator's values, where the plan gives them (`nameEn`). */
  labelsEn?: ReadonlyMap<string, string>;
  /** A metric's declaration. */
  metric?: DeclaredMetric;
}

/** Every fact a plan's conditions may read: shared ones first, then the plan's own, in declaration order. */
export interface FactTable {
  /** By name (a Map: a declared name never reaches Object.prototype). */
  facts: ReadonlyMap<string, FactEntry>;
  /** All names, shared first. */
  names: readonly string[];
  /** Names a classification rule may read: a level cannot depend on itself or on the incident's later states. */
  classificationNames: readonly string[];
  /** Names of the indicators, flags and metrics an incident may carry, by kind. */
  indicators: readonly string[];
  flags: readonly string[];
  metrics: readonly string[];
  /** For each indicator, the metrics whose bands set it. */
  setters: ReadonlyMap<string, readonly string[]>;
}

const SHARED_FLAGS: readonly string[] = FLAG_NAMES;

/** The shared vocabulary's facts, with the plan's level ids. */
function sharedEntries(levelIds: readonly string[]): FactEntry[] {
  return FACT_NAMES.map((name): FactEntry => {
    if (Object.prototype.hasOwnProperty.call(INDICATORS, name)) return { name, kind: 'indicator', shared: true, values: INDICATORS[name as keyof typeof INDICATORS] };
    if (SHARED_FLAGS.includes(name)) return { name, kind: 'flag', shared: true };
    if (name === 'level') return { name, kind: 'level', shared: true, values: levelIds };
    if (name === 'levelRank') return { name, kind: 'levelRank', shared: true };
    return { name, kind: 'state', shared: true };
  });
}

/** The facts of a plan: the shared vocabulary plus what it declares in `facts`. */
export function factTableOf(definition: PlanDefinition): FactTable {
  const levelIds = [...definition.levels].sort((a, b) => a.rank - b.rank).map((level) => level.id);
  const facts = new Map<string, FactEntry>();
  for (const entry of sharedEntries(levelIds)) facts.set(entry.name, entry);
  const declared: FactEntry[] = [];
  const own = <T>(record: Readonly<Record<string, T>> | undefined): [string, T][] => (record ? Object.entries(record) : []);
  for (const [name, indicator] of own(definition.facts?.indicators)) {
    declared.push({
      name,
      kind: 'indicator',
      shared: false,
      label: indicator.name,
      ...(indicator.nameEn === undefined ? {} : { labelEn: indicator.nameEn }),
      values: indicator.values.map((v) => v.id),
      labels: new Map(indicator.values.map((v) => [v.id, v.name])),
      labelsEn: new Map(indicator.values.flatMap((v) => (v.nameEn === undefined ? [] : [[v.id, v.nameEn] as const]))),
    });
  }
  for (const [name, flag] of own(definition.facts?.flags)) declared.push({ name, kind: 'flag', shared: false, label: flag.name, ...(flag.nameEn === undefined ? {} : { labelEn: flag.nameEn }) });
  for (const [name, metric] of own(definition.facts?.metrics)) declared.push({ name, kind: 'metric', shared: false, label: metric.name, ...(metric.nameEn === undefined ? {} : { labelEn: metric.nameEn }), metric });
  // A declared name that repeats a shared one or another declared one is refused by validation; the first stays here.
  for (const entry of declared) if (!facts.has(entry.name)) facts.set(entry.name, entry);

  const entries = [...facts.values()];
  const ofKind = (kind: FactKind): string[] => entries.filter((e) => e.kind === kind).map((e) => e.name);
  const classification = new Set<string>([...CLASSIFICATION_FACT_NAMES, ...declared.map((e) => e.name)]);
  const setters = new Map<string, string[]>();
  for (const entry of entries) {
    const target = entry.metric?.sets?.indicator;
    // Only an indicator can be set (validation refuses any other target).
    if (target !== undefined && facts.get(target)?.kind === 'indicator') setters.set(target, [...(setters.get(target) ?? []), entry.name]);
  }
  return {
    facts,
    names: entries.map((e) => e.name),
    classificationNames: entries.filter((e) => classification.has(e.name)).map((e) => e.name),
    indicators: ofKind('indicator'),
    flags: ofKind('flag'),
    metrics: ofKind('metric'),
    setters,
  };
}

/** Whether a name is one of the shared vocabulary's facts (FACT_NAMES). */
export const isSharedFactName = (name: string): boolean => (FACT_NAMES as readonly string[]).includes(name);

/** Whether a metric takes whole numbers only (absent `integer` reads as true). */
export const isIntegerMetric = (metric: DeclaredMetric): boolean => metric.integer !== false;

/** The indicator value a metric's number sets (its first band reached, bands most severe first), or undefined below every band. */
export function bandValueOf(metric: DeclaredMetric, value: number): string | undefined {
  return metric.sets?.bands.find((band) => value >= band.atLeast)?.value;
}

/** The indicator values that the given metric numbers set, by indicator: the most severe where several metrics set one indicator. */
export function indicatorsSetBy(table: FactTable, metrics: Readonly<Record<string, number>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [indicator, names] of table.setters) {
    const order = table.facts.get(indicator)?.values as readonly string[];
    for (const name of names) {
      if (!Object.prototype.hasOwnProperty.call(metrics, name)) continue;
      const value = bandValueOf(table.facts.get(name)?.metric as DeclaredMetric, metrics[name] as number);
      const current = out.get(indicator);
      if (value !== undefined && (current === undefined || order.indexOf(value) < order.indexOf(current))) out.set(indicator, value);
    }
  }
  return out;
}

/** The more severe of two values of an indicator (its values most severe first); either may be absent. */
export function moreSevere(values: readonly string[], a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return values.indexOf(b) < values.indexOf(a) ? b : a;
}

/** The step ids of a plan in order: the shared ones (today's order), then the declared ones in declaration order. */
export function stepOrderOf(definition: PlanDefinition): string[] {
  return [...STEP_IDS, ...(definition.steps ?? []).map((step) => step.id)];
}

/** Each step id of a plan with its place in stepOrderOf (how `next` ties duties due together). */
export function stepPlacesOf(definition: PlanDefinition): Map<string, number> {
  return new Map(stepOrderOf(definition).map((step, i) => [step, i]));
}

/** The Chinese titles of the shared steps and of the plan's declared ones, by id. */
export function stepTitlesOf(definition: PlanDefinition): Map<string, string> {
  return new Map([...Object.entries(STEP_TITLES), ...(definition.steps ?? []).map((step) => [step.id, step.title] as const)]);
}

/** At most this many names are listed in what an issue expected. */
const MAX_LISTED = 50;

/** "one of …" for an issue's expected value, listing at most MAX_LISTED names. */
export function oneOfNames(names: readonly string[]): string {
  if (names.length === 0) return 'none: the plan declares none';
  const shown = names.slice(0, MAX_LISTED).map((name) => JSON.stringify(name)).join(', ');
  return names.length > MAX_LISTED ? `one of ${shown}, … (${names.length} in all)` : `one of ${shown}`;
}

type Path = (string | number)[];

/** What an incident (or one of its events) gives as facts, by kind. */
interface GivenFacts {
  indicators?: Readonly<Record<string, unknown>> | undefined;
  flags?: Readonly<Record<string, unknown>> | undefined;
  metrics?: Readonly<Record<string, number>> | undefined;
}

/** The problems found so far: at most MAX_FACT_ISSUES listed, the rest counted (300 000 unknown names would otherwise be as many issues, each listing the plan's names). */
class FactIssues {
  readonly listed: Issue[] = [];
  unlisted = 0;

  push(issue: Issue): void {
    if (this.listed.length < MAX_FACT_ISSUES) this.listed.push(issue);
    else this.unlisted += 1;
  }
}

/** The path of a fact of the incident (`event` null) or of one of its events. */
const factPath = (event: number | null, kind: string, name: string): Path => (event === null ? [kind, name] : ['events', event, kind, name]);

/** The entry of a name the plan knows as a fact of this kind, else null (noted as `unknown_fact`). */
function knownFact(table: FactTable, issues: FactIssues, event: number | null, name: string, kind: 'indicator' | 'flag' | 'metric'): FactEntry | null {
  const entry = table.facts.get(name);
  if (entry?.kind === kind) return entry;
  const names = kind === 'indicator' ? table.indicators : kind === 'flag' ? table.flags : table.metrics;
  issues.push({ path: factPath(event, `${kind}s`, name), code: 'unknown_fact', message: `this plan has no ${kind} of that name`, received: name, expected: oneOfNames(names) });
  return null;
}

/** The problems of the facts the incident (`event` null) or one of its events gives. */
function checkGivenFacts(table: FactTable, issues: FactIssues, given: GivenFacts, event: number | null): void {
  const indicators = given.indicators;
  if (indicators !== undefined) {
    for (const name of Object.keys(indicators)) {
      const value = indicators[name];
      const values = knownFact(table, issues, event, name, 'indicator')?.values as readonly string[] | undefined;
      if (values !== undefined && !values.includes(value as string)) {
        issues.push({ path: factPath(event, 'indicators', name), code: 'invalid_value', message: `not a value of the indicator "${name}"`, received: value, expected: oneOfNames(values) });
      }
    }
  }
  if (given.flags !== undefined) for (const name of Object.keys(given.flags)) knownFact(table, issues, event, name, 'flag');
  const metrics = given.metrics;
  if (metrics === undefined) return;
  for (const name of Object.keys(metrics)) {
    const value = metrics[name] as number;
    const metric = knownFact(table, issues, event, name, 'metric')?.metric;
    if (metric === undefined) continue;
    if (isIntegerMetric(metric) && !Number.isInteger(value)) issues.push({ path: factPath(event, 'metrics', name), code: 'invalid_value', message: `"${name}" counts whole numbers`, received: value, expected: 'a whole number' });
    if (metric.min !== undefined && value < metric.min) issues.push({ path: factPath(event, 'metrics', name), code: 'invalid_value', message: `"${name}" is below its least value`, received: value, expected: `at least ${metric.min}` });
    if (metric.max !== undefined && value > metric.max) issues.push({ path: factPath(event, 'metrics', name), code: 'invalid_value', message: `"${name}" is above its greatest value`, received: value, expected: `at most ${metric.max}` });
  }
}

/**
 * The problems of an incident's facts and steps under a plan: names the plan does not know (`unknown_fact`),
 * indicator values outside the indicator's (`invalid_value`), metric numbers outside their bounds or not
 * whole (`invalid_value`), and step events of steps the plan does not declare (`unknown_step`).
 */
export function incidentFactIssues(
  table: FactTable,
  steps: ReadonlyMap<string, number>,
  incident: GivenFacts & { events: readonly ({ type: string } & GivenFacts)[] },
  isDeclaredStepType: (type: string) => boolean,
): Issue[] {
  const issues = new FactIssues();
  checkGivenFacts(table, issues, incident, null);
  const events = incident.events;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as { type: string } & GivenFacts;
    checkGivenFacts(table, issues, event, i);
    // A step the plan has is no problem, whatever the type: the test of a declared step's name only where it has none.
    if (!steps.has(event.type) && isDeclaredStepType(event.type)) {
      issues.push({ path: ['events', i, 'type'], code: 'unknown_step', message: 'this plan has no such step or event type', received: event.type, expected: oneOfNames([...steps.keys()]) });
    }
  }
  const listed = issues.listed;
  if (issues.unlisted > 0) {
    listed.push({ path: [], code: 'too_many_issues', message: `${issues.unlisted} more problems of the incident's facts and steps are not listed`, received: `${MAX_FACT_ISSUES + issues.unlisted} problems`, expected: 'the facts and steps the plan declares' });
  }
  return listed;
}

/** The most problems of an incident's facts and steps listed one by one (the rest are counted in one issue). */
export const MAX_FACT_ISSUES = 100;
