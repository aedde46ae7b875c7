import type { Decision, Obligation } from '../model/decision.js';
import { cite, MODE_ZH, short, STATUS_ZH } from './text.js';

function when(o: Obligation): string {
  if (o.dueAt !== null) return `${short(o.dueAt)} 前`;
  if (o.kind === 'continuous') return o.until === 'ended' ? '持续至应急结束' : o.until === 'subsided' ? '持续至平息' : '持续';
  if (o.kind === 'immediate') return '第一时间';
  return '无固定时限';
}

/** A decision as readable Chinese text: level, lead, whom to notify, what to do next, and each duty's basis. */
export function renderDecision(decision: Decision): string {
  const lines: string[] = [];
  const level = decision.level;
  lines.push(`预案：${decision.plan.id}（版本 ${decision.plan.version}）　舆情：${decision.incident.id}　时间：${decision.now}`);
  lines.push(`级别：${level.id} ${level.name}（${level.source === 'judgement' ? '领导小组研判' : '按分级标准'}，自 ${short(level.setAt)} 起）`);
  lines.push(`牵头：${decision.lead.name}${decision.lead.note ? `——${decision.lead.note}` : ''}`);
  if (decision.escalation.consultWith.length > 0) lines.push(`会商：听取 ${decision.escalation.consultWith.map((p) => p.name).join('、')} 的会商措施`);
  if (decision.escalation.approveStatement.length > 0) lines.push(`通稿审核：${decision.escalation.approveStatement.map((p) => p.name).join('、')}`);
  lines.push('');
  lines.push('对外报告：');
  if (decision.notify.length === 0) lines.push('  （本级别无须向外部单位报告）');
  for (const n of decision.notify) {
    lines.push(`  · ${n.how.map((h) => MODE_ZH[h]).join('、')} ${n.name}　${n.dueAt === null ? '第一时间（预案未定时限）' : `${short(n.dueAt)} 前`}`);
  }
  lines.push('');
  lines.push('下一步：');
  if (decision.next.length === 0) lines.push('  （无待办事项）');
  decision.next.forEach((o, i) => {
    lines.push(`  ${i + 1}. [${STATUS_ZH[o.status]}] ${when(o)}　${o.title}　— ${o.responsible.name}　（${cite(o.basis)}）`);
  });
  const done = decision.obligations.filter((o) => o.status !== 'pending' && o.status !== 'overdue');
  if (done.length > 0) {
    lines.push('');
    lines.push('已办结或不再适用：');
    for (const o of done) {
      lines.push(`  · [${STATUS_ZH[o.status]}] ${o.title}${o.doneAt ? `（${short(o.doneAt)} 完成）` : ''}${o.reason ? `（${o.reason}）` : ''}`);
    }
  }
  if (decision.warnings.length > 0) {
    lines.push('');
    lines.push('提示：');
    for (const w of decision.warnings) lines.push(`  ! ${w.message}`);
  }
  lines.push('');
  lines.push(`下次复核：${decision.nextReviewAt === null ? '无（时间推移不会改变结论）' : decision.nextReviewAt}`);
  lines.push('');
  lines.push('依据：');
  for (const e of decision.explanation.filter((x) => x.subject === 'level' || x.subject === 'lead')) {
    lines.push(`  · ${e.text}${e.basis ? `（${cite(e.basis)}）` : ''}`);
  }
  return lines.join('\n');
}
