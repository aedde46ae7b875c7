// A host application's side of yuqing-playbook: an OA system or monitoring platform that keeps a
// few open incidents (网络舆情事件), asks the library at regular ticks what must be done next,
// shows what has become overdue, records what the responsible people did as events, and refuses
// bad input with a readable list of problems.
//
// Run with `npx tsx examples/host-integration.ts`.
//
// The library is pure: `decide` reads no clock, stores nothing and sends nothing. Everything
// imperative here — the store, the clock ticks, the "notifications" — belongs to the host.
import {
  decide,
  formatIssues,
  IncidentError,
  loadPlan,
  PlanError,
  renderDecision,
  type Decision,
  type Incident,
  type IncidentEvent,
  type Obligation,
} from '../src/index.js';

// ---------------------------------------------------------------------------------------------
// 1. Load the plan once, at start-up. A plan is validated, compiled and frozen by loadPlan; keep
//    it and reuse it for every decision. A broken rule file throws PlanError here, not later.
// ---------------------------------------------------------------------------------------------
const plan = loadPlan('county-bureau'); // xx县xx局 意识形态风险防控工作预案 (seed 000)
console.log(`预案 ${plan.id} ${plan.version}：${plan.title}（时区 ${plan.timeZone}）\n`);

// ---------------------------------------------------------------------------------------------
// 2. The host's own store: open incidents by id, each with the events recorded so far. The host
//    owns these objects; decide() never changes them.
// ---------------------------------------------------------------------------------------------
const store = new Map<string, Incident>();

/** Registers an incident after checking it against the plan; returns false (and prints why) when it is refused. */
function openIncident(incident: Incident, now: string): boolean {
  try {
    decide(plan, incident, { now }); // the same validation every later call will do
  } catch (error) {
    if (error instanceof IncidentError) {
      // error.issues: [{ path, message, code, received?, expected? }]; formatIssues prints one line each.
      console.log(`✗ 舆情 ${String((incident as { id?: unknown }).id)} 未登记（${error.code}）：\n${indent(formatIssues(error.issues))}\n`);
      return false;
    }
    throw error; // anything else is a bug, not bad input
  }
  store.set(incident.id, { ...incident, events: [...(incident.events ?? [])] });
  return true;
}

/** Records what someone did (a step done, a level judgement, new indicators…) on an incident. */
function record(incidentId: string, event: IncidentEvent): void {
  const incident = store.get(incidentId);
  if (!incident) throw new Error(`no open incident ${incidentId}`);
  store.set(incidentId, { ...incident, events: [...(incident.events ?? []), event] });
}

// The decisions of the previous tick, to tell what changed since.
const previous = new Map<string, Decision>();

/** One tick of the host's loop: a decision per open incident at `now`, and what changed since the last tick. */
function tick(now: string): void {
  console.log(`──────── ${now} ────────`);
  let wake: { at: number; text: string } | null = null;
  for (const [id, incident] of store) {
    const decision = decide(plan, incident, { now });
    const before = previous.get(id);
    const line = `舆情 ${id}：${decision.level.id} ${decision.level.name}（${decision.level.source === 'judgement' ? '研判' : '按标准'}），牵头 ${decision.lead.name}`;
    console.log(line);

    // What became overdue since the last tick: compare statuses by obligation id.
    for (const o of decision.obligations) {
      const was = before?.obligations.find((b) => b.id === o.id)?.status;
      if (o.status === 'overdue' && was !== 'overdue') console.log(`  ⚠ 新超时：${o.title}（${o.responsible.name}，时限 ${o.dueAt}）`);
      if ((o.status === 'met' || o.status === 'met-late') && was !== o.status) console.log(`  ✓ ${o.status === 'met' ? '按时完成' : '超时完成'}：${o.title}`);
      if (o.status === 'not-applicable' && was !== 'not-applicable') console.log(`  – 不再适用：${o.title}（${o.reason ?? ''}）`);
    }
    // Obligations that arose since the last tick (an upgrade adds duties; `#2` marks a second instance).
    for (const o of decision.obligations) {
      if (before && !before.obligations.some((b) => b.id === o.id)) console.log(`  + 新增义务 ${o.id}：${o.title}`);
    }

    // The outside bodies the current level requires the unit to report to / ask / file with / invite.
    if (decision.notify.length > 0) {
      console.log(`  对外：${decision.notify.map((n) => `${n.name}${n.dueAt ? `（${n.dueAt} 前）` : '（第一时间）'}`).join('；')}`);
    }
    // The first few things to do next, soonest first.
    for (const o of decision.next.slice(0, 3)) console.log(`  → ${describe(o)}`);
    if (decision.next.length > 3) console.log(`  → …另有 ${decision.next.length - 3} 项`);

    // Reminders to send now: those reached since the last tick. A dated duty not yet done carries one
    // reminder per fraction of the plan's `reminders` (by default 50 % and 75 % of the time allowed).
    for (const o of decision.next) {
      const reachedNow = o.reminders.filter((r) => r.reached);
      const reachedBefore = before?.obligations.find((b) => b.id === o.id)?.reminders.filter((r) => r.reached).length ?? 0;
      const latest = reachedNow[reachedNow.length - 1];
      if (o.status === 'pending' && latest && reachedNow.length > reachedBefore) {
        console.log(`  ⏰ 提醒 ${o.responsible.name}：${o.title}（已过时限的 ${Math.round(latest.fraction * 100)}%，${o.dueAt} 前完成）`);
      }
    }
    for (const w of decision.warnings) console.log(`  ! ${w.code}: ${w.message}`);

    // When to ask again: the answer does not change by time alone before nextReviewAt.
    console.log(`  下次复核：${decision.nextReviewAt ?? '无'}`);
    if (decision.nextReviewAt !== null) {
      const at = Date.parse(decision.nextReviewAt); // compare as instants, not as text
      if (wake === null || at < wake.at) wake = { at, text: decision.nextReviewAt };
    }
    previous.set(id, decision);
  }
  // A real host sleeps until the earliest nextReviewAt of its incidents, or until someone records an event.
  console.log(`（主机下次唤醒：${wake === null ? '有新事件时' : wake.text}）\n`);
}

function describe(o: Obligation): string {
  const when = o.dueAt ? `${o.dueAt} 前` : o.kind === 'continuous' ? '持续' : o.kind === 'immediate' ? '第一时间' : '无固定时限';
  return `[${o.status}] ${when} ${o.title} — ${o.responsible.name}`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// 3. A morning at the bureau. Times are explicit: the host passes `now`; the library never reads a clock.
// ---------------------------------------------------------------------------------------------

// Two incidents found by the monitor at 09:00.
openIncident(
  {
    id: 'inc-101',
    title: '网传窗口办事人员态度恶劣视频',
    occurredAt: '2026-03-02T08:00:00+08:00',
    discoveredAt: '2026-03-02T09:00:00+08:00',
    // Indicators of row II of the grading table (002 篇三 四（二）).
    indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  },
  '2026-03-02T09:00:00+08:00',
);
openIncident(
  {
    id: 'inc-102',
    title: '某小区供暖投诉帖',
    occurredAt: '2026-03-02T07:30:00+08:00',
    discoveredAt: '2026-03-02T09:00:00+08:00',
    indicators: { attention: 'elevated', spread: 'moderate', reach: 'limited', offlineRisk: 'none' }, // row III
  },
  '2026-03-02T09:00:00+08:00',
);

// A third one typed in by hand, with mistakes: IncidentError names every offending field, each
// with the value found and what was expected.
openIncident(
  {
    id: 'inc-103',
    occurredAt: '2026-03-02 08:00', // no offset, not ISO 8601
    discoveredAt: '2026-03-02T09:00:00+08:00',
    indicators: { attention: 'very-high' }, // not a value of the grading table
    flags: { urgent: true }, // not a flag the library knows
  } as unknown as Incident,
  '2026-03-02T09:10:00+08:00',
);
// Checks against the plan come once the fields themselves are valid: a judgement naming a level the
// plan lacks (county-bureau has I–IV) is refused with the path events[0].level.
openIncident(
  {
    id: 'inc-104',
    occurredAt: '2026-03-02T08:00:00+08:00',
    discoveredAt: '2026-03-02T09:00:00+08:00',
    events: [{ type: 'level-set', at: '2026-03-02T09:05:00+08:00', level: 'orange', by: 'leading-group' }],
  },
  '2026-03-02T09:10:00+08:00',
);

tick('2026-03-02T09:10:00+08:00');

// 09:20 — the monitor (舆情监控员) reports inc-101 to the leading group within the 30 minutes.
record('inc-101', { type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group', by: 'monitor' });
// 09:25 — the leading group reports inc-101 to the county government's leader in charge (level II).
record('inc-101', { type: 'report', at: '2026-03-02T09:25:00+08:00', to: 'county-government-deputy', by: 'leading-group' });
// Nobody reported inc-102 yet: at 09:40 its 30-minute report is overdue.
tick('2026-03-02T09:40:00+08:00');

// 09:45 — inc-102 is reported, 15 minutes late (met-late).
record('inc-102', { type: 'report', at: '2026-03-02T09:45:00+08:00', to: 'leading-group', by: 'monitor' });
// 11:00 — inc-101 worsens: spread very fast. The criteria now give level I: new duties arise
// (report the worsening at once, report to 县委宣传部, ask 县委、县政府主要领导), and the open level-II
// report to 县委宣传部 no longer applies.
record('inc-101', { type: 'indicators-updated', at: '2026-03-02T11:00:00+08:00', indicators: { spread: 'very-fast' } });
// 11:05 — the commentator reports the worsening to the leading group.
record('inc-101', { type: 'report', at: '2026-03-02T11:05:00+08:00', to: 'leading-group', by: 'commentator' });
// An event naming a recipient the plan does not know is kept, and reported as a warning.
record('inc-101', { type: 'report', at: '2026-03-02T11:06:00+08:00', to: 'county-mayor' });
tick('2026-03-02T11:10:00+08:00');

// 12:00 — the leading group's own judgement (研判) puts inc-102 at level II. A judgement stands over
// the criteria from then on; the rise from III to II also calls for a worsening report.
record('inc-102', { type: 'level-set', at: '2026-03-02T12:00:00+08:00', level: 'II', by: 'leading-group' });
// 14:10 — half of the 12 hours for the replies has passed: reminders are due.
tick('2026-03-02T14:10:00+08:00');

// 18:00 — the office replies publicly on inc-101 (within 12 hours of occurrence); inc-102 gets no reply.
record('inc-101', { type: 'reply', at: '2026-03-02T18:00:00+08:00', by: 'office' });
tick('2026-03-02T20:30:00+08:00');

// ---------------------------------------------------------------------------------------------
// 4. The whole decision for one incident, as readable Chinese text for the duty officer.
// ---------------------------------------------------------------------------------------------
const final = decide(plan, store.get('inc-101') as Incident, { now: '2026-03-02T20:30:00+08:00' });
console.log(renderDecision(final));

// A plan problem is a PlanError with the same shape of issues (here: a bundled id that does not exist).
try {
  loadPlan('county-bureu');
} catch (error) {
  if (!(error instanceof PlanError)) throw error;
  console.log(`\n✗ 预案加载失败（${error.code}）：\n${indent(formatIssues(error.issues))}`);
}
