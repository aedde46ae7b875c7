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
