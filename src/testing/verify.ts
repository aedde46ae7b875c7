import type { Condition } from '../model/condition.js';
import { classifyFiring, firingRules } from '../decide/classify.js';
import { conditionCompiler, type Facts } from '../engine/compile.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { checkOption, optionsArgument } from '../render/argument.js';
import { say, type Lang } from '../i18n/lang.js';
import { langOf } from './lang.js';
import { compareCodePoints } from './scenario.js';
import { type Choice, comparisonsByFact, conditionNodes, domainOf, factsRead, forEachPoint, levelChoice, numbersCompared, satisfiable, showPoint, truthCompiler, type FactValue } from './space.js';

/** Bounds on the work of one `verify` run, in condition nodes (a comparison, all, any, not or shared condition evaluated once). */
export interface VerifyBudget {
  /** The classification's space: its combinations × the condition nodes of all its rules (each shared condition once), the most one walk over it can evaluate. */
  space: number;
  /** Nodes the search for obligations whose condition can never hold evaluates, all obligations together. */
  search: number;
}

/**
 * The bounds of every `verify` run (a few seconds at most). A check that would pass them is not run
 * and is reported as a `not-checked` error instead: `verify` never hangs and never passes what it did
 * not check. The bundled plans need at most 90 000 of the space and a few thousand of the search.
 */
export const VERIFY_BUDGET: Readonly<VerifyBudget> = Object.freeze({ space: 500_000_000, search: 50_000_000 });

export type VerifyCheck =
  | 'gap'
  | 'overlap'
  | 'non-monotone'
  | 'unreachable-rule'
  | 'shadowed-rule'
  | 'unreachable-obligation'
  | 'undefined-party'
  | 'unused-party'
  | 'missing-basis'
  | 'not-checked';

/** One problem `verify` found: which check, how serious, what it concerns, and an example point of the indicator space. */
export interface Finding {
  check: VerifyCheck;
  severity: 'error' | 'warning';
  /** The rule, obligation, role or recipient concerned (ids, or `indicators` for the space as a whole). */
  subject: string;
  message: string;
  /** How many points of the space show it. */
  count?: number;
  /** A point of the space (facts) that shows it. */
  example?: Record<string, string | number | boolean>;
}

export interface VerifyReport {
  plan: { id: string; version: string };
  /** The facts the classification reads, and the number of combinations checked. */
  space: { facts: string[]; points: number };
  /** Points of the space per level the criteria give. */
  levels: Record<string, number>;
  findings: Finding[];
  errors: number;
  warnings: number;
}

type Point = Record<string, FactValue>;

/** Object keys in code-point order, so that equal conditions written in any key order read the same. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareCodePoints(a, b))) : v,
  );

/**
 * Static checks of a plan over its whole indicator × flag space (every combination of the facts its
 * classification reads, with each indicator also absent): gaps (no rule fires), overlaps at equal
 * priority with different levels, non-monotone levels (one indicator one step more severe gives a less
 * severe level), classification rules that never fire or never win, obligations whose condition can
 * never hold, roles and recipients referenced but not defined or defined but never used, and
 * obligations without a basis. The work is bounded by {@link VERIFY_BUDGET}: a check that would pass
 * it is reported as `not-checked`. Pure: reads nothing but the plan.
 */
export function verifyPlan(plan: Plan, options?: { lang?: Lang }): VerifyReport {
  return verifyWithin(plan, VERIFY_BUDGET, options).report;
}

/** {@link verifyPlan} within other bounds, and the work it did: the space it walked, and the nodes the search evaluated (past its bound by at most one evaluation of one condition). */
export function verifyWithin(plan: Plan, budget: VerifyBudget, options?: { lang?: Lang }): { report: VerifyReport; work: VerifyBudget } {
  const compiled = compiledOf(plan);
  const lang = langOf(options);
  const t = (zh: string, en: string): string => say(lang, zh, en);
  const bounds = optionsArgument(budget, 'budget', '{ space: 500000000, search: 50000000 } (VERIFY_BUDGET)');
  // Both bounds are needed: a missing one would read as no bound at all.
  for (const key of ['space', 'search']) checkOption(bounds, ['budget', key], (v) => typeof v === 'number' && v >= 0, 'a number of condition nodes, 0 or more', true);
  const definition = plan.definition;
  const findings: Finding[] = [];
  const levels = compiled.grading.ungraded ? [...definition.levels, compiled.grading.ungraded] : definition.levels;
  const rankOf = new Map(levels.map((l) => [l.id, l.rank]));
  const table = compiled.facts;
  const work: VerifyBudget = { space: 0, search: 0 };

  // --- classification over the space ------------------------------------------------------------
  // One walk over all the rules: each shared condition is read once, however many rules use it.
  // Declared facts too: an indicator's values, a metric's representatives around the numbers the criteria compare it with and its bands.
  const criteria: Condition = { any: definition.classification.map((r) => r.conditions) };
  const facts = [...factsRead(criteria, compiled.named)].sort(compareCodePoints);
  const numbers = numbersCompared(criteria, compiled.named);
  const domains = facts.map((f) => [f, domainOf(f, table, numbers.get(f))] as const);
  const size = domains.reduce((n, [, values]) => n * values.length, 1);
  // Every point evaluates every rule's nodes at most once (shared conditions once for all the rules).
  const counted = new Set<string>();
  const perPoint = compiled.classification.reduce((n, e) => n + conditionNodes(e.rule.conditions, compiled.named, counted), 0);
  const levelCount: Record<string, number> = Object.fromEntries(levels.map((l) => [l.id, 0]));
  let points = 0;
  if (size * perPoint > budget.space) {
    findings.push({
      check: 'not-checked',
      severity: 'error',
      subject: 'classification',
      message: t(
        `缺口、重叠、单调性与规则可达性未检查：${size} 种组合 × ${perPoint} 个条件节点超出每次 verify 的预算 ${budget.space}`,
        `gaps, overlaps, monotonicity and reachable rules not checked: ${size} combinations × ${perPoint} condition nodes pass the budget of ${budget.space} per verify run`,
      ),
    });
  } else {
    work.space = size * perPoint;
    points = size;
    checkClassification();
  }

  function checkClassification(): void {
    // Winners by the point's number in the walk's order (the last fact varies fastest).
    const winners: string[] = [];
    const stride = new Map<string, number>();
    domains.reduceRight((n, [fact, values]) => (stride.set(fact, n), n * values.length), 1);
    const fired = new Set<string>();
    const won = new Set<string>();
    const gaps: Point[] = [];
    const overlaps = new Map<string, { rules: string[]; levels: string[]; count: number; example: Point }>();
    forEachPoint(domains, (point) => {
      const firing = firingRules(compiled, point as Facts);
      for (const entry of firing) fired.add(entry.rule.id);
      if (firing.length === 0) gaps.push(point);
      else {
        const top = Math.max(...firing.map((e) => e.rule.priority));
        const atTop = firing.filter((e) => e.rule.priority === top);
        const distinct = [...new Set(atTop.map((e) => e.level.id))];
        if (distinct.length > 1) {
          const rules = atTop.map((e) => e.rule.id).sort(compareCodePoints);
          const k = JSON.stringify(rules);
          const entry = overlaps.get(k);
          if (entry) entry.count += 1;
          else overlaps.set(k, { rules, levels: distinct, count: 1, example: point });
        }
      }
      const c = classifyFiring(compiled, firing);
      if (c.rule) won.add(c.rule.id);
      winners.push(c.level.id);
      levelCount[c.level.id] = (levelCount[c.level.id] as number) + 1;
    });
    // In a plan graded by judgement no rule firing is the ungraded phase (待研判定级), not a gap.
    if (gaps.length > 0 && !compiled.grading.ungraded) {
      findings.push({
        check: 'gap',
        severity: 'error',
        subject: 'classification',
        message: t(`${gaps.length} 种组合下没有分级规则成立；默认取最低级别`, `no classification rule fires for ${gaps.length} combination(s); the least severe level stands by default`),
        count: gaps.length,
        example: showPoint(gaps[0] as Point),
      });
    }
    for (const o of overlaps.values()) {
      findings.push({
        check: 'overlap',
        severity: 'error',
        subject: o.rules.join(' + '),
        message: t(
          `优先级相同的规则给出不同级别（${o.levels.join(', ')}）；只能就高，没有写明的优先级`,
          `rules of equal priority give different levels (${o.levels.join(', ')}); only severity (就高) settles it, not a declared priority`,
        ),
        count: o.count,
        example: showPoint(o.example),
      });
    }

    // Raising one indicator by one step (or a metric to its next number) must not give a less severe level: a raised
    // indicator comes one stride earlier in the walk (values most severe first), a raised metric one stride later (numbers ascending).
    const steps = new Map<string, { count: number; example: Point; from: string; to: string; fact: string; raised: FactValue }>();
    let number = 0;
    forEachPoint(domains, (point) => {
      const base = winners[number] as string;
      for (const [fact, values] of domains) {
        const kind = table.facts.get(fact)?.kind;
        const index = values.indexOf(point[fact]);
        let raisedAt: number;
        if (kind === 'indicator') {
          if (index <= 0 || point[fact] === undefined) continue; // already the most severe, or absent
          raisedAt = number - (stride.get(fact) as number);
        } else if (kind === 'metric') {
          if (point[fact] === undefined || values[index + 1] === undefined) continue; // absent, or the greatest number
          raisedAt = number + (stride.get(fact) as number);
        } else continue;
        const after = winners[raisedAt] as string;
        if ((rankOf.get(after) as number) > (rankOf.get(base) as number)) {
          const k = `${fact}:${base}->${after}`;
          const entry = steps.get(k);
          if (entry) entry.count += 1;
          else steps.set(k, { count: 1, example: point, from: base, to: after, fact, raised: values[kind === 'indicator' ? index - 1 : index + 1] });
        }
      }
      number += 1;
    });
    for (const s of steps.values()) {
      findings.push({
        check: 'non-monotone',
        severity: 'error',
        subject: s.fact,
        message: t(
          `${s.fact} 提高一档（${String(s.example[s.fact])} → ${String(s.raised)}）反而使级别从 ${s.from} 降为 ${s.to}`,
          `raising ${s.fact} one step (${String(s.example[s.fact])} → ${String(s.raised)}) lowers the level from ${s.from} to ${s.to}`,
        ),
        count: s.count,
        example: showPoint(s.example),
      });
    }

    for (const rule of definition.classification) {
      if (!fired.has(rule.id)) {
        const message = t(`规则 ${rule.id}（级别 ${rule.level}）在整个空间中从不成立`, `rule ${rule.id} (level ${rule.level}) never fires anywhere in the space`);
        findings.push({ check: 'unreachable-rule', severity: 'error', subject: `classification.${rule.id}`, message });
      } else if (!won.has(rule.id)) {
        const message = t(
          `规则 ${rule.id}（级别 ${rule.level}）会成立，但总被优先级更高或级别更高的规则压过`,
          `rule ${rule.id} (level ${rule.level}) fires but is always overruled by a rule of higher priority or a more severe level`,
        );
        findings.push({ check: 'shadowed-rule', severity: 'error', subject: `classification.${rule.id}`, message });
      }
    }
    for (const level of definition.levels) {
      // A plan graded by judgement alone has no criteria: every level is given by judgement, by design.
      if (levelCount[level.id] === 0 && definition.classification.length > 0) {
        const message = t(`级别 ${level.id} 从不由分级标准得出（只能由领导小组研判确定）`, `level ${level.id} is never given by the criteria (only by the leading group's judgement)`);
        findings.push({ check: 'unreachable-rule', severity: 'warning', subject: `levels.${level.id}`, message });
      }
    }
  }

  // --- obligations whose condition can never hold -----------------------------------------------
  // A search over partial combinations (see satisfiable), once per distinct condition; the level is
  // chosen first (it sets level and levelRank together: they have no values of their own in the space).
  const leafCompiler = conditionCompiler(new Map());
  const truth = truthCompiler(compiled.named, (leaf) => leafCompiler(leaf));
  const levelChoices: Choice = levelChoice(definition);
  const decided = new Map<string, boolean | undefined>();
  for (const { rule } of compiled.obligations) {
    if (!rule.when) continue;
    const when = rule.when;
    const reads = comparisonsByFact(when, compiled.named);
    const k = canonical(when);
    let holds = decided.get(k);
    if (!decided.has(k)) {
      // The facts most compared first (a contradiction is usually between comparisons of one fact); level and levelRank are one choice.
      const levelReads = (reads.get('level') ?? 0) + (reads.get('levelRank') ?? 0) + (reads.get('graded') ?? 0);
      const unknowns: [number, Choice][] = levelReads > 0 ? [[levelReads, levelChoices]] : [];
      const compared = numbersCompared(when, compiled.named);
      for (const [fact, n] of reads) if (fact !== 'level' && fact !== 'levelRank' && fact !== 'graded') unknowns.push([n, domainOf(fact, table, compared.get(fact)).map((value) => ({ [fact]: value }))]);
      const choices = unknowns.sort((a, b) => b[0] - a[0]).map(([, choice]) => choice);
      // Once the search has passed its bound, the conditions left are not searched at all.
      holds = truth.nodes() > budget.search ? undefined : satisfiable(truth.compile(when), choices, truth.nodes, budget.search);
      decided.set(k, holds);
    }
    const names = [...reads.keys()].sort(compareCodePoints).join(', ') || t('事实', 'facts');
    if (holds === undefined) {
      const message = t(
        `未检查义务 ${rule.id} 的条件能否成立（它读取 ${names}）：搜索超出每次 verify 的预算 ${budget.search} 个条件节点`,
        `whether the condition of obligation ${rule.id} can hold was not checked (it reads ${names}): the search passed the budget of ${budget.search} condition nodes per verify run`,
      );
      findings.push({ check: 'not-checked', severity: 'error', subject: `obligations.${rule.id}`, message });
    } else if (!holds) {
      const message = t(`义务 ${rule.id} 的条件在 ${names} 的任何组合下都不成立`, `the condition of obligation ${rule.id} holds for no combination of ${names}`);
      findings.push({ check: 'unreachable-obligation', severity: 'error', subject: `obligations.${rule.id}`, message });
    }
  }

  // --- roles and recipients -----------------------------------------------------------------------
  const defined = new Set([...definition.roles, ...definition.recipients].map((p) => p.id));
  const used = new Map<string, string>();
  const use = (id: string | undefined, where: string): void => {
    if (id !== undefined && !used.has(id)) used.set(id, where);
    if (id !== undefined && !defined.has(id)) {
      findings.push({ check: 'undefined-party', severity: 'error', subject: id, message: t(`${where} 写到 ${id}，它既不是角色也不是报告对象`, `${where} names ${id}, which is neither a role nor a recipient`) });
    }
  };
  for (const e of definition.escalation) {
    use(e.lead, `escalation.${e.level}.lead`);
    e.approveStatement.forEach((id) => use(id, `escalation.${e.level}.approveStatement`));
    e.consultWith.forEach((id) => use(id, `escalation.${e.level}.consultWith`));
  }
  for (const o of definition.obligations) {
    use(o.responsible, `obligations.${o.id}.responsible`);
    use(o.to, `obligations.${o.id}.to`);
    o.approval?.by.forEach((id) => use(id, `obligations.${o.id}.approval.by`));
  }
  // A member of a collective body acts in its decisions; one who may grade grades.
  for (const role of definition.roles) role.members?.forEach((id) => use(id, `roles.${role.id}.members`));
  definition.grading?.gradedBy?.forEach((alternative) => alternative.forEach((id) => use(id, 'grading.gradedBy')));
  if (definition.grading?.ungraded) use(definition.grading.ungraded.lead, 'grading.ungraded.lead');
  const declared = definition.facts;
  for (const kind of [declared?.indicators, declared?.flags, declared?.metrics]) {
    for (const [name, fact] of Object.entries(kind ?? {})) fact.setBy?.forEach((alternative) => alternative.forEach((id) => use(id, `facts.${name}.setBy`)));
  }
  for (const r of definition.recurring) {
    use(r.responsible, `recurring.${r.id}.responsible`);
    use(r.to, `recurring.${r.id}.to`);
  }
  definition.riskAssessment?.filing.forEach((id) => use(id, 'riskAssessment.filing'));
  for (const role of definition.roles) {
    if (!used.has(role.id)) {
      const message = t(`角色 ${role.id}（${role.name}）已定义，但没有任何响应、义务或职责用到它`, `role ${role.id} (${role.name}) is defined but no escalation, obligation or duty names it`);
      findings.push({ check: 'unused-party', severity: 'warning', subject: `roles.${role.id}`, message });
    }
  }
  for (const r of definition.recipients) {
    if (!used.has(r.id)) {
      const message = t(`报告对象 ${r.id}（${r.name}）已定义，但没有任何响应、义务或职责用到它`, `recipient ${r.id} (${r.name}) is defined but no escalation, obligation or duty names it`);
      findings.push({ check: 'unused-party', severity: 'warning', subject: `recipients.${r.id}`, message });
    }
  }
  for (const o of definition.obligations) {
    if (!o.basis || !o.basis.clause.trim()) findings.push({ check: 'missing-basis', severity: 'error', subject: `obligations.${o.id}`, message: t(`义务 ${o.id} 未引用条款`, `obligation ${o.id} cites no clause`) });
  }

  work.search = truth.nodes();
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { report: { plan: { id: plan.id, version: plan.version }, space: { facts, points }, levels: levelCount, findings, errors, warnings: findings.length - errors }, work };
}
