// json-rules-engine is the reference for the meaning of a plan's conditions: every plan's rules are run
// through json-rules-engine and through the compiled evaluators (src/engine/compile.ts) over the entire
// indicator × flag space, and the results must be identical. No sampling: every combination is checked.
import { describe, expect, it } from 'vitest';
import { classify } from '../src/decide/classify.js';
import type { Facts } from '../src/engine/compile.js';
import { obligationRuleName, referenceEvaluator, type ReferenceEvaluator } from '../src/engine/reference.js';
import type { Condition } from '../src/model/condition.js';
import type { PlanDefinition, PlanSource } from '../src/model/plan.js';
import { CLASSIFICATION_FACT_NAMES, FACT_NAMES, FLAG_NAMES, INDICATOR_NAMES, INDICATORS } from '../src/model/vocabulary.js';
import type { CompiledPlan } from '../src/plans/compile.js';
import { compiledOf, listPlans, loadPlan, type Plan } from '../src/plans/load.js';
import { loadBundled } from './support/bundled.js';
import { basisOf, level } from './support/synthetic-plan.js';

type Value = string | number | boolean | undefined;

/** The dimensions of the space: each indicator (its values, or absent), each flag, and `exercise`. */
const DIMENSIONS: readonly (readonly [string, readonly Value[]])[] = [
  ...INDICATOR_NAMES.map((name) => [name, [...INDICATORS[name], undefined]] as const),
  ...FLAG_NAMES.map((name) => [name, [false, true]] as const),
  ['exercise', [false]],
];
const SPACE_SIZE = DIMENSIONS.reduce((size, [, values]) => size * values.length, 1);

/** Facts of the incident's state besides its level (`subsided`, …): booleans, as the ledger's `factsOf` gives them. */
const STATE_FACTS: readonly string[] = FACT_NAMES.filter((name) => !CLASSIFICATION_FACT_NAMES.includes(name) && name !== 'level' && name !== 'levelRank');

/** Every combination of the space, once each (a mixed-radix count); absent indicators are present as `undefined`. */
function* space(): Generator<Facts> {
  for (let index = 0; index < SPACE_SIZE; index++) {
    const facts: Record<string, Value> = {};
    let rest = index;
    for (const [name, values] of DIMENSIONS) {
      facts[name] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    yield facts;
  }
}

/** The rules the compiled evaluators fire on these facts, named as in the json-rules-engine engine. */
function compiledFired(compiled: CompiledPlan, facts: Facts, only?: ReadonlySet<string>): Set<string> {
  const fired = new Set<string>();
  for (const entry of compiled.classification) if ((!only || only.has(entry.rule.id)) && entry.evaluate(facts)) fired.add(entry.rule.id);
  for (const obligation of compiled.obligations) {
    const name = obligationRuleName(obligation.rule.id);
    if ((!only || only.has(name)) && obligation.applies?.(facts)) fired.add(name);
  }
  return fired;
}

/** The level json-rules-engine's fired rules give: highest priority, ties to the most severe (lowest rank); none fired, the least severe level. */
function levelPicker(definition: PlanDefinition): (fired: ReadonlySet<string>) => string {
  const rank = new Map(definition.levels.map((level) => [level.id, level.rank]));
  const leastSevere = [...definition.levels].sort((a, b) => b.rank - a.rank)[0]?.id as string;
  return (fired) => {
    let best: PlanDefinition['classification'][number] | null = null;
    for (const rule of definition.classification) {
      if (!fired.has(rule.id)) continue;
      if (best === null || rule.priority > best.priority || (rule.priority === best.priority && (rank.get(rule.level) as number) < (rank.get(best.level) as number))) best = rule;
    }
    return best ? best.level : leastSevere;
  };
}

/** Every fact a condition can read, through named conditions too: json-rules-engine asks its almanac for no other. */
function factsRead(condition: Condition, named: PlanDefinition['conditions'], into = new Set<string>()): Set<string> {
  if ('all' in condition) for (const c of condition.all) factsRead(c, named, into);
  else if ('any' in condition) for (const c of condition.any) factsRead(c, named, into);
  else if ('not' in condition) factsRead(condition.not, named, into);
  else if ('condition' in condition) factsRead(named[condition.condition] as Condition, named, into);
  else into.add(condition.fact);
  return into;
}

/** What json-rules-engine fires at a point of the space. */
type Reference = (facts: Facts, only?: ReadonlySet<string>) => Set<string> | Promise<Set<string>>;

/** json-rules-engine as a user runs it: the plan's one engine (src/engine/reference.ts), run on every point. */
async function wholeEngine(definition: PlanDefinition): Promise<{ fired: Reference; runs: () => number }> {
  const evaluate = await referenceEvaluator(definition);
  let runs = 0;
  const fired: Reference = async (facts, only) => {
    runs++;
    const all = await evaluate(facts);
    return only ? new Set([...all].filter((name) => only.has(name))) : all;
  };
  return { fired, runs: () => runs };
}

/**
 * json-rules-engine rule by rule: each rule in an engine of its own (built by src/engine/reference.ts
 * from the plan with that rule alone), run once for each distinct value of the facts the rule reads;
 * every point of the space gets, for every rule, json-rules-engine's own result on those facts.
 * Whole space, exact, no sampling: a rule's outcome in json-rules-engine is a function of the facts its
 * conditions read (the almanac is asked for no other, and no event handler adds facts), and a rule's
 * outcome does not depend on the other rules of the engine.
 */
async function ruleByRule(definition: PlanDefinition): Promise<{ fired: Reference; runs: () => number }> {
  const rules: { name: string; reads: string[]; evaluate: ReferenceEvaluator; memo: Map<number | string, boolean> }[] = [];
  for (const rule of definition.classification) {
    rules.push({
      name: rule.id,
      reads: [...factsRead(rule.conditions, definition.conditions)].sort(),
      evaluate: await referenceEvaluator({ ...definition, classification: [rule], obligations: [] }),
      memo: new Map(),
    });
  }
  for (const obligation of definition.obligations) {
    if (!obligation.when) continue;
    rules.push({
      name: obligationRuleName(obligation.id),
      reads: [...factsRead(obligation.when, definition.conditions)].sort(),
      evaluate: await referenceEvaluator({ ...definition, classification: [], obligations: [obligation] }),
      memo: new Map(),
    });
  }
  let runs = 0;
  // A rule's memo key: the values of the facts it reads, as one number (codes < 64, at most 8 facts) or else as text.
  const codes = new Map<Value, number>([[undefined, 0]]);
  const code = (value: Value): number => {
    let c = codes.get(value);
    if (c === undefined) codes.set(value, (c = codes.size));
    return c;
  };
  const keyOf = (reads: readonly string[], facts: Facts): number | string => {
    if (reads.length > 8 || codes.size > 60) return reads.map((name) => String(facts[name])).join('|');
    let key = 0;
    for (const name of reads) key = key * 64 + code(facts[name]);
    return key;
  };
  const run = async (rule: (typeof rules)[number], key: number | string, facts: Facts): Promise<boolean> => {
    runs++;
    const result = await rule.evaluate(facts);
    const fires = result.has(rule.name);
    if (result.size !== (fires ? 1 : 0)) throw new Error(`the engine of rule ${rule.name} fired ${[...result].join(', ')}`);
    rule.memo.set(key, fires);
    return fires;
  };
  const fired: Reference = (facts, only) => {
    const names = new Set<string>();
    const pending: Promise<void>[] = [];
    for (const rule of rules) {
      if (only && !only.has(rule.name)) continue;
      const key = keyOf(rule.reads, facts);
      const fires = rule.memo.get(key);
      if (fires === undefined) pending.push(run(rule, key, facts).then((f) => void (f && names.add(rule.name))));
      else if (fires) names.add(rule.name);
    }
    // Most points are answered from what json-rules-engine already said: no need to wait then.
    return pending.length === 0 ? names : Promise.all(pending).then(() => names);
  };
  return { fired, runs: () => runs };
}

interface Mismatch {
  facts: Record<string, Value>;
  check: string;
  compiled: string[] | string;
  reference: string[] | string;
}

interface Conformance {
  combinations: number;
  /** States each combination is compared in (2: `subsided` false and true, more if the plan reads other state facts). */
  states: number;
  /** Points compared: each combination in each state. */
  points: number;
  engineRuns: number;
  milliseconds: number;
  mismatches: Mismatch[];
  /** At how many points json-rules-engine fired each rule. */
  firedCount: Map<string, number>;
  levelsReached: Set<string>;
}

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();
function sameNames(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const name of a) if (!b.has(name)) return false;
  return true;
}
const shown = (facts: Facts): Record<string, Value> => Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));

/** Every fact any condition of the plan reads. */
function planReads(definition: PlanDefinition): Set<string> {
  const reads = new Set<string>();
  for (const condition of Object.values(definition.conditions)) factsRead(condition, definition.conditions, reads);
  for (const rule of definition.classification) factsRead(rule.conditions, definition.conditions, reads);
  for (const obligation of definition.obligations) if (obligation.when) factsRead(obligation.when, definition.conditions, reads);
  return reads;
}

/**
 * The states a combination is compared in: `subsided` false and true, and likewise every other state
 * fact the plan reads (each combination of them); a state fact no condition reads stays false.
 */
function statesOf(definition: PlanDefinition): Record<string, boolean>[] {
  const reads = planReads(definition);
  const varied = STATE_FACTS.filter((name) => name === 'subsided' || reads.has(name));
  return Array.from({ length: 2 ** varied.length }, (_, bits) =>
    Object.fromEntries(STATE_FACTS.map((name) => [name, varied.includes(name) && ((bits >> varied.indexOf(name)) & 1) === 1])),
  );
}

/**
 * Runs the whole space through both: for each combination, the level `classify` picks must be the one
 * json-rules-engine's fired rules give, and with the facts extended by that level and each state
 * (`subsided` false, then true), the sets of fired rules (classification rules and obligation
 * conditions) must be identical.
 */
async function conformance(plan: Plan, mode: 'rule-by-rule' | 'whole-engine'): Promise<Conformance> {
  const started = performance.now();
  const compiled = compiledOf(plan);
  const reference = await (mode === 'whole-engine' ? wholeEngine : ruleByRule)(plan.definition);
  const levelFromFired = levelPicker(plan.definition);
  const states = statesOf(plan.definition);
  const varied = new Set(STATE_FACTS.filter((name) => states.some((state) => state[name])));
  const stateRules = new Set<string>();
  for (const rule of plan.definition.classification) if ([...factsRead(rule.conditions, plan.definition.conditions)].some((f) => varied.has(f))) stateRules.add(rule.id);
  for (const o of plan.definition.obligations) if (o.when && [...factsRead(o.when, plan.definition.conditions)].some((f) => varied.has(f))) stateRules.add(obligationRuleName(o.id));
  const result: Conformance = { combinations: 0, states: states.length, points: 0, engineRuns: 0, milliseconds: 0, mismatches: [], firedCount: new Map(), levelsReached: new Set() };
  for (const base of space()) {
    result.combinations++;
    const { level } = classify(compiled, base);
    result.levelsReached.add(level.id);
    for (const [i, state] of states.entries()) {
      const facts: Facts = { ...base, level: level.id, levelRank: level.rank, ...state };
      result.points++;
      // In the first state every rule is compared; in the others only those that read a state fact, the rest
      // reading exactly the same facts as in the first (every rule's outcome is a function of the facts it reads).
      const only = i === 0 ? undefined : stateRules;
      const expected = compiledFired(compiled, facts, only);
      const answer = reference.fired(facts, only);
      const actual = answer instanceof Promise ? await answer : answer;
      for (const name of actual) result.firedCount.set(name, (result.firedCount.get(name) ?? 0) + 1);
      if (!sameNames(expected, actual)) {
        result.mismatches.push({ facts: shown(facts), check: 'fired rules', compiled: sorted(expected), reference: sorted(actual) });
      }
      const referenceLevel = i === 0 ? levelFromFired(actual) : level.id;
      if (referenceLevel !== level.id) {
        result.mismatches.push({ facts: shown(facts), check: 'level', compiled: level.id, reference: referenceLevel });
      }
    }
  }
  result.engineRuns = reference.runs();
  result.milliseconds = Math.round(performance.now() - started);
  return result;
}

/** `CONFORMANCE_WHOLE_ENGINE=1` runs every point through the plan's one engine instead (slow: minutes). */
const MODE = process.env.CONFORMANCE_WHOLE_ENGINE === '1' ? 'whole-engine' : 'rule-by-rule';

function expectConformance(id: string, result: Conformance): void {
  console.log(`${id} (${MODE}): ${result.combinations} combinations × ${result.states} states = ${result.points} points compared, ${result.engineRuns} json-rules-engine runs, ${result.mismatches.length} mismatches, ${result.milliseconds} ms`);
  expect(result.combinations).toBe(SPACE_SIZE);
  expect(result.states).toBeGreaterThanOrEqual(2);
  expect(result.points).toBe(result.states * SPACE_SIZE);
  expect(result.engineRuns).toBeGreaterThan(0);
  if (MODE === 'whole-engine') expect(result.engineRuns).toBe(result.points);
  const firstFew = JSON.stringify(result.mismatches.slice(0, 5), null, 2);
  expect(result.mismatches, `${result.mismatches.length} mismatches; the first few:\n${firstFew}`).toEqual([]);
}

const TIMEOUT = 900_000;

describe('the space of combinations', () => {
  it('is the product of every indicator (each value, or absent), every flag and exercise false', () => {
    const size = INDICATOR_NAMES.reduce((n, name) => n * (INDICATORS[name].length + 1), 1) * 2 ** FLAG_NAMES.length;
    expect(size).toBeGreaterThanOrEqual(64_000);
    expect(SPACE_SIZE).toBe(size);
    const seen = new Set<string>();
    for (const facts of space()) seen.add(JSON.stringify(DIMENSIONS.map(([name]) => facts[name] ?? null)));
    expect(seen.size).toBe(SPACE_SIZE);
  });
});

describe('compiled evaluators conform to json-rules-engine over the whole space', () => {
  it.each(listPlans().map((p) => p.id))('bundled plan %s', async (id) => {
    expectConformance(id, await conformance(loadBundled(id), MODE));
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------
// A synthetic plan with every operator the schema allows, nested all/any/not, an empty `all`, named
// conditions that refer to named conditions (one whose root is a reference, one a single-item `any`),
// condition priorities, and tied rule priorities: a subtle divergence of the compiled
// evaluators from json-rules-engine shows up here even where the bundled plans do not reach it.
const basis = basisOf('synthetic conformance plan');
const duty = (id: string, when?: PlanSource['obligations'][number]['when']) => ({
  id, step: 'track' as const, title: `合成义务 ${id}`, responsible: 'office', basis, ...(when ? { when } : {}),
});

const SYNTHETIC: PlanSource = {
  id: 'synthetic-conformance',
  version: '1',
  title: '合成一致性测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/conformance.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis), level('IV', 4, basis)],
  conditions: {
    hot: { any: [{ fact: 'attention', operator: 'in', value: ['extreme', 'high'] }, { fact: 'spread', operator: 'equal', value: 'very-fast' }] },
    // true for "intense" and for an absent foreignMedia (notIn and not-equal hold on an absent fact)
    'foreign-unless-known-mild': {
      all: [
        { fact: 'foreignMedia', operator: 'notIn', value: ['none'], priority: 2 },
        { not: { fact: 'foreignMedia', operator: 'equal', value: 'emerging' } },
      ],
    },
    'hot-and-foreign': { all: [{ condition: 'hot' }, { condition: 'foreign-unless-known-mild' }] },
    'also-hot': { condition: 'hot' },
    quiet: { not: { condition: 'also-hot' } },
    anything: { all: [] },
    mass: { any: [{ fact: 'massIncident', operator: 'equal', value: true }] },
    wide: {
      any: [
        { fact: 'reach', operator: 'notIn', value: ['small', 'limited'] },
        { all: [{ fact: 'reach', operator: 'equal', value: 'limited' }, { fact: 'offlineRisk', operator: 'notEqual', value: 'none' }] },
      ],
    },
    'high-rank': {
      any: [
        { fact: 'levelRank', operator: 'lessThan', value: 2, priority: 3 },
        { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }, { fact: 'level', operator: 'notEqual', value: 'I' }] },
      ],
    },
  },
  classification: [
    {
      id: 'c-i', level: 'I', priority: 50, basis,
      conditions: {
        all: [
          { condition: 'hot-and-foreign' },
          {
            any: [
              { fact: 'offlineRisk', operator: 'equal', value: 'imminent' },
              { condition: 'mass' },
              { not: { all: [{ fact: 'falseReport', operator: 'equal', value: false }, { fact: 'suspectedCrime', operator: 'notEqual', value: true }] } },
            ],
          },
        ],
      },
    },
    { id: 'c-ii-hot', level: 'II', priority: 40, basis, conditions: { condition: 'also-hot' } },
    {
      id: 'c-iii-tie', level: 'III', priority: 40, basis,
      conditions: { any: [{ condition: 'wide' }, { all: [{ fact: 'mediaInquiry', operator: 'equal', value: true }, { fact: 'attention', operator: 'notIn', value: ['low'] }] }] },
    },
    {
      id: 'c-ii-not', level: 'II', priority: 30, basis,
      conditions: {
        not: {
          any: [
            { fact: 'offlineRisk', operator: 'in', value: ['none', 'possible'] },
            { fact: 'exercise', operator: 'equal', value: true },
            { fact: 'pressConference', operator: 'equal', value: true, priority: 5 },
          ],
        },
      },
    },
    {
      id: 'c-iii-false', level: 'III', priority: 20, basis,
      conditions: {
        all: [
          { fact: 'falseReport', operator: 'equal', value: true },
          { all: [] },
          { any: [{ condition: 'anything' }] },
          { fact: 'attention', operator: 'notEqual', value: 'extreme' },
        ],
      },
    },
    { id: 'c-iv', level: 'IV', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '领导小组办公室' }],
  escalation: ['I', 'II', 'III', 'IV'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  obligations: [
    duty('o-always'),
    duty('o-empty', { all: [] }),
    duty('o-lt', { all: [{ fact: 'levelRank', operator: 'lessThan', value: 2 }] }),
    duty('o-lte', { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] }),
    duty('o-gt', { any: [{ fact: 'levelRank', operator: 'greaterThan', value: 3 }] }),
    duty('o-gte', { any: [{ fact: 'levelRank', operator: 'greaterThanInclusive', value: 3 }] }),
    duty('o-level-in', { all: [{ fact: 'level', operator: 'in', value: ['I', 'III'] }] }),
    duty('o-level-not-notin', { not: { fact: 'level', operator: 'notIn', value: ['II', 'IV'] } }),
    duty('o-level-neq', { all: [{ fact: 'level', operator: 'notEqual', value: 'IV' }, { fact: 'subsided', operator: 'notEqual', value: true }] }),
    duty('o-subsided-high', { all: [{ fact: 'subsided', operator: 'equal', value: true }, { condition: 'high-rank' }] }),
    duty('o-mixed', {
      any: [{ condition: 'quiet', priority: 2 }, { not: { condition: 'hot-and-foreign' } }, { fact: 'levelRank', operator: 'greaterThan', value: 1.5 }],
    }),
    duty('o-flags', {
      all: [
        { condition: 'mass' },
        { any: [{ fact: 'falseReport', operator: 'equal', value: true }, { fact: 'suspectedCrime', operator: 'in', value: [true] }, { fact: 'mediaInquiry', operator: 'notIn', value: [false] }] },
        { not: { all: [{ condition: 'anything' }, { fact: 'pressConference', operator: 'equal', value: true }] } },
      ],
    }),
    duty('o-named-root', { condition: 'wide' }),
  ],
};

describe('compiled evaluators conform to json-rules-engine on a synthetic plan using every operator and form', () => {
  it('covers the whole space with identical results, and every rule both fires and fails somewhere', async () => {
    const plan = loadPlan(SYNTHETIC);
    const result = await conformance(plan, MODE);
    expectConformance(plan.id, result);

    // Not vacuous: every level is reached, every rule fires somewhere, and each fails somewhere unless it is unconditional.
    expect([...result.levelsReached].sort()).toEqual(['I', 'II', 'III', 'IV']);
    const names = [
      ...plan.definition.classification.map((rule) => rule.id),
      ...plan.definition.obligations.filter((o) => o.when).map((o) => obligationRuleName(o.id)),
    ];
    const unconditional = ['c-iv', obligationRuleName('o-empty')];
    const neverFired = names.filter((name) => !result.firedCount.get(name));
    const neverFailed = names.filter((name) => !unconditional.includes(name) && result.firedCount.get(name) === result.points);
    expect({ neverFired, neverFailed }).toEqual({ neverFired: [], neverFailed: [] });
  }, TIMEOUT);
});
