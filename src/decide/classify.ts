import { type Evaluator, type FactCheck, type Facts, requirementsOf, type SharedResults, traceLeaves } from '../engine/compile.js';
import type { Condition, FactCondition } from '../model/condition.js';
import type { ClassificationRule, Level } from '../model/plan.js';
import type { CompiledClassification, CompiledPlan } from '../plans/compile.js';

export interface Classification {
  level: Level;
  /** The rule that set the level; null when no rule fired: the least severe level stands, or the ungraded phase in a plan graded by judgement. */
  rule: ClassificationRule | null;
  /** Rules that also fired but lost on priority (or, at equal priority, on severity). */
  overruled: ClassificationRule[];
}

/** The classification rules that fire on these facts, in the plan's order; shared conditions are evaluated once for all of them. */
export function firingRules(plan: CompiledPlan, facts: Facts): CompiledClassification[] {
  const shared: SharedResults = new Map();
  return plan.classification.filter((entry) => entry.evaluate(facts, shared));
}

/** The classification given by the rules that fired (in the plan's order): the first one wins, the others are overruled. */
export function classifyFiring(plan: CompiledPlan, firing: readonly CompiledClassification[]): Classification {
  const [winner, ...others] = firing;
  if (winner === undefined) return { level: plan.grading.ungraded ?? (plan.levelsBySeverity[plan.levelsBySeverity.length - 1] as Level), rule: null, overruled: [] };
  return { level: winner.level, rule: winner.rule, overruled: others.map((entry) => entry.rule) };
}

/** Classification rules that need the same facts to fire (requirementsOf), in the plan's order: when those facts fail, none of them is evaluated. */
export interface ClassificationGroup {
  /** What every rule of the group needs; null when there is nothing to test apart from the rule itself (no requirement, or a group of one). */
  test: Evaluator | null;
  /** The rules, each with its place in the plan's order (CompiledPlan.classification). */
  rules: readonly { entry: CompiledClassification; place: number }[];
  /** The place of its first rule: groups are sorted by it. */
  first: number;
}

/** Groups the compiled classification rules (in the plan's order) by what they need to fire; `compile` is the plan's condition compiler, so named conditions are evaluated once per set of facts. */
export function groupClassification(classification: readonly CompiledClassification[], named: ReadonlyMap<string, Condition>, compile: (condition: Condition) => Evaluator): ClassificationGroup[] {
  const groups = new Map<string, { requirements: ReturnType<typeof requirementsOf>; rules: { entry: CompiledClassification; place: number }[] }>();
  classification.forEach((entry, place) => {
    const requirements = requirementsOf(entry.rule.conditions, named).sort((a, b) => (a.key < b.key ? -1 : 1));
    const key = requirements.map((r) => r.key).join('\n');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { requirements, rules: [{ entry, place }] });
    else group.rules.push({ entry, place });
  });
  return [...groups.values()].map(({ requirements, rules }) => {
    // The facts first (a comparison), then the named conditions (memoised in `shared` for the rules).
    const facts = requirements.flatMap((r) => ('fact' in r ? [r] : []));
    const conditions = requirements.flatMap((r) => ('condition' in r ? [compile({ condition: r.condition })] : []));
    const test: Evaluator | null = rules.length === 1 || requirements.length === 0
      ? null
      : (values, shared) => facts.every((r) => values[r.fact] !== undefined && (r.values === null || r.values.has(values[r.fact]))) && conditions.every((holds) => holds(values, shared));
    return { test, rules, first: (rules[0] as { place: number }).place };
  });
}

/**
 * The level the criteria give: the fired rule of highest priority; at equal priority the most severe level (就高).
 * Only the rules before the winner whose group's requirements hold are evaluated; the overruled rules, when asked for, once.
 */
export function classify(plan: CompiledPlan, facts: Facts): Classification {
  const shared: SharedResults = new Map();
  let best = Infinity;
  let winner: CompiledClassification | undefined;
  for (const group of plan.classificationGroups) {
    // Groups come in the order of their first rule: none after this one can hold a rule before the winner.
    if (group.first >= best) break;
    if (group.test !== null && !group.test(facts, shared)) continue;
    for (const { entry, place } of group.rules) {
      if (place >= best) break;
      if (entry.evaluate(facts, shared)) {
        best = place;
        winner = entry;
      }
    }
  }
  if (winner === undefined) return classifyFiring(plan, []);
  return new FoundClassification(winner, plan, facts, best, shared);
}

/** A classification by a rule that fired, whose overruled rules are found when first asked for: a class, as an object literal with a getter is made some 30 times slower. */
class FoundClassification implements Classification {
  readonly level: Level;
  readonly rule: ClassificationRule;
  readonly #plan: CompiledPlan;
  readonly #facts: Facts;
  readonly #place: number;
  readonly #shared: SharedResults;
  #overruled: ClassificationRule[] | undefined;

  constructor(winner: CompiledClassification, plan: CompiledPlan, facts: Facts, place: number, shared: SharedResults) {
    this.level = winner.level;
    this.rule = winner.rule;
    this.#plan = plan;
    this.#facts = facts;
    this.#place = place;
    this.#shared = shared;
  }

  get overruled(): ClassificationRule[] {
    this.#overruled ??= overruledBy(this.#plan, this.#facts, this.#place, this.#shared);
    return this.#overruled;
  }
}

/**
 * The rules that fire on these facts besides the winner, in the plan's order: no rule before the winner's place fired (classify
 * evaluated each), so only those after it are evaluated, in the groups whose requirements hold, with the named conditions classify
 * already evaluated on these facts (`shared`).
 */
function overruledBy(plan: CompiledPlan, facts: Facts, winnerPlace: number, shared: SharedResults): ClassificationRule[] {
  const places: number[] = [];
  for (const group of plan.classificationGroups) {
    if (group.test !== null && !group.test(facts, shared)) continue;
    for (const { entry, place } of group.rules) if (place > winnerPlace && entry.evaluate(facts, shared)) places.push(place);
  }
  return places.sort((a, b) => a - b).map((place) => (plan.classification[place] as CompiledClassification).rule);
}

/** The fact comparisons behind a classification rule, for the explanation (each shared condition's once). */
export function explainRule(plan: CompiledPlan, rule: ClassificationRule, facts: Facts): FactCheck[] {
  // The plan listed the comparisons of each of its rules once (compilePlan).
  return traceLeaves(plan.leaves.get(rule.conditions) as readonly FactCondition[], facts);
}
