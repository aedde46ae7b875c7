import { PlanError, type Issue } from '../model/errors.js';
import type { Facts } from '../engine/compile.js';
import type { Duration } from 'date-fns';
import type { Basis, Level, ObligationRule, Party } from '../model/plan.js';
import type { CompiledObligation, CompiledPlan } from '../plans/compile.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { conditionText } from '../render/plan-table.js';
import { MODE_ZH } from '../render/text.js';
import { parseDuration, roughDays } from '../time/duration.js';
import { factsRead } from './space.js';
import { isPlainObject, isRevoked } from '../model/untrusted.js';
import type { Lang } from '../i18n/lang.js';
import { langOf } from './lang.js';

/** Why a duty of the plan falls short of the layer's (docs/layers.md, "Checking a plan against a layer"). */
export type LayerReason = 'missing' | 'recipient' | 'no-deadline' | 'later-anchor' | 'later-offset' | 'working-days' | 'soft' | 'extendable' | 'unmapped';

/** A duty as a finding names it: its id, step, title, deadline in words and the clause it cites. */
export interface DutyRef {
  obligation: string;
  step: string;
  title: string;
  /** The deadline in Chinese: `自事件发生起5小时`, `立即`, `无时限`. */
  due: string;
  dueEn: string;
  basis: Basis;
}

/** A duty of the layer that the plan lacks at a level (`missing`), sets laxer (`laxer`), or a level of the plan mapped to none of the layer's (`unmapped`, then `layer` is null). */
export interface LayerFinding {
  kind: 'missing' | 'laxer' | 'unmapped';
  reason: LayerReason;
  /** The plan's level. */
  level: string;
  /** The layer's levels it maps to at which the layer's duty applies. */
  layerLevels: string[];
  layer: DutyRef | null;
  /** The closest duty of the plan: laxer, of the step but not to such a recipient, or of the step only in particular situations; null when the plan has none. */
  plan: DutyRef | null;
  /** What is wrong, in the language asked for (Chinese by default). */
  message: string;
  /** The same in English, whatever the language asked for. */
  messageEn: string;
}

/** A duty of the layer the plan meets at a level, and the plan's duty that meets it. */
export interface LayerMatch {
  level: string;
  layerLevels: string[];
  layer: DutyRef;
  plan: DutyRef;
}

/** A duty of the layer not compared: it arises by a change (`on`), or only in an exercise or a later phase (平息, 应急结束). */
export interface LayerSkip {
  obligation: string;
  title: string;
  reason: 'on' | 'situation';
}

export interface LayerReport {
  plan: { id: string; version: string; title: string };
  layer: { id: string; version: string; title: string };
  /** Each level of the plan with a mapping → the layer's levels it counts as. */
  mapping: Record<string, string[]>;
  /** Where the mapping came from: the option, the plan's own `above` (composed), or the layer's `correspondence`. */
  mappingFrom: 'option' | 'plan' | 'layer';
  findings: LayerFinding[];
  met: LayerMatch[];
  skipped: LayerSkip[];
}

export interface VerifyAgainstOptions {
  /** Each level of the plan → the layer's levels it counts as (an empty list: none); takes precedence over the plan's and the layer's mapping. */
  levels?: Record<string, string[]>;
  /** The language of each finding's `message`: Chinese by default; with `'en'` it is the English of `messageEn`. */
  lang?: Lang;
}

/** A deadline's length: calendar minutes and working days (a working day is at least 24 hours, and n of them at most n × 24 hours and 10 days). */
interface Length {
  minutes: number;
  workingDays: number;
}

const DAY_MINUTES = 24 * 60;
/** The most that holidays and weekends add to n working days beyond n × 24 hours (国庆 with 调休). */
const WORKING_DAY_SLACK = 10 * DAY_MINUTES;

function lengthOf(text: string, workingDays: boolean | undefined): Length {
  // The plan's durations were checked when it loaded: working-day ones are whole days.
  const duration = parseDuration(text) as Duration;
  return workingDays ? { minutes: 0, workingDays: duration.days as number } : { minutes: roughDays(duration) * DAY_MINUTES, workingDays: 0 };
}

const plus = (a: Length, b: Length): Length => ({ minutes: a.minutes + b.minutes, workingDays: a.workingDays + b.workingDays });

/** Whether `a` ends no later than `b` from the same moment, whatever the calendar. */
function atMost(a: Length, b: Length): boolean {
  if (a.minutes <= b.minutes && a.workingDays <= b.workingDays) return true;
  const upper = a.minutes + a.workingDays * DAY_MINUTES + (a.workingDays > 0 ? WORKING_DAY_SLACK : 0);
  return upper <= b.minutes + b.workingDays * DAY_MINUTES;
}

const mixedUnits = (a: Length, b: Length): boolean => a.workingDays > 0 !== b.workingDays > 0;

/** A duty with neither an offset nor `immediate` (or a continuous one) has no deadline. */
const untimed = (rule: ObligationRule): boolean => rule.continuous || (rule.offset === null && !rule.immediate);

/**
 * Where a duty's clock starts, as places in the order occurrence (0) < discovery (1) < the duty arising or
 * the level set (2) < an event, another duty done or prerequisites done (3): for a duty there at
 * discovery, and for one arising later (a grading, a flag), which restarts a clock without `keep`.
 */
function anchorPlaces(rule: ObligationRule): [number, number] {
  if (typeof rule.anchor !== 'string' || (rule.after !== undefined && rule.anchor === 'arisen')) return [3, 3];
  const first = rule.anchor === 'occurredAt' ? 0 : 1;
  // A duty without a condition arises at discovery only.
  if (rule.when === undefined) return [first, first];
  return [first, rule.clock === 'keep' ? first : 2];
}

const hardLimit = (rule: ObligationRule, offset: Length): Length | null => (!rule.soft ? offset : rule.latest !== undefined ? lengthOf(rule.latest, rule.workingDays) : null);

/** Why the plan's duty `p` is laxer than the layer's `o`, or null when it is at least as strict. */
function laxness(p: ObligationRule, o: ObligationRule, lengthOf: (text: string, workingDays: boolean | undefined) => Length): LayerReason | null {
  if (untimed(o)) return null;
  if (!p.continuous && p.offset === null && p.immediate) return null;
  if (untimed(p)) return 'no-deadline';
  const pOffset = lengthOf(p.offset as string, p.workingDays);
  if (o.offset === null) return 'later-offset';
  const [pFirst, pLater] = anchorPlaces(p);
  const [oFirst, oLater] = anchorPlaces(o);
  if (pFirst > oFirst || pLater > oLater) return 'later-anchor';
  const oOffset = lengthOf(o.offset, o.workingDays);
  const longer = (a: Length, b: Length): LayerReason | null => (atMost(a, b) ? null : mixedUnits(a, b) ? 'working-days' : 'later-offset');
  const offsetReason = longer(pOffset, oOffset);
  if (offsetReason) return offsetReason;
  const oHard = hardLimit(o, oOffset);
  const pHard = hardLimit(p, pOffset);
  if (oHard !== null) {
    if (pHard === null) return 'soft';
    const hardReason = longer(pHard, oHard);
    if (hardReason) return hardReason;
  }
  if (p.extension !== undefined && o.extension === undefined) {
    const extra = lengthOf(p.extension.max, p.extension.workingDays);
    if (!atMost(plus(pOffset, extra), oOffset) || (oHard !== null && pHard !== null && !atMost(plus(pHard, extra), oHard))) return 'extendable';
  }
  return null;
}

// --- words ----------------------------------------------------------------------------------------

const UNITS_ZH = [['years', '年'], ['months', '个月'], ['weeks', '周'], ['days', '天'], ['hours', '小时'], ['minutes', '分钟'], ['seconds', '秒']] as const;
const UNITS_EN = [['years', 'y'], ['months', 'mo'], ['weeks', 'w'], ['days', 'd'], ['hours', 'h'], ['minutes', 'min'], ['seconds', 's']] as const;

function durationWords(text: string, workingDays: boolean | undefined): { zh: string; en: string } {
  const duration = parseDuration(text) as Duration;
  if (workingDays) return { zh: `${duration.days as number}个工作日`, en: `${duration.days as number} working days` };
  return {
    zh: UNITS_ZH.filter(([unit]) => duration[unit]).map(([unit, zh]) => `${duration[unit]}${zh}`).join(''),
    en: UNITS_EN.filter(([unit]) => duration[unit]).map(([unit, en]) => `${duration[unit]} ${en}`).join(' '),
  };
}

function anchorWords(rule: ObligationRule): { zh: string; en: string } {
  const anchor = rule.anchor;
  if (typeof anchor !== 'string') return 'event' in anchor ? { zh: `自“${anchor.event}”事件起`, en: `from the ${anchor.event} event` } : { zh: `自“${anchor.done}”完成起`, en: `from ${anchor.done} done` };
  if (rule.after !== undefined && anchor === 'arisen') return { zh: '自前序义务完成起', en: 'from its prerequisites done' };
  const [first, later] = anchorPlaces(rule);
  const base = { occurredAt: { zh: '自事件发生起', en: 'from the event' }, discoveredAt: { zh: '自发现起', en: 'from discovery' }, arisen: { zh: '自义务产生起', en: 'from when it arises' }, levelSet: { zh: '自定级起', en: 'from the grading' } }[anchor];
  // A clock from occurrence or discovery that restarts when the duty arises later.
  return later > first && first < 2 && (anchor === 'occurredAt' || anchor === 'discoveredAt')
    ? { zh: `${base.zh}（较晚产生的自产生起）`, en: `${base.en} (from when it arises, if later)` }
    : base;
}

/** A duty's deadline in words: `自事件发生起5小时`, `原则上自事件发生起30分钟`, `立即`, `无时限`. */
function dueWords(rule: ObligationRule): { zh: string; en: string } {
  if (rule.continuous) return { zh: '持续（无时限）', en: 'continuous (no deadline)' };
  if (rule.offset === null) return rule.immediate ? { zh: '立即', en: 'immediately' } : { zh: '无时限', en: 'no deadline' };
  const anchor = anchorWords(rule);
  const offset = durationWords(rule.offset, rule.workingDays);
  let zh = `${rule.soft ? '原则上' : ''}${anchor.zh}${offset.zh}`;
  let en = `${rule.soft ? 'in principle ' : ''}${offset.en} ${anchor.en}`;
  if (rule.soft && rule.latest !== undefined) {
    const latest = durationWords(rule.latest, rule.workingDays);
    zh += `，最迟${latest.zh}`;
    en += `, at the latest ${latest.en}`;
  }
  if (rule.extension !== undefined) {
    const max = durationWords(rule.extension.max, rule.extension.workingDays);
    zh += `（可延长至多${max.zh}）`;
    en += ` (extendable by up to ${max.en})`;
  }
  return { zh, en };
}

const REASON_ZH: Record<Exclude<LayerReason, 'missing' | 'recipient' | 'unmapped'>, string> = {
  'no-deadline': '预案未设时限',
  'later-anchor': '预案的起算点更晚',
  'later-offset': '预案的时限更长',
  'working-days': '预案按工作日与小时换算后可能更长',
  soft: '预案只是原则性时限，没有最迟时限',
  extendable: '预案可延期，延期后超过上级时限',
};
const REASON_EN: Record<keyof typeof REASON_ZH, string> = {
  'no-deadline': 'the plan sets no deadline',
  'later-anchor': "the plan's clock starts later",
  'later-offset': "the plan's time limit is longer",
  'working-days': 'counted in working days against hours, the plan may be later',
  soft: "the plan's deadline is only in principle, with no hard limit",
  extendable: 'the plan lets the deadline be extended past the layer\'s',
};
/** Laxer reasons from the closest to the furthest: the closest candidate is shown. */
const REASON_ORDER: readonly LayerReason[] = ['extendable', 'soft', 'working-days', 'later-offset', 'later-anchor', 'no-deadline'];

// --- the comparison -------------------------------------------------------------------------------

const refOf = (rule: ObligationRule): DutyRef => {
  const due = dueWords(rule);
  return { obligation: rule.id, step: rule.step, title: rule.title, due: due.zh, dueEn: due.en, basis: rule.basis };
};

/** The plain facts at a level: every flag and state false, no indicator, graded; `set` flags true. */
function plainFacts(compiled: CompiledPlan, level: Level, set: readonly string[]): Facts {
  const facts: Record<string, string | number | boolean | undefined> = Object.create(null) as Record<string, string | number | boolean | undefined>;
  for (const flag of compiled.facts.flags) facts[flag] = false;
  for (const state of ['exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated']) facts[state] = false;
  for (const flag of set) facts[flag] = true;
  facts.graded = true;
  facts.level = level.id;
  facts.levelRank = level.rank;
  return facts;
}

const holds = (o: CompiledObligation, facts: Facts): boolean => o.applies === null || o.applies(facts);

/** Steps of the plan that do a duty of the layer's step besides its own: a 报告 does a 电话报告, a 正面回复 (publishing the reply) does a 发布权威信息 (`statement`). */
const ALSO_MEETING: ReadonlyMap<string, string> = new Map([['phone-report', 'report'], ['statement', 'reply']]);
const stepsMeeting = (step: string): readonly string[] => [step, ...(ALSO_MEETING.has(step) ? [ALSO_MEETING.get(step) as string] : [])];

function invalid(issues: Issue[]): never {
  throw new PlanError(issues, 'INVALID_OPTION', 'Invalid option');
}

/** The mapping of `options.levels`, checked: keys the plan's levels, values lists of the layer's levels. */
function optionLevels(value: unknown, planLevels: ReadonlyMap<string, Level>, layerLevels: ReadonlyMap<string, Level>): Map<string, string[]> {
  const planIds = [...planLevels.keys()].map((id) => JSON.stringify(id)).join(', ');
  const layerIds = [...layerLevels.keys()].map((id) => JSON.stringify(id)).join(', ');
  // A plain object only: a Map, a class instance or a revoked Proxy would read as no mapping at all.
  if (!isPlainObject(value)) {
    invalid([{ path: ['options', 'levels'], code: 'invalid_type', message: 'levels must map each level of the plan to a list of levels of the layer', received: value !== null && typeof value === 'object' && isRevoked(value) ? '(a revoked Proxy)' : value, expected: `an object such as { "${[...planLevels.keys()][0]}": ["${[...layerLevels.keys()][0]}"] }` }]);
  }
  const issues: Issue[] = [];
  const out = new Map<string, string[]>();
  for (const [key, list] of Object.entries(value)) {
    if (!planLevels.has(key)) {
      issues.push({ path: ['options', 'levels', key], code: 'unknown_level', message: 'not a level of the plan', received: key, expected: `one of ${planIds}` });
      continue;
    }
    const revoked = list !== null && typeof list === 'object' && isRevoked(list);
    // At most as many as the layer has levels: a list's length is read before any item (a sparse list of a billion is refused at once).
    if (revoked || !Array.isArray(list) || list.length > layerLevels.size) {
      issues.push({ path: ['options', 'levels', key], code: 'invalid_type', message: 'a list of levels of the layer', received: revoked ? '(a revoked Proxy)' : list, expected: `a list of at most ${layerLevels.size} of ${layerIds} (empty: none)` });
      continue;
    }
    // Every place, holes included: a hole is not a level.
    for (let i = 0; i < list.length; i++) {
      const id: unknown = list[i];
      if (typeof id !== 'string' || !layerLevels.has(id)) issues.push({ path: ['options', 'levels', key, i], code: 'unknown_level', message: 'not a level of the layer', received: id, expected: `one of ${layerIds}` });
    }
    out.set(key, [...(list as string[])]);
  }
  if (issues.length > 0) invalid(issues);
  return out;
}

interface Compared {
  rule: ObligationRule;
  reason: LayerReason | null;
}

/**
 * What the plan sets laxer than the layer above it, or lacks (docs/layers.md): for each duty of the layer,
 * each level of the plan mapped to a layer level where it applies, the plan's duties of the same step that
 * apply there (to an outside body by the same mode when the layer's duty is one), compared by deadline.
 * Duties of the layer that arise by a change (`on`) or only in an exercise or a later phase are skipped.
 * Pure: reads nothing but the two plans.
 */
export function verifyAgainst(plan: Plan, layer: Plan, options: VerifyAgainstOptions = {}): LayerReport {
  const revoked = (value: unknown): boolean => value !== null && typeof value === 'object' && isRevoked(value);
  if (revoked(plan)) throw new PlanError([{ path: ['plan'], code: 'invalid_type', message: 'not a plan made by loadPlan', received: '(a revoked Proxy)', expected: 'the result of loadPlan()' }]);
  const compiled = compiledOf(plan);
  let above: CompiledPlan;
  try {
    above = compiledOf(layer);
  } catch {
    throw new PlanError([{ path: ['layer'], code: 'invalid_type', message: 'not a layer loaded by loadPlan', received: revoked(layer) ? '(a revoked Proxy)' : layer, expected: 'the result of loadPlan() of a layer' }]);
  }
  if (layer.definition.kind !== 'layer') {
    throw new PlanError([{ path: ['layer', 'kind'], code: 'invalid_value', message: `plan ${layer.id} is not a layer`, received: layer.definition.kind ?? null, expected: '"layer" (a file with "kind": "layer")' }]);
  }
  if (options === null || typeof options !== 'object' || revoked(options) || Array.isArray(options)) invalid([{ path: ['options'], code: 'invalid_type', message: 'options must be an object', received: revoked(options) ? '(a revoked Proxy)' : options, expected: 'an object such as { levels: { … } }' }]);
  const lang = langOf(options);

  // The mapping: the option, else the plan's own (composed through its layers), else the layer's correspondence.
  const planLevels = plan.definition.levels;
  const fromPlan = plan.layers.find((entry) => entry.id === layer.id);
  let mappingFrom: LayerReport['mappingFrom'];
  let given: ReadonlyMap<string, readonly string[]>;
  if (options.levels !== undefined) {
    mappingFrom = 'option';
    given = optionLevels(options.levels, compiled.levels, above.levels);
  } else if (fromPlan !== undefined) {
    mappingFrom = 'plan';
    given = new Map(Object.entries(fromPlan.levels));
  } else {
    mappingFrom = 'layer';
    given = new Map(Object.entries(layer.definition.correspondence ?? {}));
  }
  const mapping = new Map(planLevels.filter((level) => given.has(level.id)).map((level) => [level.id, [...(given.get(level.id) as readonly string[])]]));

  // The layer's duties compared, with the flags each reads (set true as well as false) and the layer's levels where each applies.
  const skipped: LayerSkip[] = [];
  const duties: { o: CompiledObligation; flags: string[]; at: Map<string, string[][]> }[] = [];
  for (const o of above.obligations) {
    if (o.rule.on !== undefined) {
      skipped.push({ obligation: o.rule.id, title: o.rule.title, reason: 'on' });
      continue;
    }
    const read = o.rule.when ? factsRead(o.rule.when, above.named) : new Set<string>();
    const flags = above.facts.flags.filter((flag) => read.has(flag));
    const contexts = flags.length > 0 ? [[], flags] : [[]];
    const at = new Map<string, string[][]>();
    for (const level of above.levelsBySeverity) {
      const where = contexts.filter((set) => holds(o, plainFacts(above, level, set)));
      if (where.length > 0) at.set(level.id, where);
    }
    if (at.size === 0) skipped.push({ obligation: o.rule.id, title: o.rule.title, reason: 'situation' });
    else duties.push({ o, flags, at });
  }

  const recipients = plan.definition.above?.recipients;
  const own = compiled.obligations.filter((p) => p.rule.on === undefined && p.rule.step !== 'drill');
  // The plan's duties by step, each list in the plan's order (a place in `own` orders the duties of two steps).
  const place = new Map(own.map((p, i) => [p, i]));
  const byStep = new Map<string, CompiledObligation[]>();
  for (const p of own) {
    const list = byStep.get(p.rule.step);
    if (list === undefined) byStep.set(p.rule.step, [p]);
    else list.push(p);
  }
  const meetingStep = new Map<string, CompiledObligation[]>();
  /** The plan's duties whose step meets a layer duty's step, in the plan's order. */
  const ofStep = (step: string): CompiledObligation[] => {
    let list = meetingStep.get(step);
    if (list === undefined) {
      list = stepsMeeting(step).flatMap((s) => byStep.get(s) ?? []).sort((a, b) => (place.get(a) as number) - (place.get(b) as number));
      meetingStep.set(step, list);
    }
    return list;
  };
  // A deadline's length read once per text: the comparison of n duties of the layer with m of the plan parses nothing n × m times.
  const lengths = new Map<string, Length>();
  const measure = (text: string, workingDays: boolean | undefined): Length => {
    const key = `${workingDays ? 'w' : 'c'}${text}`;
    let length = lengths.get(key);
    if (length === undefined) {
      length = lengthOf(text, workingDays);
      lengths.set(key, length);
    }
    return length;
  };
  const findings: LayerFinding[] = [];
  const met: LayerMatch[] = [];
  for (const level of planLevels) {
    const name = `${level.id}（${level.name}）`;
    const targets = mapping.get(level.id);
    // The plan's duties of a step that apply at this level in some of the situations: listed once per step and situations, however many duties of the layer ask.
    const applyingAt = new Map<string, CompiledObligation[]>();
    // Whether a duty of the plan applies at this level with a set of flags true: evaluated once per duty and set.
    const situations = new Map<string, { facts: Facts; held: Map<CompiledObligation, boolean> }>();
    const holdsIn = (p: CompiledObligation, set: readonly string[]): boolean => {
      const key = set.join(',');
      let situation = situations.get(key);
      if (situation === undefined) {
        situation = { facts: plainFacts(compiled, level, set), held: new Map() };
        situations.set(key, situation);
      }
      let held = situation.held.get(p);
      if (held === undefined) {
        held = holds(p, situation.facts);
        situation.held.set(p, held);
      }
      return held;
    };
    if (targets === undefined) {
      findings.push({
        kind: 'unmapped',
        reason: 'unmapped',
        level: level.id,
        layerLevels: [],
        layer: null,
        plan: null,
        message: `预案级别 ${name} 未对应上级 ${layer.id} 的任何级别：请在 above.levels 或 --levels 中写明（空列表表示不适用上级义务）`,
        messageEn: `level ${level.id} of the plan maps to no level of the layer ${layer.id}: give it in above.levels or --levels (an empty list: no duty of the layer applies)`,
      });
      continue;
    }
    for (const { o, flags, at } of duties) {
      const layerLevels = targets.filter((id) => at.has(id));
      if (layerLevels.length === 0) continue;
      const contexts = [...new Set(layerLevels.flatMap((id) => (at.get(id) as string[][]).map((set) => set.join(','))))].map((key) => (key === '' ? [] : key.split(',')));
      const sameStep = ofStep(o.rule.step);
      const key = `${o.rule.step}\u0000${contexts.map((set) => set.join(',')).join('\u0001')}`;
      let applying = applyingAt.get(key);
      if (applying === undefined) {
        applying = sameStep.filter((p) => contexts.some((set) => holdsIn(p, set)));
        applyingAt.set(key, applying);
      }
      const bound = o.rule.to !== undefined && recipients !== undefined && Object.hasOwn(recipients, o.rule.to) ? recipients[o.rule.to] : undefined;
      // A duty with `notify` goes to an outside recipient (loadPlan checks it).
      const outward = (p: CompiledObligation): boolean => p.rule.notify === o.rule.notify || (bound !== undefined && p.rule.to === bound);
      const candidates = o.rule.notify === undefined ? applying : applying.filter(outward);
      const layerRef = refOf(o.rule);
      const where = `${name}（上级 ${layerLevels.join('、')}）`;
      if (candidates.length === 0) {
        if (applying.length > 0) {
          const p = applying[0] as CompiledObligation;
          findings.push({
            kind: 'missing',
            reason: 'recipient',
            level: level.id,
            layerLevels,
            layer: layerRef,
            plan: refOf(p.rule),
            message: `${where}：上级要求“${o.rule.title}”（${layerRef.due}，${MODE_ZH[o.rule.notify as keyof typeof MODE_ZH]} ${(above.parties.get(o.rule.to as string) as Party).name}），预案的“${p.rule.title}”不是向外${MODE_ZH[o.rule.notify as keyof typeof MODE_ZH]}`,
            messageEn: `at ${level.id} (layer ${layerLevels.join(', ')}): the layer's ${o.rule.id} goes out of the unit (${o.rule.notify}); the plan's ${p.rule.id} of that step does not`,
          });
          continue;
        }
        // The plan's duty of the step that applies only in particular situations (a flag), if any.
        const planFlags = [...compiled.facts.flags, ...flags];
        const conditional = sameStep.find((p) => holdsIn(p, planFlags));
        findings.push({
          kind: 'missing',
          reason: 'missing',
          level: level.id,
          layerLevels,
          layer: layerRef,
          plan: conditional ? refOf(conditional.rule) : null,
          message: `${where}：预案没有上级要求的“${o.rule.title}”（${layerRef.due}）${conditional ? `；预案的“${conditional.rule.title}”只在特定情形下适用（${conditionText(conditional.rule.when as NonNullable<ObligationRule['when']>)}）` : ''}`,
          messageEn: `at ${level.id} (layer ${layerLevels.join(', ')}): the plan has no duty meeting the layer's ${o.rule.id} (${layerRef.dueEn})${conditional ? `; its ${conditional.rule.id} applies only in particular situations` : ''}`,
        });
        continue;
      }
      // The first candidate at least as strict; the others are compared only when none is.
      const compared: Compared[] = [];
      for (const p of candidates) {
        compared.push({ rule: p.rule, reason: laxness(p.rule, o.rule, measure) });
        if ((compared.at(-1) as Compared).reason === null) break;
      }
      const meeting = compared.find((c) => c.reason === null);
      if (meeting) {
        met.push({ level: level.id, layerLevels, layer: layerRef, plan: refOf(meeting.rule) });
        continue;
      }
      const closest = [...compared].sort((a, b) => REASON_ORDER.indexOf(a.reason as LayerReason) - REASON_ORDER.indexOf(b.reason as LayerReason))[0] as Compared;
      const reason = closest.reason as keyof typeof REASON_ZH;
      const planRef = refOf(closest.rule);
      findings.push({
        kind: 'laxer',
        reason,
        level: level.id,
        layerLevels,
        layer: layerRef,
        plan: planRef,
        message: `${where}：预案“${closest.rule.title}”（${planRef.due}）宽于上级“${o.rule.title}”（${layerRef.due}）：${REASON_ZH[reason]}`,
        messageEn: `at ${level.id} (layer ${layerLevels.join(', ')}): the plan's ${closest.rule.id} (${planRef.dueEn}) is laxer than the layer's ${o.rule.id} (${layerRef.dueEn}): ${REASON_EN[reason]}`,
      });
    }
  }
  return {
    plan: { id: plan.id, version: plan.version, title: plan.title },
    layer: { id: layer.id, version: layer.version, title: layer.title },
    mapping: Object.fromEntries(mapping),
    mappingFrom,
    findings: lang === 'en' ? findings.map((f) => ({ ...f, message: f.messageEn })) : findings,
    met,
    skipped,
  };
}
