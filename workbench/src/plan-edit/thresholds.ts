// The comparisons of facts a form may change: in each classification rule (through the named conditions it uses) and in each named condition.

/** A JSON object of a plan file. */
export type Json = Record<string, unknown>;

/** What holds a condition tree: a classification rule (its `conditions`) or a named condition (`conditions.<name>`). */
export type ConditionOwner = { kind: 'classification'; id: string } | { kind: 'condition'; name: string };

/** Where a path inside a condition tree goes: `any`/`all` and an index, or `not`. */
export type ConditionPath = (string | number)[];

/** One comparison of a fact with a value, where it is, and the rule it was reached from. */
export interface ThresholdTarget {
  owner: ConditionOwner;
  path: ConditionPath;
  fact: string;
  operator: string;
  value: unknown;
  /** The named condition it is in, when reached from a classification rule through it. */
  via: string | null;
}

/** The facts of a plan with their labels (the library's planFacts). */
export interface FactInfo {
  indicators: { name: string; label: string; values: { value: string; label: string }[] }[];
  flags: { name: string; label: string }[];
  metrics: { name: string; label: string; min?: number; max?: number; integer: boolean }[];
}

/** How the form asks for a comparison's new value. */
export type ValueControl =
  | { kind: 'indicator'; multiple: boolean; options: { value: string; label: string }[] }
  | { kind: 'flag' }
  | { kind: 'number'; integer: boolean; min?: number; max?: number };

const OPERATOR_TEXT: Record<string, string> = {
  equal: '为',
  notEqual: '不为',
  in: '属于',
  notIn: '不属于',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const own = (object: Json, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The named conditions of a resolved plan, by name (never through Object.prototype). */
export function namedConditions(resolved: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const conditions = resolved.conditions;
  if (isObject(conditions)) for (const name of Object.keys(conditions)) if (isObject(conditions[name])) out.set(name, conditions[name]);
  return out;
}

/** The classification rules and named conditions of a resolved plan, with a label for a select. */
export function conditionOwners(resolved: Json): { owner: ConditionOwner; label: string }[] {
  const rules = list(resolved.classification)
    .filter((rule) => typeof rule.id === 'string')
    .map((rule) => ({ owner: { kind: 'classification', id: rule.id as string } as ConditionOwner, label: `定级规则 ${rule.id as string}（${String(rule.level)} 级）` }));
  const named = [...namedConditions(resolved).keys()].map((name) => ({ owner: { kind: 'condition', name } as ConditionOwner, label: `命名条件 ${name}` }));
  return [...rules, ...named];
}

/** The condition tree an owner holds in a resolved plan; undefined when there is none. */
export function treeOf(resolved: Json, owner: ConditionOwner): Json | undefined {
  if (owner.kind === 'condition') return namedConditions(resolved).get(owner.name);
  const rule = list(resolved.classification).find((r) => r.id === owner.id);
  return rule && isObject(rule.conditions) ? rule.conditions : undefined;
}

/**
 * Every comparison of a fact in an owner's condition tree, in order. A classification rule's named
 * conditions are followed (each once): their comparisons are the named condition's to change.
 */
export function thresholdTargets(resolved: Json, owner: ConditionOwner): ThresholdTarget[] {
  const named = namedConditions(resolved);
  const out: ThresholdTarget[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown, at: ConditionOwner, path: ConditionPath, via: string | null): void => {
    if (!isObject(node)) return;
    if (typeof node.fact === 'string' && typeof node.operator === 'string') {
      out.push({ owner: at, path, fact: node.fact, operator: node.operator, value: node.value, via });
      return;
    }
    for (const key of ['all', 'any'] as const) if (own(node, key) && Array.isArray(node[key])) (node[key] as unknown[]).forEach((child, i) => walk(child, at, [...path, key, i], via));
    if (own(node, 'not')) walk(node.not, at, [...path, 'not'], via);
    if (typeof node.condition === 'string' && owner.kind === 'classification' && !seen.has(node.condition)) {
      seen.add(node.condition);
      const name = node.condition;
      walk(named.get(name), { kind: 'condition', name }, [], name);
    }
  };
  walk(treeOf(resolved, owner), owner, [], null);
  return out;
}

/** A fact's label: the plan's (planFacts), else its name; 级别序号 for levelRank. */
export function factLabel(fact: string, facts: FactInfo): string {
  if (fact === 'levelRank') return '级别序号';
  return facts.indicators.find((i) => i.name === fact)?.label ?? facts.flags.find((f) => f.name === fact)?.label ?? facts.metrics.find((m) => m.name === fact)?.label ?? fact;
}

/** A value as a person reads it: an indicator value's label, 是/否 for a flag. */
export function valueText(fact: string, value: unknown, facts: FactInfo): string {
  if (Array.isArray(value)) return value.map((v) => valueText(fact, v, facts)).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  const indicator = facts.indicators.find((i) => i.name === fact);
  return indicator?.values.find((v) => v.value === value)?.label ?? String(value);
}

/** A comparison in words: 关注度 属于 极高、高. */
export function comparisonText(target: Pick<ThresholdTarget, 'fact' | 'operator' | 'value'>, facts: FactInfo): string {
  return `${factLabel(target.fact, facts)} ${own(OPERATOR_TEXT, target.operator) ? OPERATOR_TEXT[target.operator] : target.operator} ${valueText(target.fact, target.value, facts)}`;
}

/** How the form asks for a new value: the indicator's values (several for in/notIn), yes or no, or a number. */
export function valueControl(target: Pick<ThresholdTarget, 'fact' | 'operator' | 'value'>, facts: FactInfo): ValueControl {
  const indicator = facts.indicators.find((i) => i.name === target.fact);
  if (indicator) return { kind: 'indicator', multiple: Array.isArray(target.value) || target.operator === 'in' || target.operator === 'notIn', options: indicator.values };
  if (typeof target.value === 'boolean' || facts.flags.some((f) => f.name === target.fact)) return { kind: 'flag' };
  const metric = facts.metrics.find((m) => m.name === target.fact);
  if (metric) return { kind: 'number', integer: metric.integer, ...(metric.min !== undefined ? { min: metric.min } : {}), ...(metric.max !== undefined ? { max: metric.max } : {}) };
  return { kind: 'number', integer: target.fact === 'levelRank' };
}

/** A copy of a condition tree with the comparison at `path` given a new value (the tree is not changed). */
export function withValue(tree: Json, path: ConditionPath, value: unknown): Json {
  const copy = structuredClone(tree);
  let node: unknown = copy;
  for (const step of path) node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[step] : undefined;
  if (!isObject(node) || typeof node.fact !== 'string') throw new Error(`条件中没有这一比较（路径 ${path.join('.') || '（根）'}）`);
  node.value = value;
  return copy;
}
