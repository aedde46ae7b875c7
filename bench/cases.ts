// The incident set the fast hrss reference (bench/hrss-fast.ts) is checked and timed on: deterministic
// (a fixed-seed generator), every indicator row and flag sampled, discovered at various gaps after the
// occurrence, step events to roles, recipients, unknown parties and none, by roles, several roles, unknown
// names and recipients, done before or after their duty was due, before the occurrence and after `now`,
// some at one moment; level-set (with and without `by`), indicators-updated, flags-updated, subsided and
// evaluated events; several `now`s. Also a set of invalid incidents that decide() and the fast reference
// must both reject.
import { at } from './fixtures.js';

export interface Case { incident: Record<string, unknown>; now: string }

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDICATORS: Record<string, string[]> = {
  attention: ['extreme', 'high', 'elevated', 'low'],
  foreignMedia: ['intense', 'emerging', 'none'],
  spread: ['very-fast', 'fast', 'moderate', 'slow'],
  reach: ['society', 'wide', 'limited', 'small'],
  offlineRisk: ['imminent', 'possible', 'none'],
};
const FLAGS = ['massIncident', 'falseReport', 'suspectedCrime', 'mediaInquiry', 'emergencyEvent', 'pressConference'];
const STEPS = ['report', 'report', 'report', 'report', 'reply', 'reply', 'rebut', 'monitor', 'track', 'press-conference', 'evaluate', 'aftercare', 'continuous-monitoring', 'consult', 'accountability', 'revise'];
const TOS = [undefined, undefined, 'leading-group', 'city-cac', 'city-cac', 'city-committee-office', 'city-government-office', 'city-government-deputy', 'city-committee-government', 'office', 'nowhere'];
const BYS: (string | string[] | undefined)[] = [undefined, undefined, undefined, 'monitor', 'office', 'leading-group', 'group-leader', 'someone', 'city-cac', ['monitor', 'office'], ['someone', 'else'], ['leading-group']];
const LEVELS = ['I', 'II', 'III', 'IV'];
/** Minutes from discovery at which `now` falls. */
const NOWS = [0, 10, 40, 90, 300, 800, 3000];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

function indicatorsOf(r: () => number, density: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(INDICATORS)) if (r() < density) out[name] = pick(r, values);
  return out;
}
function flagsOf(r: () => number, density: number): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const name of FLAGS) if (r() < density) out[name] = r() < 0.7;
  return out;
}

/** `count` valid hrss incidents with their `now` (seeded: the same set every run). */
export function fastCases(count = 4000, seed = 15): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  for (let n = 0; n < count; n++) {
    const gap = pick(r, [0, 0, 30, 60, 780, 2900]);
    const occurred = 0;
    const discovered = occurred + gap;
    const nowMin = discovered + pick(r, NOWS);
    const incident: Record<string, unknown> = { id: `fast-${n}`, occurredAt: at(occurred), discoveredAt: at(discovered) };
    if (n % 17 === 0) incident.title = `舆情 ${n}`;
    if (r() < 0.85) incident.indicators = indicatorsOf(r, pick(r, [0.2, 0.4, 0.8]));
    if (r() < 0.7) incident.flags = flagsOf(r, pick(r, [0.15, 0.4]));
    if (n % 23 === 0) incident.exercise = r() < 0.5;
    if (n % 29 === 0) incident.metrics = {};
    const shape = n % 4; // 0: steps only; 1: steps and state changes; 2: state changes heavy; 3: few events
    const eventCount = shape === 3 ? Math.floor(r() * 3) : 1 + Math.floor(r() * (shape === 2 ? 10 : 7));
    const events: Record<string, unknown>[] = [];
    let last = discovered;
    for (let k = 0; k < eventCount; k++) {
      // Mostly after discovery in order; some before the occurrence, some after now, some at one moment.
      const u = r();
      const t = u < 0.05 ? occurred - 10 : u < 0.1 ? discovered - 5 : u < 0.18 ? last : u < 0.28 ? nowMin + 1 + Math.floor(r() * 60) : last + 1 + Math.floor(r() * Math.max(1, (nowMin - discovered) / 2 + 20));
      last = Math.max(last, t);
      const kind = r();
      const by = pick(r, BYS);
      const e: Record<string, unknown> = {};
      if (shape !== 0 && kind < (shape === 2 ? 0.5 : 0.3)) {
        const s = r();
        if (s < 0.3) {
          e.type = 'level-set';
          e.level = pick(r, LEVELS);
        } else if (s < 0.6) {
          e.type = 'indicators-updated';
          e.indicators = indicatorsOf(r, 0.4);
        } else if (s < 0.85) {
          e.type = 'flags-updated';
          e.flags = flagsOf(r, 0.5);
        } else if (s < 0.93) e.type = 'subsided';
        else e.type = 'evaluated';
      } else {
        e.type = pick(r, STEPS);
        const to = pick(r, TOS);
        if (to !== undefined) e.to = to;
        if (r() < 0.05) e.subject = '科目';
      }
      e.at = at(t);
      if (by !== undefined && (e.type !== 'level-set' || r() < 0.7)) e.by = Array.isArray(by) ? [...by] : by;
      if (r() < 0.05) e.note = '备注';
      events.push(e);
    }
    if (events.length > 0 || r() < 0.5) incident.events = events;
    out.push({ incident, now: at(nowMin) });
  }
  return out;
}

/** Invalid variants of valid incidents (and bad `now`s): decide() and the fast reference must both reject each. */
export function invalidCases(base: readonly Case[]): Case[] {
  const edits: ((c: Case) => Case)[] = [
    (c) => ({ ...c, incident: { ...c.incident, occurredAt: '2026-02-30T08:00:00+08:00' } }),
    (c) => ({ ...c, incident: { ...c.incident, discoveredAt: '2026-03-02T25:00:00+08:00' } }),
    (c) => ({ ...c, incident: { ...c.incident, discoveredAt: '2026-03-02 08:00:00' } }),
    (c) => ({ ...c, incident: { ...c.incident, occurredAt: at(5000) } }),
    (c) => ({ ...c, incident: { ...c.incident, id: '' } }),
    (c) => ({ ...c, incident: { ...c.incident, id: 7 } }),
    (c) => ({ ...c, incident: { ...c.incident, colour: 'red' } }),
    (c) => ({ ...c, incident: { ...c.incident, indicators: { attention: 'huge' } } }),
    (c) => ({ ...c, incident: { ...c.incident, indicators: { mood: 'bad' } } }),
    (c) => ({ ...c, incident: { ...c.incident, flags: { falseReport: 'yes' } } }),
    (c) => ({ ...c, incident: { ...c.incident, flags: { unknownFlag: true } } }),
    (c) => ({ ...c, incident: { ...c.incident, metrics: { reposts: 5 } } }),
    (c) => ({ ...c, incident: { ...c.incident, exercise: 'no' } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'level-set', level: 'V', at: at(70) }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'report', at: at(70), to: '' }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'report', at: at(70), colour: 'x' }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'shout', at: at(70) }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'report', at: '2026-13-01T08:00:00+08:00' }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'report' }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'subsided', at: at(70), to: 'office' }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'indicators-updated', at: at(70), indicators: { reach: 'global' } }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'flags-updated', at: at(70) }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: [{ type: 'report', at: at(70), by: [] }] } }),
    (c) => ({ ...c, incident: { ...c.incident, events: {} } }),
    (c) => ({ ...c, incident: { ...c.incident, constructor: 'x' } }),
    (c) => ({ ...c, now: '2026-03-01T08:00:00+08:00' }),
    (c) => ({ ...c, now: 'tomorrow' }),
  ];
  return base.slice(0, edits.length * 3).map((c, i) => edits[i % edits.length]!(c));
}
