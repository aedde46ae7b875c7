// The fastest hand-written equivalent of `decide(loadPlan('hrss'), incident, { now })` that the bench
// knows: the floor decide() is measured against (issue 15). Its output is JSON-identical to decide()'s
// (bench/run.ts checks JSON.stringify equality over bench/cases.ts before timing anything).
//
// Shapes covered: the incident fields id, title, occurredAt, discoveredAt, indicators (the five shared
// indicators), flags (the six shared flags), exercise, metrics (only empty: hrss declares no metric), and
// events of the shared step types (report, reply, monitor, rebut, …, with `to`, `by` as one role or
// several, `subject`, `note`), `level-set` (with or without `by`), `indicators-updated`, `flags-updated`,
// `subsided` and `evaluated`, before or after discovery and `now`, at the same moment or not.
// Left out (the function throws "unsupported" for a valid incident that has them, and bench/cases.ts
// generates none): `metrics-updated`, `extended`, the warning events (`warning-issued`, `-adjusted`,
// `-lifted`), `end-proposed`, `end-approved`; a Proxy given as the incident (decide rejects it; this
// function reads through it); timestamps past the year 9999.
//
// Validation is as strict as decide()'s for every field above: anything decide() rejects, this function
// rejects too (with a plain Error: the messages are not decide()'s). It builds fresh objects on every call
// and keeps nothing between calls that depends on its input (the date memo is reset at each call).
//
// Written for speed: literal per-duty tables (copied once at module load from the plan definition, as a
// generated module would hold them), severities as small integers, timestamps of the usual
// `YYYY-MM-DDTHH:MM:SS±hh:mm` form parsed and written with integer arithmetic (Asia/Shanghai is +08:00 with
// no daylight saving since 1991), no Date on the usual path, no sort unless events are out of order.
import type { Decision } from '../src/model/decision.js';
import { loadPlan, STEP_IDS } from '../src/index.js';
import { compiledOf } from '../src/plans/load.js';
import { FLAG_LABELS, INDICATOR_LABELS, STATE_LABELS } from '../src/model/labels.js';

/** A fact and its value as decide's explanations write them (`关注度：高`, `群体性突发事件：是`), from the labels table. */
function factWords(fact: string, value: unknown): string {
  const indicator = (INDICATOR_LABELS as Record<string, { label: { zh: string }; values: Record<string, { zh: string }> }>)[fact];
  if (indicator !== undefined) return `${indicator.label.zh}：${indicator.values[value as string]?.zh ?? String(value)}`;
  const label = (FLAG_LABELS as Record<string, { zh: string }>)[fact] ?? STATE_LABELS[fact];
  return `${label?.zh ?? fact}：${typeof value === 'boolean' ? (value ? '是' : '否') : String(value)}`;
}

type Json = any;
const plan = loadPlan('hrss');
const definition = plan.definition as Json;
const compiled = compiledOf(plan);

// ---- Literal tables ---------------------------------------------------------------------------
const PLAN_ID = definition.id as string;
const PLAN_VERSION = definition.version as string;
const LEVEL_IDS = ['I', 'II', 'III', 'IV'];
const LEVEL_NAME: string[] = LEVEL_IDS.map((id) => definition.levels.find((l: Json) => l.id === id).name);
const LEVEL_NAME_EN: string[] = LEVEL_IDS.map((id) => definition.levels.find((l: Json) => l.id === id).nameEn);
const LEVEL_TEXT = LEVEL_IDS.map((id, i) => `${id} ${LEVEL_NAME[i]}`);
const ROLE = new Set<string>(definition.roles.map((r: Json) => r.id));
const PARTY_NAME = new Map<string, string>([...definition.roles, ...definition.recipients].map((p: Json) => [p.id, p.name]));
const nameOf = (id: string): string => PARTY_NAME.get(id) ?? id;
const ESC = LEVEL_IDS.map((id) => {
  const e = definition.escalation.find((x: Json) => x.level === id);
  return { lead: e.lead as string, leadName: nameOf(e.lead), note: e.leadNote as string | undefined, basis: e.basis as Json };
});
const CLASS_RULE = ['level-i-criteria', 'level-ii-criteria', 'level-iii-criteria', 'level-iv-otherwise'];
const CLASS_BASIS = CLASS_RULE.map((id) => definition.classification.find((c: Json) => c.id === id).basis as Json);
const CLASS_PRIORITY = CLASS_RULE.map((id) => definition.classification.find((c: Json) => c.id === id).priority as number);
const FRACTIONS = definition.reminders as number[];
const STEP_ORDER = compiled.stepOrder;

const DUTY_IDS = [
  'monitor', 'report-worsening', 'report-leading-group', 'request-leading-group-level-iv', 'reply', 'track', 'continuous-monitoring', 'rebut',
  'official-voice', 'aftercare', 'evaluate', 'accountability', 'revise', 'report-office-to-cac', 'report-city-committee-office',
  'report-city-government-office', 'report-cac-major', 'request-city-committee-government', 'report-city-government-deputy', 'report-cac-level-ii',
  'file-cac-level-iii', 'reply-commentary', 'press-conference',
];
if (JSON.stringify(definition.obligations.map((o: Json) => o.id)) !== JSON.stringify(DUTY_IDS)) throw new Error('bench/hrss-fast.ts: the hrss duties changed; update the tables');
const KIND_CONTINUOUS = 0, KIND_DEADLINE = 1, KIND_IMMEDIATE = 2, KIND_UNDATED = 3;
const KIND_NAME = ['continuous', 'deadline', 'immediate', 'undated'] as const;
const KIND_ORDER = [3, 0, 1, 2];
interface Duty { id: string; step: string; to?: string; notify?: string; until?: string; title: string; responsible: string; responsibleName: string; recipientName?: string; kind: number; basis: Json; stepOrder: number; outside: boolean }
const DUTIES: Duty[] = definition.obligations.map((o: Json): Duty => ({
  id: o.id, step: o.step, ...(o.to !== undefined ? { to: o.to } : {}), ...(o.notify !== undefined ? { notify: o.notify } : {}), ...(o.until !== undefined ? { until: o.until } : {}),
  title: o.title, responsible: o.responsible, responsibleName: nameOf(o.responsible), ...(o.to !== undefined ? { recipientName: nameOf(o.to) } : {}),
  kind: o.continuous ? KIND_CONTINUOUS : o.offset !== null ? KIND_DEADLINE : o.immediate ? KIND_IMMEDIATE : KIND_UNDATED,
  basis: o.basis, stepOrder: STEP_ORDER.get(o.step) as number, outside: o.to !== undefined && !ROLE.has(o.to),
}));
const D_WORSENING = 1, D_LEADING = 2, D_REPLY = 4;
const NDUTY = DUTIES.length;
/** A basis copied without spreading (the plan's basis objects are frozen). */
const basisCopy = (b: Json): Json => (b.quote === undefined ? (b.section === undefined ? { seed: b.seed, clause: b.clause } : { seed: b.seed, section: b.section, clause: b.clause }) : b.section === undefined ? { seed: b.seed, clause: b.clause, quote: b.quote } : { seed: b.seed, section: b.section, clause: b.clause, quote: b.quote });
if (DUTIES.some((d) => Object.keys(d.basis).join() !== ['seed', 'section', 'clause', 'quote'].filter((k) => d.basis[k] !== undefined).join())) throw new Error('bench/hrss-fast.ts: basis key order');
/** Steps some continuous duty does; steps some duty does toward an outside recipient. */
const CONTINUOUS_STEP = new Set(DUTIES.filter((d) => d.kind === KIND_CONTINUOUS).map((d) => d.step));
const OUTSIDE_STEP = new Set(DUTIES.filter((d) => d.outside).map((d) => d.step));

// ---- Vocabulary ---------------------------------------------------------------------------------
const IND_NAMES = ['attention', 'foreignMedia', 'spread', 'reach', 'offlineRisk'];
const IND_VALUES = [['extreme', 'high', 'elevated', 'low'], ['intense', 'emerging', 'none'], ['very-fast', 'fast', 'moderate', 'slow'], ['society', 'wide', 'limited', 'small'], ['imminent', 'possible', 'none']];
const IND_INDEX: Record<string, number> = { attention: 0, foreignMedia: 1, spread: 2, reach: 3, offlineRisk: 4 };
const FLAG_INDEX: Record<string, number> = { massIncident: 0, falseReport: 1, suspectedCrime: 2, mediaInquiry: 3, emergencyEvent: 4, pressConference: 5 };
const F_MASS = 1, F_FALSE = 2, F_EMERGENCY = 16, F_PRESS = 32;
// Event types: 1 step, 2 level-set, 3 indicators-updated, 4 flags-updated, 5 subsided, 6 evaluated; 9 valid but not covered.
const EVENT_KIND: Record<string, number> = Object.assign(Object.create(null), Object.fromEntries(STEP_IDS.map((s) => [s, 1])), {
  'level-set': 2, 'indicators-updated': 3, 'flags-updated': 4, subsided: 5, evaluated: 6,
  'metrics-updated': 9, extended: 9, 'warning-issued': 9, 'warning-adjusted': 9, 'warning-lifted': 9, 'end-proposed': 9, 'end-approved': 9,
});
const LEVEL_CODE: Record<string, number> = Object.assign(Object.create(null), { I: 0, II: 1, III: 2, IV: 3 });

function bad(what: string): never {
  throw new Error(`invalid incident: ${what}`);
}
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === null || Object.getPrototypeOf(p) === null;
};
const isPlainArray = (v: unknown): v is unknown[] => Array.isArray(v) && Array.isArray(Object.getPrototypeOf(v));
const str = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && v.length >= min && v.length <= max;

// ---- Time ---------------------------------------------------------------------------------------
const DAY = 86_400_000, HOUR = 3_600_000, MIN = 60_000, OFFSET = 8 * HOUR;
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number): number => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : (MONTH_DAYS[m - 1] as number));
const dig = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
};
const PARTS = /^(\d{4}|\+010000)-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
const LAST_INSTANT = Date.UTC(10000, 0, 1);
/** The library's parseTimestamp, for the forms other than `YYYY-MM-DDTHH:MM:SS±hh:mm` (NaN where it gives null). */
function parseSlow(text: string): number {
  const m = PARTS.exec(text);
  if (!m) return NaN;
  const year = +m[1]!, month = +m[2]!, day = +m[3]!, hour = +m[4]!, minute = +m[5]!, second = m[6] ? +m[6] : 0;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute !== 0 || second !== 0))) return NaN;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  const local = daysFromCivil(year, month, day) * DAY + hour * HOUR + minute * MIN + second * 1000 + ms;
  const oh = m[9] ? +m[9] : 0, om = m[10] ? +m[10] : 0;
  if (om > 59 || oh * 60 + om > 14 * 60) return NaN;
  const offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om) * MIN;
  if (year > 9999 && local - offset >= LAST_INSTANT) return NaN;
  return local - offset;
}
/** Milliseconds of an incident timestamp (a string of at most 40 characters that parseTimestamp reads), else NaN. */
function parseTs(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  if (text.length !== 25) return text.length > 40 ? NaN : parseSlow(text);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(22) !== 58) return parseSlow(text);
  const sign = text.charCodeAt(19);
  if (sign !== 43 && sign !== 45) return parseSlow(text);
  const y = dig(text, 0) * 1000 + dig(text, 1) * 100 + dig(text, 2) * 10 + dig(text, 3);
  const mo = dig(text, 5) * 10 + dig(text, 6), d = dig(text, 8) * 10 + dig(text, 9);
  const h = dig(text, 11) * 10 + dig(text, 12), mi = dig(text, 14) * 10 + dig(text, 15), s = dig(text, 17) * 10 + dig(text, 18);
  const oh = dig(text, 20) * 10 + dig(text, 21), om = dig(text, 23) * 10 + dig(text, 24);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || mi < 0 || s < 0 || oh < 0 || om < 0) return NaN;
  if (d > daysIn(y, mo) || mi > 59 || s > 59 || h > 24 || (h === 24 && (mi !== 0 || s !== 0)) || om > 59 || oh * 60 + om > 840) return NaN;
  return daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * MIN + s * 1000 - (sign === 45 ? -1 : 1) * (oh * 60 + om) * MIN;
}
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
// The date part of the last day written, reset at each call (no memory across calls).
let memoDay = NaN;
let memoText = '';
/** ISO 8601 text at +08:00, as the library writes it (fraction only when not zero). */
function iso(ms: number): string {
  const local = ms + OFFSET;
  const day = Math.floor(local / DAY);
  let rest = local - day * DAY;
  if (day !== memoDay) {
    // civil from days (Howard Hinnant's algorithm)
    const z = day + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y < 1000 || y > 9999) return isoSlow(ms);
    memoDay = day;
    memoText = `${y}-${two(m)}-${two(d)}T`;
  }
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const mi = Math.floor(rest / MIN);
  rest -= mi * MIN;
  const s = Math.floor(rest / 1000);
  const f = rest - s * 1000;
  return f === 0 ? `${memoText}${two(h)}:${two(mi)}:${two(s)}+08:00` : `${memoText}${two(h)}:${two(mi)}:${two(s)}.${String(f).padStart(3, '0')}+08:00`;
}
function isoSlow(ms: number): string {
  const d = new Date(ms + OFFSET);
  const year = d.getUTCFullYear();
  const y = year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0');
  const f = d.getUTCMilliseconds();
  return `${y}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${f === 0 ? '' : `.${String(f).padStart(3, '0')}`}+08:00`;
}

// ---- Input --------------------------------------------------------------------------------------
interface Ev { type: string; kind: number; at: number; index: number; raw: Record<string, unknown>; to?: string; by?: string[]; level: number; ind: Record<string, string> | null; flags: Record<string, boolean> | null; key: string | null }

function checkIndicators(v: unknown): Record<string, string> {
  if (!isPlain(v)) bad('indicators');
  for (const k of Object.keys(v)) {
    const i = IND_INDEX[k];
    if (i === undefined || typeof i !== 'number' || !(IND_VALUES[i] as string[]).includes(v[k] as string)) bad(`indicator ${k}`);
  }
  return v as Record<string, string>;
}
function checkFlags(v: unknown): Record<string, boolean> {
  if (!isPlain(v)) bad('flags');
  for (const k of Object.keys(v)) if (typeof FLAG_INDEX[k] !== 'number' || typeof v[k] !== 'boolean') bad(`flag ${k}`);
  return v as Record<string, boolean>;
}
function checkBy(v: unknown): string[] {
  if (typeof v === 'string') {
    if (v.length < 1 || v.length > 100) bad('by');
    return [v];
  }
  if (!isPlainArray(v) || v.length < 1 || v.length > 20) bad('by');
  for (let i = 0; i < v.length; i++) if (!(i in v) || !str(v[i], 1, 100)) bad('by');
  return v.slice() as string[];
}
function parseEvent(raw: unknown, index: number): Ev {
  if (!isPlain(raw)) bad('event');
  const type = raw.type;
  const kind = typeof type === 'string' ? EVENT_KIND[type] : undefined;
  if (kind === undefined) bad('event type');
  if (kind === 9) throw new Error(`bench/hrss-fast.ts: event type "${type as string}" is not covered`);
  const e: Ev = { type: type as string, kind, at: NaN, index, raw, level: -1, ind: null, flags: null, key: null };
  let hasAt = false;
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    switch (k) {
      case 'type': break;
      case 'at': hasAt = true; e.at = parseTs(v); if (e.at !== e.at) bad('event at'); break;
      case 'by': if (v !== undefined) e.by = checkBy(v); break;
      case 'note': if (v !== undefined && !str(v, 0, 2000)) bad('note'); break;
      case 'to': if (kind !== 1) bad('to'); if (v !== undefined) { if (!str(v, 1, 100)) bad('to'); e.to = v as string; } break;
      case 'subject': if (kind !== 1) bad('subject'); if (v !== undefined && !str(v, 1, 200)) bad('subject'); break;
      case 'level': if (kind !== 2 || !str(v, 1, 100)) bad('level'); e.level = LEVEL_CODE[v as string] ?? bad('unknown level'); break;
      case 'indicators': if (kind !== 3) bad('indicators'); e.ind = checkIndicators(v); break;
      case 'flags': if (kind !== 4) bad('flags'); e.flags = checkFlags(v); break;
      default: bad(`event key ${k}`);
    }
  }
  if (!hasAt || (kind === 2 && e.level < 0) || (kind === 3 && e.ind === null) || (kind === 4 && e.flags === null)) bad('event fields');
  return e;
}
/** The event's content as text, keys in order (the library's canonicalKey): only for events at one moment. */
function keyOf(e: Ev): string {
  if (e.key === null) e.key = JSON.stringify(Object.keys(e.raw).sort().map((k) => [k, e.raw[k]]));
  return e.key;
}
const byTime = (a: Ev, b: Ev): number => {
  if (a.at !== b.at) return a.at - b.at;
  const ka = keyOf(a), kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

// ---- Replay -------------------------------------------------------------------------------------
interface State { at: number; ind: Record<string, string>; flags: number; subsided: boolean; judged: number; judgedBy: string[] | undefined; level: number; criteria: number }
interface Inst { d: number; id: string; arisenAt: number; initial: boolean; arisenLevel: number; anchorAt: number; dueAt: number | null; closedAt: number | null; closedReason: string | null; done: Ev | null }

/** The grading row an indicator set reaches: 0 (I) … 3 (IV). */
function gradeOf(ind: Record<string, string>): number {
  let best = 3;
  for (const k in ind) {
    const i = IND_INDEX[k] as number;
    const sev = (IND_VALUES[i] as string[]).indexOf(ind[k] as string);
    if (sev === 0) return 0;
    if (sev === 1) best = 1;
    else if (sev === 2 && best > 2 && i !== 1 && i !== 4) best = 2;
  }
  return best;
}
/** The checks of a grading row that held (in the rule's order) and the rows below that fired too. */
function rowChecks(row: number, ind: Record<string, string>): Json[] {
  const out: Json[] = [];
  for (let i = 0; i < 5; i++) {
    if (row === 2 && (i === 1 || i === 4)) continue;
    const v = ind[IND_NAMES[i] as string];
    if (v === undefined) continue;
    const sev = (IND_VALUES[i] as string[]).indexOf(v);
    if (row === 0) {
      if (sev === 0) out.push({ fact: IND_NAMES[i], operator: 'equal', value: v, factValue: v, result: true });
    } else if (sev <= row) out.push({ fact: IND_NAMES[i], operator: 'in', value: (IND_VALUES[i] as string[]).slice(0, row + 1), factValue: v, result: true });
  }
  return out;
}
function applies(d: number, level: number, flags: number, subsided: boolean): boolean {
  switch (d) {
    case 3: return level === 3;
    case 6: return (flags & F_MASS) !== 0;
    case 7: return (flags & F_FALSE) !== 0;
    case 8: return (flags & F_EMERGENCY) !== 0;
    case 9: case 10: case 11: case 12: return subsided;
    case 14: case 15: case 16: return level <= 1;
    case 17: return level === 0;
    case 18: case 19: return level === 1;
    case 20: return level === 2;
    case 22: return (flags & F_PRESS) !== 0;
    default: return true;
  }
}
const eq = (fact: string, value: unknown, factValue: unknown): Json => ({ fact, operator: 'equal', value, factValue, result: true });
/** The checks of a duty's condition under the level it arose at. */
function whenChecks(d: number, level: number): Json[] | null {
  switch (d) {
    case 3: case 17: case 18: case 19: case 20: return [eq('level', LEVEL_IDS[level], LEVEL_IDS[level])];
    case 6: return [eq('massIncident', true, true)];
    case 7: return [eq('falseReport', true, true)];
    case 8: return [eq('emergencyEvent', true, true)];
    case 9: case 10: case 11: case 12: return [eq('subsided', true, true)];
    case 14: case 15: case 16: return [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2, factValue: level + 1, result: true }];
    case 22: return [eq('pressConference', true, true)];
    default: return null;
  }
}
/** Whether a step event counts for a duty (same step checked by the caller). */
function fulfils(e: Ev, duty: Duty): boolean {
  const by = e.by;
  if (by !== undefined && !by.includes(duty.responsible)) for (const r of by) if (ROLE.has(r)) return false;
  if (e.to === undefined) return duty.to === undefined || ROLE.has(duty.to);
  if (duty.to === undefined) return ROLE.has(e.to);
  return e.to === duty.to;
}

/** The hrss decision, written by hand for speed. */
export function decideHrssFast(incident: unknown, now: string | Date): Decision {
  memoDay = NaN;
  if (!isPlain(incident)) bad('incident');
  let id: unknown, occ = NaN, disc = NaN, ind0: Record<string, string> = {}, flags0: Record<string, boolean> | null = null, rawEvents: unknown[] = [];
  let hasId = false, hasOcc = false, hasDisc = false;
  for (const k of Object.keys(incident)) {
    const v = incident[k];
    switch (k) {
      case 'id': hasId = true; if (!str(v, 1, 200)) bad('id'); id = v; break;
      case 'title': if (v !== undefined && !str(v, 0, 500)) bad('title'); break;
      case 'occurredAt': hasOcc = true; occ = parseTs(v); break;
      case 'discoveredAt': hasDisc = true; disc = parseTs(v); break;
      case 'indicators': if (v !== undefined) ind0 = checkIndicators(v); break;
      case 'flags': if (v !== undefined) flags0 = checkFlags(v); break;
      case 'metrics': if (v !== undefined && (!isPlain(v) || Object.keys(v).length > 0)) bad('metrics'); break;
      case 'exercise': if (v !== undefined && typeof v !== 'boolean') bad('exercise'); break;
      case 'events': if (v !== undefined) { if (!isPlainArray(v) || v.length > 100_000) bad('events'); rawEvents = v; } break;
      default: bad(`key ${k}`);
    }
  }
  if (!hasId || !hasOcc || !hasDisc || occ !== occ || disc !== disc) bad('id, occurredAt, discoveredAt');
  const n = rawEvents.length;
  const events: Ev[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (!(i in rawEvents)) bad('hole');
    events[i] = parseEvent(rawEvents[i], i);
  }
  if (disc < occ) bad('discovered before occurred');
  const nowMs = typeof now === 'string' ? parseTs(now) : now instanceof Date ? now.getTime() : NaN;
  if (nowMs !== nowMs) bad('now');
  if (nowMs < disc) bad('now before discovery');

  // Events up to now, by time (then content); the rest counted.
  const due: Ev[] = [];
  let ignored = 0, nextEventAt = Infinity, sorted = true;
  for (let i = 0; i < n; i++) {
    const e = events[i] as Ev;
    if (e.at > nowMs) {
      ignored++;
      if (e.at < nextEventAt) nextEventAt = e.at;
    } else {
      if (due.length > 0 && (due[due.length - 1] as Ev).at >= e.at) sorted = false;
      due.push(e);
    }
  }
  if (!sorted) due.sort(byTime);

  // States and step records.
  const warnings: Json[] = [];
  let flags = 0;
  if (flags0 !== null) for (const k in flags0) if (flags0[k]) flags |= 1 << (FLAG_INDEX[k] as number);
  const g0 = gradeOf(ind0);
  let cur: State = { at: disc, ind: ind0, flags, subsided: false, judged: -1, judgedBy: undefined, level: g0, criteria: g0 };
  const states: State[] = [cur];
  const stepLists = new Map<string, Ev[]>();
  let touched: Map<string, number> | null = null;
  let judgedAt = NaN;
  for (let k = 0; k < due.length; k++) {
    const e = due[k] as Ev;
    const kind = e.kind;
    const step = kind === 1 ? e.type : kind === 2 ? 'grade' : kind === 6 ? 'evaluate' : null;
    if (step !== null) {
      const list = stepLists.get(step);
      if (list === undefined) stepLists.set(step, [e]);
      else list.push(e);
    }
    if (kind === 1 || kind === 6) continue;
    const at = e.at > disc ? e.at : disc;
    const next: State = { at, ind: cur.ind, flags: cur.flags, subsided: cur.subsided, judged: cur.judged, judgedBy: cur.judgedBy, level: 0, criteria: cur.criteria };
    if (kind === 2) {
      let take = true;
      if (cur.judged >= 0 && judgedAt === e.at && cur.judged !== e.level) {
        warnings.push({ code: 'conflicting-events', path: ['events', e.index], message: '同一时刻的另一事件对级别的记录不同；以较重者为准（就高）' });
        if (cur.judged <= e.level) take = false;
      }
      if (take) {
        next.judged = e.level;
        next.judgedBy = e.by;
        judgedAt = e.at;
      }
    } else if (kind === 3) {
      const merged: Record<string, string> = { ...cur.ind };
      const given = e.ind as Record<string, string>;
      for (const name in given) {
        const value = given[name] as string;
        const before = merged[name];
        if (touched === null) touched = new Map();
        if (before !== undefined && before !== value && touched.get(name) === e.at) {
          warnings.push({ code: 'conflicting-events', path: ['events', e.index], message: `同一时刻的另一事件对“${name}”的记录不同；以较重者为准（就高）` });
          const order = IND_VALUES[IND_INDEX[name] as number] as string[];
          if (order.indexOf(before) <= order.indexOf(value)) continue;
        }
        merged[name] = value;
        touched.set(name, e.at);
      }
      next.ind = merged;
      next.criteria = gradeOf(merged);
    } else if (kind === 4) {
      let f = cur.flags;
      const given = e.flags as Record<string, boolean>;
      for (const name in given) {
        const bit = 1 << (FLAG_INDEX[name] as number);
        const value = given[name] as boolean;
        if (touched === null) touched = new Map();
        if (((f & bit) !== 0) !== value && touched.get(name) === e.at) {
          warnings.push({ code: 'conflicting-events', path: ['events', e.index], message: `同一时刻的另一事件对“${name}”的记录不同；以较重者为准（就高）` });
          if ((f & bit) !== 0) continue;
        }
        f = value ? f | bit : f & ~bit;
        touched.set(name, e.at);
      }
      next.flags = f;
    } else next.subsided = true;
    next.level = next.judged >= 0 ? next.judged : next.criteria;
    if (at === cur.at) states[states.length - 1] = next;
    else states.push(next);
    cur = next;
  }
  const first = states[0] as State;

  // Which step events count for each duty, by time; filtered once per duty.
  const matching: (Ev[] | undefined)[] = new Array(NDUTY);
  const recordsFor = (d: number): Ev[] => {
    let list = matching[d];
    if (list === undefined) {
      list = [];
      const duty = DUTIES[d] as Duty;
      const all = stepLists.get(duty.step);
      if (all !== undefined) for (const e of all) if (fulfils(e, duty)) list.push(e);
      matching[d] = list;
    }
    return list;
  };
  const findDone = (x: Inst, until: number): Ev | null => {
    if ((DUTIES[x.d] as Duty).kind === KIND_CONTINUOUS) return null;
    const records = recordsFor(x.d);
    let lo = 0;
    if (!x.initial) {
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((records[mid] as Ev).at < x.arisenAt) lo = mid + 1;
        else hi = mid;
      }
    }
    const r = records[lo];
    return r !== undefined && r.at <= until ? r : null;
  };

  // The ledger: duties arising, closing and reopening state by state.
  const all: Inst[] = [];
  const open: (Inst | undefined)[] = new Array(NDUTY);
  const undone: (Inst | undefined)[] = new Array(NDUTY);
  let worsenings = 0;
  const create = (d: number, s: State): void => {
    const earlier = undone[d];
    if (earlier !== undefined) {
      undone[d] = undefined;
      earlier.anchorAt = s.at;
      earlier.closedAt = null;
      earlier.closedReason = null;
      earlier.done = null;
      open[d] = earlier;
      return;
    }
    const initial = s === first;
    const duty = DUTIES[d] as Duty;
    let nth = 1;
    if (d === D_WORSENING) nth = ++worsenings;
    else if (duty.kind !== KIND_CONTINUOUS) for (const x of all) if (x.d === d) nth++;
    let anchorAt = s.at;
    let dueAt: number | null = null;
    if (d === D_LEADING) dueAt = anchorAt + 30 * MIN;
    else if (d === D_REPLY) {
      if (initial) anchorAt = occ;
      dueAt = anchorAt + 12 * HOUR;
    }
    const x: Inst = { d, id: nth === 1 ? duty.id : `${duty.id}#${nth}`, arisenAt: s.at, initial, arisenLevel: s.level, anchorAt, dueAt, closedAt: null, closedReason: null, done: null };
    open[d] = x;
    all.push(x);
  };
  const close = (x: Inst, at: number, reason: string): void => {
    open[x.d] = undefined;
    const done = findDone(x, at);
    x.closedAt = at;
    x.done = done;
    x.closedReason = reason;
    if (done === null) undone[x.d] = x;
  };
  let previous: State | null = null;
  for (const s of states) {
    const upgraded = previous !== null && s.level < previous.level;
    for (let d = 0; d < NDUTY; d++) {
      const ok = applies(d, s.level, s.flags, s.subsided);
      if (d === D_WORSENING) {
        if (upgraded) create(d, s);
        continue;
      }
      const x = open[d];
      const ended = s.subsided && (DUTIES[d] as Duty).until === 'subsided';
      if (x !== undefined && ended) {
        close(x, s.at, '舆情已平息，持续性工作结束');
        continue;
      }
      if (x !== undefined && !ok) {
        if (x.dueAt !== null && x.dueAt <= s.at && findDone(x, s.at) === null) throw new Error('bench/hrss-fast.ts: a lapsed duty (not in hrss)');
        close(x, s.at, previous !== null && previous.level !== s.level ? `级别由 ${LEVEL_IDS[previous.level]} 调整为 ${LEVEL_IDS[s.level]} 后不再适用` : '适用条件已不成立');
        continue;
      }
      if (x !== undefined || !ok || ended) continue;
      create(d, s);
    }
    previous = s;
  }
  for (const x of all) if (x.closedAt === null) x.done = findDone(x, nowMs);

  // Obligations.
  const final = cur;
  const level = final.level;
  const arisen: string[] = new Array(all.length);
  const obligations: Json[] = new Array(all.length);
  let review = nextEventAt;
  let anyImmediateWaiting = false;
  const waiting: { o: Json; i: number; due: number; kind: number; order: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const x = all[i] as Inst;
    const duty = DUTIES[x.d] as Duty;
    const doneAt = x.done === null ? null : x.done.at;
    const status = doneAt !== null ? (x.dueAt === null || doneAt <= x.dueAt ? 'met' : 'met-late') : x.closedReason !== null ? 'not-applicable' : duty.kind === KIND_CONTINUOUS || x.dueAt === null || nowMs < x.dueAt ? 'pending' : 'overdue';
    const reminders: Json[] = [];
    if (x.dueAt !== null && doneAt === null && x.closedReason === null) {
      if (x.dueAt > nowMs && x.dueAt < review) review = x.dueAt;
      const span = x.dueAt - x.anchorAt;
      if (span > 0) {
        for (const fraction of FRACTIONS) {
          const at = x.anchorAt + Math.round(span * fraction);
          reminders.push({ fraction, at: iso(at), reached: nowMs >= at });
          if (at > nowMs && at < review) review = at;
        }
      }
    }
    const text = iso(x.arisenAt);
    arisen[i] = text;
    const o: Json = { id: x.id, step: duty.step };
    if (duty.to !== undefined) o.to = duty.to;
    if (duty.notify !== undefined) o.notify = duty.notify;
    if (duty.until !== undefined) o.until = duty.until;
    o.title = duty.title;
    o.responsible = { id: duty.responsible, name: duty.responsibleName };
    if (duty.to !== undefined) o.recipient = { id: duty.to, name: duty.recipientName };
    o.kind = KIND_NAME[duty.kind];
    o.immediate = duty.kind === KIND_IMMEDIATE;
    o.arisenAt = text;
    o.dueAt = x.dueAt === null ? null : iso(x.dueAt);
    o.doneAt = doneAt === null ? null : iso(doneAt);
    o.status = status;
    o.reminders = reminders;
    o.basis = basisCopy(duty.basis);
    if (status === 'not-applicable') o.reason = x.closedReason;
    obligations[i] = o;
    if (status === 'pending' || status === 'overdue') {
      waiting.push({ o, i, due: x.dueAt ?? (duty.kind === KIND_IMMEDIATE ? nowMs + HOUR : Infinity), kind: KIND_ORDER[duty.kind] as number, order: duty.stepOrder });
      if (duty.kind === KIND_IMMEDIATE) anyImmediateWaiting = true;
    }
  }
  if (anyImmediateWaiting) for (const w of waiting) if (w.kind === 0 && w.due - HOUR > nowMs && w.due - HOUR < review) review = w.due - HOUR;
  waiting.sort((a, b) => a.due - b.due || a.kind - b.kind || a.order - b.order || a.i - b.i);
  const next: Json[] = new Array(waiting.length);
  for (let i = 0; i < waiting.length; i++) next[i] = (waiting[i] as { o: Json }).o;

  // Level and its explanation.
  const explanation: Json[] = [];
  let levelSince = states.length - 1;
  while (levelSince > 0 && (states[levelSince - 1] as State).level === level) levelSince--;
  const judged = final.judged >= 0;
  if (judged) {
    const by = final.judgedBy;
    const who = by === undefined ? null : by.map(nameOf).join('、');
    explanation.push({ subject: 'level', id: LEVEL_IDS[level], rule: 'level-set', facts: [], text: `${who ?? ''}研判定为 ${LEVEL_TEXT[level]}${who === null ? '（未注明研判者）' : ''}，研判结论优先于分级标准` });
  } else {
    const checks = level === 3 ? [] : rowChecks(level, final.ind);
    const over: string[] = [];
    if (level < 2) {
      if (level === 0 && gradeRowFires(1, final.ind)) over.push('level-ii-criteria');
      if (gradeRowFires(2, final.ind)) over.push('level-iii-criteria');
    }
    if (level < 3) over.push('level-iv-otherwise');
    let held = '';
    for (const c of checks) held += `${held === '' ? '' : '、'}${factWords(c.fact, c.factValue)}`;
    explanation.push({
      subject: 'level', id: LEVEL_IDS[level], rule: CLASS_RULE[level], facts: checks, basis: basisCopy(CLASS_BASIS[level]),
      text: `${held || '分级条件'} 满足 ${LEVEL_TEXT[level]} 的标准（规则 ${CLASS_RULE[level]}，优先级 ${CLASS_PRIORITY[level]}）${over.length ? `；同时成立但未采用（优先级较低，或同级而较轻）：${over.join('、')}` : ''}`,
    });
    if (level === 3 && Object.keys(final.ind).length === 0) warnings.push({ code: 'no-indicators', path: ['indicators'], message: '没有指标，也没有研判定级：级别 IV 仅按分级标准得出；请记录指标或 level-set 事件' });
  }
  const esc = ESC[level] as (typeof ESC)[number];
  const lead: Json = { id: esc.lead, name: esc.leadName };
  if (esc.note) lead.note = esc.note;
  explanation.push({ subject: 'lead', id: esc.lead, rule: `escalation:${LEVEL_IDS[level]}`, facts: [], basis: basisCopy(esc.basis), text: `${LEVEL_TEXT[level]}：${esc.note ?? esc.leadName}` });

  // Notify: outside recipients of duties that apply now.
  const notify: Json[] = [];
  const groups: Inst[][] = [];
  for (const x of all) {
    const duty = DUTIES[x.d] as Duty;
    if (duty.notify === undefined || x.closedAt !== null) continue;
    let k = 0;
    while (k < notify.length && notify[k].id !== duty.to) k++;
    if (k === notify.length) {
      notify.push({ id: duty.to, name: duty.recipientName, dueAt: null, immediate: false, done: false, doneAt: null, how: [], obligations: [] });
      groups.push([]);
    }
    const entry = notify[k];
    entry.immediate = entry.immediate || (duty.kind === KIND_IMMEDIATE && x.done === null);
    if (!entry.how.includes(duty.notify)) entry.how.push(duty.notify);
    entry.obligations.push(x.id);
    (groups[k] as Inst[]).push(x);
  }
  for (let k = 0; k < notify.length; k++) {
    const entry = notify[k];
    const rules = groups[k] as Inst[];
    let dueMin = Infinity, last = -Infinity, ids = '', titles = '';
    for (const x of rules) {
      if (x.dueAt !== null && x.dueAt < dueMin) dueMin = x.dueAt;
      const at = x.done === null ? Infinity : x.done.at;
      if (at > last) last = at;
      const duty = DUTIES[x.d] as Duty;
      ids += ids === '' ? duty.id : `,${duty.id}`;
      titles += titles === '' ? duty.title : `；${duty.title}`;
    }
    if (dueMin !== Infinity) entry.dueAt = iso(dueMin);
    entry.done = last !== Infinity;
    if (entry.done) entry.doneAt = iso(last);
    explanation.push({ subject: 'recipient', id: entry.id, rule: ids, facts: [], basis: basisCopy((DUTIES[(rules[0] as Inst).d] as Duty).basis), text: `${entry.name}：${titles}` });
  }

  // Why each duty arose.
  for (let i = 0; i < all.length; i++) {
    const x = all[i] as Inst;
    const duty = DUTIES[x.d] as Duty;
    const facts = whenChecks(x.d, x.arisenLevel);
    const when = facts === null ? '每起舆情均适用' : `条件成立（${factWords(facts[0].fact, facts[0].factValue)}）`;
    let due: string;
    if (x.dueAt === null) due = duty.kind === KIND_CONTINUOUS ? '持续进行' : duty.kind === KIND_IMMEDIATE ? '第一时间/及时，无固定时限' : '无固定时限';
    else due = `${x.anchorAt === occ ? '发生' : x.anchorAt === disc ? '发现' : '产生（情况变化）'}后 ${x.d === D_LEADING ? 'PT30M' : 'PT12H'}，即 ${iso(x.dueAt)} 前`;
    explanation.push({ subject: 'obligation', id: x.id, rule: duty.id, facts: facts ?? [], basis: basisCopy(duty.basis), text: `${duty.title}：${when}；${due}` });
  }

  // Warnings about events.
  for (let i = 0; i < n; i++) {
    const e = events[i] as Ev;
    if (e.to !== undefined && !PARTY_NAME.has(e.to)) warnings.push({ code: 'unknown-recipient', path: ['events', i, 'to'], message: `预案中没有角色或报送对象“${e.to}”；事件保留，但不履行任何义务` });
    if (e.by !== undefined) {
      const single = typeof e.raw.by === 'string';
      for (let k = 0; k < e.by.length; k++) {
        const by = e.by[k] as string;
        if (!PARTY_NAME.has(by)) warnings.push({ code: 'unknown-role', path: single ? ['events', i, 'by'] : ['events', i, 'by', k], message: `预案中没有角色“${by}”；按原样保留` });
      }
    }
  }
  if (stepLists.size > 0) {
    const used = new Set<number>();
    for (const x of all) if (x.done !== null) used.add(x.done.index);
    for (const [step, records] of stepLists) {
      if (CONTINUOUS_STEP.has(step)) continue;
      for (const r of records) {
        if (used.has(r.index) || r.kind !== 1 || (r.to !== undefined && !PARTY_NAME.has(r.to))) continue;
        warnings.push({ code: 'unmatched-event', path: ['events', r.index], message: `此${r.to ? `向“${r.to}”的` : ''}“${step}”事件没有履行预案中任何未完成的义务${r.to === undefined && OUTSIDE_STEP.has(step) ? '（向外部单位履行的义务须写明 "to"）' : ''}` });
      }
    }
    // An event naming no role of the plan that fulfilled duties of different roles.
    let counted: Map<number, Inst[]> | null = null;
    for (const x of all) {
      const r = x.done;
      if (r === null || (r.by !== undefined && r.by.some((b) => ROLE.has(b)))) continue;
      if (counted === null) counted = new Map();
      const list = counted.get(r.index);
      if (list === undefined) counted.set(r.index, [x]);
      else list.push(x);
    }
    if (counted !== null) {
      for (const [index, list] of [...counted].sort((a, b) => a[0] - b[0])) {
        const rules = new Map(list.map((x) => [(DUTIES[x.d] as Duty).id, (DUTIES[x.d] as Duty).responsible]));
        if (new Set(rules.values()).size < 2) continue;
        const r = (list[0] as Inst).done as Ev;
        const duties = [...rules].map(([dutyId, responsible]) => `${dutyId}（${nameOf(responsible)}）`).join('、');
        const by = r.by === undefined ? '未写明办理角色（"by"）' : `的 "by" 写的是${r.by.map((b) => `“${b}”`).join('、')}，不是预案中的角色`;
        warnings.push({ code: 'ambiguous-event', path: ['events', index], message: `此“${r.type}”事件${by}，却履行了不同角色的义务：${duties}；对其全部计入——请用 "by" 写明由哪个角色办理` });
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if ((events[i] as Ev).at < occ) warnings.push({ code: 'event-before-occurrence', path: ['events', i, 'at'], message: `此事件的时间早于舆情发生时间（${incident.occurredAt as string}）；按原样保留` });
  }
  if (ignored > 0) warnings.push({ code: 'events-after-now', path: ['events'], message: `现在之后的 ${ignored} 个事件不计入` });

  const levelOut: Json = { id: LEVEL_IDS[level], rank: level + 1, name: LEVEL_NAME[level], nameEn: LEVEL_NAME_EN[level], source: judged ? 'judgement' : 'criteria', setAt: iso((states[levelSince] as State).at) };
  if (judged && final.judgedBy !== undefined) levelOut.setBy = final.judgedBy.length === 1 ? final.judgedBy[0] : final.judgedBy.slice();
  return {
    plan: { id: PLAN_ID, version: PLAN_VERSION },
    incident: { id },
    now: iso(nowMs),
    level: levelOut,
    lead,
    escalation: { approveStatement: [], consultWith: [], basis: basisCopy(esc.basis) },
    notify,
    obligations,
    next,
    warnings,
    nextReviewAt: review === Infinity ? null : iso(review),
    explanation,
  } as Decision;
}

/** Whether grading row 1 (II) or 2 (III) fires on these indicators. */
function gradeRowFires(row: number, ind: Record<string, string>): boolean {
  for (const k in ind) {
    const i = IND_INDEX[k] as number;
    if (row === 2 && (i === 1 || i === 4)) continue;
    if ((IND_VALUES[i] as string[]).indexOf(ind[k] as string) <= row) return true;
  }
  return false;
}
