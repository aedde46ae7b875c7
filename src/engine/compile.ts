import type { Condition, FactCondition, Operator } from '../model/condition.js';

/** Facts of one evaluation: plain values by fact name. */
export type Facts = Readonly<Record<string, string | number | boolean | undefined>>;

export type Evaluator = (facts: Facts) => boolean;

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

/** Compiles a condition tree into a plain synchronous function; named conditions are inlined. */
export function compileCondition(condition: Condition, named: ReadonlyMap<string, Condition>): Evaluator {
  const compile = (node: Condition, seen: readonly string[]): Evaluator => {
    if ('all' in node) {
      const parts = node.all.map((c) => compile(c, seen));
      // Stryker disable next-line ConditionalExpression: shortcuts; the loop below gives the same answers.
      if (parts.length === 0) return () => true;
      // Stryker disable next-line ConditionalExpression: a shortcut, as above.
      if (parts.length === 1) return parts[0] as Evaluator;
      return (facts) => {
        for (const part of parts) if (!part(facts)) return false;
        return true;
      };
    }
    if ('any' in node) {
      const parts = node.any.map((c) => compile(c, seen));
      // Stryker disable next-line ConditionalExpression: a shortcut; the loop below gives the same answers.
      if (parts.length === 1) return parts[0] as Evaluator;
      return (facts) => {
        for (const part of parts) if (part(facts)) return true;
        return false;
      };
    }
    if ('not' in node) {
      const inner = compile(node.not, seen);
      return (facts) => !inner(facts);
    }
    if ('condition' in node) {
      const target = named.get(node.condition);
      if (!target || seen.includes(node.condition)) return () => false;
      return compile(target, [...seen, node.condition]);
    }
    return compileFact(node);
  };
  // Stryker disable next-line ArrayDeclaration: no condition is named like a mutant's placeholder.
  return compile(condition, []);
}

/** Every fact comparison of a condition with its result, for an explanation: every branch, so it names all the facts that matched. */
export function traceCondition(condition: Condition, named: ReadonlyMap<string, Condition>, facts: Facts): FactCheck[] {
  const checks: FactCheck[] = [];
  const visit = (node: Condition, seen: readonly string[]): void => {
    if ('all' in node) node.all.forEach((c) => visit(c, seen));
    else if ('any' in node) node.any.forEach((c) => visit(c, seen));
    else if ('not' in node) visit(node.not, seen);
    else if ('condition' in node) {
      const target = named.get(node.condition);
      // Stryker disable next-line ArrayDeclaration: loadPlan refuses cycles of named conditions; the guard is for safety.
      if (target !== undefined && !seen.includes(node.condition)) visit(target, [...seen, node.condition]);
    } else {
      const factValue = facts[node.fact];
      const result = operatorTest(node.operator, node.value as Primitive | Primitive[])(factValue);
      checks.push({ fact: node.fact, operator: node.operator, value: node.value, factValue: factValue ?? null, result });
    }
  };
  // Stryker disable next-line ArrayDeclaration: as in compileCondition.
  visit(condition, []);
  return checks;
}
