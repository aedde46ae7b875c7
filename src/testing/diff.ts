import { decide } from '../decide/decide.js';
import { DecisionSchema, type Decision } from '../model/decision.js';
import { IncidentError, PlanError } from '../model/errors.js';
import { isIntegerMetric } from '../model/facts.js';
import { FLAG_NAMES, INDICATORS, type IndicatorName } from '../model/vocabulary.js';
import { isRevoked } from '../model/untrusted.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { checkData, checkOption, invalidArgument, optionsArgument, planArgument, received, textArgument } from '../render/argument.js';
import { parseTimestamp } from '../time/timestamp.js';
import { ScenarioFileSchema, type ScenarioFile } from './scenario.js';
import { factsRead } from './space.js';
import { say, type Lang } from '../i18n/lang.js';
import { langOf } from './lang.js';

/** One incident at one moment, run through both plan versions. */
export interface DiffCase {
  name: string;
  source: 'scenario' | 'generated';
  incident: unknown;
  now: string;
}

/** One field of a decision that differs between the two plans. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface CaseDiff {
  name: string;
  source: 'scenario' | 'generated';
  changes: FieldChange[];
}

export interface DiffReport {
  before: { id: string; version: string };
  after: { id: string; version: string };
  cases: number;
  changed: CaseDiff[];
  /** What the plans declare that changed, whether or not a case reaches it: labels of declared facts and their values, step titles, party names, duty titles (see {@link compareDefinitions}). */
  definitions: FieldChange[];
  summary: {
    cases: number;
    changed: number;
    scenarios: { cases: number; changed: number };
    generated: { cases: number; changed: number };
    /** How many cases changed in each field. */
    byField: Record<string, number>;
  };
}

export interface GenerateOptions {
  occurredAt?: string;
  discoveredAt?: string;
  now?: string;
  /** Also each indicator combination with one flag set (default true). */
  flags?: boolean;
  /**
   * Plans whose facts the incidents cover (for `diff`, both versions): instead of all five shared
   * indicators, those their conditions read, and every indicator, metric and flag they declare.
   */
  plans?: readonly Plan[];
  /**
   * The most combinations of fact values generated (default GENERATE_BUDGET). Past it (20 declared
   * indicators of 20 values are 20^20 combinations) each fact's values are generated one fact at a time,
   * the others left out, and `onPartial` is told how many combinations were not generated.
   */
  maxCombinations?: number;
  onPartial?: (combinations: number, budget: number) => void;
}

/** The most combinations of fact values generateIncidents builds by default (the five shared indicators: 576). */
export const GENERATE_BUDGET = 100_000;

const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

/** One dimension of the generated incidents: a fact, where the incident carries it, and its values (undefined: left out). */
interface Dimension {
  name: string;
  record: 'indicators' | 'metrics';
  values: readonly (string | number | undefined)[];
}

/** The numbers either side of each threshold of a metric's bands, ascending, and left out: every band it can set and none. */
function bandNumbers(metric: NonNullable<NonNullable<NonNullable<Plan['definition']['facts']>['metrics']>[string]>): (number | undefined)[] {
  const below = isIntegerMetric(metric) ? 1 : 0.5;
  const numbers = new Set<number>();
  for (const band of metric.sets?.bands ?? []) for (const n of [band.atLeast - below, band.atLeast]) numbers.add(n);
  if (numbers.size === 0) numbers.add(metric.min ?? 0);
  const inRange = [...numbers].filter((n) => (metric.min === undefined || n >= metric.min) && (metric.max === undefined || n <= metric.max));
  return [...inRange.sort((a, b) => a - b), undefined];
}

/** The dimensions and flags of generated incidents: the five shared indicators and flags, or those of the plans. */
function dimensionsOf(plans: readonly Plan[] | undefined): { dimensions: Dimension[]; flags: string[] } {
  if (!plans) return { dimensions: INDICATOR_NAMES.map((name) => ({ name, record: 'indicators', values: INDICATORS[name] })), flags: [...FLAG_NAMES] };
  const dimensions = new Map<string, Dimension>();
  const flags = new Set<string>();
  for (const plan of plans) {
    const compiled = compiledOf(plan);
    const d = plan.definition;
    const conditions = [...d.classification.map((r) => r.conditions), ...d.obligations.flatMap((o) => (o.when ? [o.when] : [])), ...(d.grading?.raise ?? []).map((r) => r.when)];
    const reads = factsRead({ any: conditions }, compiled.named);
    for (const name of INDICATOR_NAMES) if (reads.has(name)) dimensions.set(name, { name, record: 'indicators', values: INDICATORS[name] });
    for (const name of FLAG_NAMES) if (reads.has(name)) flags.add(name);
    for (const [name, indicator] of Object.entries(d.facts?.indicators ?? {})) {
      const values = indicator.values.map((v) => v.id);
      const known = dimensions.get(name);
      dimensions.set(name, { name, record: 'indicators', values: known ? [...new Set([...known.values, ...values])] : values });
    }
    for (const [name, metric] of Object.entries(d.facts?.metrics ?? {})) {
      const known = dimensions.get(name);
      const numbers = bandNumbers(metric);
      dimensions.set(name, { name, record: 'metrics', values: known ? [...new Set([...known.values, ...numbers])] : numbers });
    }
    for (const name of Object.keys(d.facts?.flags ?? {})) flags.add(name);
  }
  return { dimensions: [...dimensions.values()], flags: [...flags] };
}

/**
 * Incidents covering the indicator space: every combination of the five indicators' values, alone and
 * (with `flags`) with each flag set in turn, all at the same times (default: occurred 08:00, discovered
 * 09:00, decided at 09:10 on 2026-03-02, +08:00). With `plans`, the facts of those plans instead: the
 * shared indicators and flags their conditions read, and every indicator (each value), metric (the
 * numbers either side of each band threshold, and none) and flag they declare.
 */
export function generateIncidents(options: GenerateOptions = {}): DiffCase[] {
  const given = optionsArgument(options, 'options', '{ plans: [plan], flags: false }');
  for (const key of ['occurredAt', 'discoveredAt', 'now']) {
    checkOption(given, ['options', key], (v) => typeof v === 'string' && parseTimestamp(v) !== null, 'an ISO 8601 timestamp with an offset, e.g. 2026-03-02T09:00:00+08:00');
  }
  checkOption(given, ['options', 'flags'], (v) => typeof v === 'boolean', 'true or false');
  checkOption(given, ['options', 'maxCombinations'], (v) => typeof v === 'number' && v >= 0, 'a number of combinations, 0 or more');
  checkOption(given, ['options', 'onPartial'], (v) => typeof v === 'function', 'a function (combinations, budget) => …');
  if (given.plans !== undefined) {
    const plans = listArgument(given.plans, ['options', 'plans'], 'an array of plans made by loadPlan');
    // By index: a hole is not a plan either.
    for (let i = 0; i < plans.length; i++) planArgument(plans[i], ['options', 'plans', i]);
  }
  const occurredAt = options.occurredAt ?? '2026-03-02T08:00:00+08:00';
  const discoveredAt = options.discoveredAt ?? '2026-03-02T09:00:00+08:00';
  const now = options.now ?? '2026-03-02T09:10:00+08:00';
  const { dimensions, flags } = dimensionsOf(options.plans);
  const budget = options.maxCombinations ?? GENERATE_BUDGET;
  // Counted before any is built: the product of the dimensions' sizes grows past any memory.
  const combinations = dimensions.reduce((n, d) => n * d.values.length, 1);
  let combos: Record<string, string | number | undefined>[] = [{}];
  if (combinations <= budget) {
    for (const { name, values } of dimensions) combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  } else {
    options.onPartial?.(combinations, budget);
    for (const { name, values } of dimensions) for (const value of values) if (value !== undefined) combos.push({ [name]: value });
  }
  const flagSets: (string | null)[] = [null, ...(options.flags === false ? [] : flags)];
  const out: DiffCase[] = [];
  for (const flag of flagSets) {
    for (const combo of combos) {
      const label = dimensions.map((d) => `${d.name}=${combo[d.name] ?? '-'}`).join(' ');
      const record = (kind: Dimension['record']) => Object.fromEntries(dimensions.filter((d) => d.record === kind && combo[d.name] !== undefined).map((d) => [d.name, combo[d.name]]));
      const metrics = record('metrics');
      out.push({
        name: `generated ${label}${flag ? ` +${flag}` : ''}`,
        source: 'generated',
        now,
        incident: { id: 'generated', occurredAt, discoveredAt, indicators: record('indicators'), ...(Object.keys(metrics).length > 0 ? { metrics } : {}), ...(flag ? { flags: { [flag]: true } } : {}) },
      });
    }
  }
  return out;
}

/** A plan's declared labels and titles, by field path: its declared facts (and their values), steps, roles, recipients and duties. */
function definitionsOf(plan: Plan): Map<string, string> {
  const d = plan.definition;
  const out = new Map<string, string>();
  const put = (field: string, value: string | undefined): void => {
    if (value !== undefined) out.set(field, value);
  };
  for (const [name, indicator] of Object.entries(d.facts?.indicators ?? {})) {
    put(`facts.indicators.${name}.name`, indicator.name);
    put(`facts.indicators.${name}.nameEn`, indicator.nameEn);
    put(`facts.indicators.${name}.values`, indicator.values.map((v) => v.id).join(', '));
    for (const value of indicator.values) {
      put(`facts.indicators.${name}.values.${value.id}.name`, value.name);
      put(`facts.indicators.${name}.values.${value.id}.nameEn`, value.nameEn);
    }
  }
  for (const [name, flag] of Object.entries(d.facts?.flags ?? {})) {
    put(`facts.flags.${name}.name`, flag.name);
    put(`facts.flags.${name}.nameEn`, flag.nameEn);
  }
  for (const [name, metric] of Object.entries(d.facts?.metrics ?? {})) {
    put(`facts.metrics.${name}.name`, metric.name);
    put(`facts.metrics.${name}.nameEn`, metric.nameEn);
    put(`facts.metrics.${name}.unit`, metric.unit);
    if (metric.sets) put(`facts.metrics.${name}.sets`, `${metric.sets.indicator}: ${metric.sets.bands.map((b) => `≥${b.atLeast} ${b.value}`).join(', ')}`);
  }
  for (const step of d.steps ?? []) {
    put(`steps.${step.id}.title`, step.title);
    put(`steps.${step.id}.titleEn`, step.titleEn);
  }
  for (const role of d.roles) put(`roles.${role.id}.name`, role.name);
  for (const recipient of d.recipients) put(`recipients.${recipient.id}.name`, recipient.name);
  for (const o of d.obligations) put(`obligations.${o.id}.title`, o.title);
  return out;
}

/**
 * The declared labels and titles that differ between two plans, whether or not a decision shows them:
 * each declared indicator's name and values (their ids, in order, and each one's label), each declared
 * flag's and metric's name (a metric's unit and bands too), each declared step's title, each role's
 * and recipient's name and each duty's title. One present in one plan only is `absent` in the other.
 */
export function compareDefinitions(before: Plan, after: Plan): FieldChange[] {
  planArgument(before, 'before');
  planArgument(after, 'after');
  const a = definitionsOf(before);
  const b = definitionsOf(after);
  const out: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field) ?? 'absent';
    const y = b.get(field) ?? 'absent';
    if (x !== y) out.push({ field, before: x, after: y });
  }
  return out;
}

/** The cases of a scenario file, for `diff`. */
export function scenarioCases(file: ScenarioFile, prefix = ''): DiffCase[] {
  checkData(ScenarioFileSchema, file, 'file', false);
  textArgument(prefix, 'prefix', 'a text put before each scenario name');
  return file.scenarios.map((s) => ({ name: `${prefix}${s.name}`, source: 'scenario' as const, incident: s.incident, now: s.now }));
}

type Outcome = { decision: Decision } | { error: string };
/** An error as its name and paths; a decision as the words "a decision" (一个决策). */
const shown = (o: Outcome, lang: Lang = 'en'): string => ('error' in o ? o.error : say(lang, '一个决策', 'a decision'));

function outcome(plan: Plan, c: DiffCase, lang: Lang): Outcome {
  try {
    // Chinese is decide's default: the option is given only for English.
    return { decision: decide(plan, c.incident, lang === 'en' ? { now: c.now, lang } : { now: c.now }) };
  } catch (error) {
    if (error instanceof IncidentError || error instanceof PlanError) return { error: `${error.name}: ${error.issues.map((i) => i.path.join('.')).join(', ')}` };
    throw error;
  }
}

/** ISO 8601 timestamps (output timestamps and those inside warning messages). */
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
/** A timestamp as its instant, so that one moment written in two time zones is the same; null stays null. */
const instant = (t: string | null): number | null => (t === null ? null : Date.parse(t));
/** Text with every timestamp in it replaced by its instant. */
const instants = (text: string): string => text.replace(TIMESTAMP, (t) => `@${Date.parse(t)}`);
/** Entries by id, for lookups in linear time. */
const byId = <T extends { id: string }>(list: readonly T[]): Map<string, T> => new Map(list.map((x) => [x.id, x]));
/** The ids of two lists, those of the first first. */
const unionIds = (a: readonly { id: string }[], b: readonly { id: string }[]): string[] => [...new Set([...a, ...b].map((x) => x.id))];
const ids = (list: readonly { id: string }[]): string[] => list.map((x) => x.id);
/** Why a duty no longer applies, its moments as instants; null when it has no reason. */
const reasonOf = (o: { reason?: string }): string | null => (o.reason === undefined ? null : instants(o.reason));

/**
 * The fields in which two decisions differ: everything a reader of the decision sees, each field named by
 * its path (`level.name`, `notify.<id>.name`, `obligations.<id>.title` …).
 *
 * - `level` (its id), `level.source`; while the id is the same, `level.rank`, `.name`, `.nameEn`, `.colour`,
 *   `.setAt`, `.setBy`.
 * - `lead` (its id); while it is the same, `lead.name`; and `lead.note`.
 * - `escalation.approveStatement` and `escalation.consultWith` (their ids, in order), the name of each
 *   party in both (`escalation.consultWith.<id>.name`), and `escalation.basis`.
 * - `notify.<id>` (notified or absent), `notify.<id>.name`, `notify.<id>.dueAt`, and `notify` (the order,
 *   when both list the same recipients).
 * - `obligations.<id>` (arisen or absent) and, for a duty in both: `.step`, `.title`, `.subject`, `.dueAt`,
 *   `.status`, `.responsible` (its id; while it is the same, `.responsible.name`), `.to` (while it is the
 *   same, `.recipient.name`), `.notify`, `.kind`, `.until`, `.arisenAt`, `.doneAt`, `.reason`, `.basis`,
 *   and, while `dueAt` and `status` are the same, `.reminders` (fractions and moments); `obligations` (the order, when both hold the same duties).
 * - `next` (the ids in order) and `warnings`.
 *
 * Timestamps are compared as instants: the same moment written with another offset is no change. Left
 * out, as they follow from the fields above: a name while the id it belongs to changed (the id's change is
 * reported), `immediate` (the kind), a recipient's `immediate`, `how`, `obligations` and whether it is done (its duties),
 * `nextReviewAt` (deadlines, reminders and events) and `explanation` (the rules, facts and texts above).
 */
export function compareDecisions(a: Decision, b: Decision): FieldChange[] {
  checkData(DecisionSchema, a, 'a');
  checkData(DecisionSchema, b, 'b');
  return changesOf(a, b);
}

/** compareDecisions without the checks of its arguments: for decisions `decide` made. */
function changesOf(a: Decision, b: Decision): FieldChange[] {
  const out: FieldChange[] = [];
  const check = (field: string, before: unknown, after: unknown): void => {
    // Strings, numbers and null by value; lists and bases by their JSON.
    const same = typeof before === 'object' && before !== null ? JSON.stringify(before) === JSON.stringify(after) : before === after;
    if (!same) out.push({ field, before, after });
  };
  // Reported as written, compared as instants.
  const checkTime = (field: string, before: string | null, after: string | null): void => {
    if (before !== after && instant(before) !== instant(after)) out.push({ field, before, after });
  };
  check('level', a.level.id, b.level.id);
  check('level.source', a.level.source, b.level.source);
  if (a.level.id === b.level.id) {
    check('level.rank', a.level.rank, b.level.rank);
    check('level.name', a.level.name, b.level.name);
    check('level.nameEn', a.level.nameEn, b.level.nameEn);
    check('level.colour', a.level.colour ?? null, b.level.colour ?? null);
    checkTime('level.setAt', a.level.setAt, b.level.setAt);
    check('level.setBy', a.level.setBy ?? null, b.level.setBy ?? null);
  }
  check('lead', a.lead.id, b.lead.id);
  if (a.lead.id === b.lead.id) check('lead.name', a.lead.name, b.lead.name);
  check('lead.note', a.lead.note ?? null, b.lead.note ?? null);
  for (const list of ['approveStatement', 'consultWith'] as const) {
    const x = a.escalation[list];
    const y = b.escalation[list];
    check(`escalation.${list}`, ids(x), ids(y));
    const names = byId(y);
    for (const party of x) {
      const other = names.get(party.id);
      if (other) check(`escalation.${list}.${party.id}.name`, party.name, other.name);
    }
  }
  check('escalation.basis', a.escalation.basis, b.escalation.basis);

  const notifyA = byId(a.notify);
  const notifyB = byId(b.notify);
  for (const id of unionIds(a.notify, b.notify)) {
    const x = notifyA.get(id);
    const y = notifyB.get(id);
    if (!x || !y) {
      check(`notify.${id}`, x ? 'notified' : 'absent', y ? 'notified' : 'absent');
      continue;
    }
    check(`notify.${id}.name`, x.name, y.name);
    checkTime(`notify.${id}.dueAt`, x.dueAt, y.dueAt);
  }
  if (a.notify.length === b.notify.length && a.notify.every((n) => notifyB.has(n.id))) check('notify', ids(a.notify), ids(b.notify));

  const obligationsA = byId(a.obligations);
  const obligationsB = byId(b.obligations);
  for (const id of unionIds(a.obligations, b.obligations)) {
    const x = obligationsA.get(id);
    const y = obligationsB.get(id);
    if (!x || !y) {
      check(`obligations.${id}`, x ? 'arisen' : 'absent', y ? 'arisen' : 'absent');
      continue;
    }
    const field = `obligations.${id}`;
    check(`${field}.step`, x.step, y.step);
    check(`${field}.title`, x.title, y.title);
    check(`${field}.subject`, x.subject ?? null, y.subject ?? null);
    checkTime(`${field}.dueAt`, x.dueAt, y.dueAt);
    check(`${field}.status`, x.status, y.status);
    check(`${field}.responsible`, x.responsible.id, y.responsible.id);
    if (x.responsible.id === y.responsible.id) check(`${field}.responsible.name`, x.responsible.name, y.responsible.name);
    check(`${field}.to`, x.to ?? null, y.to ?? null);
    if (x.to === y.to) check(`${field}.recipient.name`, x.recipient?.name ?? null, y.recipient?.name ?? null);
    check(`${field}.notify`, x.notify ?? null, y.notify ?? null);
    check(`${field}.kind`, x.kind, y.kind);
    check(`${field}.until`, x.until ?? null, y.until ?? null);
    checkTime(`${field}.arisenAt`, x.arisenAt, y.arisenAt);
    checkTime(`${field}.doneAt`, x.doneAt, y.doneAt);
    if (x.reason !== y.reason && reasonOf(x) !== reasonOf(y)) out.push({ field: `${field}.reason`, before: x.reason ?? null, after: y.reason ?? null });
    check(`${field}.basis`, x.basis, y.basis);
    // Reminders follow from the deadline, the status and `now`: compared (fraction and moment) when those are the same.
    if (instant(x.dueAt) === instant(y.dueAt) && x.status === y.status) {
      const r = y.reminders;
      const same = x.reminders.length === r.length && x.reminders.every((m, k) => m.fraction === r[k]!.fraction && (m.at === r[k]!.at || instant(m.at) === instant(r[k]!.at)));
      if (!same) out.push({ field: `${field}.reminders`, before: x.reminders, after: y.reminders });
    }
  }
  if (a.obligations.length === b.obligations.length && a.obligations.every((o) => obligationsB.has(o.id))) check('obligations', ids(a.obligations), ids(b.obligations));
  check('next', ids(a.next), ids(b.next));
  const warnings = (d: Decision) => d.warnings.map((w) => ({ ...w, message: instants(w.message) }));
  if (JSON.stringify(warnings(a)) !== JSON.stringify(warnings(b))) out.push({ field: 'warnings', before: a.warnings, after: b.warnings });
  return out;
}

/** An argument that must be an array: PlanError naming it for anything else (a revoked Proxy too). */
function listArgument(value: unknown, path: (string | number)[], expected: string): unknown[] {
  if (value === null || typeof value !== 'object' || isRevoked(value) || !Array.isArray(value)) invalidArgument([{ path, code: 'invalid_type', message: 'not a list', received: received(value), expected }]);
  return value;
}

/** Checks the cases of a diff, each read as diffPlans reads it (the incident is decide's to check): PlanError naming the first that is not a case. */
function checkCases(cases: unknown): void {
  const list = listArgument(cases, ['cases'], 'an array of cases { name, source, incident, now } (generateIncidents, scenarioCases)');
  // By index: a hole is not a case either.
  for (let i = 0; i < list.length; i++) {
    const c: unknown = list[i];
    if (c === null || typeof c !== 'object' || isRevoked(c)) invalidArgument([{ path: ['cases', i], code: 'invalid_type', message: 'not a case', received: received(c), expected: 'an object { name, source, incident, now }' }]);
    const { name, source, now } = c as Partial<Record<keyof DiffCase, unknown>>;
    const bad = (field: string, value: unknown, expected: string): never => invalidArgument([{ path: ['cases', i, field], code: 'invalid_type', message: `not a valid ${field}`, received: received(value), expected }]);
    if (typeof name !== 'string') bad('name', name, 'a text');
    if (source !== 'scenario' && source !== 'generated') bad('source', source, '"scenario" or "generated"');
    if (typeof now !== 'string') bad('now', now, 'an ISO 8601 timestamp with an offset, e.g. 2026-03-02T09:10:00+08:00');
  }
}

/** Runs every case through both plans and lists, field by field, each decision that changed. */
export function diffPlans(before: Plan, after: Plan, cases: readonly DiffCase[], options: { onProgress?: (done: number, total: number) => void; lang?: Lang } = {}): DiffReport {
  planArgument(before, 'before');
  planArgument(after, 'after');
  checkCases(cases);
  const given = optionsArgument(options, 'options', '{ onProgress: (done, total) => … }');
  checkOption(given, ['options', 'onProgress'], (v) => typeof v === 'function', 'a function (done, total) => …');
  // The texts of the decisions compared (warnings, reasons) and of a decision against an error.
  const lang = langOf(given);
  const changed: CaseDiff[] = [];
  const byField: Record<string, number> = {};
  const count = { scenario: { cases: 0, changed: 0 }, generated: { cases: 0, changed: 0 } };
  for (const [index, c] of cases.entries()) {
    options.onProgress?.(index + 1, cases.length);
    count[c.source].cases += 1;
    const x = outcome(before, c, lang);
    const y = outcome(after, c, lang);
    let changes: FieldChange[];
    if ('decision' in x && 'decision' in y) changes = changesOf(x.decision, y.decision);
    else changes = shown(x) === shown(y) ? [] : [{ field: 'error', before: shown(x, lang), after: shown(y, lang) }];
    if (changes.length === 0) continue;
    count[c.source].changed += 1;
    changed.push({ name: c.name, source: c.source, changes });
    for (const field of new Set(changes.map((ch) => ch.field))) byField[field] = (byField[field] ?? 0) + 1;
  }
  const definitions = compareDefinitions(before, after);
  return {
    before: { id: before.id, version: before.version },
    after: { id: after.id, version: after.version },
    cases: cases.length,
    changed,
    definitions,
    summary: { cases: cases.length, changed: changed.length, scenarios: count.scenario, generated: count.generated, byField },
  };
}
