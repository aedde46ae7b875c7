// Item 8 of issue 13 (json-rules-engine at work) and item 1's testing tools over declared facts:
// checkWithEngine compares every compiled condition with json-rules-engine itself over the plan's
// declared fact space; verify, mutate, diff and generateIncidents read the facts a plan declares.
import { describe, expect, it } from 'vitest';
import type { Facts } from '../src/engine/compile.js';
import type { PlanSource } from '../src/model/plan.js';
import { listPlans, loadPlan } from '../src/plans/load.js';
import { checkWithEngine, compareDefinitions, ENGINE_CHECK_BUDGET, generateIncidents, mutantsOf, mutatePlan, verifyPlan, type ScenarioFile } from '../src/testing/index.js';
import { domainOf, levelChoice, metricRepresentatives } from '../src/testing/space.js';
import { compiledOf, type Plan } from '../src/plans/load.js';
import { loadBundled } from './support/bundled.js';

/** The compiled plan's evaluator of each condition, by the subject the engine check names it with. */
function library(plan: Plan): (subject: string, facts: Facts) => boolean {
  const compiled = compiledOf(plan);
  const bySubject = new Map<string, (facts: Facts) => boolean>();
  for (const c of compiled.classification) bySubject.set(`classification.${c.rule.id}`, c.evaluate);
  for (const r of compiled.grading.raise) bySubject.set(`grading.raise.${r.rule.id}`, r.evaluate);
  for (const o of compiled.obligations) if (o.applies) bySubject.set(`obligations.${o.rule.id}`, o.applies);
  return (subject, facts) => (bySubject.get(subject) as (facts: Facts) => boolean)(facts);
}

const basis = (clause: string) => ({ clause, quote: `（示例）${clause}` });
const level = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `Level ${id}`, basis: basis('第三条') });

/**
 * A format-2 plan graded by media tier (a declared indicator) and reposts (a declared metric whose bands
 * set the shared `spread`), with a declared flag that raises the level, an ungraded phase, and duties
 * reading the level, the declared flag and the metric.
 */
function mediaPlan(): PlanSource {
  return {
    id: 'media-tier-test',
    format: 2,
    version: '1.0.0',
    title: '（示例）媒体层级分级测试预案',
    unit: '示例单位',
    source: { document: '（示例）媒体层级分级办法' },
    levels: [level('I', 1), level('II', 2), level('III', 3)],
    facts: {
      indicators: {
        mediaTier: {
          name: '媒体层级',
          values: [
            { id: 'central', name: '中央媒体' },
            { id: 'provincial', name: '省级媒体' },
            { id: 'local', name: '地方媒体' },
          ],
        },
      },
      flags: { mishandled: { name: '处置不当' } },
      metrics: {
        reposts: { name: '转发量', unit: '次', min: 0, sets: { indicator: 'spread', bands: [{ atLeast: 10000, value: 'very-fast' }, { atLeast: 1000, value: 'fast' }] } },
      },
    },
    grading: {
      ungraded: { name: '待研判定级', lead: 'office', basis: basis('第四条') },
      raise: [{ id: 'mishandled', when: { all: [{ fact: 'mishandled', operator: 'equal', value: true }] }, basis: basis('第七条') }],
    },
    steps: [{ id: 'claim', title: '认领' }],
    classification: [
      { id: 'central', level: 'I', priority: 30, basis: basis('第三条'), conditions: { any: [{ fact: 'mediaTier', operator: 'equal', value: 'central' }, { fact: 'spread', operator: 'equal', value: 'very-fast' }] } },
      { id: 'provincial', level: 'II', priority: 20, basis: basis('第三条'), conditions: { all: [{ fact: 'mediaTier', operator: 'in', value: ['provincial'] }] } },
      { id: 'local', level: 'III', priority: 10, basis: basis('第三条'), conditions: { all: [{ fact: 'mediaTier', operator: 'equal', value: 'local' }] } },
    ],
    roles: [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }],
    recipients: [{ id: 'city-cac', name: '市委网信办' }],
    escalation: [
      { level: 'I', lead: 'leading-group', basis: basis('第五条') },
      { level: 'II', lead: 'leading-group', basis: basis('第五条') },
      { level: 'III', lead: 'office', basis: basis('第五条') },
    ],
    obligations: [
      { id: 'claim', step: 'claim', title: '认领舆情', responsible: 'office', offset: 'PT30M', basis: basis('第六条') },
      { id: 'report-for-grading', step: 'report', title: '报请研判定级', responsible: 'office', to: 'leading-group', offset: 'PT1H', basis: basis('第四条'), when: { all: [{ fact: 'level', operator: 'equal', value: 'ungraded' }] } },
      { id: 'report-city', step: 'report', title: '报市委网信办', responsible: 'office', to: 'city-cac', notify: 'report', offset: 'PT2H', basis: basis('第八条'), when: { any: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 1 }, { fact: 'reposts', operator: 'greaterThan', value: 50000 }] } },
      { id: 'review', step: 'evaluate', title: '复盘处置不当', responsible: 'leading-group', offset: 'P1D', basis: basis('第七条'), when: { all: [{ fact: 'mishandled', operator: 'equal', value: true }] } },
    ],
  } as unknown as PlanSource;
}

describe('checkWithEngine: compiled conditions against json-rules-engine itself', () => {
  it.each(listPlans().map((p) => p.id))('agrees on every condition of bundled plan %s', async (id) => {
    const plan = loadBundled(id);
    const report = await checkWithEngine(plan);
    const conditions = plan.definition.classification.length + plan.definition.obligations.filter((o) => o.when).length;
    expect(report.plan).toEqual({ id: plan.id, version: plan.version });
    expect(report.checked.rules).toBe(conditions);
    expect(report.checked.points).toBeGreaterThan(conditions);
    expect(report.findings).toEqual([]);
    expect(report.notChecked).toEqual([]);
  });

  it('reports a condition on which the evaluator diverges, with the points and an example', async () => {
    const plan = loadPlan('county-bureau');
    const faithful = library(plan);
    let high = 0;
    // The rule's own evaluator, negated where attention is high.
    const report = await checkWithEngine(plan, {
      evaluate: (subject, facts) => {
        const result = faithful(subject, facts);
        if (subject !== 'classification.level-ii-criteria' || facts.attention !== 'high') return result;
        high += 1;
        return !result;
      },
    });
    expect(high).toBeGreaterThan(0);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({ subject: 'classification.level-ii-criteria', count: high, example: { attention: 'high' } });
    expect(finding?.compiled).toBe(!finding?.engine);
    expect(finding?.message).toBe(`编译后的条件得出 ${String(finding?.compiled)}，而 json-rules-engine 得出 ${String(finding?.engine)}`);
    // The seam itself, faithful, finds nothing.
    expect((await checkWithEngine(plan, { evaluate: faithful })).findings).toEqual([]);
  });

  it('lists what passes the budget as not checked, and never runs it', async () => {
    const plan = loadPlan('county-bureau');
    const full = await checkWithEngine(plan);
    const seen: string[] = [];
    const small = await checkWithEngine(plan, { budget: 100, evaluate: (subject) => (seen.push(subject), false) });
    expect(small.checked.points).toBeLessThanOrEqual(100);
    expect(small.notChecked.length).toBeGreaterThan(0);
    expect(small.checked.rules + small.notChecked.length).toBe(full.checked.rules);
    for (const entry of small.notChecked) {
      expect(entry.points).toBeGreaterThan(0);
      expect(entry.message).toMatch(/^未经 json-rules-engine 核对：.* 的 \d+ 种组合超出剩余预算（100 个取值组合中剩 \d+ 个）$/);
      expect(seen).not.toContain(entry.subject);
    }
    const none = await checkWithEngine(plan, { budget: 0 });
    expect(none.checked).toEqual({ rules: 0, points: 0 });
    expect(none.notChecked).toHaveLength(full.checked.rules);
    expect(ENGINE_CHECK_BUDGET).toBeGreaterThanOrEqual(full.checked.points * 10);
  });

  it("runs the plan's declared fact space: declared values, metric representatives, flags absent, the ungraded phase, raise rules", async () => {
    const plan = loadPlan(mediaPlan());
    const seen = new Map<string, Map<string, Set<unknown>>>();
    const faithful = library(plan);
    const report = await checkWithEngine(plan, {
      evaluate: (subject, facts) => {
        const values = seen.get(subject) ?? new Map<string, Set<unknown>>();
        seen.set(subject, values);
        for (const name of ['mediaTier', 'spread', 'reposts', 'mishandled', 'level', 'levelRank']) {
          if (!(name in facts)) continue;
          (values.get(name) ?? values.set(name, new Set()).get(name))?.add(name === 'levelRank' ? `${String(facts.level)}:${String(facts.levelRank)}` : facts[name]);
        }
        return faithful(subject, facts);
      },
    });
    expect(report.findings).toEqual([]);
    expect(report.notChecked).toEqual([]);
    expect(report.checked.rules).toBe(3 + 1 + 3);
    expect([...(seen.get('classification.central')?.get('mediaTier') ?? [])]).toEqual(['central', 'provincial', 'local', undefined]);
    expect([...(seen.get('classification.central')?.get('spread') ?? [])]).toEqual(['very-fast', 'fast', 'moderate', 'slow', undefined]);
    expect([...(seen.get('grading.raise.mishandled')?.get('mishandled') ?? [])].sort()).toEqual([false, true, undefined].sort());
    expect([...(seen.get('obligations.report-for-grading')?.get('levelRank') ?? [])]).toEqual(['I:1', 'II:2', 'III:3', 'ungraded:4']);
    // reposts > 50000: the numbers either side of the constant and of each band threshold, from min 0, and absent.
    expect([...(seen.get('obligations.report-city')?.get('reposts') ?? [])]).toEqual([0, 999, 1000, 1001, 9999, 10000, 10001, 49999, 50000, 50001, undefined]);
    // Without the seam: the compiled plan agrees with json-rules-engine everywhere.
    const real = await checkWithEngine(plan);
    expect(real.findings).toEqual([]);
    expect(real.checked).toEqual(report.checked);
  });
});

describe('the declared fact space', () => {
  it('metric representatives: either side of each number and band, within min and max; midpoints for a metric of fractions', () => {
    expect(metricRepresentatives({ name: '转发量', min: 0, sets: { indicator: 'spread', bands: [{ atLeast: 10, value: 'fast' }] } }, [0])).toEqual([0, 1, 9, 10, 11]);
    expect(metricRepresentatives({ name: '比例', integer: false, max: 1 }, [0.5, 0.25])).toEqual([-0.75, 0.25, 0.375, 0.5, 1]);
    expect(metricRepresentatives({ name: '比例', integer: false }, [])).toEqual([0]);
    expect(metricRepresentatives({ name: '件数' }, [2.5])).toEqual([1, 2, 3, 4]);
  });

  it('domains and levels come from the fact table: declared indicators, flags and metrics; the ungraded phase', () => {
    const plan = loadPlan(mediaPlan());
    const table = compiledOf(plan).facts;
    expect(domainOf('mediaTier', table)).toEqual(['central', 'provincial', 'local', undefined]);
    expect(domainOf('mishandled', table)).toEqual([false, true]);
    expect(domainOf('reposts', table, [5])).toEqual([0, 4, 5, 6, 999, 1000, 1001, 9999, 10000, 10001, undefined]);
    expect(domainOf('attention', table)).toEqual(['extreme', 'high', 'elevated', 'low', undefined]);
    expect(domainOf('graded', table)).toEqual([false, true]);
    expect(levelChoice(plan.definition).at(-1)).toEqual({ level: 'ungraded', levelRank: 4, graded: false });
    expect(levelChoice(loadPlan('county-bureau').definition).map((c) => c.level)).toEqual(['I', 'II', 'III', 'IV']);
  });
});

describe('verify over declared facts', () => {
  it('enumerates declared values: a gap only a declared value reaches, and bands the criteria read through their indicator', () => {
    const source = mediaPlan() as unknown as { grading?: unknown; classification: { id: string }[]; obligations: { id: string }[] };
    delete source.grading;
    source.classification = source.classification.filter((r) => r.id !== 'local');
    source.obligations = source.obligations.filter((o) => o.id !== 'report-for-grading');
    const report = verifyPlan(loadPlan(source as unknown as PlanSource));
    expect(report.space.facts).toEqual(['mediaTier', 'spread']);
    expect(report.space.points).toBe(4 * 5);
    const gap = report.findings.find((f) => f.check === 'gap');
    expect(gap?.example).toMatchObject({ mediaTier: 'local' });
    // mediaTier local or absent, with spread anything but very-fast (which reposts ≥ 10 000 sets): 2 × 4.
    expect(gap?.count).toBe(8);
  });

  it('takes no rule firing for the ungraded phase of a plan graded by judgement, not for a gap', () => {
    const report = verifyPlan(loadPlan(mediaPlan()));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.levels.ungraded).toBe(4); // mediaTier absent, spread anything but very-fast
  });

  it('finds a level that falls when a metric rises (non-monotone), and a duty over a metric that never holds', () => {
    const source = mediaPlan() as unknown as { classification: unknown[]; obligations: unknown[] };
    source.classification.push({ id: 'many', level: 'III', priority: 40, basis: basis('第三条'), conditions: { all: [{ fact: 'reposts', operator: 'greaterThanInclusive', value: 100000 }] } });
    source.obligations.push({ id: 'never', step: 'track', title: '不可能', responsible: 'office', basis: basis('第九条'), when: { all: [{ fact: 'reposts', operator: 'greaterThan', value: 10 }, { fact: 'reposts', operator: 'lessThan', value: 5 }] } });
    const report = verifyPlan(loadPlan(source as unknown as PlanSource));
    const falling = report.findings.find((f) => f.check === 'non-monotone' && f.subject === 'reposts');
    expect(falling?.message).toBe('reposts 提高一档（99999 → 100000）反而使级别从 I 降为 III');
    expect(report.findings.find((f) => f.check === 'unreachable-obligation')?.subject).toBe('obligations.never');
  });
});

/** Scenarios of the media plan at the thresholds of its reposts bands. */
function mediaScenarios(): ScenarioFile {
  const incident = (extra: Record<string, unknown>) => ({ id: 'm', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', ...extra });
  const at = (reposts: number, level: string, name: string) => ({ name, clause: '第三条', incident: incident({ indicators: { mediaTier: 'local' }, metrics: { reposts } }), now: '2026-03-02T09:10:00+08:00', expect: { level } });
  return {
    plan: 'media-tier-test',
    scenarios: [
      at(9999, 'III', '9999 次：地方媒体，三级'),
      at(10000, 'I', '10000 次：传播极快，一级'),
      at(10001, 'I', '10001 次：一级'),
    ],
  } as unknown as ScenarioFile;
}

describe('mutate over declared facts', () => {
  it('mutates band thresholds and values and declared values; scenarios at the threshold kill the threshold mutants', () => {
    const plan = loadPlan(mediaPlan());
    const report = mutatePlan(plan, [mediaScenarios()]);
    const bands = report.results.filter((r) => r.target.startsWith('facts.metrics.reposts.bands.0'));
    expect(bands.map((r) => r.description)).toEqual([
      'reposts ≥ 10000 → spread very-fast：阈值 10000 → 9999',
      'reposts ≥ 10000 → spread very-fast：阈值 10000 → 10001',
      'reposts ≥ 10000：spread very-fast → fast',
    ]);
    expect(bands.every((r) => r.status === 'killed')).toBe(true);
    expect(report.results.some((r) => r.target === 'classification.central' && r.description === 'mediaTier equal "central" → "provincial"')).toBe(true);
  });

  it('moves the bands of a metric of fractions by a half, and gives no less severe value past the last', () => {
    const source = mediaPlan() as unknown as { facts: { metrics: Record<string, unknown> } };
    source.facts.metrics.ratio = { name: '负面占比', integer: false, min: 0, max: 1, sets: { indicator: 'mediaTier', bands: [{ atLeast: 0.5, value: 'local' }] } };
    source.facts.metrics.views = { name: '阅读量' };
    const mutants = mutantsOf(loadPlan(source as unknown as PlanSource).definition);
    expect(mutants.filter((m) => m.target.startsWith('facts.metrics.ratio')).map((m) => m.description)).toEqual([
      'ratio ≥ 0.5 → mediaTier local：阈值 0.5 → 0',
      'ratio ≥ 0.5 → mediaTier local：阈值 0.5 → 1',
    ]);
    expect(mutants.some((m) => m.target.startsWith('facts.metrics.views'))).toBe(false);
  });
});

describe('diff and generated incidents over declared facts', () => {
  it('generates the declared values, the numbers either side of each band, and the declared flags', () => {
    const plan = loadPlan(mediaPlan());
    const cases = generateIncidents({ plans: [plan] });
    const incidents = cases.map((c) => c.incident as { indicators: Record<string, string>; metrics?: Record<string, number>; flags?: Record<string, boolean> });
    expect(new Set(incidents.map((i) => i.indicators.mediaTier))).toEqual(new Set(['central', 'provincial', 'local']));
    expect(new Set(incidents.map((i) => i.metrics?.reposts))).toEqual(new Set([999, 1000, 9999, 10000, undefined]));
    expect(new Set(incidents.map((i) => Object.keys(i.flags ?? {})[0]))).toEqual(new Set([undefined, 'mishandled']));
    // spread is read by the criteria: its values too; the other shared indicators are not.
    expect(cases).toHaveLength(3 * 4 * 5 * 2);
    expect(cases[0]?.name).toBe('generated spread=very-fast mediaTier=central reposts=999');
    expect(generateIncidents()).toHaveLength(576 * 7);
  });

  it('generates over both versions of a plan: their values together, a metric without bands at its least', () => {
    const before = loadPlan(mediaPlan());
    const source = mediaPlan() as unknown as { facts: { indicators: { mediaTier: { values: { id: string; name: string }[] } }; metrics: Record<string, unknown> } };
    source.facts.indicators.mediaTier.values.push({ id: 'self', name: '自媒体' });
    source.facts.metrics.reposts = { name: '转发量', min: 0, max: 5000, sets: { indicator: 'spread', bands: [{ atLeast: 10000, value: 'very-fast' }, { atLeast: 1000, value: 'fast' }] } };
    source.facts.metrics.views = { name: '阅读量', integer: false, min: 2 };
    const after = loadPlan(source as unknown as PlanSource);
    const cases = generateIncidents({ plans: [before, after], flags: false });
    const incidents = cases.map((c) => c.incident as { indicators: Record<string, string>; metrics?: Record<string, number>; flags?: unknown });
    expect(new Set(incidents.map((i) => i.indicators.mediaTier))).toEqual(new Set(['central', 'provincial', 'local', 'self']));
    expect(new Set(incidents.map((i) => i.metrics?.reposts))).toEqual(new Set([999, 1000, 9999, 10000, undefined]));
    expect(new Set(incidents.map((i) => i.metrics?.views))).toEqual(new Set([2, undefined]));
    expect(incidents.every((i) => i.flags === undefined)).toBe(true);
    expect(cases).toHaveLength(4 * 4 * 5 * 2);
    // Within its own range only: the after version's reposts stop at 5000.
    expect(new Set(generateIncidents({ plans: [after] }).map((c) => (c.incident as { metrics?: Record<string, number> }).metrics?.reposts))).toEqual(new Set([999, 1000, undefined]));
  });

  it('reports changed declared labels, step titles and party names, which no decision may show', () => {
    const before = loadPlan(mediaPlan());
    const changed = mediaPlan() as unknown as { version: string; facts: { indicators: { mediaTier: { values: { name: string }[] } } }; steps: { title: string }[]; recipients: { name: string }[] };
    changed.version = '1.1.0';
    changed.facts.indicators.mediaTier.values[2]!.name = '市级媒体';
    changed.steps[0]!.title = '认领（签收）';
    changed.recipients[0]!.name = '市委网络安全和信息化委员会办公室';
    const after = loadPlan(changed as unknown as PlanSource);
    expect(compareDefinitions(before, after)).toEqual([
      { field: 'facts.indicators.mediaTier.values.local.name', before: '地方媒体', after: '市级媒体' },
      { field: 'steps.claim.title', before: '认领', after: '认领（签收）' },
      { field: 'recipients.city-cac.name', before: '市委网信办', after: '市委网络安全和信息化委员会办公室' },
    ]);
    expect(compareDefinitions(before, before)).toEqual([]);
    // English labels, flags, metrics (unit and bands) and duty titles too; one only one version declares is absent in the other.
    // A plain JSON tree to edit: every path below exists in mediaPlan().
    const other = JSON.parse(JSON.stringify(mediaPlan()));
    other.facts.indicators.mediaTier.nameEn = 'Media tier';
    other.facts.indicators.mediaTier.values[0].nameEn = 'Central';
    other.facts.flags.mishandled = { name: '处置失当', nameEn: 'Mishandled' };
    other.facts.metrics.reposts.unit = '条';
    other.facts.metrics.reposts.nameEn = 'Reposts';
    other.facts.metrics.reposts.sets.bands[0].atLeast = 20000;
    other.steps = [{ id: 'claim', title: '认领', titleEn: 'Claim' }];
    other.obligations[0].title = '认领舆情线索';
    other.roles.push({ id: 'director', name: '局长' });
    other.escalation[1].lead = 'director';
    const fields = compareDefinitions(before, loadPlan(other as PlanSource)).map((c) => `${c.field}: ${String(c.before)} → ${String(c.after)}`);
    expect(fields).toEqual([
      'facts.flags.mishandled.name: 处置不当 → 处置失当',
      'facts.metrics.reposts.unit: 次 → 条',
      'facts.metrics.reposts.sets: spread: ≥10000 very-fast, ≥1000 fast → spread: ≥20000 very-fast, ≥1000 fast',
      'obligations.claim.title: 认领舆情 → 认领舆情线索',
      'facts.indicators.mediaTier.nameEn: absent → Media tier',
      'facts.indicators.mediaTier.values.central.nameEn: absent → Central',
      'facts.flags.mishandled.nameEn: absent → Mishandled',
      'facts.metrics.reposts.nameEn: absent → Reposts',
      'steps.claim.titleEn: absent → Claim',
      'roles.director.name: absent → 局长',
    ]);
  });
});
