import type { Evaluator, Facts } from '../engine/compile.js';
import { conditionReference } from '../engine/reference.js';
import type { Condition } from '../model/condition.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { checkOption, optionsArgument } from '../render/argument.js';
import { say, type Lang } from '../i18n/lang.js';
import { langOf } from './lang.js';
import { compareCodePoints } from './scenario.js';
import { type Choice, domainOf, factsRead, type FactValue, levelChoice, numbersCompared, showPoint } from './space.js';
import { canonical } from './verify.js';

/**
 * The most points one `checkWithEngine` run compares, all conditions together (a point: one condition
 * evaluated on one combination of the facts it reads, by json-rules-engine and by the compiled
 * evaluator; json-rules-engine takes some 20–50 µs a run, so a few seconds at most). A condition whose
 * points would pass what is left of it is not run and is reported in `notChecked`: the check never
 * hangs and never passes what it did not compare. The bundled plans need a few thousand.
 */
export const ENGINE_CHECK_BUDGET = 100_000;

export interface EngineCheckOptions {
  /** The most points to compare (default {@link ENGINE_CHECK_BUDGET}). */
  budget?: number;
  /**
   * What the library decides for a condition at a point, in place of the compiled plan's evaluators:
   * a seam for testing the check itself. `subject` names the condition as in the report.
   */
  evaluate?: (subject: string, facts: Facts) => boolean;
  /** The language of the findings' messages: Chinese by default, `'en'` for English. */
  lang?: Lang;
}

/** A condition whose compiled evaluator and json-rules-engine disagree somewhere in its space. */
export interface EngineFinding {
  /** `classification.<rule id>`, `grading.raise.<rule id>` or `obligations.<obligation id>`. */
  subject: string;
  message: string;
  /** At how many points they disagree. */
  count: number;
  /** The first such point (the facts given; absent ones left out). */
  example: Record<string, string | number | boolean>;
  compiled: boolean;
  engine: boolean;
}

/** A condition not compared: its points pass what is left of the budget. */
export interface EngineNotChecked {
  subject: string;
  /** Its points: every combination of the values of the facts it reads. */
  points: number;
  message: string;
}

export interface EngineCheckReport {
  plan: { id: string; version: string };
  /** Conditions compared (rules), and points compared, all conditions together. */
  checked: { rules: number; points: number };
  findings: EngineFinding[];
  notChecked: EngineNotChecked[];
}

/** One condition to compare: what the report calls it, the condition, and its compiled evaluator. */
interface Subject {
  subject: string;
  condition: Condition;
  evaluate: Evaluator;
}

/**
 * The choices of a condition's space: the level (with `levelRank` and `graded`, set together) when it
 * reads any of them, then each other fact it reads by name: an indicator's values and absent, a flag
 * true, false and absent, a state true and false, a metric's representatives around the numbers the
 * condition compares it with and its band thresholds, and absent.
 */
function choicesOf(plan: Plan, condition: Condition): { facts: string[]; choices: Choice[] } {
  const compiled = compiledOf(plan);
  const table = compiled.facts;
  const reads = [...factsRead(condition, compiled.named)].sort(compareCodePoints);
  const numbers = numbersCompared(condition, compiled.named);
  const choices: Choice[] = [];
  if (reads.some((fact) => fact === 'level' || fact === 'levelRank' || fact === 'graded')) choices.push(levelChoice(plan.definition));
  for (const fact of reads) {
    if (fact === 'level' || fact === 'levelRank' || fact === 'graded') continue;
    const domain: FactValue[] = domainOf(fact, table, numbers.get(fact));
    // An incident may leave a flag out: json-rules-engine then sees no fact at all.
    if (table.facts.get(fact)?.kind === 'flag') domain.push(undefined);
    choices.push(domain.map((value) => ({ [fact]: value })));
  }
  return { facts: reads, choices };
}

/** Calls `visit` with every combination of the choices, in a fixed order (the last choice varies fastest). */
async function eachPoint(choices: readonly Choice[], visit: (point: Facts) => Promise<void>): Promise<void> {
  const size = choices.reduce((n, c) => n * c.length, 1);
  for (let index = 0; index < size; index++) {
    const point: Record<string, FactValue> = Object.create(null) as Record<string, FactValue>;
    let rest = index;
    for (let i = choices.length - 1; i >= 0; i--) {
      const choice = choices[i] as Choice;
      Object.assign(point, choice[rest % choice.length]);
      rest = Math.floor(rest / choice.length);
    }
    await visit(point);
  }
}

/**
 * Runs every classification rule, every raise rule (`grading.raise`) and every obligation's `when`
 * through json-rules-engine itself (the dependency, as a user of it would run it) and through the
 * plan's compiled evaluators, over the plan's declared fact space: each condition at every combination
 * of the facts it reads (see `choicesOf`), and reports each condition on which they disagree. The work
 * is bounded by `options.budget` ({@link ENGINE_CHECK_BUDGET}); conditions past it are listed in
 * `notChecked`. Identical conditions are run through json-rules-engine once. Reads nothing but the plan.
 */
export async function checkWithEngine(plan: Plan, options: EngineCheckOptions = {}): Promise<EngineCheckReport> {
  const compiled = compiledOf(plan);
  const given = optionsArgument(options, 'options', '{ budget: 100000 }');
  checkOption(given, ['options', 'budget'], (v) => typeof v === 'number' && v >= 0, 'a number of points, 0 or more');
  checkOption(given, ['options', 'evaluate'], (v) => typeof v === 'function', 'a function (subject, facts) => boolean');
  const lang = langOf(given);
  const definition = plan.definition;
  const budget = options.budget ?? ENGINE_CHECK_BUDGET;
  const subjects: Subject[] = [];
  for (const entry of definition.classification) {
    const rule = compiled.classification.find((c) => c.rule === entry) as (typeof compiled.classification)[number];
    subjects.push({ subject: `classification.${entry.id}`, condition: entry.conditions, evaluate: rule.evaluate });
  }
  for (const raise of compiled.grading.raise) subjects.push({ subject: `grading.raise.${raise.rule.id}`, condition: raise.rule.when, evaluate: raise.evaluate });
  for (const obligation of compiled.obligations) {
    if (obligation.rule.when) subjects.push({ subject: `obligations.${obligation.rule.id}`, condition: obligation.rule.when, evaluate: obligation.applies as Evaluator });
  }

  const report: EngineCheckReport = { plan: { id: plan.id, version: plan.version }, checked: { rules: 0, points: 0 }, findings: [], notChecked: [] };
  // json-rules-engine's answers by condition (its text, keys in code-point order), in the order of its points.
  const answers = new Map<string, boolean[]>();
  for (const { subject, condition, evaluate } of subjects) {
    const { facts, choices } = choicesOf(plan, condition);
    const points = choices.reduce((n, c) => n * c.length, 1);
    if (points > budget - report.checked.points) {
      report.notChecked.push({
        subject,
        points,
        message: say(
          lang,
          `未经 json-rules-engine 核对：${facts.join(', ')} 的 ${points} 种组合超出剩余预算（${budget} 个取值组合中剩 ${budget - report.checked.points} 个）`,
          `not run through json-rules-engine: its ${points} combinations of ${facts.join(', ')} pass what is left of the budget (${budget - report.checked.points} of ${budget} points)`,
        ),
      });
      continue;
    }
    const key = canonical(condition);
    const known = answers.get(key);
    const engine = known ?? [];
    const reference = known ? null : conditionReference(condition, definition.conditions);
    const library = options.evaluate ? (facts: Facts) => (options.evaluate as NonNullable<EngineCheckOptions['evaluate']>)(subject, facts) : (facts: Facts) => evaluate(facts);
    let number = 0;
    const found: { finding?: EngineFinding } = {};
    await eachPoint(choices, async (point) => {
      const expected = reference ? await reference(point) : (engine[number] as boolean);
      if (reference) engine.push(expected);
      number += 1;
      const actual = library(point);
      if (actual === expected) return;
      if (found.finding) found.finding.count += 1;
      else {
        const message = say(lang, `编译后的条件得出 ${actual}，而 json-rules-engine 得出 ${expected}`, `the compiled condition gives ${actual} where json-rules-engine gives ${expected}`);
        found.finding = { subject, message, count: 1, example: showPoint(point), compiled: actual, engine: expected };
      }
    });
    answers.set(key, engine);
    report.checked.rules += 1;
    report.checked.points += points;
    if (found.finding) report.findings.push(found.finding);
  }
  return report;
}
