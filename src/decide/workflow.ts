import { say, type Lang } from '../i18n/lang.js';
import type { Approval, ObligationRule } from '../model/plan.js';
import type { CompiledObligation, CompiledPlan } from '../plans/compile.js';
import type { ObligationInstance } from './ledger.js';
import { CLOSED_REASONS } from './reasons.js';
import { firstFrom, type StepRecord } from './timeline.js';

type Parties = CompiledPlan['parties'];

/** One approval that counted: which approver, when, by which event. */
export interface CountedApproval {
  by: string;
  at: number;
  index: number;
}

/** An event that did a step before the duties it waits for were done (docs/workflow.md). */
export interface OutOfOrder {
  index: number;
  message: string;
}

/** What the workflow says of one duty: the prerequisites still open, the approvals counted, the events out of order. */
export interface WorkflowOutcome {
  /** Prerequisites (`after`) still open at `now`, for a duty not done; empty when it waits for none. */
  blockedBy: string[];
  /** The approvals counted, for a duty with `approval`; null for any other duty. */
  approvals: CountedApproval[] | null;
  outOfOrder: OutOfOrder[];
  /** The prerequisites whose completion started the clock, when it starts from them. */
  clockFrom: string[] | null;
}

/** Whether the roles an event names act as this role: the role itself, or every member of a collective role jointly. */
export function actsAs(by: readonly string[], role: string, parties: Parties): boolean {
  if (by.includes(role)) return true;
  // Approvers and responsible roles are roles of the plan, and only a collective role has members (validate-workflow.ts).
  const members = parties.get(role)!.members;
  return members !== undefined && members.every((member) => by.includes(member));
}

/**
 * Whether the roles an event names (`by`) let it count for a duty. A duty needing approvals counts only
 * events by one of its approvers; a collective body's duty only events by the body or all its members
 * jointly; any other duty an event naming no role of the plan, or naming its responsible role.
 */
export function actorsCount(by: readonly string[] | undefined, rule: ObligationRule, parties: Parties): boolean {
  if (rule.approval !== undefined) return by !== undefined && rule.approval.by.some((role) => actsAs(by, role, parties));
  if (parties.get(rule.responsible)!.collective === true) return by !== undefined && actsAs(by, rule.responsible, parties);
  return by === undefined || !by.some((role) => parties.get(role)?.external === false) || by.includes(rule.responsible);
}

/** The approvals the records give from `from` to `until` (records by time, each by an approver), and the record that completed them. */
export function countApprovals(
  approval: Approval,
  records: readonly StepRecord[],
  from: number,
  until: number,
  parties: Parties,
  lang: Lang = 'zh',
): { done: StepRecord | null; approvals: CountedApproval[]; outOfOrder: OutOfOrder[] } {
  const approvals: CountedApproval[] = [];
  const outOfOrder: OutOfOrder[] = [];
  const counted = new Set<string>();
  const roles = approval.by;
  // Records by time: the first at or after `from` is found by binary search.
  for (let i = firstFrom(records, from); i < records.length && (records[i] as StepRecord).at <= until; i++) {
    const record = records[i] as StepRecord;
    // Only records naming an approver reach here (actorsCount).
    const by = record.by as string[];
    if (approval.mode === 'sequence') {
      // Each approver in turn; one event may stand for several in a row (a joint approval).
      for (const role of roles.slice(counted.size)) {
        if (!actsAs(by, role, parties)) break;
        counted.add(role);
        approvals.push({ by: role, at: record.at, index: record.index });
      }
      const early = roles.slice(counted.size + 1).find((role) => actsAs(by, role, parties));
      if (early !== undefined) {
        outOfOrder.push({ index: record.index, message: say(lang, `“${early}”的此项审批早于必须在其之前的“${roles[counted.size] as string}”的审批（依次审批：${roles.join(' → ')}）；不予计入`, `this approval by "${early}" came before the one by "${roles[counted.size] as string}" that must precede it (approval in sequence: ${roles.join(' → ')}); it does not count`) });
      }
    } else {
      for (const role of roles) {
        if (counted.has(role) || !actsAs(by, role, parties)) continue;
        counted.add(role);
        approvals.push({ by: role, at: record.at, index: record.index });
        if (approval.mode === 'any') break;
      }
    }
    if (counted.size === (approval.mode === 'any' ? 1 : roles.length)) return { done: record, approvals, outOfOrder };
  }
  return { done: null, approvals, outOfOrder };
}

/** What the duties waiting for one duty read of it, across all its instances (found by binary search, so many instances cost no more than a sort). */
interface Prerequisite {
  /** When each instance arose, earliest first. */
  arisen: number[];
  /** For each instance in that order, the latest moment any instance up to it still applied (Infinity while one does). */
  applies: number[];
  /** When its instances were done, earliest first. */
  done: number[];
}

/** The number of values in a sorted list that are at most `t`. */
function countUpTo(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The instances of each duty summed up for the duties that wait for it (instances come in the order they arose). */
function prerequisitesOf(instances: readonly ObligationInstance[]): Map<string, Prerequisite> {
  const out = new Map<string, Prerequisite>();
  for (const x of instances) {
    let p = out.get(x.compiled.rule.id);
    if (p === undefined) {
      p = { arisen: [], applies: [], done: [] };
      out.set(x.compiled.rule.id, p);
    }
    const stopped = x.closedAt ?? x.lapsedAt ?? Infinity;
    p.applies.push(Math.max(p.applies[p.applies.length - 1] ?? -Infinity, stopped));
    p.arisen.push(x.arisenAt);
    if (x.doneAt !== null) p.done.push(x.doneAt);
  }
  for (const p of out.values()) p.done.sort((a, b) => a - b);
  return out;
}

/** The moment a prerequisite counts as done for a duty that arose at `arisenAt`: its latest instance done by then, else its first done after; null if none is done. */
function completionOf(p: Prerequisite | undefined, arisenAt: number): number | null {
  if (p === undefined) return null;
  const k = countUpTo(p.done, arisenAt);
  return p.done[k - 1] ?? p.done[k] ?? null;
}

/** Whether a duty is required and not done at `t`: an instance arose by then and still applied, and none was done by then. */
function openAt(p: Prerequisite | undefined, t: number): boolean {
  if (p === undefined || (p.done[0] ?? Infinity) <= t) return false;
  return (p.applies[countUpTo(p.arisen, t) - 1] ?? -Infinity) > t;
}

/**
 * Strict order (`strict: true` with `after`, docs/workflow.md): the events that would do a duty before
 * everything it waits for was done are taken out of the records that count for it (`keep`), each noted
 * out of order on the duty's first instance; `redo` then settles that duty's instances again. Repeated
 * until nothing moves, as a duty done later may in turn hold up the strict duties that wait for it.
 */
export function enforceOrder(
  instances: readonly ObligationInstance[],
  records: (compiled: CompiledObligation) => readonly StepRecord[],
  keep: (compiled: CompiledObligation, records: StepRecord[]) => void,
  redo: (instance: ObligationInstance) => void,
  lang: Lang = 'zh',
): void {
  const strict = [...new Set(instances.filter((x) => x.compiled.rule.strict === true).map((x) => x.compiled))];
  for (let moved = strict.length > 0; moved; ) {
    moved = false;
    const byRule = prerequisitesOf(instances);
    for (const compiled of strict) {
      // validate-workflow.ts: `strict` only with `after`.
      const after = compiled.rule.after as string[];
      const counting: StepRecord[] = [];
      // The duty's first instance notes the events out of order (found once, not once per event).
      const first = instances.find((x) => x.compiled === compiled) as ObligationInstance;
      for (const record of records(compiled)) {
        const early = after.filter((id) => openAt(byRule.get(id), record.at));
        if (early.length === 0) {
          counting.push(record);
          continue;
        }
        first.workflow ??= { blockedBy: [], approvals: null, outOfOrder: [], clockFrom: null };
        first.workflow.outOfOrder.push({ index: record.index, message: say(lang, `此“${record.step}”事件发生在“${compiled.rule.id}”所等待的${early.map((id) => `“${id}”`).join('、')}（"after"）完成之前；顺序为严格（"strict": true），不予计入`, `this "${record.step}" event came before ${early.map((id) => `"${id}"`).join(', ')}, which "${compiled.rule.id}" waits for ("after"), was done; the order is strict ("strict": true), so it does not count`) });
      }
      if (counting.length === records(compiled).length) continue;
      moved = true;
      keep(compiled, counting);
      for (const x of instances) if (x.compiled === compiled) redo(x);
    }
  }
}

/**
 * Settles the workflow after the replay: approvals counted, duties blocked by the ones they wait for
 * (`after`), their clocks, and events that came out of order. `restart` moves a duty's clock to start at
 * a moment (or stops it, with null). A duty whose clock starts from its prerequisites cannot have
 * lapsed before that clock ran out: it is closed instead.
 */
export function settleWorkflow(
  plan: CompiledPlan,
  instances: readonly ObligationInstance[],
  recordsFor: (instance: ObligationInstance) => readonly StepRecord[],
  now: number,
  restart: (instance: ObligationInstance, anchor: number | null) => void,
  lang: Lang = 'zh',
): void {
  // Summed up when a duty with a workflow first asks (most plans have none).
  let byRule: Map<string, Prerequisite> | null = null;
  const prerequisite = (id: string): Prerequisite | undefined => (byRule ??= prerequisitesOf(instances)).get(id);
  const open = (id: string, t: number): boolean => openAt(prerequisite(id), t);
  for (const x of instances) {
    const rule = x.compiled.rule;
    if (rule.approval === undefined && rule.after === undefined) continue;
    // Events a strict order did not count are noted already (enforceOrder).
    const outcome: WorkflowOutcome = { blockedBy: [], approvals: null, outOfOrder: x.workflow?.outOfOrder ?? [], clockFrom: null };
    x.workflow = outcome;
    if (rule.approval !== undefined) {
      const counted = countApprovals(rule.approval, recordsFor(x), x.initial ? -Infinity : x.arisenAt, x.closedAt ?? now, plan.parties, lang);
      outcome.approvals = counted.approvals;
      // A loop, not push(...): up to 100 000 events would be as many arguments.
      for (const note of counted.outOfOrder) outcome.outOfOrder.push(note);
    }
    if (rule.after === undefined) continue;
    if (x.done !== null) {
      const early = rule.after.filter((id) => open(id, x.done!.at));
      if (early.length > 0) {
        outcome.outOfOrder.push({ index: x.done.index, message: say(lang, `此“${x.done.step}”事件在“${x.id}”所等待的${early.map((id) => `“${id}”`).join('、')}（"after"）完成之前办理了该事项；仍予计入`, `this "${x.done.step}" event did "${x.id}" before ${early.map((id) => `"${id}"`).join(', ')}, which it waits for ("after"), was done; it counts`) });
      }
    } else if (x.closedAt === null && x.lapsedAt === null) {
      outcome.blockedBy = rule.after.filter((id) => open(id, now));
    }
    // The clock starts from the prerequisites only when the plan gives no other anchor.
    if (rule.anchor !== 'arisen') continue;
    if (rule.after.some((id) => open(id, now))) {
      restart(x, null);
    } else {
      const done = rule.after.map((id) => ({ id, at: completionOf(prerequisite(id), x.arisenAt) }));
      const latest = done.reduce((max, d) => Math.max(max, d.at ?? -Infinity), -Infinity);
      if (latest > x.anchorAt) {
        outcome.clockFrom = done.filter((d) => d.at !== null).map((d) => d.id);
        restart(x, latest);
      }
    }
    if (x.lapsedAt !== null && (x.dueAt === null || x.dueAt > x.lapsedAt)) {
      // Its deadline had not passed when it stopped applying: closed, not overdue.
      x.closedAt = x.lapsedAt;
      x.closedReason = CLOSED_REASONS[lang].conditions;
      x.lapsedAt = null;
      x.done = null;
      x.doneAt = null;
    }
  }
}
