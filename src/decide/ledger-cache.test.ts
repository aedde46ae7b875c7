import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedIncident } from '../model/incident.js';
import type { CompiledPlan } from '../plans/compile.js';
import { compiledOf, loadPlan } from '../plans/load.js';
import { parseIncident } from './decide.js';
import { buildLedger } from './ledger.js';
import { buildTimeline } from './timeline.js';

const at = (minute: number): string => `2026-03-02T09:${String(minute).padStart(2, '0')}:00+08:00`;

describe('buildLedger: one set of facts per combination', () => {
  it('states with the same facts share their criteria, classification and facts; a state whose facts are the same objects reads nothing again', () => {
    const compiled = compiledOf(loadPlan('hrss'));
    const events = [
      ...[1, 2, 3, 4].map((m) => ({ type: 'indicators-updated', at: at(m), indicators: { attention: m % 2 === 1 ? 'extreme' : 'low' } })),
      { type: 'warning-lifted', at: at(5) },
    ];
    const incident = parseIncident(compiled, { id: 'flip', occurredAt: at(0), discoveredAt: at(0), indicators: { attention: 'low' }, events });
    const now = Date.parse(at(10));
    const { levels } = buildLedger(compiled, buildTimeline(incident, now, (id) => compiled.levels.get(id)!.rank), now, compiled.timeZone);
    expect(levels.map((l) => l.level.id)).toStrictEqual(['IV', 'I', 'IV', 'I', 'IV', 'IV']);
    expect(levels[3]!.facts).toBe(levels[1]!.facts);
    expect(levels[3]!.classification).toBe(levels[1]!.classification);
    expect(levels[2]!.facts).toBe(levels[0]!.facts);
    expect(levels[1]!.facts).not.toBe(levels[0]!.facts);
    expect(levels[1]!.key).not.toBe(levels[0]!.key);
    // The warning lifted changes no fact: the last state has the facts of the one before.
    expect(levels[5]!.facts).toBe(levels[4]!.facts);
    expect(levels[5]!.key).toBe(levels[4]!.key);
    expect(levels[1]!.facts).toMatchObject({ attention: 'extreme', level: 'I', levelRank: 1, graded: true, warningInForce: false });
  });
});

describe('buildLedger: the key of a fact combination', () => {
  const metricPlan = compiledOf(loadPlan(JSON.parse(readFileSync(new URL('../../examples/plans/city-media-tier.json', import.meta.url), 'utf8')) as object));
  /** The keys of the states of an incident given as parsed (not checked against the plan), one state per event. */
  const keysOf = (compiled: CompiledPlan, start: Partial<ParsedIncident>, events: object[]): string[] => {
    const incident = { id: 'k', occurredAt: at(0), discoveredAt: at(0), indicators: {}, flags: {}, exercise: false, ...start, events: events.map((e, i) => ({ at: at(i + 1), ...e })) } as ParsedIncident;
    const now = Date.parse(at(30));
    const timeline = buildTimeline(incident, now, (id) => compiled.levels.get(id)?.rank ?? 9, undefined, compiled.facts);
    return buildLedger(compiled, timeline, now, compiled.timeZone).levels.map((l) => l.key);
  };

  it('is compact for facts of the plan, and equal exactly where the facts are', () => {
    const compiled = compiledOf(loadPlan('hrss'));
    const keys = keysOf(compiled, { flags: { falseReport: undefined } as unknown as ParsedIncident['flags'] }, [
      { type: 'indicators-updated', indicators: { attention: 'high' } },
      { type: 'flags-updated', flags: { falseReport: true } },
      { type: 'indicators-updated', indicators: { attention: 'high' } },
      { type: 'flags-updated', flags: { falseReport: false } },
    ]);
    expect(keys[0]).toMatch(/^#/);
    // A flag given as undefined is another combination than the flag false.
    expect(new Set(keys.slice(0, 4)).size).toBe(3);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[4]).not.toBe(keys[0]);
    const metrics = keysOf(metricPlan, { metrics: { reposts: 10 } }, [{ type: 'metrics-updated', metrics: { reposts: 20 } }, { type: 'metrics-updated', metrics: { reposts: 10 } }]);
    expect(metrics[0]).toMatch(/^#.*\(10\)/);
    expect(metrics[2]).toBe(metrics[0]);
    expect(metrics[1]).not.toBe(metrics[0]);
  });

  it("falls back to factsKey's for facts the plan does not know or values of another kind", () => {
    const compiled = compiledOf(loadPlan('hrss'));
    const odd: Partial<ParsedIncident>[] = [
      { indicators: { attention: 'bogus' } as unknown as ParsedIncident['indicators'] },
      { indicators: { attention: 3 } as unknown as ParsedIncident['indicators'] },
      { indicators: { mood: 'x' } as unknown as ParsedIncident['indicators'] },
      { flags: { falseReport: 'yes' } as unknown as ParsedIncident['flags'] },
    ];
    for (const start of odd) {
      const [key] = keysOf(compiled, start, []);
      expect(key).toMatch(/^"/);
    }
    // A name `exercise` among the indicators is overwritten by the incident's own: the facts, and the key, are as without it.
    expect(keysOf(compiled, { indicators: { exercise: 'x' } as unknown as ParsedIncident['indicators'] }, [])).toStrictEqual(keysOf(compiled, {}, []));
    // So is an indicator named as a flag: the flag's value stands.
    expect(keysOf(compiled, { indicators: { falseReport: 'x' } as unknown as ParsedIncident['indicators'] }, [])).toStrictEqual(keysOf(compiled, {}, []));
    const [metric] = keysOf(metricPlan, { metrics: { reposts: '10' } as unknown as ParsedIncident['metrics'] }, []);
    expect(metric).toContain('"reposts":"10"');
  });
});
