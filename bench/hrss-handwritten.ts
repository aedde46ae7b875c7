// A hand-written decision function for the hrss plan (002 篇三): what a careful engineer would write
// for this one plan without a rules engine — if-statements for the grading table and for each duty,
// plain millisecond arithmetic for deadlines (Asia/Shanghai has had no daylight saving since 1991, so
// +08:00 is fixed), a hand-made ISO formatter, and literal tables for titles, names and clauses.
//
// It produces the same Decision as `decide(loadPlan('hrss'), incident, { now })` for the incident shapes
// the benchmark uses: the incident's indicators and flags as given at discovery (no state-changing
// events: no level-set, indicators-updated, flags-updated, subsided, warning or end events), and any
// number of step events (report, reply, …) with or without `to`, before or after `now`, at distinct
// times, whose `by` (if any) names no role of the plan (a role named as `by` narrows matching; not coded here). bench/run.ts asserts deep equality with decide() on a set of such incidents before timing it.
//
// The literal tables (titles, bases, names) are copied once from the plan definition at module load,
// as a hand-written module would hold them as constants; every decision the function makes is coded
// by hand below.
import type { Decision, DecisionWarning, Explanation, Obligation } from '../src/model/decision.js';
import { loadPlan, STEP_IDS } from '../src/index.js';
import { FLAG_LABELS, INDICATOR_LABELS, STATE_LABELS } from '../src/model/labels.js';

/** A fact and its value as decide's explanations write them (`关注度：高`, `群体性突发事件：是`), from the labels table. */
function factWords(fact: string, value: unknown): string {
  const indicator = (INDICATOR_LABELS as Record<string, { label: { zh: string }; values: Record<string, { zh: string }> }>)[fact];
  if (indicator !== undefined) return `${indicator.label.zh}：${indicator.values[value as string]?.zh ?? String(value)}`;
  const label = (FLAG_LABELS as Record<string, { zh: string }>)[fact] ?? STATE_LABELS[fact];
  return `${label?.zh ?? fact}：${typeof value === 'boolean' ? (value ? '是' : '否') : String(value)}`;
}

type Basis = { seed: string; section?: string; clause: string; quote?: string };
type Check = { fact: string; operator: 'equal' | 'in' | 'lessThanInclusive'; value: unknown; factValue: string | number | boolean | null; result: boolean };

const definition = loadPlan('hrss').definition;

// ---- Literal tables ---------------------------------------------------------------------------
const PLAN = { id: definition.id, version: definition.version };
const LEVELS = Object.fromEntries(definition.levels.map((l) => [l.id, { id: l.id, rank: l.rank, name: l.name, nameEn: l.nameEn }])) as Record<string, { id: string; rank: number; name: string; nameEn: string }>;
const ROLES = new Map(definition.roles.map((r) => [r.id, r.name]));
const RECIPIENTS = new Map(definition.recipients.map((r) => [r.id, r.name]));
const nameOf = (id: string): string => ROLES.get(id) ?? RECIPIENTS.get(id) ?? id;
const ESCALATION = Object.fromEntries(definition.escalation.map((e) => [e.level, { lead: e.lead, note: e.leadNote as string, basis: e.basis as Basis }]));
const CLASS_BASIS = Object.fromEntries(definition.classification.map((c) => [c.id, c.basis as Basis]));
const DUTY = Object.fromEntries(definition.obligations.map((o) => [o.id, { title: o.title, responsible: o.responsible, basis: o.basis as Basis }]));
const STEP_IDS_USED_CONTINUOUSLY = new Set(['monitor', 'track', 'continuous-monitoring', 'aftercare']);
const STEP_ORDER: Record<string, number> = Object.fromEntries(STEP_IDS.map((step, i) => [step, i]));
const ALL_STEPS = new Set<string>(STEP_IDS);

// ---- Time -----------------------------------------------------------------------------------
const HOUR = 3_600_000;
const OFFSET = 8 * HOUR;
const TS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

function parseTs(text: unknown, path: (string | number)[]): number {
  const m = typeof text === 'string' ? TS.exec(text) : null;
  if (!m) throw new TypeError(`${path.join('.')}: not a timestamp`);
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const local = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, s ? +s : 0, frac ? Math.floor(+`0.${frac}` * 1000) : 0);
  const check = new Date(local);
  if (check.getUTCDate() !== +d! || check.getUTCMonth() !== +mo! - 1 || +h! > 23 || +mi! > 59 || (s !== undefined && +s > 59)) throw new TypeError(`${path.join('.')}: no such date`);
  const offset = z === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (+oh! * HOUR + +om! * 60_000);
  return local - offset;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
function iso(ms: number): string {
  const d = new Date(ms + OFFSET);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

// ---- Grading table (002 篇三 四) -----------------------------------------------------------------
type Ind = { attention?: string; foreignMedia?: string; spread?: string; reach?: string; offlineRisk?: string };
const ROW_I: [keyof Ind, string][] = [['attention', 'extreme'], ['foreignMedia', 'intense'], ['spread', 'very-fast'], ['reach', 'society'], ['offlineRisk', 'imminent']];
const ROW_II: [keyof Ind, string[]][] = [['attention', ['extreme', 'high']], ['foreignMedia', ['intense', 'emerging']], ['spread', ['very-fast', 'fast']], ['reach', ['society', 'wide']], ['offlineRisk', ['imminent', 'possible']]];
const ROW_III: [keyof Ind, string[]][] = [['attention', ['extreme', 'high', 'elevated']], ['spread', ['very-fast', 'fast', 'moderate']], ['reach', ['society', 'wide', 'limited']]];

function rowI(ind: Ind): Check[] {
  const out: Check[] = [];
  for (const [fact, value] of ROW_I) if (ind[fact] === value) out.push({ fact, operator: 'equal', value, factValue: value, result: true });
  return out;
}
function rowIn(ind: Ind, row: [keyof Ind, string[]][]): Check[] {
  const out: Check[] = [];
  for (const [fact, value] of row) {
    const v = ind[fact];
    if (v !== undefined && value.includes(v)) out.push({ fact, operator: 'in', value, factValue: v, result: true });
  }
  return out;
}

interface Instance {
  id: string;
  step: string;
  to?: string;
  notify?: 'report' | 'request' | 'file';
  until?: 'subsided';
  kind: Obligation['kind'];
  anchorAt: number;
  dueAt: number | null;
  offsetText?: string;
  facts: Check[] | null;
}

const eq = (fact: string, value: unknown, factValue: string | number | boolean): Check => ({ fact, operator: 'equal', value, factValue, result: factValue === value });

/** The hrss decision, written by hand. */
export function decideHrss(incident: any, now: string): Decision {
  // Input (the checks a careful hand-written function makes).
  if (incident === null || typeof incident !== 'object') throw new TypeError('incident: not an object');
  if (typeof incident.id !== 'string' || incident.id === '') throw new TypeError('id: required');
  const occurredAt = parseTs(incident.occurredAt, ['occurredAt']);
  const discoveredAt = parseTs(incident.discoveredAt, ['discoveredAt']);
  const nowMs = parseTs(now, ['now']);
  if (discoveredAt < occurredAt) throw new TypeError('discoveredAt: before occurredAt');
  if (nowMs < discoveredAt) throw new TypeError('now: before discovery');
  const ind: Ind = incident.indicators ?? {};
  const flags = incident.flags ?? {};
  const rawEvents: any[] = incident.events ?? [];

  // Events: steps done up to now, in time order.
  const records: { step: string; at: number; to?: string; by?: string; index: number }[] = [];
  let nextEventAt = Infinity;
  let ignored = 0;
  for (let i = 0; i < rawEvents.length; i++) {
    const e = rawEvents[i];
    const at = parseTs(e.at, ['events', i, 'at']);
    if (at > nowMs) {
      ignored++;
      if (at < nextEventAt) nextEventAt = at;
      continue;
    }
    if (ALL_STEPS.has(e.type)) {
      const r: { step: string; at: number; to?: string; by?: string; index: number } = { step: e.type, at, index: i };
      if (e.to !== undefined) r.to = e.to;
      if (e.by !== undefined) r.by = e.by;
      records.push(r);
    }
  }
  records.sort((a, b) => a.at - b.at);

  // Level: the grading table, highest row first (就高).
  let levelId: string;
  let ruleId: string;
  let checks: Check[];
  const fired: string[] = [];
  const i1 = rowI(ind);
  const i2 = rowIn(ind, ROW_II);
  const i3 = rowIn(ind, ROW_III);
  if (i1.length > 0) { levelId = 'I'; ruleId = 'level-i-criteria'; checks = i1; }
  else if (i2.length > 0) { levelId = 'II'; ruleId = 'level-ii-criteria'; checks = i2; }
  else if (i3.length > 0) { levelId = 'III'; ruleId = 'level-iii-criteria'; checks = i3; }
  else { levelId = 'IV'; ruleId = 'level-iv-otherwise'; checks = []; }
  if (i2.length > 0 && levelId !== 'II') fired.push('level-ii-criteria');
  if (i3.length > 0 && levelId !== 'III') fired.push('level-iii-criteria');
  if (levelId !== 'IV') fired.push('level-iv-otherwise');
  const level = LEVELS[levelId]!;
  const rank = level.rank;
  const priority = levelId === 'I' ? 40 : levelId === 'II' ? 30 : levelId === 'III' ? 20 : 10;

  // Duties that arise at discovery, in the plan's order.
  const inst: Instance[] = [];
  const occ = { kind: 'continuous' as const, anchorAt: discoveredAt, dueAt: null, facts: null };
  const imm = (id: string, step: string, to: string | undefined, notify: Instance['notify'], facts: Check[] | null): void => {
    inst.push({ id, step, ...(to ? { to } : {}), ...(notify ? { notify } : {}), kind: 'immediate', anchorAt: discoveredAt, dueAt: null, facts });
  };
  inst.push({ id: 'monitor', step: 'monitor', until: 'subsided', ...occ });
  inst.push({ id: 'report-leading-group', step: 'report', to: 'leading-group', kind: 'deadline', anchorAt: discoveredAt, dueAt: discoveredAt + 30 * 60_000, offsetText: 'PT30M', facts: null });
  if (levelId === 'IV') imm('request-leading-group-level-iv', 'report', 'leading-group', undefined, [eq('level', 'IV', levelId)]);
  inst.push({ id: 'reply', step: 'reply', kind: 'deadline', anchorAt: occurredAt, dueAt: occurredAt + 12 * HOUR, offsetText: 'PT12H', facts: null });
  inst.push({ id: 'track', step: 'track', until: 'subsided', ...occ });
  if (flags.massIncident === true) inst.push({ id: 'continuous-monitoring', step: 'continuous-monitoring', until: 'subsided', ...occ, facts: [eq('massIncident', true, true)] });
  if (flags.falseReport === true) imm('rebut', 'rebut', undefined, undefined, [eq('falseReport', true, true)]);
  if (flags.emergencyEvent === true) imm('official-voice', 'reply', undefined, undefined, [eq('emergencyEvent', true, true)]);
  // aftercare, evaluate, accountability, revise: only once the incident has subsided (not in these shapes).
  imm('report-office-to-cac', 'report', 'city-cac', 'report', null);
  if (rank <= 2) {
    const severe: Check[] = [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2, factValue: rank, result: true }];
    imm('report-city-committee-office', 'report', 'city-committee-office', 'report', severe);
    imm('report-city-government-office', 'report', 'city-government-office', 'report', severe);
    imm('report-cac-major', 'report', 'city-cac', 'report', severe);
  }
  if (levelId === 'I') imm('request-city-committee-government', 'report', 'city-committee-government', 'request', [eq('level', 'I', levelId)]);
  if (levelId === 'II') {
    imm('report-city-government-deputy', 'report', 'city-government-deputy', 'report', [eq('level', 'II', levelId)]);
    imm('report-cac-level-ii', 'report', 'city-cac', 'report', [eq('level', 'II', levelId)]);
  }
  if (levelId === 'III') imm('file-cac-level-iii', 'report', 'city-cac', 'file', [eq('level', 'III', levelId)]);
  inst.push({ id: 'reply-commentary', step: 'reply', kind: 'undated', anchorAt: discoveredAt, dueAt: null, facts: null });
  if (flags.pressConference === true) imm('press-conference', 'press-conference', 'city-committee-government', 'report', [eq('pressConference', true, true)]);

  // Which recorded step does each duty (the first in time order that fits).
  const used = new Set<number>();
  const done = new Map<string, number>();
  // Duties each event fulfilled, by event index (for the ambiguous-event warning).
  const doneBy = new Map<number, Instance[]>();
  const byOf = new Map<number, string | undefined>();
  const arisen = iso(discoveredAt);
  const obligations: Obligation[] = [];
  let review = nextEventAt;
  for (const x of inst) {
    let doneAt: number | null = null;
    if (x.kind !== 'continuous') {
      for (const r of records) {
        if (r.step !== x.step) continue;
        const fits = r.to === undefined ? x.to === undefined || ROLES.has(x.to) : x.to === undefined ? ROLES.has(r.to) : r.to === x.to;
        if (fits) {
          doneAt = r.at; used.add(r.index); done.set(x.id, r.at);
          if (r.by === undefined || !ROLES.has(r.by)) {
            const list = doneBy.get(r.index);
            if (list === undefined) { doneBy.set(r.index, [x]); byOf.set(r.index, r.by); } else list.push(x);
          }
          break;
        }
      }
    }
    const status: Obligation['status'] = doneAt !== null
      ? (x.dueAt === null || doneAt <= x.dueAt ? 'met' : 'met-late')
      : x.kind === 'continuous' || x.dueAt === null ? 'pending' : nowMs >= x.dueAt ? 'overdue' : 'pending';
    const duty = DUTY[x.id]!;
    const reminders: Obligation['reminders'] = [];
    if (x.dueAt !== null && doneAt === null) {
      if (x.dueAt > nowMs && x.dueAt < review) review = x.dueAt;
      const span = x.dueAt - x.anchorAt;
      if (span > 0) {
        const half = x.anchorAt + Math.round(span * 0.5);
        const threeQ = x.anchorAt + Math.round(span * 0.75);
        reminders.push({ fraction: 0.5, at: iso(half), reached: nowMs >= half }, { fraction: 0.75, at: iso(threeQ), reached: nowMs >= threeQ });
        if (half > nowMs && half < review) review = half;
        if (threeQ > nowMs && threeQ < review) review = threeQ;
      }
    }
    // Built property by property, in the order decide() writes them (JSON output identical).
    const o = { id: x.id, step: x.step } as Record<string, unknown>;
    if (x.to !== undefined) o.to = x.to;
    if (x.notify !== undefined) o.notify = x.notify;
    if (x.until !== undefined) o.until = x.until;
    o.title = duty.title;
    o.responsible = { id: duty.responsible, name: nameOf(duty.responsible) };
    if (x.to !== undefined) o.recipient = { id: x.to, name: nameOf(x.to) };
    o.kind = x.kind;
    o.immediate = x.kind === 'immediate';
    o.arisenAt = arisen;
    o.dueAt = x.dueAt === null ? null : iso(x.dueAt);
    o.doneAt = doneAt === null ? null : iso(doneAt);
    o.status = status;
    o.reminders = reminders;
    o.basis = { ...duty.basis };
    obligations.push(o as unknown as Obligation);
  }

  // Outside recipients (上报、请示、备案), earliest due time; all of hrss's are immediate.
  const notifyMap = new Map<string, Decision['notify'][number]>();
  for (const x of inst) {
    if (x.notify === undefined || x.to === undefined) continue;
    let entry = notifyMap.get(x.to);
    if (!entry) { entry = { id: x.to, name: nameOf(x.to), dueAt: null, immediate: false, done: false, doneAt: null, how: [], obligations: [] }; notifyMap.set(x.to, entry); }
    entry.immediate ||= x.kind === 'immediate' && !done.has(x.id);
    if (!entry.how.includes(x.notify)) entry.how.push(x.notify);
    entry.obligations.push(x.id);
  }
  const notify = [...notifyMap.values()];
  // Done once every duty behind it is done: when the last of them was.
  for (const entry of notify) {
    let last = -Infinity;
    for (const id of entry.obligations) {
      const at = done.get(id);
      if (at === undefined) { last = Infinity; break; }
      if (at > last) last = at;
    }
    if (last !== Infinity) { entry.done = true; entry.doneAt = iso(last); }
  }

  // Explanation.
  const escalation = ESCALATION[levelId]!;
  const explanation: Explanation[] = [];
  const levelText = `${levelId} ${level.name}`;
  explanation.push({
    subject: 'level', id: levelId, rule: ruleId, facts: checks, basis: { ...CLASS_BASIS[ruleId]! },
    text: `${checks.map((f) => factWords(f.fact, f.factValue)).join('、') || '分级条件'} 满足 ${levelText} 的标准（规则 ${ruleId}，优先级 ${priority}）${fired.length ? `；同时成立但未采用（优先级较低，或同级而较轻）：${fired.join('、')}` : ''}`,
  } as Explanation);
  explanation.push({ subject: 'lead', id: escalation.lead, rule: `escalation:${levelId}`, facts: [], basis: { ...escalation.basis }, text: `${levelText}：${escalation.note}` } as Explanation);
  for (const entry of notify) {
    const first = DUTY[entry.obligations[0]!]!;
    explanation.push({ subject: 'recipient', id: entry.id, rule: entry.obligations.join(','), facts: [], basis: { ...first.basis }, text: `${entry.name}：${entry.obligations.map((id) => DUTY[id]!.title).join('；')}` } as Explanation);
  }
  for (const x of inst) {
    const duty = DUTY[x.id]!;
    const when = x.facts ? `条件成立（${x.facts.filter((f) => f.result).map((f) => factWords(f.fact, f.factValue)).join('、')}）` : '每起舆情均适用';
    const due = x.dueAt === null ? (x.kind === 'continuous' ? '持续进行' : x.kind === 'immediate' ? '第一时间/及时，无固定时限' : '无固定时限') : `${x.anchorAt === occurredAt ? '发生' : x.anchorAt === discoveredAt ? '发现' : '产生（情况变化）'}后 ${x.offsetText}，即 ${iso(x.dueAt)} 前`;
    explanation.push({ subject: 'obligation', id: x.id, rule: x.id, facts: x.facts ?? [], basis: { ...duty.basis }, text: `${duty.title}：${when}；${due}` } as Explanation);
  }

  // Warnings.
  const warnings: DecisionWarning[] = [];
  if (checks.length === 0 && Object.keys(ind).length === 0) {
    warnings.push({ code: 'no-indicators', path: ['indicators'], message: `没有指标，也没有研判定级：级别 ${levelId} 仅按分级标准得出；请记录指标或 level-set 事件` } as DecisionWarning);
  }
  for (let i = 0; i < rawEvents.length; i++) {
    const e = rawEvents[i];
    if (e.to !== undefined && !ROLES.has(e.to) && !RECIPIENTS.has(e.to)) warnings.push({ code: 'unknown-recipient', path: ['events', i, 'to'], message: `预案中没有角色或报送对象“${e.to}”；事件保留，但不履行任何义务` } as DecisionWarning);
    if (e.by !== undefined && !ROLES.has(e.by) && !RECIPIENTS.has(e.by)) warnings.push({ code: 'unknown-role', path: ['events', i, 'by'], message: `预案中没有角色“${e.by}”；按原样保留` } as DecisionWarning);
  }
  // timeline.steps keeps steps in order of first appearance; the warnings follow that order.
  const firstSeen: string[] = [];
  for (const r of records) if (!firstSeen.includes(r.step)) firstSeen.push(r.step);
  for (const step of firstSeen) {
    for (const r of records) {
      if (r.step !== step || used.has(r.index) || STEP_IDS_USED_CONTINUOUSLY.has(r.step)) continue;
      if (r.to !== undefined && !ROLES.has(r.to) && !RECIPIENTS.has(r.to)) continue;
      warnings.push({ code: 'unmatched-event', path: ['events', r.index], message: `此${r.to ? `向“${r.to}”的` : ''}“${r.step}”事件没有履行预案中任何未完成的义务${r.to === undefined && r.step === 'report' ? '（向外部单位履行的义务须写明 "to"）' : ''}` } as DecisionWarning);
    }
  }
  // An event naming no role ("by") that fulfilled duties of different roles.
  for (const index of [...doneBy.keys()].sort((a, b) => a - b)) {
    const list = doneBy.get(index)!;
    const rules = new Map(list.map((x) => [x.id, DUTY[x.id]!.responsible]));
    if (new Set(rules.values()).size < 2) continue;
    const by = byOf.get(index);
    const duties = [...rules].map(([id, responsible]) => `${id}（${nameOf(responsible)}）`).join('、');
    const byText = by === undefined ? '未写明办理角色（"by"）' : `的 "by" 写的是“${by}”，不是预案中的角色`;
    warnings.push({ code: 'ambiguous-event', path: ['events', index], message: `此“${rawEvents[index].type}”事件${byText}，却履行了不同角色的义务：${duties}；对其全部计入——请用 "by" 写明由哪个角色办理` } as DecisionWarning);
  }
  for (let i = 0; i < rawEvents.length; i++) {
    if (parseTs(rawEvents[i].at, ['events', i, 'at']) < occurredAt) warnings.push({ code: 'event-before-occurrence', path: ['events', i, 'at'], message: `此事件的时间早于舆情发生时间（${incident.occurredAt}）；按原样保留` } as DecisionWarning);
  }
  if (ignored > 0) warnings.push({ code: 'events-after-now', path: ['events'], message: `现在之后的 ${ignored} 个事件不计入` } as DecisionWarning);

  // Next: soonest deadline first, then immediate, undated, continuous; ties in procedure order.
  const KIND = { deadline: 0, immediate: 1, undated: 2, continuous: 3 } as const;
  // 第一时间 duties rank as due an hour after now.
  const immediateAt = nowMs + HOUR;
  const dueMs = (o: Obligation, i: number): number => (o.dueAt === null ? (o.kind === 'immediate' ? immediateAt : Infinity) : (inst[i]!.dueAt as number));
  const waiting = obligations
    .map((o, i) => ({ o, i, due: dueMs(o, i) }))
    .filter(({ o }) => o.status === 'pending' || o.status === 'overdue');
  // A deadline overtakes the waiting 第一时间 duties once it is an hour away.
  if (waiting.some(({ o }) => o.kind === 'immediate')) {
    for (const { o, due } of waiting) if (o.kind === 'deadline' && due - HOUR > nowMs && due - HOUR < review) review = due - HOUR;
  }
  const next = waiting
    .sort((a, b) => a.due - b.due || KIND[a.o.kind] - KIND[b.o.kind] || (STEP_ORDER[a.o.step] ?? 99) - (STEP_ORDER[b.o.step] ?? 99) || a.i - b.i)
    .map(({ o }) => o);

  const lead = { id: escalation.lead, name: nameOf(escalation.lead), note: escalation.note };
  return {
    plan: { ...PLAN },
    incident: { id: incident.id },
    now: iso(nowMs),
    level: { id: levelId, rank, name: level.name, nameEn: level.nameEn, source: 'criteria', setAt: arisen },
    lead,
    escalation: { approveStatement: [], consultWith: [], basis: { ...escalation.basis } },
    notify,
    obligations,
    next,
    warnings,
    nextReviewAt: review === Infinity ? null : iso(review),
    explanation,
  } as Decision;
}
