import { describe, expect, it } from 'vitest';
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
