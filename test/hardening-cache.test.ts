// Issue 12, red-team findings A and B: conditions are evaluated once per distinct combination of facts (not
// once per state), and an explanation lists a bounded number of fact checks, traced once per duty and facts.
// Cost is proved by counting evaluations and fact reads, never by timing.
import { describe, expect, it } from 'vitest';
import { decide, loadPlan, type Plan } from '../src/index.js';
import { decisionOf, MAX_EXPLAINED_FACTS, replay } from '../src/decide/decide.js';
import { FACTS_CACHE_LIMIT, factsKey } from '../src/decide/ledger.js';
import type { Evaluator, Facts } from '../src/engine/compile.js';
import { INDICATORS } from '../src/model/vocabulary.js';
import { compiledOf } from '../src/plans/load.js';

type Definition = ReturnType<typeof loadPlan>['definition'];
const hrss = (): Record<string, unknown> & { obligations: Record<string, unknown>[] } =>
  JSON.parse(JSON.stringify(loadPlan('hrss', { parameters: {} }).definition as Definition));
const base = Date.parse('2026-03-02T01:00:00Z');
const iso = (i: number): string => new Date(base + (i + 1) * 1000).toISOString();
const incidentOf = (events: unknown[]) => ({ id: 'x', occurredAt: '2026-03-02T09:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', events });

/** Wraps every duty's and classification rule's evaluator in a counter; returns the counts by duty index and by rule. */
function countEvaluations(plan: Plan): { duties: number[]; rules: number[] } {
  const compiled = compiledOf(plan);
  const duties = compiled.obligations.map(() => 0);
  const rules = compiled.classification.map(() => 0);
  compiled.obligations.forEach((o, i) => {
    const applies = o.applies;
    if (applies !== null) o.applies = ((facts, shared) => (duties[i]!++, applies(facts, shared))) as Evaluator;
  });
  compiled.classification.forEach((c, i) => {
    const evaluate = c.evaluate;
    c.evaluate = ((facts, shared) => (rules[i]!++, evaluate(facts, shared))) as Evaluator;
  });
  return { duties, rules };
}

/** A plan of `count` duties whose `when` reads attention with 20 comparisons (red-team a01's shape). */
function manyDuties(count: number): Plan {
  const def = hrss();
  const tmpl = def.obligations.find((o) => o.offset === 'PT30M')!;
  const att = INDICATORS.attention;
  def.obligations = Array.from({ length: count }, (_, i) => ({
    ...tmpl,
    id: `o${i}`,
    when: {
      any: [
        { all: Array.from({ length: 20 }, (_, c) => ({ fact: 'attention', operator: 'in', value: [att[(i + c) % 4], att[(i + c + 1) % 4]] })) },
        { fact: 'levelRank', operator: 'lessThan', value: 3 },
      ],
    },
  }));
  return loadPlan(def);
}

describe('conditions are evaluated once per fact combination (finding A)', () => {
  it('100 000 flips among 3 fact combinations evaluate each duty and each rule a few times, not once per state', () => {
    const plan = manyDuties(20);
    const counts = countEvaluations(plan);
    const combos = ['extreme', 'high', 'low'] as const;
    const events = Array.from({ length: 100_000 }, (_, i) => ({ type: 'indicators-updated', at: iso(i), indicators: { attention: combos[i % 3] } }));
    const decision = decide(plan, incidentOf(events), { now: '2026-03-10T00:00:00+08:00' });
    expect(decision.obligations.length).toBeGreaterThan(0);
    // The discovery state (no indicators) and the 3 combinations: at most 4 distinct fact sets.
    for (const n of counts.duties) expect(n).toBeLessThanOrEqual(4);
    for (const n of counts.rules) expect(n).toBeLessThanOrEqual(4);
    expect(Math.max(...counts.duties)).toBeGreaterThan(0);
  });

  it('gives the same decision as a replay of each state alone', () => {
    const plan = manyDuties(8);
    const combos = ['extreme', 'elevated', 'high', 'low', 'extreme'] as const;
    const events = combos.map((attention, i) => ({ type: 'indicators-updated', at: iso(i), indicators: { attention } }));
    const all = decide(plan, incidentOf(events), { now: '2026-03-10T00:00:00+08:00' });
    // The last state alone (no repeated combination, so nothing cached) classifies and applies the same.
    const alone = decide(plan, incidentOf(events.slice(-1)), { now: '2026-03-10T00:00:00+08:00' });
    expect(all.level).toMatchObject({ id: alone.level.id, source: alone.level.source });
    const open = (d: typeof all) => d.obligations.filter((o) => o.status !== 'not-applicable').map((o) => o.step + o.title).sort();
    expect(open(all)).toEqual(open(alone));
  });

  it('keeps at most FACTS_CACHE_LIMIT combinations, so memory stays bounded', () => {
    const plan = manyDuties(1);
    const counts = countEvaluations(plan);
    const sweep: Record<string, string>[] = [];
    for (const attention of INDICATORS.attention)
      for (const foreignMedia of INDICATORS.foreignMedia)
        for (const spread of INDICATORS.spread)
          for (const reach of INDICATORS.reach) for (const offlineRisk of INDICATORS.offlineRisk) sweep.push({ attention, foreignMedia, spread, reach, offlineRisk });
    const events: unknown[] = [];
    // Two sweeps of every indicator combination, with and without a flag: more combinations than the cache keeps.
    for (const mediaInquiry of [false, true]) {
      events.push({ type: 'flags-updated', at: iso(events.length), flags: { mediaInquiry } });
      for (const indicators of sweep) events.push({ type: 'indicators-updated', at: iso(events.length), indicators });
    }
    const distinct = 2 * sweep.length + 1;
    expect(distinct).toBeGreaterThan(FACTS_CACHE_LIMIT);
    events.push(...events.map((e, i) => ({ ...(e as object), at: iso(events.length + i) })));
    decide(plan, incidentOf(events), { now: '2026-03-10T00:00:00+08:00' });
    // The second round finds the cache started over and evaluates again; each combination at most once per round.
    expect(counts.duties[0]).toBeGreaterThan(distinct);
    expect(counts.duties[0]).toBeLessThanOrEqual(2 * distinct);
  });

  it('keys facts by name and typed value, whatever the order of the names', () => {
    expect(factsKey({ a: 1, b: 'x' })).toBe(factsKey({ b: 'x', a: 1 }));
    expect(factsKey({ a: 1 })).not.toBe(factsKey({ a: '1' }));
    expect(factsKey({ a: true })).not.toBe(factsKey({ a: 'true' }));
    expect(factsKey({ a: undefined })).not.toBe(factsKey({}));
  });
});

/** A plan with a duty "on: upgrade" whose `when` has `width` comparisons that all hold (red-team a23's shape). */
function bigWhen(width: number): Plan {
  const def = hrss();
  const tmpl = def.obligations.find((o) => o.offset === 'PT30M')!;
  const groups = Array.from({ length: width / 100 }, () => ({ all: Array.from({ length: 100 }, () => ({ fact: 'levelRank', operator: 'lessThanInclusive', value: 9 })) }));
  def.obligations.push({ ...tmpl, id: 'up', on: 'upgrade', offset: 'PT1H', when: { all: groups } });
  const classification = (def as unknown as { classification: { conditions: unknown }[] }).classification;
  // The first rule also reads a long condition that holds, for the level's explanation.
  const first = classification[0]!;
  first.conditions = { all: [first.conditions, ...Array.from({ length: 30 }, () => ({ fact: 'exercise', operator: 'equal', value: false }))] };
  return loadPlan(def);
}

describe('explanations stay bounded (finding B)', () => {
  it('a duty with 10 000 comparisons raised at 1 000 upgrades lists at most 20 checks each, traced once per facts', () => {
    const plan = bigWhen(10_000);
    const events = Array.from({ length: 2000 }, (_, i) => ({ type: 'level-set', level: i % 2 ? 'IV' : 'I', at: iso(i) }));
    const r = replay(plan, incidentOf(events), { now: iso(2005) });
    // Count the fact reads of the explanations.
    let reads = 0;
    const proxies = new Map<Facts, Facts>();
    for (const instance of r.instances) {
      const facts = instance.arisenUnder.facts;
      let proxy = proxies.get(facts);
      if (proxy === undefined) {
        proxy = new Proxy(facts, { get: (target, name) => (reads++, Reflect.get(target, name)) });
        proxies.set(facts, proxy);
      }
      instance.arisenUnder.facts = proxy;
    }
    const decision = decisionOf(r);
    const ups = decision.explanation.filter((e) => e.rule === 'up');
    expect(ups.length).toBeGreaterThanOrEqual(1000);
    for (const entry of decision.explanation) expect(entry.facts.length).toBeLessThanOrEqual(MAX_EXPLAINED_FACTS);
    expect(ups[0]!.facts).toHaveLength(MAX_EXPLAINED_FACTS);
    expect(ups[0]!.text).toContain(`…等 ${10_000 - MAX_EXPLAINED_FACTS} 项`);
    // Entries share no objects.
    expect(ups[0]!.facts[0]).not.toBe(ups[1]!.facts[0]);
    // One trace per fact combination (a handful: the upgrades arise under the same few facts), not one per upgrade.
    const keys = new Set(r.instances.filter((x) => x.compiled.rule.id === 'up').map((x) => x.arisenUnder.key));
    expect(keys.size).toBeLessThanOrEqual(10);
    // Without the cache: 1 000 traces of 10 000 reads; with it, a few traces.
    expect(reads).toBeLessThanOrEqual(10 * 10_000);
  });

  it('the level explanation lists at most 20 checks that held and counts the others', () => {
    const plan = bigWhen(100);
    const events = [{ type: 'indicators-updated', at: iso(0), indicators: { attention: 'extreme', foreignMedia: 'intense', spread: 'very-fast', reach: 'society', offlineRisk: 'imminent' } }];
    const decision = decide(plan, incidentOf(events), { now: iso(5) });
    const level = decision.explanation.find((e) => e.subject === 'level')!;
    expect(level.facts.length).toBe(MAX_EXPLAINED_FACTS);
    expect(level.text).toMatch(/…等 \d+ 项/);
  });
});
