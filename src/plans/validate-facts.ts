import type { Issue } from '../model/errors.js';
import { oneOfNames, stepOrderOf, type FactTable } from '../model/facts.js';
import { RESERVED_EVENT_TYPES } from '../model/incident.js';
import type { PlanDefinition } from '../model/plan.js';
import { FACT_NAMES } from '../model/vocabulary.js';

type Path = (string | number)[];

/** Whether a name is a property of every object (constructor, toString …): a declared name must never reach Object.prototype. */
const isObjectProperty = (name: string): boolean => name in Object.prototype;

/** Values a fact can take in a condition; `null` where any number is allowed. */
export function factDomainOf(table: FactTable, fact: string): readonly (string | boolean)[] | null {
  const entry = table.facts.get(fact);
  if (entry?.values !== undefined) return entry.values;
  if (entry?.kind === 'flag' || entry?.kind === 'state') return [true, false];
  return null;
}

/** Whether a fact is a number that `lessThan` and the other numeric operators compare: `levelRank` and the plan's metrics. */
export const isNumberFact = (table: FactTable, fact: string): boolean => {
  const kind = table.facts.get(fact)?.kind;
  return kind === 'levelRank' || kind === 'metric';
};

/**
 * Checks the facts and steps a plan declares: names that are not shared ones nor properties of every
 * object, unique across indicators, flags and metrics; values unique; metric bounds and bands (strictly
 * decreasing thresholds, values of the indicator they set, most severe first); who may set a fact
 * (`setBy`: roles of the plan, each once in an alternative); step ids that are neither shared steps nor
 * event types; and that every duty's step is a shared or declared one.
 */
export function validateFacts(plan: PlanDefinition, table: FactTable): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received: unknown, expected: string): void => {
    issues.push({ path, code: 'invalid_reference', message, received, expected });
  };
  const seen = new Set<string>();
  const declare = (kind: string, name: string): void => {
    const path = ['facts', kind, name];
    if ((FACT_NAMES as readonly string[]).includes(name)) add(path, 'a shared fact of that name exists: the plan uses it as it is', name, 'a name that is not a shared fact');
    else if (isObjectProperty(name)) add(path, 'the name of a property of every object cannot name a fact', name, 'another name, e.g. "mediaTier"');
    else if (seen.has(name)) add(path, 'the name is declared twice (indicators, flags and metrics share their names)', name, 'a name declared once');
    seen.add(name);
  };
  const roleIds = plan.roles.map((role) => role.id);
  const roles = new Set(roleIds);
  const recipients = new Set(plan.recipients.map((recipient) => recipient.id));
  // Who may set a fact: roles of the plan (recipients record nothing), each once in an alternative.
  const checkSetBy = (kind: string, name: string, setBy: readonly (readonly string[])[] | undefined): void => {
    setBy?.forEach((alternative, i) => {
      const seen = new Set<string>();
      alternative.forEach((id, j) => {
        const path = ['facts', kind, name, 'setBy', i, j];
        if (!roles.has(id)) add(path, recipients.has(id) ? 'a recipient, not a role: only the plan\'s roles record facts' : 'unknown role', id, oneOfNames(roleIds));
        else if (seen.has(id)) add(path, 'role listed twice in one alternative', id, 'each role once (the roles of an alternative act jointly)');
        seen.add(id);
      });
    });
  };
  const facts = plan.facts ?? {};
  for (const [name, indicator] of Object.entries(facts.indicators ?? {})) {
    declare('indicators', name);
    checkSetBy('indicators', name, indicator.setBy);
    const values = new Set<string>();
    indicator.values.forEach((value, i) => {
      if (values.has(value.id)) add(['facts', 'indicators', name, 'values', i, 'id'], 'duplicate value', value.id, 'each value once');
      values.add(value.id);
    });
  }
  for (const [name, flag] of Object.entries(facts.flags ?? {})) {
    declare('flags', name);
    checkSetBy('flags', name, flag.setBy);
  }
  for (const [name, metric] of Object.entries(facts.metrics ?? {})) {
    declare('metrics', name);
    checkSetBy('metrics', name, metric.setBy);
    const path = ['facts', 'metrics', name];
    if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) add([...path, 'max'], 'less than "min"', metric.max, `at least ${metric.min}`);
    if (metric.sets === undefined) continue;
    const target = metric.sets.indicator;
    const order = table.facts.get(target)?.kind === 'indicator' ? (table.facts.get(target)?.values as readonly string[]) : null;
    if (order === null) {
      add([...path, 'sets', 'indicator'], 'no indicator of that name', target, oneOfNames(table.indicators));
      continue;
    }
    metric.sets.bands.forEach((band, i) => {
      const at = [...path, 'sets', 'bands', i];
      const previous = metric.sets?.bands[i - 1];
      if (!order.includes(band.value)) add([...at, 'value'], `not a value of the indicator "${target}"`, band.value, oneOfNames(order));
      else if (previous !== undefined && order.indexOf(previous.value) >= order.indexOf(band.value)) {
        add([...at, 'value'], 'bands go from the most severe value to the least: this one is not less severe than the band before', band.value, `a value after "${previous.value}" in ${oneOfNames(order).replace('one of ', '')}`);
      }
      if (previous !== undefined && band.atLeast >= previous.atLeast) add([...at, 'atLeast'], 'thresholds go down from band to band', band.atLeast, `less than ${previous.atLeast}`);
    });
  }

  const steps = new Set<string>();
  (plan.steps ?? []).forEach((step, i) => {
    const path = ['steps', i, 'id'];
    if (RESERVED_EVENT_TYPES.has(step.id)) add(path, 'a shared step or event type of that id exists', step.id, 'an id that is not a shared step or event type');
    else if (isObjectProperty(step.id)) add(path, 'the name of a property of every object cannot name a step', step.id, 'another id, e.g. "claim"');
    else if (steps.has(step.id)) add(path, 'duplicate step id', step.id, 'an id used once in "steps"');
    steps.add(step.id);
  });
  const known = stepOrderOf(plan);
  const knownSet = new Set(known);
  const checkStep = (path: Path, step: string): void => {
    if (!knownSet.has(step)) add(path, 'unknown step: neither a shared step nor one the plan declares in "steps"', step, oneOfNames(known));
  };
  plan.obligations.forEach((o, i) => checkStep(['obligations', i, 'step'], o.step));
  plan.recurring.forEach((r, i) => checkStep(['recurring', i, 'step'], r.step));
  return issues;
}
