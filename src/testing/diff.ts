import { decide } from '../decide/decide.js';
import type { Decision } from '../model/decision.js';
import { IncidentError, PlanError } from '../model/errors.js';
import { FLAG_NAMES, INDICATORS, type IndicatorName } from '../model/vocabulary.js';
import type { Plan } from '../plans/load.js';
import type { ScenarioFile } from './scenario.js';

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
}

const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

/**
 * Incidents covering the indicator space: every combination of the five indicators' values, alone and
 * (with `flags`) with each flag set in turn, all at the same times (default: occurred 08:00, discovered
 * 09:00, decided at 09:10 on 2026-03-02, +08:00).
 */
export function generateIncidents(options: GenerateOptions = {}): DiffCase[] {
  const occurredAt = options.occurredAt ?? '2026-03-02T08:00:00+08:00';
  const discoveredAt = options.discoveredAt ?? '2026-03-02T09:00:00+08:00';
  const now = options.now ?? '2026-03-02T09:10:00+08:00';
  const combos: Record<string, string>[] = [{}];
  for (const name of INDICATOR_NAMES) {
    const next: Record<string, string>[] = [];
    for (const combo of combos) for (const value of INDICATORS[name]) next.push({ ...combo, [name]: value });
    combos.splice(0, combos.length, ...next);
  }
  const flagSets: (string | null)[] = [null, ...(options.flags === false ? [] : FLAG_NAMES)];
  const out: DiffCase[] = [];
  for (const flag of flagSets) {
    for (const indicators of combos) {
      const label = INDICATOR_NAMES.map((n) => `${n}=${indicators[n]}`).join(' ');
      out.push({
        name: `generated ${label}${flag ? ` +${flag}` : ''}`,
        source: 'generated',
        now,
        incident: { id: 'generated', occurredAt, discoveredAt, indicators, ...(flag ? { flags: { [flag]: true } } : {}) },
      });
    }
  }
  return out;
}

/** The cases of a scenario file, for `diff`. */
export function scenarioCases(file: ScenarioFile, prefix = ''): DiffCase[] {
  return file.scenarios.map((s) => ({ name: `${prefix}${s.name}`, source: 'scenario' as const, incident: s.incident, now: s.now }));
}

type Outcome = { decision: Decision } | { error: string };
/** An error as its name and paths; a decision as the words "a decision". */
const shown = (o: Outcome): string => ('error' in o ? o.error : 'a decision');

function outcome(plan: Plan, c: DiffCase): Outcome {
  try {
    return { decision: decide(plan, c.incident, { now: c.now }) };
  } catch (error) {
    if (error instanceof IncidentError || error instanceof PlanError) return { error: `${error.name}: ${error.issues.map((i) => i.path.join('.')).join(', ')}` };
    throw error;
  }
}

/** The fields in which two decisions differ: level, lead, notify (and its dueAt), obligations (arisen, dueAt, status, responsible, to), next. */
export function compareDecisions(a: Decision, b: Decision): FieldChange[] {
  const out: FieldChange[] = [];
  const check = (field: string, before: unknown, after: unknown): void => {
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ field, before, after });
  };
  check('level', a.level.id, b.level.id);
  check('level.source', a.level.source, b.level.source);
  check('lead', a.lead.id, b.lead.id);
  const notifyIds = [...new Set([...a.notify, ...b.notify].map((n) => n.id))];
  for (const id of notifyIds) {
    const x = a.notify.find((n) => n.id === id);
    const y = b.notify.find((n) => n.id === id);
    if (!x || !y) check(`notify.${id}`, x ? 'notified' : 'absent', y ? 'notified' : 'absent');
    else check(`notify.${id}.dueAt`, x.dueAt, y.dueAt);
  }
  const obligationIds = [...new Set([...a.obligations, ...b.obligations].map((o) => o.id))];
  for (const id of obligationIds) {
    const x = a.obligations.find((o) => o.id === id);
    const y = b.obligations.find((o) => o.id === id);
    if (!x || !y) {
      check(`obligations.${id}`, x ? 'arisen' : 'absent', y ? 'arisen' : 'absent');
      continue;
    }
    check(`obligations.${id}.dueAt`, x.dueAt, y.dueAt);
    check(`obligations.${id}.status`, x.status, y.status);
    check(`obligations.${id}.responsible`, x.responsible.id, y.responsible.id);
    check(`obligations.${id}.to`, x.to ?? null, y.to ?? null);
  }
  check('next', a.next.map((o) => o.id), b.next.map((o) => o.id));
  return out;
}

/** Runs every case through both plans and lists, field by field, each decision that changed. */
export function diffPlans(before: Plan, after: Plan, cases: readonly DiffCase[], options: { onProgress?: (done: number, total: number) => void } = {}): DiffReport {
  const changed: CaseDiff[] = [];
  const byField: Record<string, number> = {};
  const count = { scenario: { cases: 0, changed: 0 }, generated: { cases: 0, changed: 0 } };
  for (const [index, c] of cases.entries()) {
    options.onProgress?.(index + 1, cases.length);
    count[c.source].cases += 1;
    const x = outcome(before, c);
    const y = outcome(after, c);
    let changes: FieldChange[];
    if ('decision' in x && 'decision' in y) changes = compareDecisions(x.decision, y.decision);
    else changes = shown(x) === shown(y) ? [] : [{ field: 'error', before: shown(x), after: shown(y) }];
    if (changes.length === 0) continue;
    count[c.source].changed += 1;
    changed.push({ name: c.name, source: c.source, changes });
    for (const field of new Set(changes.map((ch) => ch.field))) byField[field] = (byField[field] ?? 0) + 1;
  }
  return {
    before: { id: before.id, version: before.version },
    after: { id: after.id, version: after.version },
    cases: cases.length,
    changed,
    summary: { cases: cases.length, changed: changed.length, scenarios: count.scenario, generated: count.generated, byField },
  };
}
