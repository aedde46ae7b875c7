import type { Condition, FactCondition, Operator } from '../model/condition.js';

/** Facts of one evaluation: plain values by fact name. */
export type Facts = Readonly<Record<string, string | number | boolean | undefined>>;

/** A compiled condition; `shared` carries the results of named conditions between evaluators of one plan called on the same facts. */
export type Evaluator = (facts: Facts, shared?: SharedResults) => boolean;

/** One compared fact, as json-rules-engine reports it (`factResult`, `valueResult`). */
export interface FactCheck {
  fact: string;
  operator: Operator;
  value: unknown;
  factValue: string | number | boolean | null;
  result: boolean;
}

type Primitive = string | number | boolean;

const isNumeric = (v: unknown): boolean => Number.parseFloat(v as string).toString() !== 'NaN';

/** The same tests as json-rules-engine's default operators, on plain values (`in` and `notIn` take arrays: the plan schema ensures it). */
function operatorTest(operator: Operator, value: Primitive | Primitive[]): (factValue: Primitive | undefined) => boolean {
  switch (operator) {
    case 'equal':
      return (f) => f === value;
    case 'notEqual':
      return (f) => f !== value;
    case 'in': {
      const set = new Set<unknown>(value as Primitive[]);
      return (f) => set.has(f);
    }
    case 'notIn': {
      const set = new Set<unknown>(value as Primitive[]);
      return (f) => !set.has(f);
    }
    case 'lessThan':
      return (f) => isNumeric(f) && (f as number) < (value as number);
    case 'lessThanInclusive':
      return (f) => isNumeric(f) && (f as number) <= (value as number);
    case 'greaterThan':
      return (f) => isNumeric(f) && (f as number) > (value as number);
    case 'greaterThanInclusive':
      return (f) => isNumeric(f) && (f as number) >= (value as number);
  }
}

function compileFact(condition: FactCondition): Evaluator {
  const test = operatorTest(condition.operator, condition.value as Primitive | Primitive[]);
  const fact = condition.fact;
  return (facts) => test(facts[fact]);
}

/** Results of shared conditions already evaluated on one set of facts, by name: give the same memo to every evaluator of a plan called on the same facts, and each shared condition is evaluated once. */
export type SharedResults = Map<string, boolean>;

type Node = (facts: Facts, shared: SharedResults) => boolean;

const never: Node = () => false;

/**
 * A compiler for the conditions of one plan: each named condition is compiled once, however many
 * conditions refer to it, and evaluated at most once per evaluation (a named condition referring to
 * another twice costs one evaluation of it, not two), so that conditions sharing named conditions
 * as a DAG compile and evaluate in time linear in their size. An unknown or cyclic reference reads
 * as false, never looping (loadPlan refuses both).
 */
export function conditionCompiler(named: ReadonlyMap<string, Condition>): (condition: Condition) => Evaluator {
  const compiled = new Map<string, Node>();
  const compiling = new Set<string>();
  const compile = (node: Condition): Node => {
    if ('all' in node) {
      const parts = node.all.map(compile);
      // Stryker disable next-line ConditionalExpression: shortcuts; the loop below gives the same answers.
      if (parts.length === 0) return () => true;
      // Stryker disable next-line ConditionalExpression: a shortcut, as above.
      if (parts.length === 1) return parts[0] as Node;
      return (facts, shared) => {
        for (const part of parts) if (!part(facts, shared)) return false;
        return true;
      };
    }
    if ('any' in node) {
      const parts = node.any.map(compile);
      // Stryker disable next-line ConditionalExpression: a shortcut; the loop below gives the same answers.
      if (parts.length === 1) return parts[0] as Node;
      return (facts, shared) => {
        for (const part of parts) if (part(facts, shared)) return true;
        return false;
      };
    }
    if ('not' in node) {
      const inner = compile(node.not);
      return (facts, shared) => !inner(facts, shared);
    }
    if ('condition' in node) return compileNamed(node.condition);
    return compileFact(node);
  };
  const compileNamed = (name: string): Node => {
    const done = compiled.get(name);
    if (done !== undefined) return done;
    const target = named.get(name);
    if (target === undefined || compiling.has(name)) return never;
    compiling.add(name);
    const body = compile(target);
    compiling.delete(name);
    const evaluate: Node = (facts, shared) => {
      const known = shared.get(name);
      if (known !== undefined) return known;
      const result = body(facts, shared);
      shared.set(name, result);
      return result;
    };
    compiled.set(name, evaluate);
    return evaluate;
  };
  return (condition) => {
    const root = compile(condition);
    return (facts, shared = new Map()) => root(facts, shared);
  };
}

/** Compiles a condition tree into a plain synchronous function; each named condition it uses is compiled and evaluated once. */
export function compileCondition(condition: Condition, named: ReadonlyMap<string, Condition>): Evaluator {
  return conditionCompiler(named)(condition);
}

/**
 * Every fact comparison of a condition with its result, for an explanation: every branch, so it names
 * all the facts that matched. A named condition's comparisons are listed once, where it is first
 * reached, however many times the condition refers to it: the list is never longer than the plan's
 * comparisons, and its cost is linear in the size of the condition and the named conditions it uses.
 */
export function traceCondition(condition: Condition, named: ReadonlyMap<string, Condition>, facts: Facts): FactCheck[] {
  return traceLeaves(factLeaves(condition, named), facts);
}

/** The fact comparisons of a condition in the order traceCondition lists them (each named condition's once, where first reached): they do not depend on the facts, so a plan lists them once. */
export function factLeaves(condition: Condition, named: ReadonlyMap<string, Condition>): FactCondition[] {
  const leaves: FactCondition[] = [];
  collectLeaves(condition, named, new Set(), leaves);
  return leaves;
}

function collectLeaves(node: Condition, named: ReadonlyMap<string, Condition>, visited: Set<string>, leaves: FactCondition[]): void {
  if ('all' in node) for (const part of node.all) collectLeaves(part, named, visited, leaves);
  else if ('any' in node) for (const part of node.any) collectLeaves(part, named, visited, leaves);
  else if ('not' in node) collectLeaves(node.not, named, visited, leaves);
  else if ('condition' in node) {
    if (visited.has(node.condition)) return;
    visited.add(node.condition);
    const target = named.get(node.condition);
    if (target !== undefined) collectLeaves(target, named, visited, leaves);
  } else leaves.push(node);
}

/** Whether a fact's value passes a comparison: the test operatorTest compiles, made directly. */
function passes(operator: Operator, value: Primitive | Primitive[], f: Primitive | undefined): boolean {
  switch (operator) {
    case 'equal':
      return f === value;
    case 'notEqual':
      return f !== value;
    case 'in':
      return (value as Primitive[]).includes(f as Primitive);
    case 'notIn':
      return !(value as Primitive[]).includes(f as Primitive);
    case 'lessThan':
      return isNumeric(f) && (f as number) < (value as number);
    case 'lessThanInclusive':
      return isNumeric(f) && (f as number) <= (value as number);
    case 'greaterThan':
      return isNumeric(f) && (f as number) > (value as number);
    case 'greaterThanInclusive':
      return isNumeric(f) && (f as number) >= (value as number);
  }
}

/** The checks of fact comparisons (factLeaves) on these facts: fresh objects, sharing nothing with the plan. */
export function traceLeaves(leaves: readonly FactCondition[], facts: Facts): FactCheck[] {
  const checks: FactCheck[] = [];
  for (let i = 0; i < leaves.length; i++) {
    const node = leaves[i] as FactCondition;
    const factValue = facts[node.fact];
    checks.push(checkOf(node, factValue, passes(node.operator, node.value as Primitive | Primitive[], factValue)));
  }
  return checks;
}

/** One fact check of a comparison: a fresh object, its list value copied, sharing nothing with the plan. */
function checkOf(node: FactCondition, factValue: Primitive | undefined, result: boolean): FactCheck {
  const value = node.value as Primitive | Primitive[];
  return { fact: node.fact, operator: node.operator, value: Array.isArray(value) ? [...value] : value, factValue: factValue ?? null, result };
}

/** The checks of traceLeaves that held, alone: no object made for a comparison that failed. */
export function heldLeaves(leaves: readonly FactCondition[], facts: Facts): FactCheck[] {
  const checks: FactCheck[] = [];
  for (let i = 0; i < leaves.length; i++) {
    const node = leaves[i] as FactCondition;
    const factValue = facts[node.fact];
    if (passes(node.operator, node.value as Primitive | Primitive[], factValue)) checks.push(checkOf(node, factValue, true));
  }
  return checks;
}

/**
 * A test every evaluation that holds passes: a named condition that holds (`condition`), or a fact
 * present with one of some values (`values`; null: present with any value). `key` names the test.
 */
export type Requirement = { key: string; condition: string } | { key: string; fact: string; values: ReadonlySet<unknown> | null };

/**
 * What a condition needs in order to hold, as tests its facts must pass (see Requirement): `all` needs what
 * each of its parts needs, `any` what all of its branches need, `not` and the comparisons an absent fact
 * passes (notEqual, notIn) nothing. A condition whose requirements fail is false without being evaluated.
 */
export function requirementsOf(condition: Condition, named: ReadonlyMap<string, Condition>): Requirement[] {
  const memo = new Map<string, Map<string, Requirement>>();
  const visiting = new Set<string>();
  const visit = (node: Condition): Map<string, Requirement> => {
    if ('all' in node) return new Map(node.all.flatMap((part) => [...visit(part)]));
    if ('any' in node) {
      const branches = node.any.map(visit);
      return new Map([...(branches[0] ?? [])].filter(([key]) => branches.every((branch) => branch.has(key))));
    }
    if ('not' in node) return new Map();
    if ('condition' in node) {
      const name = node.condition;
      const own: Requirement = { key: `c:${name}`, condition: name };
      const target = named.get(name);
      if (target === undefined || visiting.has(name)) return new Map([[own.key, own]]);
      let inner = memo.get(name);
      if (inner === undefined) {
        visiting.add(name);
        inner = visit(target);
        visiting.delete(name);
        memo.set(name, inner);
      }
      return new Map([[own.key, own], ...inner]);
    }
    const values = node.operator === 'equal' ? [node.value] : node.operator === 'in' ? (node.value as Primitive[]) : null;
    if (values === null && (node.operator === 'notEqual' || node.operator === 'notIn')) return new Map();
    const key = `f:${JSON.stringify(node.fact)}:${values === null ? '*' : JSON.stringify(values.map((v) => JSON.stringify(v)).sort())}`;
    return new Map([[key, { key, fact: node.fact, values: values === null ? null : new Set<unknown>(values) }]]);
  };
  return [...visit(condition).values()];
}
