import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readCommonIncident, unreadTimes } from '../model/incident-fast.js';
import { IncidentError } from '../model/errors.js';
import { compiledOf, loadPlan } from '../plans/load.js';
import { INDICATORS } from '../model/vocabulary.js';
import { parseTimestamp } from '../time/timestamp.js';
import { decide, parseIncident, replay } from './decide.js';
import { buildLedger, FACTS_CACHE_LIMIT, newFactsCache } from './ledger.js';
import { buildTimeline, canonicalKey } from './timeline.js';

const at = (minute: number): string => `2026-03-02T09:${String(minute).padStart(2, '0')}:00+08:00`;

/** The same data with a title not listed (not enumerable): IncidentSchema reads it, the direct check leaves it to the full path. */
const fullPath = (value: object): object => Object.defineProperty({ ...value }, 'title', { value: 'hidden', enumerable: false });

const incident = {
  id: 'once',
  occurredAt: '2026-03-02T08:55:00+08:00',
  discoveredAt: at(0),
  indicators: { attention: 'high' },
  events: [
    { type: 'indicators-updated', at: at(7), indicators: { attention: 'extreme' } },
    { type: 'report', at: '2026-03-02T01:05:00Z', by: 'office' },
    { type: 'level-set', at: at(9), level: 'II', by: 'leading-group' },
  ],
};

describe('timestamps read once', () => {
  it('the direct check gives the times it read to a holder, each as parseTimestamp reads it', () => {
    const times = unreadTimes();
    expect(times.eventAt).toBeNull();
    expect(readCommonIncident(incident, types.isProxy, times)).not.toBeNull();
    expect(times).toStrictEqual({
      occurredAt: parseTimestamp(incident.occurredAt),
      discoveredAt: parseTimestamp(incident.discoveredAt),
      eventAt: incident.events.map((event) => parseTimestamp(event.at)),
    });
  });

  it('a holder stays unfilled for an incident the direct check leaves to the full path', () => {
    const times = unreadTimes();
    expect(readCommonIncident(fullPath(incident), types.isProxy, times)).toBeNull();
    expect(times.eventAt).toBeNull();
  });

  it('the timeline from the times read is the timeline from the text', () => {
    const compiled = compiledOf(loadPlan('hrss'));
    const times = unreadTimes();
    const parsed = parseIncident(compiled, incident, times);
    const now = Date.parse(at(30));
    const rank = (level: string): number => compiled.levels.get(level)?.rank ?? 99;
    const read = buildTimeline(parsed, now, rank, undefined, compiled.facts, undefined, times);
    expect(read.eventAt).toBe(times.eventAt);
    expect(read).toStrictEqual(buildTimeline(parsed, now, rank, undefined, compiled.facts));
    // A holder left unfilled (the full path read the incident): the timeline parses the text itself.
    expect(buildTimeline(parsed, now, rank, undefined, compiled.facts, undefined, unreadTimes())).toStrictEqual(read);
  });

  it('an incident read by the full path decides as the same incident read directly', () => {
    const plan = loadPlan('hrss');
    expect(JSON.stringify(decide(plan, fullPath(incident), { now: at(30) }))).toBe(JSON.stringify(decide(plan, incident, { now: at(30) })));
  });

  it('refuses an incident discovered before it occurred, by the times read as by the full path', () => {
    const plan = loadPlan('hrss');
    const early = { ...incident, discoveredAt: '2026-03-02T08:50:00+08:00' };
    const messages = (value: object): string[] => {
      try {
        decide(plan, value, { now: at(30) });
      } catch (error) {
        return (error as IncidentError).issues.map((issue) => `${issue.path.join('.')} ${issue.code}`);
      }
      return [];
    };
    expect(messages(early)).toStrictEqual(['discoveredAt invalid_order']);
    expect(messages(fullPath(early))).toStrictEqual(['discoveredAt invalid_order']);
  });

  it('a key "prototype" leaves the incident to the full path', () => {
    expect(readCommonIncident({ ...incident, indicators: { prototype: 'x' } }, types.isProxy)).toBeNull();
  });
});

describe('results by fact combination, kept for the compiled plan', () => {
  it('a second replay under the same plan finds the first one\'s facts and classification, and decides alike', () => {
    const plan = loadPlan('hrss');
    const first = replay(plan, incident, { now: at(30) });
    const second = replay(plan, incident, { now: at(30) });
    expect(second.levels.map((l) => l.facts)).toStrictEqual(first.levels.map((l) => l.facts));
    for (let i = 0; i < first.levels.length; i++) {
      expect(second.levels[i]!.facts).toBe(first.levels[i]!.facts);
      expect(second.levels[i]!.classification).toBe(first.levels[i]!.classification);
    }
    // The caches are the plan's; the last state read is each replay's own.
    const cache = newFactsCache(compiledOf(plan));
    expect(cache.last).toBeNull();
    expect(cache.criteria.size).toBeGreaterThan(0);
    // A fresh plan, nothing kept: the same decision.
    expect(JSON.stringify(decide(loadPlan('hrss'), incident, { now: at(30) }))).toBe(JSON.stringify(decide(plan, incident, { now: at(30) })));
  });

  it('keeps at most FACTS_CACHE_LIMIT combinations; past that, a new one is found each time, alike', () => {
    const compiled = compiledOf(loadPlan('hrss'));
    const cache = newFactsCache(compiled);
    const sizes = (): number[] => [cache.criteria.size, cache.facts.size, cache.applies.size];
    // Fill the plan's caches with combinations of its metrics-free facts by many level judgements and indicators.
    let minute = 0;
    const events: object[] = [];
    for (const attention of INDICATORS.attention)
      for (const foreignMedia of INDICATORS.foreignMedia)
        for (const spread of INDICATORS.spread)
          for (const reach of INDICATORS.reach)
            for (const offlineRisk of INDICATORS.offlineRisk)
              for (const level of ['I', 'IV']) {
                minute++;
              events.push({ type: 'indicators-updated', at: new Date(Date.parse(at(0)) + minute * 60_000).toISOString(), indicators: { attention, foreignMedia, spread, reach, offlineRisk } });
              events.push({ type: 'level-set', at: new Date(Date.parse(at(0)) + minute * 60_000 + 1000).toISOString(), level, by: 'leading-group' });
            }
    // More combinations of facts than the caches keep.
    expect(minute).toBeGreaterThan(FACTS_CACHE_LIMIT);
    const now = Date.parse(at(0)) + (minute + 10) * 60_000;
    const parsed = parseIncident(compiled, { ...incident, events });
    const timeline = buildTimeline(parsed, now, (level) => compiled.levels.get(level)?.rank ?? 99, undefined, compiled.facts);
    const full = buildLedger(compiled, timeline, now, compiled.timeZone);
    expect(Math.max(...sizes())).toBeLessThanOrEqual(FACTS_CACHE_LIMIT);
    expect(cache.facts.size).toBe(FACTS_CACHE_LIMIT);
    // Past the limit: the same levels and duties as a plan whose caches are empty.
    const fresh = compiledOf(loadPlan('hrss'));
    const again = buildLedger(fresh, buildTimeline(parsed, now, (level) => fresh.levels.get(level)?.rank ?? 99, undefined, fresh.facts), now, fresh.timeZone);
    expect(full.levels.map((l) => [l.level.id, l.key])).toStrictEqual(again.levels.map((l) => [l.level.id, l.key]));
    expect(full.obligations.map((o) => [o.id, o.arisenAt, o.dueAt, o.closedAt])).toStrictEqual(again.obligations.map((o) => [o.id, o.arisenAt, o.dueAt, o.closedAt]));
  });
});

describe('canonicalKey', () => {
  it('is the JSON of the [key, value] pairs in key order, a value JSON leaves out written as null', () => {
    const event = { type: 'report', to: 'propaganda', at: at(10), by: ['office', 'monitor'], note: undefined } as unknown as Parameters<typeof canonicalKey>[0];
    const pairs = Object.keys(event).sort().map((key) => [key, (event as unknown as Record<string, unknown>)[key]]);
    expect(canonicalKey(event)).toBe(JSON.stringify(pairs));
    expect(canonicalKey(event)).toContain('["note",null]');
  });
});
