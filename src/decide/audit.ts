import type { Audit, AuditObligation, LevelSpan } from '../model/audit.js';
import type { Plan } from '../plans/load.js';
import type { IncidentEvent } from '../model/incident.js';
import { type DecideOptions, decisionOf, joined, replay, type Replay } from './decide.js';
import { inLanguage } from '../i18n/errors.js';
import { readLangOption } from './options.js';
import { actorOut, sortByMoment } from './timeline.js';

/**
 * A span of elapsed time as an ISO 8601 duration, hours the largest unit so that it is exact whatever the
 * calendar (`PT0S`, `PT23M`, `PT26H5M`, `PT1.5S`); a span that runs backwards gets a leading minus sign (`-PT5M`).
 */
export function elapsed(ms: number): string {
  let rest = Math.abs(ms);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  const seconds = (rest - minutes * 60_000) / 1000;
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `${ms < 0 ? '-' : ''}PT${parts || '0S'}`;
}

/**
 * The incident's whole timeline replayed up to `now`: the levels it went through, every obligation that
 * arose with when it was due and done, the events, a summary, and, for a drill, the subjects' results.
 * The basis of post-incident evaluation (总结评估, 责任考评) and drill scoring.
 */
export function audit(plan: Plan, incident: unknown, options: DecideOptions): Audit {
  const lang = readLangOption(options);
  // Errors are Chinese as made; in English they are worded again on the way out.
  return lang === 'en' ? inLanguage(lang, () => auditOf(replay(plan, incident, options, lang))) : auditOf(replay(plan, incident, options, lang));
}

/** The audit of a replay. */
function auditOf(r: Replay): Audit {
  const { iso } = r;
  // One replay for the whole audit: the decision's obligations and warnings are the audit's.
  const decision = decisionOf(r);
  // The decision's obligations in the order of the replay's instances, each with how long it took and how late it was.
  const instances = new Map(r.instances.map((x) => [x.id, x]));
  const obligations: AuditObligation[] = decision.obligations.map((o) => {
    const instance = instances.get(o.id)!;
    const done = instance.doneAt;
    const took = done === null ? null : done - instance.anchorAt;
    const tookSinceArisen = done === null ? null : done - instance.arisenAt;
    // A duty met late, overdue or late (a soft deadline) has a deadline; one dropped by a change of level is late until then.
    const lateBy = o.status === 'met-late' ? done! - instance.dueAt! : o.status === 'overdue' || o.status === 'late' ? (instance.lapsedAt ?? r.now) - instance.dueAt! : null;
    return {
      ...o,
      anchorAt: iso(instance.anchorAt),
      took: took === null ? null : elapsed(took),
      tookMs: took,
      tookSinceArisen: tookSinceArisen === null ? null : elapsed(tookSinceArisen),
      tookSinceArisenMs: tookSinceArisen,
      lateBy: lateBy === null ? null : elapsed(lateBy),
      lateByMs: lateBy,
    };
  });
  const levels: LevelSpan[] = [];
  for (const inForce of r.levels) {
    const last = levels[levels.length - 1];
    if (last && last.id === inForce.level.id && last.source === inForce.source) continue;
    if (last) last.to = iso(inForce.state.at);
    levels.push({
      id: inForce.level.id,
      rank: inForce.level.rank,
      name: inForce.level.name,
      source: inForce.source,
      ...(inForce.raised && inForce.raised.from !== inForce.level ? { raised: { from: inForce.raised.from.id, rule: joined(inForce.raised.rules, (rule) => rule.id, ',') } } : {}),
      from: iso(inForce.state.at),
      to: null,
      ...(inForce.source === 'judgement' && inForce.state.judgement?.by ? { by: actorOut(inForce.state.judgement.by) } : {}),
    });
  }
  // `soft` given: only the duties with (true) or without (false) a soft deadline.
  const count = (status: string, soft?: boolean): number => obligations.filter((o) => o.status === status && (soft === undefined || (o.soft === true) === soft)).length;
  const met = count('met');
  // Hard breaches apart from soft lateness (原则上): a soft deadline missed is `late`, or met late with `soft`.
  // A soft deadline met only after its hard limit (`latest`: 最迟不超过) is a hard breach.
  const breachedLatest = obligations.filter((o) => {
    const x = instances.get(o.id)!;
    return o.status === 'met-late' && x.latestAt !== null && (x.doneAt as number) > x.latestAt;
  }).length;
  const metLate = count('met-late', false) + breachedLatest;
  const softMetLate = count('met-late', true) - breachedLatest;
  const overdue = count('overdue');
  const late = count('late');
  const dated = obligations.filter((o) => o.dueAt !== null && (o.status === 'met' || o.status === 'met-late' || o.status === 'overdue' || o.status === 'late'));
  const drills = obligations.filter((o) => o.step === 'drill');
  // Events in time order, then by content: the same list whatever their order in the input.
  const eventAt = r.timeline.eventAt;
  // Loops, not chains of map, sort and filter (see joined in decide.ts); the content is read only where events share a moment.
  const order: { at: number; key: string; event: IncidentEvent }[] = [];
  for (let i = 0; i < r.incident.events.length; i++) order.push({ at: eventAt[i] as number, key: '', event: r.incident.events[i] as IncidentEvent });
  const events: Audit['events'] = [];
  for (const { at, event } of sortByMoment(order)) {
    events.push({
      type: event.type,
      at: iso(at),
      ...('to' in event && event.to !== undefined ? { to: event.to } : {}),
      ...(event.by !== undefined ? { by: typeof event.by === 'string' ? event.by : [...event.by] } : {}),
      ...('subject' in event && event.subject !== undefined ? { subject: event.subject } : {}),
      ignored: at > r.now,
    });
  }
  const seen = new Set<string>();
  const basis: Audit['basis'] = [];
  for (const o of obligations) {
    const key = JSON.stringify(o.basis);
    if (seen.has(key)) continue;
    seen.add(key);
    basis.push(o.basis);
  }
  return {
    plan: { id: r.plan.id, version: r.plan.version, title: r.plan.title },
    incident: {
      id: r.incident.id,
      ...(r.incident.title !== undefined ? { title: r.incident.title } : {}),
      occurredAt: iso(r.timeline.occurredAt),
      discoveredAt: iso(r.timeline.discoveredAt),
      exercise: r.incident.exercise,
    },
    now: iso(r.now),
    levels,
    obligations,
    events,
    summary: {
      met,
      metLate,
      overdue,
      late,
      softMetLate,
      pending: count('pending'),
      notApplicable: count('not-applicable'),
      total: obligations.length,
      onTimeRate: dated.length === 0 ? null : dated.filter((o) => o.status === 'met').length / dated.length,
    },
    ...(drills.length > 0
      ? {
          drill: {
            subjects: drills.map((o) => ({ subject: o.subject ?? o.title, obligation: o.id, dueAt: o.dueAt, doneAt: o.doneAt, status: o.status, took: o.took, tookMs: o.tookMs })),
            metOnTime: drills.filter((o) => o.status === 'met').length,
            total: drills.length,
          },
        }
      : {}),
    warnings: decision.warnings,
    basis,
  };
}
