import type { Condition } from '../model/condition.js';
import { factTableOf, isIntegerMetric, type FactTable } from '../model/facts.js';
import { compiledOf, loadPlan, type Plan } from '../plans/load.js';
import { PlanDefinitionSchema, type DeclaredMetric, type PlanDefinition } from '../model/plan.js';
import { isPlainObject, isRevoked } from '../model/untrusted.js';
import { checkData, checkOption, invalidArgument, optionsArgument, received, textArgument } from '../render/argument.js';
import type { ScenarioFile } from './scenario.js';
import { say, type Lang } from '../i18n/lang.js';
import { langOf } from './lang.js';
import { checkFile, filePasses } from './suite.js';

export type MutantKind = 'offset' | 'anchor' | 'level' | 'lead' | 'drop-notify' | 'recipient' | 'negate' | 'enum' | 'threshold' | 'flag' | 'number';

/** One small change to a plan's rules, as data: apply it to a copy of the resolved rule file. */
export interface Mutant {
  id: string;
  kind: MutantKind;
  /** Where in the resolved rule file, e.g. `obligations.report-leading-group.offset`. */
  target: string;
  description: string;
  apply: (definition: Record<string, unknown>) => void;
}

export interface MutantResult {
  id: string;
  kind: MutantKind;
  target: string;
  description: string;
  status: 'killed' | 'survived';
  /** How it was killed: a scenario failed, or the mutated plan did not load. */
  killedBy?: 'scenario' | 'load';
}

export interface MutationReport {
  plan: { id: string; version: string };
  scenarios: number;
  total: number;
  killed: number;
  survived: MutantResult[];
  /** killed / total, 0..1 (a plan has at least one mutant: the lead of each level's escalation). */
  score: number;
  results: MutantResult[];
}

type Json = Record<string, unknown>;
type Leaf = { fact: string; operator: string; value: unknown };

/** The indices of the JSON arrays/objects the mutants address by id. */
const byId = <T extends { id: string }>(items: T[], id: string): T => items.find((x) => x.id === id) as T;

function leaves(condition: Condition, path: (string | number)[], out: { path: (string | number)[]; leaf: Leaf }[]): void {
  if ('all' in condition) condition.all.forEach((c, i) => leaves(c, [...path, 'all', i], out));
  else if ('any' in condition) condition.any.forEach((c, i) => leaves(c, [...path, 'any', i], out));
  else if ('not' in condition) leaves(condition.not, [...path, 'not'], out);
  // A fact comparison, or a reference to a shared condition, which has no value: `leafMutants` makes
  // nothing of a reference (the shared condition is mutated where it is defined).
  else out.push({ path, leaf: condition as Leaf });
}

function at(root: unknown, path: readonly (string | number)[]): Json {
  let node = root as Json;
  for (const part of path) node = (node as Record<string | number, unknown>)[part] as Json;
  return node;
}

/** Doubles the first number of an ISO 8601 duration: PT30M → PT60M, P1D → P2D. */
export function doubleDuration(offset: string): string | null {
  textArgument(offset, 'offset', 'an ISO 8601 duration such as PT30M');
  const match = /(\d+(?:\.\d+)?)([YMWDHS])/.exec(offset);
  if (!match) return null;
  return offset.replace(match[0], `${Number(match[1]) * 2}${match[2]}`);
}

/** The mutants of one condition leaf: a threshold or enum value (of a shared or declared indicator, or a level) moved one step, a boolean flipped, a number moved by one. */
function leafMutants(leaf: Leaf, levels: readonly string[], table: FactTable, lang: Lang): { kind: MutantKind; value: unknown; description: string }[] {
  const out: { kind: MutantKind; value: unknown; description: string }[] = [];
  const entry = table.facts.get(leaf.fact);
  const order: readonly string[] | null = entry?.kind === 'indicator' ? (entry.values as readonly string[]) : leaf.fact === 'level' ? levels : null;
  const show = (v: unknown) => JSON.stringify(v);
  if (order && typeof leaf.value === 'string') {
    const i = order.indexOf(leaf.value);
    const other = order[i + 1] ?? order[i - 1];
    if (other !== undefined) out.push({ kind: 'enum', value: other, description: `${leaf.fact} ${leaf.operator} ${show(leaf.value)} → ${show(other)}` });
  } else if (order && Array.isArray(leaf.value)) {
    const values = leaf.value as string[];
    // Every value is one of the order's: the plan was validated.
    const weakest = Math.max(...values.map((v) => order.indexOf(v)));
    if (values.length > 1) {
      const tighter = values.filter((v) => order.indexOf(v) !== weakest);
      out.push({ kind: 'threshold', value: tighter, description: `${leaf.fact} ${leaf.operator} ${show(values)} → ${show(tighter)}${say(lang, `（去掉 ${show(order[weakest])}）`, ` (drops ${show(order[weakest])})`)}` });
    }
    const next = order[weakest + 1];
    if (next !== undefined && !values.includes(next)) {
      out.push({ kind: 'threshold', value: [...values, next], description: `${leaf.fact} ${leaf.operator} ${show(values)} → ${say(lang, '增加', 'adds')} ${show(next)}` });
    } else if (values.length === 1 && weakest > 0) {
      out.push({ kind: 'enum', value: [order[weakest - 1]], description: `${leaf.fact} ${leaf.operator} ${show(values)} → ${show([order[weakest - 1]])}` });
    }
  } else if (typeof leaf.value === 'boolean') {
    out.push({ kind: 'flag', value: !leaf.value, description: `${leaf.fact} ${leaf.operator} ${leaf.value} → ${!leaf.value}` });
  } else if (typeof leaf.value === 'number') {
    out.push({ kind: 'number', value: leaf.value + 1, description: `${leaf.fact} ${leaf.operator} ${leaf.value} → ${leaf.value + 1}` });
  }
  return out;
}

/**
 * The mutants of a plan, each a small change to one rule of the resolved rule file (template applied,
 * blanks filled): an offset doubled, an anchor moved, a classification rule's level swapped for the
 * next, a level's lead replaced, a notify obligation dropped, a recipient replaced, an obligation's
 * `when` negated, every threshold or enum value in a condition moved one step (declared indicators'
 * values too), and each band of a declared metric moved: its threshold one below and one above (0.5
 * for a metric that is not whole numbers), its value one step less severe.
 */
export function mutantsOf(definition: PlanDefinition, options?: { lang?: Lang }): Mutant[] {
  // A definition of another shape would fail halfway with a TypeError: checked as loadPlan checks a rule file.
  checkData(PlanDefinitionSchema, definition, 'definition');
  const lang = langOf(options);
  const t = (zh: string, en: string): string => say(lang, zh, en);
  const out: Mutant[] = [];
  // How many mutants of each kind each target has so far: counted, not searched for (a search per mutant is quadratic).
  const counts = new Map<string, number>();
  const add = (kind: MutantKind, target: string, description: string, apply: (d: Json) => void): void => {
    const key = `${target}#${kind}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    out.push({ id: `${key}-${n}`, kind, target, description, apply });
  };
  const levelIds = [...definition.levels].sort((a, b) => a.rank - b.rank).map((l) => l.id);
  const roleIds = definition.roles.map((r) => r.id);
  const table = factTableOf(definition);
  const recipientIds = definition.recipients.map((r) => r.id);

  const conditionMutants = (condition: Condition, base: (d: Json) => Condition, target: string): void => {
    const found: { path: (string | number)[]; leaf: Leaf }[] = [];
    leaves(condition, [], found);
    for (const { path, leaf } of found) {
      for (const m of leafMutants(leaf, levelIds, table, lang)) {
        add(m.kind, target, m.description, (d) => {
          at(base(d), path).value = structuredClone(m.value);
        });
      }
    }
  };

  for (const name of table.metrics) {
    const metric = table.facts.get(name)?.metric as DeclaredMetric;
    const sets = metric.sets;
    if (!sets) continue;
    const step = isIntegerMetric(metric) ? 1 : 0.5;
    // The indicator a band sets is one of the plan's (checked at load).
    const order = table.facts.get(sets.indicator)?.values as readonly string[];
    const band = (d: Json, i: number) => ((((d.facts as Json).metrics as Json)[name] as Json).sets as { bands: Json[] }).bands[i] as Json;
    sets.bands.forEach((b, i) => {
      const target = `facts.metrics.${name}.bands.${i}`;
      for (const moved of [b.atLeast - step, b.atLeast + step]) {
        add('threshold', target, `${name} ≥ ${b.atLeast} → ${sets.indicator} ${b.value}${t('：阈值', ': threshold')} ${b.atLeast} → ${moved}`, (d) => (band(d, i).atLeast = moved));
      }
      const other = order[order.indexOf(b.value) + 1];
      if (other !== undefined) add('enum', target, `${name} ≥ ${b.atLeast}${t('：', ': ')}${sets.indicator} ${b.value} → ${other}`, (d) => (band(d, i).value = other));
    });
  }
  for (const [id, condition] of Object.entries(definition.conditions)) {
    conditionMutants(condition, (d) => (d.conditions as Record<string, Condition>)[id] as Condition, `conditions.${id}`);
  }
  for (const rule of definition.classification) {
    const target = `classification.${rule.id}`;
    const i = levelIds.indexOf(rule.level);
    const other = levelIds[i + 1] ?? levelIds[i - 1];
    if (other !== undefined) {
      add('level', target, `${t('级别', 'level')} ${rule.level} → ${other}`, (d) => {
        byId(d.classification as { id: string; level: string }[], rule.id).level = other;
      });
    }
    conditionMutants(rule.conditions, (d) => byId(d.classification as { id: string; conditions: Condition }[], rule.id).conditions, target);
  }
  for (const e of definition.escalation) {
    const other = e.lead === 'leading-group' ? 'office' : 'leading-group';
    add('lead', `escalation.${e.level}`, `${t('牵头', 'lead')} ${e.lead} → ${other}`, (d) => {
      (d.escalation as { level: string; lead: string }[]).filter((x) => x.level === e.level).forEach((x) => (x.lead = other));
    });
  }
  for (const o of definition.obligations) {
    const target = `obligations.${o.id}`;
    const find = (d: Json) => byId(d.obligations as (Json & { id: string })[], o.id);
    if (o.offset !== null) {
      // A valid offset (checked at load) always has a number to double.
      const doubled = doubleDuration(o.offset) as string;
      add('offset', target, `${t('时限', 'offset')} ${o.offset} → ${doubled}`, (d) => (find(d).offset = doubled));
      if (o.anchor !== 'arisen') {
        const other = o.anchor === 'occurredAt' ? 'discoveredAt' : 'occurredAt';
        add('anchor', target, `${t('起算点', 'anchor')} ${o.anchor} → ${other}`, (d) => (find(d).anchor = other));
      }
    }
    // A notify duty always has a recipient `to` (checked at load).
    if (o.to !== undefined) {
      if (o.notify) {
        add('drop-notify', target, t(`去掉向 ${o.to} 的 ${o.notify}`, `drop the ${o.notify} to ${o.to}`), (d) => {
          d.obligations = (d.obligations as { id: string }[]).filter((x) => x.id !== o.id);
        });
      }
      // Another party of the same kind; the only recipient gives way to the first role (roles and
      // recipients have distinct ids, and every plan has the roles leading-group and office).
      const pool = recipientIds.includes(o.to) ? recipientIds : roleIds;
      const other = pool.find((id) => id !== o.to) ?? (roleIds[0] as string);
      add('recipient', target, `${t('对象', 'to')} ${o.to} → ${other}`, (d) => (find(d).to = other));
    }
    if (o.when) {
      add('negate', target, 'when → not(when)', (d) => {
        const x = find(d);
        x.when = { not: x.when };
      });
      conditionMutants(o.when, (d) => find(d).when as Condition, target);
    }
  }
  return out;
}

export interface MutateOptions {
  parameters?: Record<string, string | number>;
  /** Called after each mutant, for progress. */
  onProgress?: (done: number, total: number, result: MutantResult) => void;
  /** The language of the mutants' descriptions: Chinese by default, `'en'` for English. */
  lang?: Lang;
}

/**
 * Mutation testing of a plan's scenarios: each mutant of the plan is loaded and the scenario files run
 * against it; a mutant is killed when a scenario fails or the mutated plan does not load.
 * Throws when the scenarios do not all pass on the plan itself.
 */
export function mutatePlan(plan: Plan, files: readonly ScenarioFile[], options: MutateOptions = {}): MutationReport {
  compiledOf(plan);
  if (files === null || typeof files !== 'object' || isRevoked(files) || !Array.isArray(files)) {
    invalidArgument([{ path: ['files'], code: 'invalid_type', message: 'files must be a list of scenario files', received: received(files), expected: 'an array of scenario files (each as parseScenarioFile gives it)' }]);
  }
  // By index: a hole is not a scenario file either.
  for (let i = 0; i < files.length; i++) checkFile(files[i], ['files', i]);
  const given = optionsArgument(options, 'options', '{ parameters: { … }, onProgress: (done, total, result) => … }');
  checkOption(given, ['options', 'parameters'], (v) => isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number'), 'an object of texts and numbers, such as { "unit": "某局" }');
  checkOption(given, ['options', 'onProgress'], (v) => typeof v === 'function', 'a function (done, total, result) => …');
  const lang = langOf(given);
  for (const file of files) {
    if (!filePasses(plan, file)) {
      throw new Error(say(lang, `预案 ${plan.id} 的场景在预案本身上并未全部通过；请先修正场景再做变异测试`, `the scenarios of plan ${plan.id} do not all pass on the plan itself; fix them before mutation testing`));
    }
  }
  const parameters = options.parameters ?? plan.parameters;
  const mutants = mutantsOf(plan.definition, { lang });
  const results: MutantResult[] = [];
  mutants.forEach((mutant, index) => {
    const copy = structuredClone(plan.definition) as unknown as Json;
    mutant.apply(copy);
    let result: MutantResult;
    const base = { id: mutant.id, kind: mutant.kind, target: mutant.target, description: mutant.description };
    let mutated: Plan | null;
    try {
      mutated = loadPlan(copy, { parameters });
    } catch {
      mutated = null;
    }
    if (mutated === null) result = { ...base, status: 'killed', killedBy: 'load' };
    else if (files.some((file) => !filePasses(mutated, file))) result = { ...base, status: 'killed', killedBy: 'scenario' };
    else result = { ...base, status: 'survived' };
    results.push(result);
    options.onProgress?.(index + 1, mutants.length, result);
  });
  const killed = results.filter((r) => r.status === 'killed').length;
  return {
    plan: { id: plan.id, version: plan.version },
    scenarios: files.reduce((n, f) => n + f.scenarios.length, 0),
    total: results.length,
    killed,
    survived: results.filter((r) => r.status === 'survived'),
    score: killed / results.length,
    results,
  };
}

/** `mutation score: NN%`, rounded down so that 89.9 % never shows as 90 %. */
export function formatScore(score: number): string {
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) invalidArgument([{ path: ['score'], code: 'invalid_type', message: 'not a mutation score', received: received(score), expected: 'a number from 0 to 1 (MutationReport.score)' }]);
  return `mutation score: ${Math.floor(score * 100)}%`;
}
