import { DecisionSchema, type Decision, type Obligation } from '../model/decision.js';
import { checkData } from './argument.js';
import { cite, inline as md, MODE_ZH, short, STATUS_ZH } from './text.js';

function when(o: Obligation): string {
  if (o.dueAt !== null) return `${o.soft === true ? '原则上 ' : ''}${md(short(o.dueAt))} 前${o.latestAt ? `，最迟 ${md(short(o.latestAt))} 前` : ''}${o.extendedBy !== undefined ? `（已延长 ${md(o.extendedBy)}）` : ''}`;
  if (o.waitingFor !== undefined) return '待起算';
  if (o.kind === 'continuous') return o.until === 'ended' ? '持续至应急结束' : o.until === 'subsided' ? '持续至平息' : '持续';
  if (o.kind === 'immediate') return '第一时间';
  return '无固定时限';
}

/** When a recipient is still owed something: the earliest deadline among its duties not yet done, or 第一时间 when none of them has one. */
function notifyDue(entry: Decision['notify'][number], byId: ReadonlyMap<string, Obligation>): string {
  let due: string | null = null;
  // A duty whose clock has not started yet (docs/clocks.md) is not due at once.
  let waiting = false;
  // A duty that waits for others first (docs/workflow.md) is not due at once either.
  let blocked = false;
  for (const id of entry.obligations) {
    const o = byId.get(id);
    if (o?.waitingFor !== undefined && o.doneAt === null) waiting = true;
    if (o?.blockedBy !== undefined && o.doneAt === null) blocked = true;
    // A duty the decision does not list (a decision made by hand) is read at the entry's own earliest time.
    const at = o === undefined ? entry.dueAt : o.doneAt === null ? o.dueAt : null;
    if (at !== null && (due === null || Date.parse(at) < Date.parse(due))) due = at;
  }
  if (due === null) return waiting ? '待起算（计时起点尚未发生）' : blocked ? '待前序事项完成' : '第一时间（预案未定时限）';
  return `${md(short(due))} 前`;
}

/**
 * A decision as readable Chinese text: level, lead, whom to notify, what to do next, and each duty's basis.
 *
 * Safe to show as Markdown or HTML: every string that comes from the plan or the incident (ids, version,
 * level and party names, notes, titles, clauses, reasons, warnings, explanations, timestamps) is written
 * through `inline` (src/render/text.ts): line breaks become spaces; C0/C1 control characters (so terminal
 * escape sequences) and the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 are removed;
 * `&` `<` `>` become HTML entities; `\` `` ` `` `*` `_` `[` `]` `~` `|` are escaped with a backslash, and so
 * are the `:` of `https://`, the `.` of `www.` and every `@` (no autolink). Chinese text passes unchanged.
 */
/** How the level in force was reached, in words. */
const SOURCE_ZH = { criteria: '按分级标准', judgement: '研判定级', ungraded: '尚未定级' } as const;

export function renderDecision(decision: Decision): string {
  // A decision of another shape, a Proxy or a revoked one: PlanError naming `decision`, not a TypeError halfway.
  checkData(DecisionSchema, decision, 'decision');
  const lines: string[] = [];
  const level = decision.level;
  const names = (parties: readonly { name: string }[]): string => parties.map((p) => md(p.name)).join('、');
  lines.push(`预案：${md(decision.plan.id)}（版本 ${md(decision.plan.version)}）　舆情：${md(decision.incident.id)}　时间：${md(decision.now)}`);
  lines.push(`级别：${md(level.id)} ${md(level.name)}（${SOURCE_ZH[level.source]}${level.raised ? `，由 ${md(level.raised.from)} 上调（规则 ${md(level.raised.rule)}）` : ''}，自 ${md(short(level.setAt))} 起）`);
  lines.push(`牵头：${md(decision.lead.name)}${decision.lead.note ? `——${md(decision.lead.note)}` : ''}`);
  if (decision.escalation.consultWith.length > 0) lines.push(`会商：听取 ${names(decision.escalation.consultWith)} 的会商措施`);
  if (decision.escalation.approveStatement.length > 0) lines.push(`通稿审核：${names(decision.escalation.approveStatement)}`);
  lines.push('');
  lines.push('对外报告：');
  if (decision.notify.length === 0) lines.push('  （本级别无须向外部单位报告）');
  const byId = new Map(decision.obligations.map((o) => [o.id, o]));
  for (const n of decision.notify) {
    lines.push(`  · ${n.how.map((h) => MODE_ZH[h]).join('、')} ${md(n.name)}　${n.done ? `已办结（${md(short(n.doneAt))} 完成）` : notifyDue(n, byId)}`);
  }
  lines.push('');
  lines.push('下一步：');
  if (decision.next.length === 0) lines.push('  （无待办事项）');
  decision.next.forEach((o, i) => {
    lines.push(`  ${i + 1}. [${STATUS_ZH[o.status]}] ${when(o)}　${md(o.title)}　— ${md(o.responsible.name)}　（${md(cite(o.basis))}）${o.waitingFor !== undefined && o.reason !== undefined ? `　${md(o.reason)}` : ''}`);
  });
  const done = decision.obligations.filter((o) => o.status !== 'pending' && o.status !== 'overdue' && o.status !== 'late');
  if (done.length > 0) {
    lines.push('');
    lines.push('已办结或不再适用：');
    for (const o of done) {
      lines.push(`  · [${STATUS_ZH[o.status]}] ${md(o.title)}${o.doneAt ? `（${md(short(o.doneAt))} 完成）` : ''}${o.reason ? `（${md(o.reason)}）` : ''}`);
    }
  }
  if (decision.warnings.length > 0) {
    lines.push('');
    lines.push('提示：');
    for (const w of decision.warnings) lines.push(`  ! ${md(w.message)}`);
  }
  lines.push('');
  lines.push(`下次复核：${decision.nextReviewAt === null ? '无（时间推移不会改变结论）' : md(decision.nextReviewAt)}`);
  lines.push('');
  lines.push('依据：');
  for (const e of decision.explanation.filter((x) => x.subject === 'level' || x.subject === 'lead')) {
    lines.push(`  · ${md(e.text)}${e.basis ? `（${md(cite(e.basis))}）` : ''}`);
  }
  return lines.join('\n');
}
