import type { Condition, FactCondition } from '../model/condition.js';
import { UNGRADED } from '../decide/grading.js';
import { isIntegerMetric, type FactTable } from '../model/facts.js';
import type { DeclaredMetric, PlanDefinition } from '../model/plan.js';
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

const BOOLEAN_FACTS: readonly string[] = [...FLAG_NAMES, 'exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated', 'graded'];

/**
 * The values a fact of the incident can take: an indicator's values (most severe first) and `undefined`
 * (not given), true/false for flags and states; `undefined` alone for anything else (`level` and
 * `levelRank` are no facts of the incident: `verify` sets them together, from each level of the plan).
 * With a plan's fact table, its declared indicators and flags too, and a declared metric's
 * representatives (see {@link metricRepresentatives}) around the `constants` its conditions compare it
 * with, and `undefined`.
 */
export function domainOf(fact: string, table?: FactTable, constants: readonly number[] = []): FactValue[] {
  const entry = table?.facts.get(fact);
  if (entry?.kind === 'indicator') return [...(entry.values as readonly string[]), undefined];
  if (entry?.kind === 'flag') return [false, true];
  if (entry?.kind === 'metric') return [...metricRepresentatives(entry.metric as DeclaredMetric, constants), undefined];
  if (isIndicator(fact)) return [...INDICATORS[fact], undefined];
  if (BOOLEAN_FACTS.includes(fact)) return [false, true];
  return [undefined];
}

/**
 * The numbers that stand for every way a metric can compare, ascending: each constant compared with it
 * and each threshold of its bands, with the whole numbers either side of it (an integer metric) or the
 * midpoints between neighbours and one beyond either end (otherwise); none outside its `min` and `max`.
 */
export function metricRepresentatives(metric: DeclaredMetric, constants: readonly number[]): number[] {
  const points = [...new Set([...constants, ...(metric.sets?.bands ?? []).map((band) => band.atLeast)])].sort((a, b) => a - b);
  const out = new Set<number>();
  if (isIntegerMetric(metric)) {
    for (const p of points) for (const v of [Math.floor(p) - 1, Math.floor(p), Math.ceil(p), Math.ceil(p) + 1]) out.add(v);
  } else {
    points.forEach((p, i) => {
      out.add(p);
      out.add(i === 0 ? p - 1 : (p + (points[i - 1] as number)) / 2);
    });
    if (points.length > 0) out.add((points[points.length - 1] as number) + 1);
  }
  if (metric.min !== undefined) out.add(metric.min);
  if (metric.max !== undefined) out.add(metric.max);
  if (out.size === 0) out.add(0);
  return [...out].filter((v) => (metric.min === undefined || v >= metric.min) && (metric.max === undefined || v <= metric.max)).sort((a, b) => a - b);
}

/** The numbers a condition compares each fact with (`value`, or the numbers of an `in` / `notIn` list), following named conditions. */
export function numbersCompared(condition: Condition, named: ReadonlyMap<string, Condition>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  eachComparison(condition, named, (leaf) => {
    const numbers = (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).filter((v): v is number => typeof v === 'number');
    if (numbers.length > 0) out.set(leaf.fact, [...(out.get(leaf.fact) ?? []), ...numbers]);
  });
  return out;
}

/**
 * The level an incident can be at, each as the facts it sets together: `level`, its `levelRank` and
 * `graded`; with `grading.ungraded`, also the ungraded phase (rank below every level, `graded` false).
 */
export function levelChoice(definition: PlanDefinition): Choice {
  const levels = [...definition.levels].sort((a, b) => a.rank - b.rank);
  const choice = levels.map((level) => ({ level: level.id, levelRank: level.rank, graded: true }));
  if (definition.grading?.ungraded) choice.push({ level: UNGRADED, levelRank: Math.max(...levels.map((l) => l.rank)) + 1, graded: false });
  return choice;
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

/** Calls `visit` with every fact comparison of a condition, in order, following named conditions (each once). */
function eachComparison(condition: Condition, named: ReadonlyMap<string, Condition>, visit: (leaf: FactCondition) => void): void {
  const followed = new Set<string>();
  const walk = (node: Condition): void => {
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else if ('not' in node) walk(node.not);
    else if ('condition' in node) {
      const target = named.get(node.condition);
      if (followed.has(node.condition) || target === undefined) return;
      followed.add(node.condition);
      walk(target);
    } else visit(node);
  };
  walk(condition);
}

/** How many comparisons of a condition read each fact, following named conditions (each once), in the order the facts are first read. */
export function comparisonsByFact(condition: Condition, named: ReadonlyMap<string, Condition>): Map<string, number> {
  const out = new Map<string, number>();
  eachComparison(condition, named, (leaf) => out.set(leaf.fact, (out.get(leaf.fact) ?? 0) + 1));
  return out;
}

/** One unknown of a search: the values it can take, each as the facts it sets (a level sets `level` and `levelRank` together). */
export type Choice = readonly Readonly<Record<string, FactValue>>[];

const FALSE = 0;
const TRUE = 1;
const UNKNOWN = 2;
/** False, true, or unknown (a fact it reads is not chosen yet). */
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

type Point = Readonly<Record<string, FactValue>>;
type TruthNode = (point: Point, memo: Map<string, Truth>) => Truth;

/**
 * A compiler of conditions into three-valued tests on a point where some facts are not chosen yet
 * (false and unknown is false, true or unknown is true), counting the condition nodes they evaluate.
 * Each named condition is compiled once for all the conditions compiled, and evaluated once per
 * evaluation; a reference back into itself reads as false, as in the compiled plan (loadPlan refuses
 * cycles). `leafTest` compiles one comparison as the compiled plan does.
 */
export function truthCompiler(named: ReadonlyMap<string, Condition>, leafTest: (leaf: Extract<Condition, { fact: string }>) => (point: Point) => boolean): {
  compile: (condition: Condition) => (point: Point) => Truth;
  nodes: () => number;
} {
  let nodes = 0;
  const compiledNamed = new Map<string, TruthNode>();
  const compiling = new Set<string>();
  const compile = (node: Condition): TruthNode => {
    if ('all' in node) {
      const parts = node.all.map(compile);
      return (point, memo) => {
        nodes += 1;
        let out: Truth = TRUE;
        for (const part of parts) {
          const v = part(point, memo);
          if (v === FALSE) return FALSE;
          if (v === UNKNOWN) out = UNKNOWN;
        }
        return out;
      };
    }
    if ('any' in node) {
      const parts = node.any.map(compile);
      return (point, memo) => {
        nodes += 1;
        let out: Truth = FALSE;
        for (const part of parts) {
          const v = part(point, memo);
          if (v === TRUE) return TRUE;
          if (v === UNKNOWN) out = UNKNOWN;
        }
        return out;
      };
    }
    if ('not' in node) {
      const inner = compile(node.not);
      return (point, memo) => {
        nodes += 1;
        const v = inner(point, memo);
        return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
      };
    }
    if ('condition' in node) {
      const name = node.condition;
      const body = compileNamed(name);
      return (point, memo) => {
        nodes += 1;
        const known = memo.get(name);
        if (known !== undefined) return known;
        const v = body(point, memo);
        memo.set(name, v);
        return v;
      };
    }
    const fact = node.fact;
    const test = leafTest(node);
    return (point) => {
      nodes += 1;
      if (!(fact in point)) return UNKNOWN;
      return test(point) ? TRUE : FALSE;
    };
  };
  const never: TruthNode = () => FALSE;
  const compileNamed = (name: string): TruthNode => {
    const done = compiledNamed.get(name);
    if (done !== undefined) return done;
    const target = named.get(name);
    if (target === undefined || compiling.has(name)) return never;
    compiling.add(name);
    const body = compile(target);
    compiling.delete(name);
    compiledNamed.set(name, body);
    return body;
  };
  return {
    compile: (condition) => {
      const root = compile(condition);
      return (point) => root(point, new Map());
    },
    nodes: () => nodes,
  };
}

/**
 * Whether a three-valued test holds for some combination of the choices (`true`), for none (`false`),
 * or was not decided before `spent()` passed `budget` (`undefined`). A search over partial
 * combinations: a branch stops as soon as the value is known, so that a condition that contradicts
 * itself early costs a few evaluations instead of every combination. Every fact the test reads must be
 * set by some choice, so the value is known once all are chosen.
 */
export function satisfiable(test: (point: Point) => Truth, choices: readonly Choice[], spent: () => number, budget: number): boolean | undefined {
  const point: Record<string, FactValue> = Object.create(null) as Record<string, FactValue>;
  const search = (i: number): boolean | undefined => {
    const v = test(point);
    if (spent() > budget) return undefined;
    if (v !== UNKNOWN) return v === TRUE;
    for (const option of choices[i] as Choice) {
      Object.assign(point, option);
      const found = search(i + 1);
      for (const fact of Object.keys(option)) delete point[fact];
      if (found !== false) return found;
    }
    return false;
  };
  return search(0);
}
