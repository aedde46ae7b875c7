import { type FactCheck, traceCondition } from '../engine/compile.js';
import type { Decision, DecisionWarning, Explanation, Obligation } from '../model/decision.js';
import { fromZodIssues, IncidentError, parseWith, type Issue } from '../model/errors.js';
import { IncidentSchema, type ParsedIncident } from '../model/incident.js';
import { INCIDENT_LIMITS, scanUntrusted } from '../model/untrusted.js';
import type { Basis, Level } from '../model/plan.js';
import type { CompiledPlan } from '../plans/compile.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { parseTimestamp } from '../time/timestamp.js';
import { explainRule } from './classify.js';
import { buildLedger, type LevelInForce, type ObligationInstance } from './ledger.js';
import { readTimeOption } from './options.js';
import { statusAt } from './status.js';
import { actorOut, actorsOf, buildTimeline, EVENT_STEPS, type Timeline } from './timeline.js';
import { STEP_IDS } from '../model/vocabulary.js';

export interface DecideOptions {
  /** The moment of the question; the library never reads the clock. */
  now: string | Date;
}

/** In `next`, a duty to be done at once (第一时间) comes after the deadlines at most this far from `now` and before those further away. */
const IMMEDIATE_HORIZON_MS = 60 * 60 * 1000;

/** The most fact checks one explanation lists; the text counts the others that held. */
export const MAX_EXPLAINED_FACTS = 20;

/** The fact checks an explanation lists: the whole trace when it is short, else the first checks that held; and how many held beyond them. */
function explainedFacts(trace: FactCheck[]): { facts: FactCheck[]; more: number } {
  if (trace.length <= MAX_EXPLAINED_FACTS) return { facts: trace, more: 0 };
  const held = trace.filter((check) => check.result);
  return { facts: held.slice(0, MAX_EXPLAINED_FACTS), more: Math.max(0, held.length - MAX_EXPLAINED_FACTS) };
}

/** The facts that held, as the texts list them (`fact=value`, joined by 、), with a count of any left out. */
function heldText(facts: readonly FactCheck[], more: number): string {
  const listed = facts.filter((f) => f.result).map((f) => `${f.fact}=${String(f.factValue)}`).join('、');
  return more > 0 ? `${listed}…等 ${more} 项` : listed;
}

/** A copy of fact checks for one entry of the output, so that entries share no objects. */
const copyChecks = (facts: readonly FactCheck[]): FactCheck[] => facts.map((f) => ({ ...f, value: Array.isArray(f.value) ? [...f.value] : f.value }));

const STEP_ORDER = new Map<string, number>(STEP_IDS.map((step, i) => [step, i]));

/** Validates an incident against the incident model and against the plan (level ids); throws IncidentError. */
export function parseIncident(plan: CompiledPlan, incident: unknown): ParsedIncident {
  const unsafe = scanUntrusted(incident, INCIDENT_LIMITS);
  if (unsafe.length > 0) throw new IncidentError(unsafe);
  const parsed = parseWith(IncidentSchema, incident);
  if (!parsed.success) throw new IncidentError(fromZodIssues(incident, parsed.issues));
  const data = parsed.data;
  const issues: Issue[] = [];
  if ((parseTimestamp(data.discoveredAt) as number) < (parseTimestamp(data.occurredAt) as number)) {
    issues.push({ path: ['discoveredAt'], code: 'invalid_order', message: 'the incident was discovered before it occurred', received: data.discoveredAt, expected: `a time at or after occurredAt (${data.occurredAt})` });
  }
  const levelIds = [...plan.levels.keys()];
  data.events.forEach((event, i) => {
    if ((event.type === 'level-set' || event.type === 'warning-issued' || event.type === 'warning-adjusted') && !plan.levels.has(event.level)) {
      issues.push({ path: ['events', i, 'level'], code: 'unknown_level', message: 'this plan has no such level', received: event.level, expected: `one of ${levelIds.map((id) => JSON.stringify(id)).join(', ')}` });
    }
  });
  if (issues.length > 0) throw new IncidentError(issues);
  return data;
}

const basisOut = (basis: Basis): Decision['escalation']['basis'] => ({ ...basis });

function partyOut(plan: CompiledPlan, id: string): { id: string; name: string } {
  return { id, name: plan.parties.get(id)?.name ?? id };
}

function kindOf(instance: ObligationInstance): Obligation['kind'] {
  const rule = instance.compiled.rule;
  if (rule.continuous) return 'continuous';
  if (rule.offset !== null) return 'deadline';
  return rule.immediate ? 'immediate' : 'undated';
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
}

/** Validates the arguments and replays the incident's timeline up to `now`. */
export function replay(plan: Plan, incident: unknown, options: DecideOptions): Replay {
  const compiled = compiledOf(plan);
  const now = readTimeOption(options, 'now');
  const parsed = parseIncident(compiled, incident);
  const timeline = buildTimeline(parsed, now, (level) => compiled.levels.get(level)?.rank ?? Number.MAX_SAFE_INTEGER);
  if (now < timeline.discoveredAt) {
    throw new IncidentError(
      [{ path: ['now'], code: 'before_discovery', message: 'now is before the incident was discovered: nothing is due yet', received: options.now, expected: `a time at or after discoveredAt (${parsed.discoveredAt})` }],
      'INVALID_OPTION',
      'Invalid option',
    );
  }
  const { levels, obligations: instances } = buildLedger(compiled, timeline, now, compiled.timeZone);
  return { plan, compiled, incident: parsed, now, timeline, levels, instances, iso: compiled.format };
}

/** The obligations of a replay as the decision shows them, with their status at `now`. */
export function obligationsOf(r: Replay): Obligation[] {
  const { compiled, now, iso } = r;
  const fractions = r.plan.definition.reminders;
  return r.instances.map((instance) => {
    const rule = instance.compiled.rule;
    const kind = kindOf(instance);
    const status = statusAt({ dueAt: instance.dueAt, doneAt: instance.doneAt, closedReason: instance.closedReason, continuous: rule.continuous }, now);
    // Property by property (same key order): conditional spreads cost ~1.5 µs per object in V8.
    const out = { id: instance.id, step: rule.step } as Obligation;
    if (rule.to !== undefined) out.to = rule.to;
    if (rule.notify !== undefined) out.notify = rule.notify;
    if (rule.subject !== undefined) out.subject = rule.subject;
    if (rule.until !== undefined) out.until = rule.until;
    out.title = rule.title;
    out.responsible = partyOut(compiled, rule.responsible);
    if (rule.to !== undefined) out.recipient = partyOut(compiled, rule.to);
    out.kind = kind;
    out.immediate = kind === 'immediate';
    out.arisenAt = iso(instance.arisenAt);
    out.dueAt = instance.dueAt === null ? null : iso(instance.dueAt);
    out.doneAt = instance.doneAt === null ? null : iso(instance.doneAt);
    out.status = status;
    out.reminders = remindersOf(instance, fractions).map(({ fraction, at }) => ({ fraction, at: iso(at), reached: now >= at }));
    out.basis = basisOut(rule.basis);
    if (status === 'pending' && instance.outsideCalendar !== null) out.reason = outsideCalendarText(instance.outsideCalendar);
    if (status === 'not-applicable') out.reason = instance.closedReason!;
    if (instance.lapsedAt !== null && instance.doneAt === null) out.reason = `逾期未办；${iso(instance.lapsedAt)} 起级别调整后不再要求`;
    return out;
  });
}

/** Why a working-day duty has no deadline: the calendar lacks the year, and how a host supplies it. */
function outsideCalendarText(year: number): string {
  return `工作日日历没有 ${year} 年的节假日安排，无法计算期限；可通过 loadPlan 的 calendar 选项或 yuqing --calendar 补充该年数据`;
}

/** Moments before a deadline, at fractions of the time the plan allows (anchor to due), when a host should remind; none once done or closed. */
export function remindersOf(instance: ObligationInstance, fractions: readonly number[]): { fraction: number; at: number }[] {
  if (instance.dueAt === null || instance.doneAt !== null || instance.closedReason !== null) return [];
  const span = instance.dueAt - instance.anchorAt;
  if (span <= 0) return [];
  return fractions.map((fraction) => ({ fraction, at: instance.anchorAt + Math.round(span * fraction) }));
}

/** What must be done next, by whom, by when, and why: one pure, synchronous answer. Throws IncidentError for bad input. */
export function decide(plan: Plan, incident: unknown, options: DecideOptions): Decision {
  return decisionOf(replay(plan, incident, options));
}

/** The decision of a replay (shared by decide and audit, so that audit replays once). */
export function decisionOf(r: Replay): Decision {
  const { plan, compiled, now, iso, levels, instances, timeline } = r;
  const parsed = r.incident;
  const current = levels[levels.length - 1] as LevelInForce;
  const obligations = obligationsOf(r);
  const warnings: DecisionWarning[] = [...timeline.warnings];
  const explanation: Explanation[] = [];

  // When the level in force took effect.
  let levelSince = current;
  for (let i = levels.length - 1; i >= 0 && (levels[i] as LevelInForce).level.id === current.level.id; i--) levelSince = levels[i] as LevelInForce;

  // Level.
  if (current.source === 'judgement') {
    const j = current.state.judgement!;
    // Who judged: the party the event names (its name where the plan knows it), or a note that nobody was named.
    const who = j.by === undefined ? null : j.by.map((by) => partyOut(compiled, by).name).join('、');
    explanation.push({ subject: 'level', id: current.level.id, rule: 'level-set', facts: [], text: `${who ?? ''}研判定为 ${levelText(current.level)}${who === null ? '（未注明研判者）' : ''}，研判结论优先于分级标准` });
  } else if (current.classification.rule) {
    const rule = current.classification.rule;
    const held = explainRule(compiled, rule, current.facts).filter((check) => check.result);
    const facts = held.slice(0, MAX_EXPLAINED_FACTS);
    const over = current.classification.overruled.map((r) => r.id);
    explanation.push({
      subject: 'level',
      id: current.level.id,
      rule: rule.id,
      facts,
      basis: basisOut(rule.basis),
      text: `${heldText(facts, held.length - facts.length) || '分级条件'} 满足 ${levelText(current.level)} 的标准（规则 ${rule.id}，优先级 ${rule.priority}）${over.length ? `；同时成立但未采用（优先级较低，或同级而较轻）：${over.join('、')}` : ''}`,
    });
  } else {
    explanation.push({ subject: 'level', id: current.level.id, rule: '(none)', facts: [], text: `没有分级规则成立，按最低级别 ${levelText(current.level)} 处理` });
  }
  // Warn when the level rests on nothing recorded: no indicators, and no fact that made a rule fire.
  const readSomething = current.classification.rule !== null && explainRule(compiled, current.classification.rule, current.facts).some((f) => f.result);
  if (current.source === 'criteria' && Object.keys(current.state.indicators).length === 0 && !readSomething) {
    warnings.push({ code: 'no-indicators', path: ['indicators'], message: `no indicators and no level judgement: the level is ${current.level.id} by the criteria alone; record indicators or a level-set event` });
  }

  // Lead.
  const escalation = compiled.escalation.get(current.level.id);
  // Stryker disable next-line all: loadPlan guarantees an escalation for every level.
  if (!escalation) throw new Error(`plan ${plan.id} has no escalation for level ${current.level.id}`);
  const lead: Decision['lead'] = partyOut(compiled, escalation.lead);
  if (escalation.leadNote) lead.note = escalation.leadNote;
  explanation.push({ subject: 'lead', id: escalation.lead, rule: `escalation:${escalation.level}`, facts: [], basis: basisOut(escalation.basis), text: `${levelText(current.level)}：${escalation.leadNote ?? lead.name}` });

  // Notify: outside recipients of duties that apply now.
  // Each entry with the duties behind it, gathered in one pass.
  const notifyById = new Map<string, { entry: Decision['notify'][number]; rules: ObligationInstance[] }>();
  for (const instance of instances) {
    const rule = instance.compiled.rule;
    if (rule.notify === undefined || rule.to === undefined || instance.closedAt !== null || instance.lapsedAt !== null) continue;
    let group = notifyById.get(rule.to);
    if (group === undefined) {
      group = { entry: { id: rule.to, name: compiled.parties.get(rule.to)?.name ?? rule.to, dueAt: null, immediate: false, done: false, doneAt: null, how: [], obligations: [] }, rules: [] };
      notifyById.set(rule.to, group);
    }
    const entry = group.entry;
    entry.immediate = entry.immediate || (instance.compiled.rule.immediate && instance.doneAt === null);
    if (!entry.how.includes(rule.notify)) entry.how.push(rule.notify);
    entry.obligations.push(instance.id);
    group.rules.push(instance);
  }
  const notify = [...notifyById.values()].map((group) => group.entry);
  for (const { entry, rules } of notifyById.values()) {
    // The earliest deadline among them, if any has one.
    const due = rules.reduce((min, x) => Math.min(min, x.dueAt ?? Infinity), Infinity);
    if (due !== Infinity) entry.dueAt = iso(due);
    // Done once every duty behind it is done: when the last of them was.
    const last = rules.reduce((max, x) => Math.max(max, x.doneAt ?? Infinity), -Infinity);
    entry.done = last !== Infinity;
    if (entry.done) entry.doneAt = iso(last);
    explanation.push({
      subject: 'recipient',
      id: entry.id,
      rule: rules.map((x) => x.compiled.rule.id).join(','),
      facts: [],
      basis: basisOut(rules[0]!.compiled.rule.basis),
      text: `${entry.name}：${rules.map((x) => x.compiled.rule.title).join('；')}`,
    });
  }

  // Obligations: why each arose.
  // Traced once per duty and fact combination, however many times the duty arose under it.
  const traces = new Map<string, { facts: FactCheck[]; more: number }>();
  for (const instance of instances) {
    const rule = instance.compiled.rule;
    let facts: FactCheck[] = [];
    let when = '每起舆情均适用';
    if (rule.when) {
      const key = `${instance.compiled.index}|${instance.arisenUnder.key}`;
      let traced = traces.get(key);
      if (traced === undefined) {
        traced = explainedFacts(traceCondition(rule.when, compiled.named, instance.arisenUnder.facts));
        traces.set(key, traced);
      }
      facts = copyChecks(traced.facts);
      when = `条件成立（${heldText(facts, traced.more)}）`;
    }
    const from = instance.anchorAt === timeline.occurredAt ? '发生' : instance.anchorAt === timeline.discoveredAt ? '发现' : '产生（情况变化）';
    const due = instance.dueAt === null ? (rule.continuous ? '持续进行' : rule.immediate ? '第一时间/及时，无固定时限' : '无固定时限') : `${from}后 ${rule.offset}${rule.workingDays ? '（工作日）' : ''}，即 ${iso(instance.dueAt)} 前`;
    explanation.push({ subject: 'obligation', id: instance.id, rule: rule.id, facts, basis: basisOut(rule.basis), text: `${rule.title}：${when}；${due}` });
  }

  // Warnings about events.
  parsed.events.forEach((event, i) => {
    if ('to' in event && event.to !== undefined && !compiled.parties.has(event.to)) {
      warnings.push({ code: 'unknown-recipient', path: ['events', i, 'to'], message: `the plan knows no role or recipient "${event.to}"; the event is kept but fulfils no duty` });
    }
    actorsOf(event.by).forEach((by, k) => {
      if (compiled.parties.has(by)) return;
      warnings.push({ code: 'unknown-role', path: typeof event.by === 'string' ? ['events', i, 'by'] : ['events', i, 'by', k], message: `the plan knows no role "${by}"; kept as given` });
    });
  });
  // Indexes of the events that fulfilled a duty (undefined for a duty not done, which no event index equals).
  const used = new Set(instances.map((x) => x.done?.index));
  // Steps that some continuous duty does, and steps that some duty does toward an outside recipient: read once, not per event.
  const continuousSteps = new Set<string>();
  const outsideSteps = new Set<string>();
  for (const o of compiled.obligations) {
    if (o.rule.continuous) continuousSteps.add(o.rule.step);
    if (o.rule.to !== undefined && compiled.parties.get(o.rule.to)?.external) outsideSteps.add(o.rule.step);
  }
  for (const records of timeline.steps.values()) {
    for (const record of records) {
      const continuous = continuousSteps.has(record.step);
      // Every record comes from an event of the incident, at its index.
      const changesState = EVENT_STEPS[parsed.events[record.index]!.type] !== undefined;
      if (!used.has(record.index) && !continuous && !changesState && (record.to === undefined || compiled.parties.has(record.to))) {
        warnings.push({ code: 'unmatched-event', path: ['events', record.index], message: `this "${record.step}" event${record.to ? ` to "${record.to}"` : ''} fulfils no open duty of the plan${record.to === undefined && outsideSteps.has(record.step) ? ' (a duty toward an outside recipient needs "to")' : ''}` });
      }
    }
  }
  // An event that does not say which role acted counts for every duty it matches: say so when those duties belong to different roles.
  const counted = new Map<number, ObligationInstance[]>();
  for (const instance of instances) {
    const record = instance.done;
    if (record === null || (record.by !== undefined && record.by.some((by) => compiled.parties.get(by)?.external === false))) continue;
    const list = counted.get(record.index);
    if (list === undefined) counted.set(record.index, [instance]);
    else list.push(instance);
  }
  for (const [index, list] of [...counted].sort((a, b) => a[0] - b[0])) {
    if (new Set(list.map((x) => x.compiled.rule.responsible)).size < 2) continue;
    const record = list[0]!.done!;
    // Each rule once, however many of its instances the event fulfilled (one report can answer every open worsening): the message stays as short as the plan.
    const rules = new Map(list.map((x) => [x.compiled.rule.id, x.compiled.rule.responsible]));
    const duties = [...rules].map(([id, responsible]) => `${id} (${partyOut(compiled, responsible).name})`).join(', ');
    const by = record.by === undefined ? 'names no role ("by")' : `names ${record.by.map((by) => `"${by}"`).join(', ')}, no role of the plan, as "by"`;
    warnings.push({ code: 'ambiguous-event', path: ['events', index], message: `this "${record.step}" event ${by} and fulfilled duties of different roles: ${duties}; it counts for all of them — record "by" to say which role acted` });
  }
  parsed.events.forEach((event, i) => {
    if ((timeline.eventAt[i] as number) < timeline.occurredAt) {
      warnings.push({ code: 'event-before-occurrence', path: ['events', i, 'at'], message: `this event is dated before the incident occurred (${parsed.occurredAt}); it is kept as given` });
    }
  });
  instances.forEach((instance, i) => {
    if (instance.outsideCalendar === null) return;
    warnings.push({ code: 'outside-calendar', path: ['obligations', i], message: `"${instance.id}" counts working days into ${instance.outsideCalendar}, for which the working-day calendar has no data: it has no deadline until that year is supplied (loadPlan's calendar option, or yuqing --calendar)` });
  });
  if (timeline.ignoredAfterNow > 0) {
    warnings.push({ code: 'events-after-now', path: ['events'], message: `${timeline.ignoredAfterNow} event(s) after now are ignored` });
  }

  // Soonest deadline first, what is due at once (第一时间) ranking with deadlines up to an hour away; then what has no time, and what goes on until the end; ties in the order of the procedure.
  const UNDATED_ORDER = { deadline: 0, immediate: 1, undated: 2, continuous: 3 } as const;
  const immediateAt = now + IMMEDIATE_HORIZON_MS;
  const waiting = obligations
    .map((o, i) => ({ o, i, due: (instances[i] as ObligationInstance).dueAt ?? (o.kind === 'immediate' ? immediateAt : Infinity) }))
    .filter(({ o, i }) => (o.status === 'pending' || o.status === 'overdue') && (instances[i] as ObligationInstance).lapsedAt === null);
  // A stable sort: ties stay in the order the duties arose.
  const next = waiting
    .sort((a, b) => a.due - b.due || UNDATED_ORDER[a.o.kind] - UNDATED_ORDER[b.o.kind] || STEP_ORDER.get(a.o.step)! - STEP_ORDER.get(b.o.step)!)
    .map(({ o }) => o);

  let review = timeline.nextEventAt ?? Infinity;
  // A deadline overtakes the 第一时间 duties in `next` once it is an hour away: the order changes by time alone then.
  if (waiting.some(({ o }) => o.kind === 'immediate')) {
    for (const { o, due } of waiting) if (o.kind === 'deadline' && due - IMMEDIATE_HORIZON_MS > now) review = Math.min(review, due - IMMEDIATE_HORIZON_MS);
  }
  for (const instance of instances) {
    if (instance.doneAt === null && instance.closedReason === null && instance.dueAt !== null && instance.dueAt > now) review = Math.min(review, instance.dueAt);
    for (const reminder of remindersOf(instance, plan.definition.reminders)) if (reminder.at > now) review = Math.min(review, reminder.at);
  }

  return {
    plan: { id: plan.id, version: plan.version },
    incident: { id: parsed.id },
    now: iso(now),
    level: {
      id: current.level.id,
      rank: current.level.rank,
      name: current.level.name,
      nameEn: current.level.nameEn,
      ...(current.level.colour ? { colour: current.level.colour } : {}),
      source: current.source,
      setAt: iso(levelSince.state.at),
      ...(current.source === 'judgement' && current.state.judgement?.by ? { setBy: actorOut(current.state.judgement.by) } : {}),
    },
    lead,
    escalation: {
      approveStatement: escalation.approveStatement.map((id) => partyOut(compiled, id)),
      consultWith: escalation.consultWith.map((id) => partyOut(compiled, id)),
      basis: basisOut(escalation.basis),
    },
    notify,
    obligations,
    next,
    warnings,
    nextReviewAt: review === Infinity ? null : iso(review),
    explanation,
  };
}
