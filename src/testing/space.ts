import type { Condition } from '../model/condition.js';
import { FLAG_NAMES, INDICATORS, type IndicatorName } from '../model/vocabulary.js';

export type FactValue = string | number | boolean | undefined;

/** Every fact a condition reads, following named conditions: each once, so the cost is linear in the condition and the named conditions it uses; names in `seen` are not followed. */
// Stryker disable next-line ArrayDeclaration: a default trail holding some name differs only for a shared condition of that very name.
export function factsRead(condition: Condition, named: ReadonlyMap<string, Condition> | Readonly<Record<string, Condition>>, seen: readonly string[] = []): Set<string> {
  const lookup = (id: string): Condition | undefined => (named instanceof Map ? named.get(id) : Object.prototype.hasOwnProperty.call(named, id) ? (named as Record<string, Condition>)[id] : undefined);
  const out = new Set<string>();
  const followed = new Set(seen);
  const visit = (node: Condition): void => {
    if ('all' in node) node.all.forEach(visit);
    else if ('any' in node) node.any.forEach(visit);
    else if ('not' in node) visit(node.not);
    else if ('condition' in node) {
      if (followed.has(node.condition)) return;
      followed.add(node.condition);
      const target = lookup(node.condition);
      if (target) visit(target);
    } else out.add(node.fact);
  };
  visit(condition);
  return out;
}

export const isIndicator = (fact: string): fact is IndicatorName => Object.prototype.hasOwnProperty.call(INDICATORS, fact);

const BOOLEAN_FACTS: readonly string[] = [...FLAG_NAMES, 'exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated'];

/**
 * The values a fact of the incident can take: an indicator's values (most severe first) and `undefined`
 * (not given), true/false for flags and states; `undefined` alone for anything else (`level` and
 * `levelRank` are no facts of the incident: `verify` sets them together, from each level of the plan).
 */
export function domainOf(fact: string): FactValue[] {
  if (isIndicator(fact)) return [...INDICATORS[fact], undefined];
  if (BOOLEAN_FACTS.includes(fact)) return [false, true];
  return [undefined];
}

/** True when `test` holds at some combination of the facts' values (a fresh object each time); stops at the first. */
export function somePoint(domains: readonly (readonly [string, readonly FactValue[]])[], test: (point: Record<string, FactValue>) => boolean): boolean {
  const point: Record<string, FactValue> = {};
  const walk = (i: number): boolean => {
    if (i === domains.length) return test({ ...point });
    const [fact, values] = domains[i] as readonly [string, readonly FactValue[]];
    return values.some((value) => {
      point[fact] = value;
      return walk(i + 1);
    });
  };
  return walk(0);
}

/** Calls `visit` with every combination of the facts' values (a fresh object each time). */
export function forEachPoint(domains: readonly (readonly [string, readonly FactValue[]])[], visit: (point: Record<string, FactValue>) => void): void {
  somePoint(domains, (point) => {
    visit(point);
    return false;
  });
}

/** The point without its undefined facts, for display. */
export function showPoint(point: Record<string, FactValue>): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(point).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
}

/** Condition nodes evaluated per point when these conditions are evaluated together: each node once, each named condition's once however many refer to it (as the compiled plan evaluates them); names in `counted` are not counted again. */
export function conditionNodes(condition: Condition, named: ReadonlyMap<string, Condition>, counted: Set<string>): number {
  if ('all' in condition) return condition.all.reduce((n, c) => n + conditionNodes(c, named, counted), 1);
  if ('any' in condition) return condition.any.reduce((n, c) => n + conditionNodes(c, named, counted), 1);
  if ('not' in condition) return 1 + conditionNodes(condition.not, named, counted);
  if ('condition' in condition) {
    const target = named.get(condition.condition);
    if (counted.has(condition.condition) || target === undefined) return 1;
    counted.add(condition.condition);
    return 1 + conditionNodes(target, named, counted);
  }
  return 1;
}

/** One unknown of a search: the values it can take, each as the facts it sets (a level sets `level` and `levelRank` together). */
export type Choice = readonly Readonly<Record<string, FactValue>>[];

/** Whether a condition holds somewhere (`true`), nowhere (`false`), or was not decided within the budget (`undefined`), and the condition nodes evaluated. */
export interface Satisfiability {
  holds: boolean | undefined;
  nodes: number;
}

const FALSE = 0;
const TRUE = 1;
const UNKNOWN = 2;
type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

/**
 * Whether `condition` holds for some combination of the choices, found by a search over partial
 * combinations: the condition is evaluated with the facts not yet chosen unknown (false and unknown is
 * false, true or unknown is true), and a branch stops as soon as the value is known, so that a condition
 * that contradicts itself early costs a few evaluations instead of every combination. Each evaluation
 * costs at most the condition's nodes (each named condition's once); the search gives up, undecided,
 * once it has evaluated more than `budget` nodes. Every fact the condition reads must be set by some
 * choice; `test` compares one fact with its value, as the compiled plan does.
 */
export function satisfiable(
  condition: Condition,
  named: ReadonlyMap<string, Condition>,
  choices: readonly Choice[],
  test: (leaf: Extract<Condition, { fact: string }>, value: FactValue) => boolean,
  budget: number,
): Satisfiability {
  const point = new Map<string, FactValue>();
  let nodes = 0;
  const evaluate = (node: Condition, memo: Map<string, Truth>): Truth => {
    nodes += 1;
    if ('all' in node) {
      let out: Truth = TRUE;
      for (const part of node.all) {
        const v = evaluate(part, memo);
        if (v === FALSE) return FALSE;
        if (v === UNKNOWN) out = UNKNOWN;
      }
      return out;
    }
    if ('any' in node) {
      let out: Truth = FALSE;
      for (const part of node.any) {
        const v = evaluate(part, memo);
        if (v === TRUE) return TRUE;
        if (v === UNKNOWN) out = UNKNOWN;
      }
      return out;
    }
    if ('not' in node) {
      const v = evaluate(node.not, memo);
      return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
    }
    if ('condition' in node) {
      const known = memo.get(node.condition);
      if (known !== undefined) return known;
      const target = named.get(node.condition);
      // A reference back into itself reads as false, as the compiled plan reads it (loadPlan refuses cycles).
      memo.set(node.condition, FALSE);
      const v = target === undefined ? FALSE : evaluate(target, memo);
      memo.set(node.condition, v);
      return v;
    }
    if (!point.has(node.fact)) return UNKNOWN;
    return test(node, point.get(node.fact)) ? TRUE : FALSE;
  };
  // FALSE, TRUE, or undefined once over the budget.
  const search = (i: number): boolean | undefined => {
    const v = evaluate(condition, new Map());
    if (nodes > budget) return undefined;
    if (v !== UNKNOWN) return v === TRUE;
    // Every fact read is set by the last choice, so the value is known before the choices run out.
    for (const option of choices[i] as Choice) {
      for (const [fact, value] of Object.entries(option)) point.set(fact, value);
      const found = search(i + 1);
      for (const fact of Object.keys(option)) point.delete(fact);
      if (found !== false) return found;
    }
    return false;
  };
  const holds = search(0);
  return { holds, nodes };
}
