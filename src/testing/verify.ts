import { classifyFiring, firingRules } from '../decide/classify.js';
import type { Facts } from '../engine/compile.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { INDICATORS } from '../model/vocabulary.js';
import { domainOf, factsRead, forEachPoint, isIndicator, showPoint, somePoint, type FactValue } from './space.js';

export type VerifyCheck =
  | 'gap'
  | 'overlap'
  | 'non-monotone'
  | 'unreachable-rule'
  | 'shadowed-rule'
  | 'unreachable-obligation'
  | 'undefined-party'
  | 'unused-party'
  | 'missing-basis';

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
const key = (point: Point, facts: readonly string[]): string => JSON.stringify(facts.map((f) => point[f]));

/**
 * Static checks of a plan over its whole indicator × flag space (every combination of the facts its
 * classification reads, with each indicator also absent): gaps (no rule fires), overlaps at equal
 * priority with different levels, non-monotone levels (one indicator one step more severe gives a less
 * severe level), classification rules that never fire or never win, obligations whose condition can
 * never hold, roles and recipients referenced but not defined or defined but never used, and
 * obligations without a basis. Pure: reads nothing but the plan.
 */
export function verifyPlan(plan: Plan): VerifyReport {
  const compiled = compiledOf(plan);
  const definition = plan.definition;
  const findings: Finding[] = [];
  const levels = definition.levels;
  const rankOf = new Map(levels.map((l) => [l.id, l.rank]));

  // --- classification over the space ------------------------------------------------------------
  // One walk over all the rules: each shared condition is read once, however many rules use it.
  const facts = [...factsRead({ any: definition.classification.map((r) => r.conditions) }, compiled.named)].sort();
  const domains = facts.map((f) => [f, domainOf(f)] as const);
  const winners = new Map<string, string>();
  const fired = new Set<string>();
  const won = new Set<string>();
  const levelCount: Record<string, number> = Object.fromEntries(levels.map((l) => [l.id, 0]));
  const gaps: Point[] = [];
  const overlaps = new Map<string, { rules: string[]; levels: string[]; count: number; example: Point }>();
  let points = 0;
  forEachPoint(domains, (point) => {
    points += 1;
    const f = point as Facts;
    const firing = firingRules(compiled, f);
    for (const entry of firing) fired.add(entry.rule.id);
    if (firing.length === 0) gaps.push(point);
    else {
      const top = Math.max(...firing.map((e) => e.rule.priority));
      const atTop = firing.filter((e) => e.rule.priority === top);
      const distinct = [...new Set(atTop.map((e) => e.level.id))];
      if (distinct.length > 1) {
        const rules = atTop.map((e) => e.rule.id).sort();
        const k = rules.join(' + ');
        const entry = overlaps.get(k);
        if (entry) entry.count += 1;
        else overlaps.set(k, { rules, levels: distinct, count: 1, example: point });
      }
    }
    const c = classifyFiring(compiled, firing);
    if (c.rule) won.add(c.rule.id);
    winners.set(key(point, facts), c.level.id);
    levelCount[c.level.id] = (levelCount[c.level.id] ?? 0) + 1;
  });
  if (gaps.length > 0) {
    findings.push({
      check: 'gap',
      severity: 'error',
      subject: 'classification',
      message: `no classification rule fires for ${gaps.length} combination(s); the least severe level stands by default`,
      count: gaps.length,
      example: showPoint(gaps[0] as Point),
    });
  }
  for (const o of overlaps.values()) {
    findings.push({
      check: 'overlap',
      severity: 'error',
      subject: o.rules.join(' + '),
      message: `rules of equal priority give different levels (${o.levels.join(', ')}); only severity (就高) settles it, not a declared priority`,
      count: o.count,
      example: showPoint(o.example),
    });
  }

  // Raising one indicator by one step must not give a less severe level.
  const steps = new Map<string, { count: number; example: Point; from: string; to: string; fact: string }>();
  forEachPoint(domains, (point) => {
    const base = winners.get(key(point, facts)) as string;
    for (const fact of facts) {
      if (!isIndicator(fact)) continue;
      const order = INDICATORS[fact] as readonly string[];
      const index = order.indexOf(point[fact] as string);
      if (index <= 0) continue; // absent, or already the most severe
      const raised = { ...point, [fact]: order[index - 1] };
      const after = winners.get(key(raised, facts)) as string;
      if ((rankOf.get(after) ?? 0) > (rankOf.get(base) ?? 0)) {
        const k = `${fact}:${base}->${after}`;
        const entry = steps.get(k);
        if (entry) entry.count += 1;
        else steps.set(k, { count: 1, example: point, from: base, to: after, fact });
      }
    }
  });
  for (const s of steps.values()) {
    findings.push({
      check: 'non-monotone',
      severity: 'error',
      subject: s.fact,
      message: `raising ${s.fact} one step (${String(s.example[s.fact])} → ${INDICATORS[s.fact as keyof typeof INDICATORS][(INDICATORS[s.fact as keyof typeof INDICATORS] as readonly string[]).indexOf(s.example[s.fact] as string) - 1]}) lowers the level from ${s.from} to ${s.to}`,
      count: s.count,
      example: showPoint(s.example),
    });
  }

  for (const rule of definition.classification) {
    if (!fired.has(rule.id)) {
      findings.push({ check: 'unreachable-rule', severity: 'error', subject: `classification.${rule.id}`, message: `rule ${rule.id} (level ${rule.level}) never fires anywhere in the space` });
    } else if (!won.has(rule.id)) {
      findings.push({ check: 'shadowed-rule', severity: 'error', subject: `classification.${rule.id}`, message: `rule ${rule.id} (level ${rule.level}) fires but is always overruled by a rule of higher priority or a more severe level` });
    }
  }
  for (const level of levels) {
    if ((levelCount[level.id] ?? 0) === 0) {
      findings.push({ check: 'unreachable-rule', severity: 'warning', subject: `levels.${level.id}`, message: `level ${level.id} is never given by the criteria (only by the leading group's judgement)` });
    }
  }

  // --- obligations whose condition can never hold -----------------------------------------------
  for (const { rule, applies: evaluate } of compiled.obligations) {
    if (!rule.when || !evaluate) continue;
    const read = [...factsRead(rule.when, compiled.named)].sort();
    const domains = read.map((f) => [f, domainOf(f)] as const);
    // Each level sets level and levelRank together (they have no values of their own in the space).
    const holds = levels.some((level) => somePoint(domains, (point) => evaluate({ ...point, level: level.id, levelRank: level.rank } as Facts)));
    if (!holds) findings.push({ check: 'unreachable-obligation', severity: 'error', subject: `obligations.${rule.id}`, message: `the condition of obligation ${rule.id} holds for no combination of ${read.join(', ') || 'facts'}` });
  }

  // --- roles and recipients -----------------------------------------------------------------------
  const defined = new Set([...definition.roles, ...definition.recipients].map((p) => p.id));
  const used = new Map<string, string>();
  const use = (id: string | undefined, where: string): void => {
    if (id !== undefined && !used.has(id)) used.set(id, where);
    if (id !== undefined && !defined.has(id)) findings.push({ check: 'undefined-party', severity: 'error', subject: id, message: `${where} names ${id}, which is neither a role nor a recipient` });
  };
  for (const e of definition.escalation) {
    use(e.lead, `escalation.${e.level}.lead`);
    e.approveStatement.forEach((id) => use(id, `escalation.${e.level}.approveStatement`));
    e.consultWith.forEach((id) => use(id, `escalation.${e.level}.consultWith`));
  }
  for (const o of definition.obligations) {
    use(o.responsible, `obligations.${o.id}.responsible`);
    use(o.to, `obligations.${o.id}.to`);
  }
  for (const r of definition.recurring) {
    use(r.responsible, `recurring.${r.id}.responsible`);
    use(r.to, `recurring.${r.id}.to`);
  }
  definition.riskAssessment?.filing.forEach((id) => use(id, 'riskAssessment.filing'));
  for (const role of definition.roles) {
    if (!used.has(role.id)) findings.push({ check: 'unused-party', severity: 'warning', subject: `roles.${role.id}`, message: `role ${role.id} (${role.name}) is defined but no escalation, obligation or duty names it` });
  }
  for (const r of definition.recipients) {
    if (!used.has(r.id)) findings.push({ check: 'unused-party', severity: 'warning', subject: `recipients.${r.id}`, message: `recipient ${r.id} (${r.name}) is defined but no escalation, obligation or duty names it` });
  }
  for (const o of definition.obligations) {
    if (!o.basis || !o.basis.clause.trim()) findings.push({ check: 'missing-basis', severity: 'error', subject: `obligations.${o.id}`, message: `obligation ${o.id} cites no clause` });
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  return { plan: { id: plan.id, version: plan.version }, space: { facts, points }, levels: levelCount, findings, errors, warnings: findings.length - errors };
}
