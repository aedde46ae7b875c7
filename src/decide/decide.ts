import { type FactCheck, heldLeaves, traceCondition, traceLeaves } from '../engine/compile.js';
import type { FactCondition } from '../model/condition.js';
import type { Decision, DecisionWarning, Explanation, Obligation } from '../model/decision.js';
import { fromZodIssues, IncidentError, parseWith, type Issue } from '../model/errors.js';
import { type IncidentEvent, IncidentSchema, isDeclaredStepType, type ParsedIncident } from '../model/incident.js';
import { type IncidentTimes, readCommonIncident, unreadTimes } from '../model/incident-fast.js';
import { INCIDENT_LIMITS, proxyTest, scanUntrusted } from '../model/untrusted.js';
import type { Basis, Level } from '../model/plan.js';
import type { CompiledPlan } from '../plans/compile.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { parseTimestamp } from '../time/timestamp.js';
import { MAX_DURATION_DAYS, parseDuration, roughDays } from '../time/duration.js';
import type { Duration } from 'date-fns';
import { incidentFactIssues, type FactTable } from '../model/facts.js';
import { factText } from '../model/labels.js';
import { type ClockWarning, durationText, type ExtensionRecord } from './clocks.js';
import { raiseWords } from './grading.js';
import { buildLedger, type LevelInForce, type ObligationInstance } from './ledger.js';
import { lapsedReason, outsideCalendarReason, waitingReason } from './reasons.js';
import { readLangOption, readTimeOption } from './options.js';
import { say, type Lang } from '../i18n/lang.js';
import { inLanguage } from '../i18n/errors.js';
import { workflowTextEn } from './explain-en.js';
import { statusOf } from './status.js';
import { actorOut, actorsOf, buildTimeline, EVENT_STEPS, sortByMoment, type Timeline } from './timeline.js';

export interface DecideOptions {
  /** The moment of the question; the library never reads the clock. */
  now: string | Date;
  /** The language of warnings, explanations and errors: Chinese (`zh`, the default) or English (`en`); ids, codes and the plan's own texts stay as they are. */
  lang?: Lang;
}

/** In `next`, a duty to be done at once (第一时间) comes after the deadlines at most this far from `now` and before those further away. */
const IMMEDIATE_HORIZON_MS = 60 * 60 * 1000;

/** The most fact checks one explanation lists; the text counts the others that held. */
export const MAX_EXPLAINED_FACTS = 20;

/** The fact checks an explanation lists of a trace longer than MAX_EXPLAINED_FACTS (a shorter one is listed whole): the first checks that held; and how many held beyond them. */
function explainedFacts(trace: FactCheck[]): { facts: FactCheck[]; more: number } {
  const held = trace.filter((check) => check.result);
  return { facts: held.slice(0, MAX_EXPLAINED_FACTS), more: Math.max(0, held.length - MAX_EXPLAINED_FACTS) };
}

/** The facts that held, as the texts list them (each with its label and its value's: `关注度：高`, `媒体层级：中央媒体`; joined by 、), with a count of any left out. */
function heldText(facts: readonly FactCheck[], more: number, table: FactTable, lang: Lang): string {
  let listed = '';
  const sep = lang === 'en' ? ', ' : '、';
  for (const f of facts) if (f.result) listed += (listed === '' ? '' : sep) + factText(table, f.fact, f.factValue, lang);
  if (more === 0) return listed;
  return lang === 'en' ? `${listed} … and ${more} more` : `${listed}…等 ${more} 项`;
}

/** The texts of a list's items joined by `sep`: a loop, not `.map().join()`, whose result V8's optimised code made with a map its feedback never saw (a deoptimisation on every call). */
export function joined<T>(list: readonly T[], text: (item: T) => string, sep: string): string {
  let out = '';
  for (let i = 0; i < list.length; i++) out += (i === 0 ? '' : sep) + text(list[i] as T);
  return out;
}

/** A copy of fact checks for one entry of the output, so that entries share no objects. */
function copyChecks(facts: readonly FactCheck[]): FactCheck[] {
  const out: FactCheck[] = [];
  for (const f of facts) out.push({ fact: f.fact, operator: f.operator, value: Array.isArray(f.value) ? [...f.value] : f.value, factValue: f.factValue, result: f.result });
  return out;
}


/** The incident as IncidentSchema parses it: directly when it is plain data of the common shape (Node's Proxy test at hand), else through scanUntrusted and zod, which word any problem; throws IncidentError. */
function validIncident(incident: unknown, times?: IncidentTimes): ParsedIncident {
  const isProxy = proxyTest();
  const common = isProxy === null ? null : readCommonIncident(incident, isProxy, times);
  if (common !== null) return common;
  const unsafe = scanUntrusted(incident, INCIDENT_LIMITS);
  if (unsafe.length > 0) throw new IncidentError(unsafe);
  const parsed = parseWith(IncidentSchema, incident);
  if (!parsed.success) throw new IncidentError(fromZodIssues(incident, parsed.issues));
  return parsed.data;
}

/** Validates an incident against the incident model and against the plan (level ids); throws IncidentError. `times`, if given, receives the times the direct check read. */
export function parseIncident(plan: CompiledPlan, incident: unknown, times?: IncidentTimes): ParsedIncident {
  const data = validIncident(incident, times);
  const issues: Issue[] = [];
  // The times the direct check read, where it read them.
  if (times?.eventAt != null ? times.discoveredAt < times.occurredAt : (parseTimestamp(data.discoveredAt) as number) < (parseTimestamp(data.occurredAt) as number)) {
    issues.push({ path: ['discoveredAt'], code: 'invalid_order', message: 'the incident was discovered before it occurred', received: data.discoveredAt, expected: `a time at or after occurredAt (${data.occurredAt})` });
  }
  const events = data.events;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as IncidentEvent;
    if ((event.type === 'level-set' || event.type === 'warning-issued' || event.type === 'warning-adjusted') && !plan.levels.has(event.level)) {
      issues.push({ path: ['events', i, 'level'], code: 'unknown_level', message: 'this plan has no such level', received: event.level, expected: `one of ${joined([...plan.levels.keys()], (id) => JSON.stringify(id), ', ')}` });
    }
  }
  // By id, once and only for an incident with `extended` events: a lookup per event, not a search of every duty (100 000 events × 1 000 duties).
  let rules: Map<string, CompiledPlan['obligations'][number]['rule']> | null = null;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as IncidentEvent;
    if (event.type !== 'extended') continue;
    rules ??= new Map(plan.obligations.map((o) => [o.rule.id, o.rule] as const).reverse());
    const duration = parseDuration(event.duration);
    const rule = rules.get(event.obligation.replace(/#\d+$/, ''));
    const days = rule?.extension?.workingDays === true;
    if (duration === null || durationText(duration) === null || (days && !/^P\d+D$/.test(event.duration))) {
      issues.push({ path: ['events', i, 'duration'], code: 'invalid_duration', message: days ? 'the extension of this duty counts working days: a whole number of days' : 'not a positive ISO 8601 duration', received: event.duration, expected: days ? 'a duration of days such as "P2D"' : 'a duration such as "PT12H" or "P2D"' });
    } else if (roughDays(duration) > MAX_DURATION_DAYS) {
      // As long as a plan's durations at most: a longer one leaves the calendar (no date, or a date no timestamp can write).
      issues.push({ path: ['events', i, 'duration'], code: 'invalid_duration', message: 'a duration longer than 100 years', received: event.duration, expected: 'at most 100 years' });
    }
  }
  // The facts and steps the plan knows: its own and the shared ones.
  issues.push(...incidentFactIssues(plan.facts, plan.stepOrder, data, isDeclaredStepType));
  if (issues.length > 0) throw new IncidentError(issues);
  return data;
}

/** A copy of a basis for the output: field by field in the schema's order when the plan's bases keep it (a spread of a frozen object is several times slower), else a spread. */
function basisOut(plan: CompiledPlan, basis: Basis): Decision['escalation']['basis'] {
  if (!plan.basisInOrder) return { ...basis };
  // The usual shapes as literals (no property added one by one).
  if (basis.document === undefined && basis.number === undefined && basis.seed !== undefined) {
    if (basis.quote === undefined) return basis.section === undefined ? { seed: basis.seed, clause: basis.clause } : { seed: basis.seed, section: basis.section, clause: basis.clause };
    return basis.section === undefined ? { seed: basis.seed, clause: basis.clause, quote: basis.quote } : { seed: basis.seed, section: basis.section, clause: basis.clause, quote: basis.quote };
  }
  const out = {} as Basis;
  if (basis.seed !== undefined) out.seed = basis.seed;
  if (basis.section !== undefined) out.section = basis.section;
  if (basis.document !== undefined) out.document = basis.document;
  if (basis.number !== undefined) out.number = basis.number;
  out.clause = basis.clause;
  if (basis.quote !== undefined) out.quote = basis.quote;
  return out;
}

function partyOut(plan: CompiledPlan, id: string): { id: string; name: string } {
  return { id, name: plan.parties.get(id)?.name ?? id };
}

function levelText(level: Level): string {
  return `${level.id} ${level.name}`;
}

/** An incident replayed under a plan up to `now`: the states it went through and every obligation that arose. */
export interface Replay {
  plan: Plan;
  compiled: CompiledPlan;
  incident: ParsedIncident;
  now: number;
  timeline: Timeline;
  levels: LevelInForce[];
  instances: ObligationInstance[];
  iso: (ms: number) => string;
  /** What the ledger found about the clocks (extensions that did not count). */
  clockWarnings: ClockWarning[];
  /** The language of warnings and explanations. */
  lang: Lang;
}

/** Validates the arguments and replays the incident's timeline up to `now`. */
export function replay(plan: Plan, incident: unknown, options: DecideOptions, lang: Lang = readLangOption(options)): Replay {
  const compiled = compiledOf(plan);
  const now = readTimeOption(options, 'now');
  // Each timestamp parsed once: the times the check reads go on to the timeline.
  const times = unreadTimes();
  const parsed = parseIncident(compiled, incident, times);
  const timeline = buildTimeline(parsed, now, (level) => compiled.levels.get(level)?.rank ?? Number.MAX_SAFE_INTEGER, compiled.grading.authority ?? undefined, compiled.facts, compiled.grading.factAuthority, times, lang);
  if (now < timeline.discoveredAt) {
    throw new IncidentError(
      [{ path: ['now'], code: 'before_discovery', message: 'now is before the incident was discovered: nothing is due yet', received: options.now, expected: `a time at or after discoveredAt (${parsed.discoveredAt})` }],
      'INVALID_OPTION',
      'Invalid option',
    );
  }
  const { levels, obligations: instances, warnings: clockWarnings } = buildLedger(compiled, timeline, now, compiled.timeZone, extensionsOf(parsed, now), lang);
  return { plan, compiled, incident: parsed, now, timeline, levels, instances, iso: compiled.format, clockWarnings, lang };
}

/** The obligations of a replay as the decision shows them, with their status at `now`. */
export function obligationsOf(r: Replay): Obligation[] {
  // A loop over a function of its own, not a closure made on every call.
  const instances = r.instances;
  const out: Obligation[] = [];
  // Duties arise together (most at discovery): the moment is written once for each run of them.
  let arisenAt = NaN;
  let arisenText = '';
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i] as ObligationInstance;
    if (instance.arisenAt !== arisenAt) {
      arisenAt = instance.arisenAt;
      arisenText = r.iso(arisenAt);
    }
    out.push(obligationOut(r, instance, arisenText));
  }
  return out;
}

/** One obligation of a replay as the decision shows it, with its status at `now`; `arisenText` is its `arisenAt` written. */
function obligationOut(r: Replay, instance: ObligationInstance, arisenText: string): Obligation {
  const { compiled, now, iso } = r;
  const duty = instance.compiled;
  const rule = duty.rule;
  const kind = duty.kind;
  // A duty that stopped applying after its deadline is judged as it stood then: its hard limit (`latest`) no longer runs.
  const status = statusOf(instance.dueAt, instance.doneAt, instance.closedReason, rule.continuous, rule.soft, instance.latestAt, instance.lapsedAt ?? now);
  const dueAt = instance.dueAt === null ? null : iso(instance.dueAt);
  const doneAt = instance.doneAt === null ? null : iso(instance.doneAt);
  const reminders: Obligation['reminders'] = [];
  if (hasReminders(instance)) {
    const fractions = r.plan.definition.reminders;
    for (let k = 0; k < fractions.length; k++) {
      const at = reminderAt(instance, fractions[k] as number);
      reminders.push({ fraction: fractions[k] as number, at: iso(at), reached: now >= at });
    }
  }
  // Names known from the plan (compilePlan).
  const responsible = duty.collective ? { id: rule.responsible, name: duty.responsibleName, collective: true } : { id: rule.responsible, name: duty.responsibleName };
  const flow = instance.workflow;
  const blocked = flow !== undefined && flow.blockedBy.length > 0;
  let out: Obligation;
  // The usual shapes (compilePlan's outShape) as literals, in the output's key order: one allocation, not a property added at a time.
  if (duty.outShape !== 'other' && !blocked && !flow?.approvals) {
    const basis = basisOut(compiled, rule.basis);
    const immediate = kind === 'immediate';
    if (duty.outShape === 'plain') out = { id: instance.id, step: rule.step, title: rule.title, responsible, kind, immediate, arisenAt: arisenText, dueAt, doneAt, status, reminders, basis };
    else if (duty.outShape === 'until') out = { id: instance.id, step: rule.step, until: rule.until, title: rule.title, responsible, kind, immediate, arisenAt: arisenText, dueAt, doneAt, status, reminders, basis };
    else if (duty.outShape === 'to') out = { id: instance.id, step: rule.step, to: rule.to, title: rule.title, responsible, recipient: { id: rule.to as string, name: duty.recipientName as string }, kind, immediate, arisenAt: arisenText, dueAt, doneAt, status, reminders, basis };
    else out = { id: instance.id, step: rule.step, to: rule.to, notify: rule.notify, title: rule.title, responsible, recipient: { id: rule.to as string, name: duty.recipientName as string }, kind, immediate, arisenAt: arisenText, dueAt, doneAt, status, reminders, basis };
  } else {
    // Property by property (same key order): conditional spreads cost ~1.5 µs per object in V8.
    out = { id: instance.id, step: rule.step } as Obligation;
    if (rule.to !== undefined) out.to = rule.to;
    if (rule.notify !== undefined) out.notify = rule.notify;
    if (rule.subject !== undefined) out.subject = rule.subject;
    if (rule.until !== undefined) out.until = rule.until;
    out.title = rule.title;
    out.responsible = responsible;
    if (rule.to !== undefined) out.recipient = { id: rule.to, name: duty.recipientName as string };
    out.kind = kind;
    out.immediate = kind === 'immediate';
    out.arisenAt = arisenText;
    out.dueAt = dueAt;
    out.doneAt = doneAt;
    out.status = status;
    out.reminders = reminders;
    if (blocked) out.blockedBy = [...flow.blockedBy];
    if (flow?.approvals) {
      const approvals: { by: string; at: string }[] = [];
      for (const a of flow.approvals) approvals.push({ by: a.by, at: iso(a.at) });
      out.approvals = approvals;
    }
    // A duty a layer brings (docs/layers.md) names it; its basis cites the layer's document.
    if (rule.layer !== undefined) out.layer = rule.layer;
    out.basis = basisOut(compiled, rule.basis);
  }
  if (rule.soft === true) out.soft = true;
  if (rule.latest !== undefined) out.latestAt = instance.latestAt === null ? null : iso(instance.latestAt);
  if (instance.extendedBy !== null) out.extendedBy = instance.extendedBy;
  if (status === 'pending' && instance.waitingFor !== null) {
    out.waitingFor = { ...instance.waitingFor };
    out.reason = waitingReason(waitText(compiled, instance, r.lang), r.lang);
  }
  if (status === 'pending' && instance.outsideCalendar !== null) out.reason = outsideCalendarReason(instance.outsideCalendar, r.lang);
  // Worded in the replay's language when the duty closed (reasons.ts).
  if (status === 'not-applicable') out.reason = instance.closedReason!;
  if (instance.lapsedAt !== null && instance.doneAt === null) out.reason = lapsedReason(iso(instance.lapsedAt), r.lang);
  return out;
}

/** What the explanation of a duty says of its workflow: who decides collectively, whose approvals, what it waits for, where its clock starts. */
function workflowText(r: Replay, instance: ObligationInstance): string {
  // Who decides and approves is the plan's, worded once (compilePlan; in English on the first English request).
  const text = r.lang === 'en' ? (workflowTextEn(r.compiled)[instance.compiled.index] as string) : instance.compiled.workflowText;
  const flow = instance.workflow;
  if (flow === undefined || flow.blockedBy.length === 0) return text;
  return r.lang === 'en' ? `${text}to be done once ${flow.blockedBy.join(', ')} ${flow.blockedBy.length === 1 ? 'is' : 'are'} done; ` : `${text}须待 ${flow.blockedBy.join('、')} 完成后办理；`;
}

/** The `extended` events up to `now`, in time order (then by content, whatever their order in the input). */
function extensionsOf(incident: ParsedIncident, now: number): ExtensionRecord[] {
  const out: (ExtensionRecord & { key: string; event: IncidentEvent })[] = [];
  const events = incident.events;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as IncidentEvent;
    if (event.type !== 'extended') continue;
    const at = parseTimestamp(event.at) as number;
    if (at <= now) out.push({ obligation: event.obligation, at, duration: event.duration, by: actorsOf(event.by), index, key: '', event });
  }
  return sortByMoment(out).map(({ key: _key, event: _event, ...record }) => record);
}

const ZH_UNITS: [keyof Duration, string][] = [['years', '年'], ['months', '个月'], ['weeks', '周'], ['days', '天'], ['hours', '小时'], ['minutes', '分钟'], ['seconds', '秒']];
const EN_UNITS: [keyof Duration, string][] = [['years', 'year'], ['months', 'month'], ['weeks', 'week'], ['days', 'day'], ['hours', 'hour'], ['minutes', 'minute'], ['seconds', 'second']];

/** An offset in Chinese: `2 小时`, `1 天 12 小时`, `3 个工作日` (working days); in English for `en`: `2 hours`, `3 working days`. */
export function offsetZh(offset: string, workingDays: boolean, lang: Lang = 'zh'): string {
  const duration = parseDuration(offset) as Duration;
  const en = lang === 'en';
  if (workingDays) return en ? `${duration.days as number} working day${duration.days === 1 ? '' : 's'}` : `${duration.days as number} 个工作日`;
  let text = '';
  for (const [unit, word] of en ? EN_UNITS : ZH_UNITS) {
    const n = duration[unit];
    if (n) text += `${text === '' ? '' : ' '}${n} ${word}${en && n !== 1 ? 's' : ''}`;
  }
  return text;
}

/** A step by its Chinese title (批示, 认领, 演练科目开始). */
function stepName(plan: CompiledPlan, step: string): string {
  // Every step a plan uses is a shared or declared one (validate.ts), and each has a title.
  return plan.stepTitles.get(step) as string;
}

/** What a duty's clock waits for, in Chinese: `待记录“认领”后起算 3 个工作日`; in English for `en`: `starts 3 working days once "claim" is recorded`. */
function waitText(compiled: CompiledPlan, instance: ObligationInstance, lang: Lang = 'zh'): string {
  const rule = instance.compiled.rule;
  const wait = instance.waitingFor as NonNullable<ObligationInstance['waitingFor']>;
  // An anchor other than a moment of the incident needs an offset (validate-clocks.ts).
  const length = offsetZh(rule.offset as string, rule.workingDays, lang);
  if (lang === 'en') {
    if ('event' in wait) return `${length} counted once "${wait.event}"${rule.subject !== undefined ? ` (${rule.subject})` : ''} is recorded`;
    return `${length} counted once "${compiled.obligations.find((o) => o.rule.id === wait.done)!.rule.title}" (${wait.done}) is done`;
  }
  if ('event' in wait) return `待记录“${stepName(compiled, wait.event)}”${rule.subject !== undefined ? `（${rule.subject}）` : ''}后起算 ${length}`;
  // validate-clocks.ts checked that the plan has that obligation.
  const other = compiled.obligations.find((o) => o.rule.id === wait.done)!;
  return `待“${other.rule.title}”（${wait.done}）完成后起算 ${length}`;
}

/** A duty's deadline in English words (clockText's for `en`). */
function clockTextEn(r: Replay, instance: ObligationInstance, dueText: string | null): string {
  const rule = instance.compiled.rule;
  const { iso, timeline } = r;
  if (instance.dueAt === null) {
    if (instance.waitingFor !== null) return waitingReason(waitText(r.compiled, instance, 'en'), 'en');
    return rule.continuous ? 'ongoing' : rule.immediate ? 'at once, no fixed deadline' : 'no fixed deadline';
  }
  const soft = rule.soft === true ? 'in principle ' : '';
  const latest = instance.latestAt === null ? '' : `, at the latest ${offsetZh(rule.latest as string, rule.workingDays, 'en')}, that is by ${iso(instance.latestAt)}`;
  const until = `, that is by ${dueText as string}${latest}${instance.extendedBy !== null ? ` (extended by ${offsetZh(instance.extendedBy, rule.extension?.workingDays === true, 'en')})` : ''}`;
  if (instance.repeat !== undefined) return `${soft}${offsetZh(rule.every as string, rule.workingDays, 'en')} after the previous deadline${until}`;
  const anchor = rule.anchor;
  if ((anchor === 'occurredAt' || anchor === 'discoveredAt' || anchor === 'arisen') && rule.clock !== 'keep') {
    const clockFrom = instance.workflow?.clockFrom;
    const after = clockFrom === undefined || clockFrom === null ? undefined : joined(clockFrom, (id) => `"${r.compiled.obligations.find((o) => o.rule.id === id)!.rule.title}"`, ', ');
    const from = after !== undefined ? `${after} done` : instance.breachOf !== undefined ? `"${instance.breachOf.compiled.rule.title}" missed` : instance.anchorAt === timeline.occurredAt ? 'occurrence' : instance.anchorAt === timeline.discoveredAt ? 'discovery' : 'arising (a change of situation)';
    return `${soft}${rule.offset}${rule.workingDays ? ' (working days)' : ''} after ${from}${until}`;
  }
  const length = offsetZh(rule.offset as string, rule.workingDays, 'en');
  if (anchor === 'occurredAt' || anchor === 'discoveredAt') {
    const moment = anchor === 'occurredAt' ? 'occurrence' : 'discovery';
    return `${soft}${length} after ${moment} (counted from ${moment}, not restarted by a later grading or change)${until}`;
  }
  let from: string;
  if (typeof anchor === 'string') from = `the level set to ${levelText(instance.arisenUnder.level)}`;
  else if ('event' in anchor) from = `"${anchor.event}"${rule.subject !== undefined ? ` (${rule.subject})` : ''}`;
  else from = `"${r.compiled.obligations.find((o) => o.rule.id === anchor.done)!.rule.title}" done`;
  return `${soft}${length} after ${from}${until}`;
}

/** A duty's deadline in words: from where its clock counts and how long (`批示后 2 小时`, `认领后 3 个工作日`), until when, any extension. */
function clockText(r: Replay, instance: ObligationInstance, dueText: string | null): string {
  if (r.lang === 'en') return clockTextEn(r, instance, dueText);
  const rule = instance.compiled.rule;
  const { iso, timeline } = r;
  if (instance.dueAt === null) {
    if (instance.waitingFor !== null) return waitingReason(waitText(r.compiled, instance), 'zh');
    return rule.continuous ? '持续进行' : rule.immediate ? '第一时间/及时，无固定时限' : '无固定时限';
  }
  const soft = rule.soft === true ? '原则上' : '';
  // The hard limit after a soft deadline: 最迟不超过 … (extended with it).
  const latest = instance.latestAt === null ? '' : `，最迟 ${offsetZh(rule.latest as string, rule.workingDays)}，即 ${iso(instance.latestAt)} 前`;
  const until = `，即 ${dueText as string} 前${latest}${instance.extendedBy !== null ? `（已延长 ${offsetZh(instance.extendedBy, rule.extension?.workingDays === true)}）` : ''}`;
  // A later instance of a repeating duty counts from the deadline before it.
  if (instance.repeat !== undefined) return `${soft}上次时限后 ${offsetZh(rule.every as string, rule.workingDays)}${until}`;
  const anchor = rule.anchor;
  if ((anchor === 'occurredAt' || anchor === 'discoveredAt' || anchor === 'arisen') && rule.clock !== 'keep') {
    // A clock started by the duties it waits for (`after`) counts from their completion.
    const clockFrom = instance.workflow?.clockFrom;
    const after = clockFrom === undefined || clockFrom === null ? undefined : joined(clockFrom, (id) => `“${r.compiled.obligations.find((o) => o.rule.id === id)!.rule.title}”`, '、');
    const from = after !== undefined ? `${after}完成` : instance.breachOf !== undefined ? `“${instance.breachOf.compiled.rule.title}”逾期` : instance.anchorAt === timeline.occurredAt ? '发生' : instance.anchorAt === timeline.discoveredAt ? '发现' : '产生（情况变化）';
    return `${soft}${from}后 ${rule.offset}${rule.workingDays ? '（工作日）' : ''}${until}`;
  }
  const length = offsetZh(rule.offset as string, rule.workingDays);
  if (anchor === 'occurredAt' || anchor === 'discoveredAt') {
    return `${soft}${anchor === 'occurredAt' ? '发生' : '发现'}后 ${length}（自${anchor === 'occurredAt' ? '发生' : '发现'}起算，定级或情况变化较晚也不重新计时）${until}`;
  }
  let from: string;
  if (typeof anchor === 'string') from = `定为 ${levelText(instance.arisenUnder.level)}`;
  else if ('event' in anchor) from = `${stepName(r.compiled, anchor.event)}${rule.subject !== undefined ? `（${rule.subject}）` : ''}`;
  else from = `“${r.compiled.obligations.find((o) => o.rule.id === anchor.done)!.rule.title}”完成`;
  return `${soft}${from}后 ${length}${until}`;
}

/** Whether a duty has reminders: a deadline after its clock's start, and neither done nor closed. */
function hasReminders(instance: ObligationInstance): boolean {
  return instance.dueAt !== null && instance.doneAt === null && instance.closedReason === null && instance.dueAt > instance.anchorAt;
}

/** The moment at a fraction of a duty's time (hasReminders). */
function reminderAt(instance: ObligationInstance, fraction: number): number {
  return instance.anchorAt + Math.round(((instance.dueAt as number) - instance.anchorAt) * fraction);
}

/** The warnings about the incident's events (unknown parties, events that did nothing, ambiguous, before the occurrence) and duties outside the calendar, in this order; its own function, so that V8 optimises it apart from decisionOf. */
function eventWarnings(r: Replay, warnings: DecisionWarning[]): void {
  const { compiled, instances, timeline, lang } = r;
  const parsed = r.incident;
  // Warnings about events.
  const events = parsed.events;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    // A read, not `in`: events come in many shapes.
    const to = (event as { to?: string }).to;
    if (to !== undefined && !compiled.parties.has(to)) {
      warnings.push({ code: 'unknown-recipient', path: ['events', i, 'to'], message: say(lang, `预案中没有角色或报送对象“${to}”；事件保留，但不履行任何义务`, `the plan knows no role or recipient "${to}"; the event is kept but fulfils no duty`) });
    }
    // One role or several, read where they are (no array made for each event).
    const by = event.by;
    if (typeof by === 'string') {
      if (!compiled.parties.has(by)) warnings.push({ code: 'unknown-role', path: ['events', i, 'by'], message: say(lang, `预案中没有角色“${by}”；按原样保留`, `the plan knows no role "${by}"; kept as given`) });
    } else if (by !== undefined) {
      for (let k = 0; k < by.length; k++) {
        const actor = by[k] as string;
        if (!compiled.parties.has(actor)) warnings.push({ code: 'unknown-role', path: ['events', i, 'by', k], message: say(lang, `预案中没有角色“${actor}”；按原样保留`, `the plan knows no role "${actor}"; kept as given`) });
      }
    }
  }
  // Indexes of the events that fulfilled a duty, started a duty's clock (`anchor: { event }`: it did its work), counted as an approval, or warned as out of order.
  const used = new Set<number>();
  // One pass over the duties: the out-of-order warnings come in their order.
  for (let i = 0; i < instances.length; i++) {
    const x = instances[i] as ObligationInstance;
    if (x.done !== null) used.add(x.done.index);
    if (x.anchorRecord !== null) used.add(x.anchorRecord.index);
    const flow = x.workflow;
    if (flow === undefined) continue;
    for (const { index, message } of flow.outOfOrder) {
      used.add(index);
      warnings.push({ code: 'out-of-order', path: ['events', index], message });
    }
    if (flow.approvals != null) for (const a of flow.approvals) used.add(a.index);
  }
  // Steps that some continuous duty does, and steps that some duty does toward an outside recipient (compilePlan).
  const { continuousSteps, outsideSteps } = compiled;
  for (const records of timeline.steps.values()) {
    for (const record of records) {
      const continuous = continuousSteps.has(record.step);
      // Every record comes from an event of the incident, at its index.
      const changesState = EVENT_STEPS[parsed.events[record.index]!.type] !== undefined;
      if (!used.has(record.index) && !continuous && !changesState && (record.to === undefined || compiled.parties.has(record.to))) {
        warnings.push({ code: 'unmatched-event', path: ['events', record.index], message: say(
          lang,
          `此${record.to ? `向“${record.to}”的` : ''}“${record.step}”事件没有履行预案中任何未完成的义务${record.to === undefined && outsideSteps.has(record.step) ? '（向外部单位履行的义务须写明 "to"）' : ''}`,
          `this "${record.step}" event${record.to ? ` to "${record.to}"` : ''} fulfils no open duty of the plan${record.to === undefined && outsideSteps.has(record.step) ? ' (a duty toward an outside recipient needs "to")' : ''}`,
        ),
      });
      }
    }
  }
  // An event that does not say which role acted counts for every duty it matches: say so when those duties belong to different roles.
  // Made only when some event fulfilled a duty without naming a role of the plan.
  let counted: Map<number, ObligationInstance[]> | null = null;
  for (const instance of instances) {
    const record = instance.done;
    if (record === null || (record.by !== undefined && namesRole(compiled, record.by))) continue;
    counted ??= new Map();
    const list = counted.get(record.index);
    if (list === undefined) counted.set(record.index, [instance]);
    else list.push(instance);
  }
  for (const [index, list] of counted === null ? [] : [...counted].sort(byIndex)) {
    if (!differentRoles(list)) continue;
    const record = list[0]!.done!;
    // Each rule once, however many of its instances the event fulfilled (one report can answer every open worsening): the message stays as short as the plan.
    const rules = new Map(list.map((x) => [x.compiled.rule.id, x.compiled.rule.responsible]));
    // A loop, not a spread and map: V8 kept deoptimising decisionOf on that chain (a wrong map, call after call).
    let duties = '';
    const en = lang === 'en';
    for (const [id, responsible] of rules) duties += `${duties === '' ? '' : en ? ', ' : '、'}${id}${en ? ' (' : '（'}${partyOut(compiled, responsible).name}${en ? ')' : '）'}`;
    if (en) {
      const by = record.by === undefined ? 'names no role ("by")' : `names ${joined(record.by, (by) => `"${by}"`, ', ')}, no role of the plan, as "by"`;
      warnings.push({ code: 'ambiguous-event', path: ['events', index], message: `this "${record.step}" event ${by} and fulfilled duties of different roles: ${duties}; it counts for all of them — record "by" to say which role acted` });
    } else {
      const by = record.by === undefined ? '未写明办理角色（"by"）' : `的 "by" 写的是${joined(record.by, (by) => `“${by}”`, '、')}，不是预案中的角色`;
      warnings.push({ code: 'ambiguous-event', path: ['events', index], message: `此“${record.step}”事件${by}，却履行了不同角色的义务：${duties}；对其全部计入——请用 "by" 写明由哪个角色办理` });
    }
  }
  for (let i = 0; i < events.length; i++) {
    if ((timeline.eventAt[i] as number) < timeline.occurredAt) {
      warnings.push({ code: 'event-before-occurrence', path: ['events', i, 'at'], message: say(lang, `此事件的时间早于舆情发生时间（${parsed.occurredAt}）；按原样保留`, `this event is dated before the incident occurred (${parsed.occurredAt}); it is kept as given`) });
    }
  }
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i]!;
    if (instance.outsideCalendar === null) continue;
    warnings.push({ code: 'outside-calendar', path: ['obligations', i], message: say(
        lang,
        `“${instance.id}”按工作日计算至 ${instance.outsideCalendar} 年，工作日历没有该年数据：在补充该年日历之前没有时限（loadPlan 的 calendar 选项，或 yuqing --calendar）`,
        `"${instance.id}" counts working days into ${instance.outsideCalendar}, for which the working-day calendar has no data: it has no deadline until that year is supplied (loadPlan's calendar option, or yuqing --calendar)`,
      ),
    });
  }
}

/** The level of a decision: property by property in the output's order (conditional spreads are slow in V8). */
function levelOut(r: Replay, current: LevelInForce, since: LevelInForce): Decision['level'] {
  const level = current.level;
  const out = { id: level.id, rank: level.rank, name: level.name, nameEn: level.nameEn } as Decision['level'];
  if (level.colour) out.colour = level.colour;
  out.source = current.source;
  if (current.held) out.held = { criteriaLevel: current.classification.level.id };
  if (current.raised && current.raised.from !== level) out.raised = { from: current.raised.from.id, rule: joined(current.raised.rules, ruleId, ',') };
  out.setAt = r.iso(since.state.at);
  if (current.source === 'judgement' && current.state.judgement?.by) out.setBy = actorOut(current.state.judgement.by);
  return out;
}

/** Parties' names (an id the plan does not know, as given), joined by 、. */
function namesText(plan: CompiledPlan, ids: readonly string[], lang: Lang): string {
  let text = '';
  for (const id of ids) text += (text === '' ? '' : lang === 'en' ? ', ' : '、') + partyOut(plan, id).name;
  return text;
}

/** Parties by id, with their names. */
function partiesOut(plan: CompiledPlan, ids: readonly string[]): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const id of ids) out.push(partyOut(plan, id));
  return out;
}

/** The ties of `next` for duties without a deadline: what is due at once first, what goes on until the end last. */
const UNDATED_ORDER = { deadline: 0, immediate: 1, undated: 2, continuous: 3 } as const;

/** A duty waiting in `next`, with its sort keys. */
interface Waiting {
  o: Obligation;
  due: number;
  kind: number;
  place: number;
}

/** Duties toward one recipient in `notify`: its entry, the duties, and their places among the obligations. */
interface NotifyGroup {
  entry: Decision['notify'][number];
  rules: ObligationInstance[];
  places: number[];
}

/** The order of `next`: soonest first, then by kind, then in the order of the procedure. */
function byDueKindStep(a: Waiting, b: Waiting): number {
  return a.due - b.due || a.kind - b.kind || a.place - b.place;
}

/** Sorts `next` (byDueKindStep), stably: by insertion when short, as most are (no comparator calls through the engine's sort), else with Array.prototype.sort. */
function sortWaiting(waiting: Waiting[]): void {
  if (waiting.length > SHORT_SORT) {
    waiting.sort(byDueKindStep);
    return;
  }
  for (let i = 1; i < waiting.length; i++) {
    const item = waiting[i] as Waiting;
    let j = i - 1;
    for (; j >= 0 && byDueKindStep(waiting[j] as Waiting, item) > 0; j--) waiting[j + 1] = waiting[j] as Waiting;
    waiting[j + 1] = item;
  }
}

/** The longest list sortWaiting sorts by insertion. */
const SHORT_SORT = 32;

const ruleId = (rule: { id: string }): string => rule.id;
const instanceRuleId = (x: ObligationInstance): string => x.compiled.rule.id;
const instanceTitle = (x: ObligationInstance): string => x.compiled.rule.title;

/** Whether an object has no enumerable keys (without listing them). */
function isEmpty(values: object): boolean {
  for (const _ in values) return false;
  return true;
}

/** Whether any of these parties is a role of the plan. */
function namesRole(plan: CompiledPlan, by: readonly string[]): boolean {
  for (let i = 0; i < by.length; i++) if (plan.parties.get(by[i] as string)?.external === false) return true;
  return false;
}

/** Entries in the order of their index. */
const byIndex = (a: [number, unknown], b: [number, unknown]): number => a[0] - b[0];

/** Whether duties belong to different roles. */
function differentRoles(list: readonly ObligationInstance[]): boolean {
  const first = (list[0] as ObligationInstance).compiled.rule.responsible;
  for (const x of list) if (x.compiled.rule.responsible !== first) return true;
  return false;
}

/** What must be done next, by whom, by when, and why: one pure, synchronous answer. Throws IncidentError for bad input. */
export function decide(plan: Plan, incident: unknown, options: DecideOptions): Decision {
  const lang = readLangOption(options);
  // Errors are Chinese as made; in English they are worded again on the way out.
  return lang === 'en' ? inLanguage(lang, () => decisionOf(replay(plan, incident, options, lang))) : decisionOf(replay(plan, incident, options, lang));
}

/** The decision of a replay (shared by decide and audit, so that audit replays once). */
export function decisionOf(r: Replay): Decision {
  const { plan, compiled, now, iso, levels, instances, timeline, lang } = r;
  const en = lang === 'en';
  const parsed = r.incident;
  const current = levels[levels.length - 1] as LevelInForce;
  const obligations = obligationsOf(r);
  // A literal, not `concat`: the array's kind then holds objects from the start (pushing to a copy of empty lists deoptimised decisionOf again and again).
  const warnings: DecisionWarning[] = [];
  for (let i = 0; i < timeline.warnings.length; i++) warnings.push(timeline.warnings[i] as DecisionWarning);
  for (let i = 0; i < r.clockWarnings.length; i++) warnings.push(r.clockWarnings[i] as DecisionWarning);
  const explanation: Explanation[] = [];

  // When the level in force took effect.
  let levelSince = current;
  for (let i = levels.length - 1; i >= 0 && (levels[i] as LevelInForce).level.id === current.level.id; i--) levelSince = levels[i] as LevelInForce;

  // Level: how it was found, then any raise (grading.raise) that moved it.
  const found = current.raised?.from ?? current.level;
  // What the criteria give now (below a level held by grading.hold).
  const criteriaLevel = current.held ? current.classification.level : found;
  // Whether a comparison behind the classification rule in force held, traced once (for the explanation and the no-indicators warning).
  let ruleFactHeld = false;
  if (current.source === 'judgement') {
    const j = current.state.judgement!;
    // Who judged: the party the event names (its name where the plan knows it), or a note that nobody was named.
    const who = j.by === undefined ? null : namesText(compiled, j.by, lang);
    const text = en
      ? `graded ${levelText(found)}${who === null ? ' (no grader named)' : ` by ${who}`}; a judgement prevails over the criteria`
      : `${who ?? ''}研判定为 ${levelText(found)}${who === null ? '（未注明研判者）' : ''}，研判结论优先于分级标准`;
    explanation.push({ subject: 'level', id: found.id, rule: 'level-set', facts: [], text });
  } else if (current.source === 'ungraded') {
    // Who may grade, by name: each alternative's roles jointly (共同), the alternatives apart (或).
    const gradedBy = compiled.grading.gradedBy;
    const graders = gradedBy === null
      ? undefined
      : en
        ? joined(gradedBy, (alternative) => `${joined(alternative, (id) => partyOut(compiled, id).name, ' and ')}${alternative.length > 1 ? ' jointly' : ''}`, ' or ')
        : joined(gradedBy, (alternative) => `${joined(alternative, (id) => partyOut(compiled, id).name, '、')}${alternative.length > 1 ? '共同' : ''}`, '或');
    explanation.push({
      subject: 'level',
      id: current.level.id,
      rule: 'grading.ungraded',
      facts: [],
      basis: basisOut(compiled, current.level.basis),
      text: en
        ? `${compiled.classification.length === 0 ? 'the plan has no grading criteria: the level is set by judgement' : 'no grading rule holds'}; not yet graded: ${current.level.name}${graders ? `, to be graded by ${graders}` : ''}`
        : `${compiled.classification.length === 0 ? '本预案不设分级标准，级别由研判确定' : '没有分级规则成立'}；尚未定级：${current.level.name}${graders ? `，待${graders}研判定级` : ''}`,
    });
  } else if (current.classification.rule) {
    const rule = current.classification.rule;
    // Only the checks that held: the plan listed the comparisons of each of its rules once (compilePlan).
    const held = heldLeaves(compiled.leaves.get(rule.conditions) as readonly FactCondition[], current.facts);
    ruleFactHeld = held.length > 0;
    const facts = held.length > MAX_EXPLAINED_FACTS ? held.slice(0, MAX_EXPLAINED_FACTS) : held;
    const over = current.classification.overruled;
    explanation.push({
      subject: 'level',
      id: criteriaLevel.id,
      rule: rule.id,
      facts,
      basis: basisOut(compiled, rule.basis),
      text: en
        ? `${heldText(facts, held.length - facts.length, compiled.facts, lang) || 'the grading conditions'} meet the criteria of ${levelText(criteriaLevel)} (rule ${rule.id}, priority ${rule.priority})${over.length ? `; also held but not used (lower priority, or the same level and milder): ${joined(over, ruleId, ', ')}` : ''}`
        : `${heldText(facts, held.length - facts.length, compiled.facts, lang) || '分级条件'} 满足 ${levelText(criteriaLevel)} 的标准（规则 ${rule.id}，优先级 ${rule.priority}）${over.length ? `；同时成立但未采用（优先级较低，或同级而较轻）：${joined(over, ruleId, '、')}` : ''}`,
    });
  } else {
    explanation.push({ subject: 'level', id: criteriaLevel.id, rule: '(none)', facts: [], text: say(lang, `没有分级规则成立，按最低级别 ${levelText(criteriaLevel)} 处理`, `no grading rule holds: handled at the least severe level, ${levelText(criteriaLevel)}`) });
  }
  if (current.held) {
    // grading.hold: the criteria now give a less severe level, and the earlier one stands.
    explanation.push({
      subject: 'level',
      id: current.held.id,
      rule: 'grading.hold',
      facts: [],
      basis: basisOut(compiled, compiled.grading.hold as Basis),
      text: say(
        lang,
        `分级标准现为 ${levelText(current.classification.level)}；原则上不因指标回落降级，保持 ${levelText(current.held)}，待研判调整`,
        `the criteria now give ${levelText(current.classification.level)}; in principle a level is not lowered because indicators fall: ${levelText(current.held)} stands until a judgement adjusts it`,
      ),
    });
  }
  if (current.raised) {
    const { from, rules, capped } = current.raised;
    const held = rules.flatMap((rule) => traceCondition(rule.when, compiled.named, current.raised!.facts)).filter((check) => check.result);
    const facts = held.slice(0, MAX_EXPLAINED_FACTS);
    const ids = joined(rules, (rule) => rule.id, en ? ', ' : '、');
    const moved = compiled.levelsBySeverity.indexOf(from) - compiled.levelsBySeverity.indexOf(current.level);
    explanation.push({
      subject: 'level',
      id: current.level.id,
      rule: joined(rules, (rule) => `raise:${rule.id}`, ','),
      facts,
      basis: basisOut(compiled, rules[0]!.basis),
      text: en
        ? moved === 0
          ? `${heldText(facts, held.length - facts.length, compiled.facts, lang)} hold (raise rules ${ids}), but ${levelText(from)} is already the most severe level: not raised`
          : `${heldText(facts, held.length - facts.length, compiled.facts, lang)} hold: the level is raised by ${moved} from ${levelText(from)} to ${levelText(current.level)} (raise rules ${ids}${capped ? ', the most severe level reached' : ''})`
        : moved === 0
          ? `${heldText(facts, held.length - facts.length, compiled.facts, lang)} 成立（上调规则 ${ids}），但 ${levelText(from)} 已是最高级别，不再上调`
          : `${heldText(facts, held.length - facts.length, compiled.facts, lang)} 成立，级别由 ${levelText(from)} ${raiseWords(moved)}为 ${levelText(current.level)}（上调规则 ${ids}${capped ? '，已至最高级别' : ''}）`,
    });
  }
  // Warn when the level rests on nothing recorded: no indicators, and no fact that made a rule fire.
  // Under the criteria, the explanation above traced the rule in force, if any.
  if (current.source === 'criteria' && !current.held && isEmpty(current.state.indicators) && isEmpty(current.state.metrics) && !ruleFactHeld) {
    warnings.push({ code: 'no-indicators', path: ['indicators'], message: say(lang, `没有指标，也没有研判定级：级别 ${current.level.id} 仅按分级标准得出；请记录指标或 level-set 事件`, `no indicators and no level judgement: the level is ${current.level.id} by the criteria alone; record indicators or a level-set event`) });
  }

  // Lead.
  const escalation = compiled.escalation.get(current.level.id);
  // Stryker disable next-line all: loadPlan guarantees an escalation for every level.
  if (!escalation) throw new Error(`plan ${plan.id} has no escalation for level ${current.level.id}`);
  const lead: Decision['lead'] = partyOut(compiled, escalation.lead);
  if (escalation.leadNote) lead.note = escalation.leadNote;
  explanation.push({ subject: 'lead', id: escalation.lead, rule: `escalation:${escalation.level}`, facts: [], basis: basisOut(compiled, escalation.basis), text: `${levelText(current.level)}${en ? ': ' : '：'}${escalation.leadNote ?? lead.name}` });

  // Notify: outside recipients of duties that apply now.
  // Each entry with the duties behind it, gathered in one pass.
  const notifyById = new Map<string, NotifyGroup>();
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i] as ObligationInstance;
    const rule = instance.compiled.rule;
    if (rule.notify === undefined || rule.to === undefined || instance.closedAt !== null || instance.lapsedAt !== null) continue;
    let group = notifyById.get(rule.to);
    if (group === undefined) {
      group = { entry: { id: rule.to, name: instance.compiled.recipientName as string, dueAt: null, immediate: false, done: false, doneAt: null, how: [], obligations: [] }, rules: [], places: [] };
      notifyById.set(rule.to, group);
    }
    const entry = group.entry;
    entry.immediate = entry.immediate || (instance.compiled.rule.immediate && instance.doneAt === null);
    if (!entry.how.includes(rule.notify)) entry.how.push(rule.notify);
    entry.obligations.push(instance.id);
    group.rules.push(instance);
    group.places.push(i);
  }
  const notify: Decision['notify'] = [];
  for (const { entry, rules, places } of notifyById.values()) {
    notify.push(entry);
    // The earliest deadline among them, if any has one; done once every duty behind it is done: when the last of them was.
    // Their times as the obligations above wrote them (the duty at that moment's), not written again.
    let due = Infinity;
    let dueText: string | null = null;
    let last = -Infinity;
    let lastText: string | null = null;
    for (let k = 0; k < rules.length; k++) {
      const x = rules[k] as ObligationInstance;
      const o = obligations[places[k] as number] as Obligation;
      if (x.dueAt !== null && x.dueAt < due) {
        due = x.dueAt;
        dueText = o.dueAt;
      }
      const doneAt = x.doneAt ?? Infinity;
      if (doneAt > last) {
        last = doneAt;
        lastText = o.doneAt;
      }
    }
    entry.dueAt = dueText;
    entry.done = last !== Infinity;
    if (entry.done) entry.doneAt = lastText;
    explanation.push({
      subject: 'recipient',
      id: entry.id,
      rule: joined(rules, instanceRuleId, ','),
      facts: [],
      basis: basisOut(compiled, rules[0]!.compiled.rule.basis),
      text: en ? `${entry.name}: ${joined(rules, instanceTitle, '; ')}` : `${entry.name}：${joined(rules, instanceTitle, '；')}`,
    });
  }

  // Obligations: why each arose.
  // Made for the first long trace only.
  let traces: Map<string, { facts: FactCheck[]; more: number }> | null = null;
  for (let i = 0; i < instances.length; i++) {
    const instance = instances[i] as ObligationInstance;
    const rule = instance.compiled.rule;
    let facts: FactCheck[] = [];
    let when = en ? 'applies to every incident' : '每起舆情均适用';
    const leaves = instance.compiled.whenLeaves;
    if (leaves !== null) {
      let more = 0;
      if (leaves.length <= MAX_EXPLAINED_FACTS) facts = traceLeaves(leaves, instance.arisenUnder.facts);
      else {
        // A long trace is kept to its first checks that held: traced once per duty and fact combination.
        const key = `${instance.compiled.index}|${instance.arisenUnder.key}`;
        traces ??= new Map();
        let traced = traces.get(key);
        if (traced === undefined) {
          traced = explainedFacts(traceLeaves(leaves, instance.arisenUnder.facts));
          traces.set(key, traced);
        }
        facts = copyChecks(traced.facts);
        more = traced.more;
      }
      when = en ? `the conditions hold (${heldText(facts, more, compiled.facts, lang)})` : `条件成立（${heldText(facts, more, compiled.facts, lang)}）`;
    }
    const missed = instance.breachOf;
    if (missed !== undefined) {
      when = en
        ? `arose after "${missed.compiled.rule.title}" (${missed.id}) was not done in time (due by ${iso(missed.dueAt as number)})${rule.when ? `, ${when}` : ''}`
        : `“${missed.compiled.rule.title}”（${missed.id}）未按时完成（应于 ${iso(missed.dueAt as number)} 前）后产生${rule.when ? `，${when}` : ''}`;
    }
    // A repeating duty says which of its series this is: 每 1 天一次（第 3 次）.
    const series = rule.every === undefined ? '' : en ? `every ${offsetZh(rule.every, rule.workingDays, lang)} (instance ${instance.repeat?.n ?? 1}); ` : `每 ${offsetZh(rule.every, rule.workingDays)}一次（第 ${instance.repeat?.n ?? 1} 次）；`;
    const due = series + clockText(r, instance, (obligations[i] as Obligation).dueAt);
    explanation.push({ subject: 'obligation', id: instance.id, rule: rule.id, facts, basis: basisOut(compiled, rule.basis), text: en ? `${rule.title}: ${when}; ${workflowText(r, instance)}${due}` : `${rule.title}：${when}；${workflowText(r, instance)}${due}` });
  }

  eventWarnings(r, warnings);
  if (timeline.ignoredAfterNow > 0) {
    warnings.push({ code: 'events-after-now', path: ['events'], message: say(lang, `现在之后的 ${timeline.ignoredAfterNow} 个事件不计入`, `${timeline.ignoredAfterNow} event(s) after now are ignored`) });
  }

  // Soonest deadline first, what is due at once (第一时间) ranking with deadlines up to an hour away; then what has no time, and what goes on until the end; ties in the order of the procedure.
  const immediateAt = now + IMMEDIATE_HORIZON_MS;
  // Loops, not a chain of map and filter (see joined).
  const waiting: Waiting[] = [];
  let anyImmediate = false;
  for (let i = 0; i < obligations.length; i++) {
    const o = obligations[i] as Obligation;
    const instance = instances[i] as ObligationInstance;
    if ((o.status === 'pending' || o.status === 'overdue' || o.status === 'late') && instance.lapsedAt === null && o.blockedBy === undefined) {
      waiting.push({ o, due: instance.dueAt ?? (o.kind === 'immediate' ? immediateAt : Infinity), kind: UNDATED_ORDER[o.kind], place: instance.compiled.stepPlace });
      if (o.kind === 'immediate') anyImmediate = true;
    }
  }
  // A stable sort: ties stay in the order the duties arose.
  sortWaiting(waiting);
  const next: Obligation[] = [];
  for (const { o } of waiting) next.push(o);

  let review = timeline.nextEventAt ?? Infinity;
  // A deadline overtakes the 第一时间 duties in `next` once it is an hour away: the order changes by time alone then.
  if (anyImmediate) {
    for (const { o, due } of waiting) if (o.kind === 'deadline' && due - IMMEDIATE_HORIZON_MS > now) review = Math.min(review, due - IMMEDIATE_HORIZON_MS);
  }
  for (const instance of instances) {
    if (instance.doneAt === null && instance.closedReason === null && instance.dueAt !== null && instance.dueAt > now) review = Math.min(review, instance.dueAt);
    // The next instance of a repeating duty arises at the last one's deadline, done or not.
    if (instance.compiled.rule.every !== undefined && instance.closedReason === null && instance.dueAt !== null && instance.dueAt > now) review = Math.min(review, instance.dueAt);
    // A soft deadline's hard limit: `late` turns `overdue` then (not for a duty that stopped applying: its status stands).
    if (instance.doneAt === null && instance.closedReason === null && instance.lapsedAt === null && instance.latestAt !== null && instance.latestAt > now) review = Math.min(review, instance.latestAt);
    if (hasReminders(instance)) {
      for (const fraction of plan.definition.reminders) {
        const at = reminderAt(instance, fraction);
        if (at > now) review = Math.min(review, at);
      }
    }
  }

  return {
    plan: { id: plan.id, version: plan.version },
    incident: { id: parsed.id },
    now: iso(now),
    level: levelOut(r, current, levelSince),
    lead,
    escalation: {
      approveStatement: partiesOut(compiled, escalation.approveStatement),
      consultWith: partiesOut(compiled, escalation.consultWith),
      basis: basisOut(compiled, escalation.basis),
    },
    notify,
    obligations,
    next,
    warnings,
    nextReviewAt: review === Infinity ? null : iso(review),
    explanation,
  };
}
