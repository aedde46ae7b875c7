// Incidents the benchmark decides: the shapes bench/hrss-handwritten.ts covers (indicators and flags as
// given at discovery, step events at distinct times), plus long timelines for audit.
const BASE = Date.parse('2026-03-02T00:00:00Z'); // 08:00 in Asia/Shanghai
const MIN = 60_000;
const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
/** `minutes` after 2026-03-02 08:00 +08:00, written with the +08:00 offset. */
export function at(minutes: number): string {
  const d = new Date(BASE + minutes * MIN + 8 * 60 * MIN);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
}

const ROWS = [
  { attention: 'extreme', foreignMedia: 'intense', spread: 'very-fast', reach: 'society', offlineRisk: 'imminent' },
  { attention: 'high', spread: 'fast' },
  { attention: 'elevated', reach: 'limited' },
  { attention: 'low', spread: 'slow' },
  {},
  { foreignMedia: 'emerging', offlineRisk: 'none' },
];
const FLAGS = [{}, { falseReport: true }, { massIncident: true, pressConference: true }, { falseReport: false, mediaInquiry: true }];
const EVENT_SETS: ((i: number) => object[])[] = [
  () => [],
  () => [{ type: 'report', at: at(80), to: 'leading-group' }],
  () => [{ type: 'report', at: at(95), to: 'leading-group' }, { type: 'report', at: at(96), to: 'city-cac' }, { type: 'reply', at: at(300) }],
  () => [{ type: 'report', at: at(70) }, { type: 'report', at: at(75), to: 'nowhere' }, { type: 'monitor', at: at(76), by: 'someone' }, { type: 'reply', at: at(2000) }],
  () => [{ type: 'rebut', at: at(100) }, { type: 'report', at: at(101), to: 'city-committee-office' }, { type: 'report', at: at(102), to: 'city-government-deputy' }, { type: 'report', at: at(103), to: 'city-committee-government' }],
];
const NOWS = [70, 100, 130, 400, 900];

/** A varied set of hrss incidents with their `now`, deterministic. */
export function hrssCases(): { incident: Record<string, unknown>; now: string }[] {
  const out: { incident: Record<string, unknown>; now: string }[] = [];
  let n = 0;
  for (const indicators of ROWS) for (const flags of FLAGS) for (const [e, events] of EVENT_SETS.entries()) {
    const now = NOWS[(n + e) % NOWS.length] as number;
    out.push({
      incident: { id: `inc-${n}`, occurredAt: at([0, 30, 60][n % 3] as number), discoveredAt: at(60), indicators, flags, events: events(n) },
      now: at(now),
    });
    n++;
  }
  return out;
}

/** The typical incident the headline figures use: level II, one report done, one still due. */
export const TYPICAL = {
  incident: {
    id: 'inc-typical',
    occurredAt: at(0),
    discoveredAt: at(60),
    indicators: { attention: 'high', spread: 'fast' },
    flags: { falseReport: true },
    events: [{ type: 'report', at: at(80), to: 'leading-group' }, { type: 'report', at: at(85), to: 'city-cac' }],
  },
  now: at(100),
};

/** An hrss incident with `n` events: indicator changes (escalating and easing), reports and replies, spread over days. */
export function longIncident(n: number): Record<string, unknown> {
  const attention = ['low', 'elevated', 'high', 'extreme', 'high', 'elevated'];
  const events: object[] = [];
  for (let i = 0; i < n; i++) {
    const t = 60 + (i + 1) * 7; // every 7 minutes after discovery
    switch (i % 5) {
      case 0: events.push({ type: 'indicators-updated', at: at(t), indicators: { attention: attention[(i / 5) % attention.length] } }); break;
      case 1: events.push({ type: 'report', at: at(t), to: 'leading-group' }); break;
      case 2: events.push({ type: 'report', at: at(t), to: 'city-cac' }); break;
      case 3: events.push({ type: 'flags-updated', at: at(t), flags: { falseReport: i % 2 === 0 } }); break;
      case 4: events.push({ type: 'reply', at: at(t) }); break;
    }
  }
  return { id: `inc-long-${n}`, occurredAt: at(0), discoveredAt: at(60), indicators: { attention: 'low' }, events };
}
/** `now` after every event of longIncident(n). */
export const longNow = (n: number): string => at(60 + (n + 1) * 7 + 1);

/** Recipients of each plan's outside reports, for the hostile shapes below. */
const OUTSIDE: Record<string, string> = { hrss: 'city-cac', 'county-bureau': 'county-propaganda' };
const HOSTILE_STEPS = ['report', 'reply', 'monitor', 'rebut', 'track', 'consult', 'statement'];

/**
 * The hostile shapes of issue 12, a minute apart from discovery on: `varied` mixes step events with and
 * without `to`, indicator updates that move the level up and down, and flag updates; `flip-flop` moves
 * the level between I and IV at every event.
 */
export function hostileIncident(n: number, plan: 'hrss' | 'county-bureau', shape: 'varied' | 'flip-flop'): Record<string, unknown> {
  const tos = ['leading-group', OUTSIDE[plan], undefined];
  const events: object[] = [];
  for (let i = 0; i < n; i++) {
    const t = at(61 + i);
    if (shape === 'flip-flop') {
      events.push({ type: 'indicators-updated', at: t, indicators: { attention: i % 2 === 0 ? 'extreme' : 'low' } });
      continue;
    }
    switch (i % 4) {
      case 0: events.push({ type: 'indicators-updated', at: t, indicators: { attention: ['low', 'elevated', 'high', 'extreme', 'high'][(i / 4) % 5] } }); break;
      case 1: { const to = tos[i % 3]; events.push({ type: HOSTILE_STEPS[i % HOSTILE_STEPS.length], at: t, ...(to ? { to } : {}) }); break; }
      case 2: events.push({ type: 'flags-updated', at: t, flags: { falseReport: i % 3 === 0 } }); break;
      default: events.push({ type: 'report', at: t }); break;
    }
  }
  return { id: `hostile-${shape}-${n}`, occurredAt: at(0), discoveredAt: at(60), indicators: { attention: 'low' }, events };
}
/** `now` after every event of hostileIncident(n, …). */
export const hostileNow = (n: number): string => at(61 + n);
