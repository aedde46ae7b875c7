import { AuditSchema, type Audit, type AuditObligation } from '../model/audit.js';
import { checkData } from './argument.js';
import { cite, inline as cell, oneLine, short, STATUS_ZH } from './text.js';

/** What starts a statement or a token of a Mermaid gantt chart (its lexer ignores case): its words, `call` and `href` (callbacks and links), and a digit (a date). */
const MERMAID_KEYWORDS = /^\s*(?:\d|gantt|title|section|click|call|href|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|inclusiveenddates|topaxis|weekday|weekend|displaymode|acctitle|accdescr)/i;

/**
 * A Mermaid task name: one line without control characters, none of `:` (starts the task's data), `#` and
 * `;` (end it), `%` (comments and directives), `<` `>` `&` and backticks; at most 40 characters; never
 * empty and never starting with a word of the gantt syntax or a digit: those get a leading `· `.
 */
function task(text: string): string {
  const name = Array.from(oneLine(text).replace(/[:#;%<>&`\\]/g, ' ')).slice(0, 40).join('');
  if (name.trim() === '') return '—';
  return MERMAID_KEYWORDS.test(name) ? `· ${name}` : name;
}
/** Mermaid gantt dates without the offset: the chart is drawn in the plan's local time. */
const local = (t: string): string => t.slice(0, 16).replace(/[^\dT:-]/g, '');

/** A span of time in Chinese, for people: `23 分钟`, `1 天 2 小时 5 分钟`, `30 秒`; parts of a second dropped, `0 分钟` when nothing is left. */
export function durationZh(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const parts: [number, string][] = [[Math.floor(seconds / 86_400), '天'], [Math.floor(seconds / 3600) % 24, '小时'], [Math.floor(seconds / 60) % 60, '分钟'], [seconds % 60, '秒']];
  const text = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`).join(' ');
  return text === '' ? '0 分钟' : text;
}

/** A span from a start to completion, `${after} 23 分钟`; when completion came first, how long before the start. */
const spent = (ms: number, start: string, after: string): string => (ms < 0 ? `${start}前 ${durationZh(ms)}已完成` : `${after} ${durationZh(ms)}`);

/** A soft deadline done after its hard limit (`latest`, 最迟不超过): a hard breach. */
const pastLatest = (o: AuditObligation): boolean => o.latestAt != null && o.doneAt !== null && Date.parse(o.doneAt) > Date.parse(o.latestAt);

/**
 * How long a duty took and how late it was, in Chinese: `用时 23 分钟`; with the moment its clock started
 * when that is not when it arose (`用时 12 小时 30 分钟（自发生起算；产生后 11 小时 30 分钟）`); `超时 30 分钟`
 * for a duty done late, `未完成，已超时 2 小时` for one overdue; `—` for one neither done nor late.
 */
function timing(o: AuditObligation, audit: Audit): string {
  const parts: string[] = [];
  if (o.tookMs !== null) {
    const anchor = o.anchorAt === audit.incident.occurredAt ? '发生' : o.anchorAt === audit.incident.discoveredAt ? '发现' : short(o.anchorAt);
    const took = spent(o.tookMs, o.anchorAt === o.arisenAt ? '起算' : anchor, '用时');
    parts.push(o.anchorAt === o.arisenAt ? took : `${took}（自${anchor}起算；${spent(o.tookSinceArisenMs as number, '产生', '产生后')}）`);
  }
  if (o.lateByMs !== null) {
    // A soft deadline (原则上) missed is said apart from a hard one; past its hard limit (`latest`) it is a breach.
    const hard = o.soft !== true || o.status === 'overdue' || pastLatest(o);
    const over = hard ? '已超时' : '已过原则性时限';
    parts.push(o.status === 'met-late' ? `${hard ? '超时' : '晚于原则性时限'} ${durationZh(o.lateByMs)}` : `未完成，${over} ${durationZh(o.lateByMs)}`);
  }
  return parts.length === 0 ? '—' : parts.join('，');
}

/**
 * An audit as a Markdown report in Chinese: summary, levels, a table of obligations with how long each took
 * and how late it was, and a Mermaid gantt chart of the timeline.
 *
 * Safe to publish: every string that comes from the plan or the incident (titles, ids, version, level and
 * party names, subjects, clauses, reasons, timestamps) is written through `inline` (src/render/text.ts):
 * on one line, without C0/C1 control characters or bidi controls, with `&` `<` `>` as HTML entities and
 * `\` `` ` `` `*` `_` `[` `]` `~` `|` escaped with a backslash, as are the `:` of `https://`, the `.` of
 * `www.` and every `@` (no autolink). In the Mermaid chart, task names and the title lose every character
 * that could end a statement or open a comment or directive, and a name starting with a gantt word or a
 * digit gets a leading `· ` (see `task`); dates keep only digits, `T`, `:` and `-`.
 */
export function renderAudit(audit: Audit): string {
  // An audit of another shape, a Proxy or a revoked one: PlanError naming `audit`, not a TypeError halfway.
  checkData(AuditSchema, audit, 'audit');
  const lines: string[] = [];
  const s = audit.summary;
  lines.push(`# 舆情处置审计：${cell(audit.incident.title ?? audit.incident.id)}`);
  lines.push('');
  lines.push(`- 预案：${cell(audit.plan.title)}（\`${cell(audit.plan.id)}\` ${cell(audit.plan.version)}）`);
  lines.push(`- 发生：${cell(audit.incident.occurredAt)}　发现：${cell(audit.incident.discoveredAt)}　审计时点：${cell(audit.now)}${audit.incident.exercise ? '　（演练）' : ''}`);
  lines.push(`- 义务 ${s.total} 项：按时完成 ${s.met}，超时完成 ${s.metLate}，已超时 ${s.overdue}，待办 ${s.pending}，不再适用 ${s.notApplicable}${s.onTimeRate === null ? '' : `；有时限事项按时率 ${Math.round(s.onTimeRate * 100)}%`}`);
  // Soft deadlines (原则上, 力争) missed: apart from the hard breaches above.
  const late = s.late ?? 0;
  const softMetLate = s.softMetLate ?? 0;
  if (late + softMetLate > 0) lines.push(`- 原则性时限（不计入超时）：已过时限未完成 ${late}，晚于时限完成 ${softMetLate}`);
  if (audit.drill) lines.push(`- 演练科目：${audit.drill.metOnTime}/${audit.drill.total} 项在时限内完成`);
  lines.push('');
  lines.push('## 级别变化');
  lines.push('');
  lines.push('| 级别 | 依据 | 起 | 止 |');
  lines.push('|---|---|---|---|');
  for (const l of audit.levels) lines.push(`| ${cell(l.id)} ${cell(l.name)} | ${l.source === 'judgement' ? `研判${l.by ? `（${cell(typeof l.by === 'string' ? l.by : l.by.join('、'))}）` : ''}` : l.source === 'ungraded' ? '待研判定级' : '分级标准'}${l.raised ? `，由 ${cell(l.raised.from)} 上调` : ''} | ${cell(short(l.from))} | ${cell(short(l.to))} |`);
  lines.push('');
  lines.push('## 义务');
  lines.push('');
  lines.push('| 事项 | 负责 | 产生 | 时限 | 完成 | 用时 | 状态 | 依据 |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const o of audit.obligations) {
    lines.push(`| ${cell(o.title)}${o.subject ? `（${cell(o.subject)}）` : ''}${o.recipient ? ` → ${cell(o.recipient.name)}` : ''} | ${cell(o.responsible.name)} | ${cell(short(o.arisenAt))} | ${o.dueAt ? `${o.soft === true ? '原则上 ' : ''}${cell(short(o.dueAt))}${o.latestAt ? `，最迟 ${cell(short(o.latestAt))}` : ''}` : o.waitingFor ? '待起算' : o.kind === 'continuous' ? '持续' : o.kind === 'immediate' ? '第一时间' : '—'} | ${cell(short(o.doneAt))} | ${cell(timing(o, audit))} | ${STATUS_ZH[o.status]}${o.reason ? `（${cell(o.reason)}）` : ''} | ${cell(cite(o.basis))} |`);
  }
  lines.push('');
  lines.push('## 时间线');
  lines.push('');
  lines.push('```mermaid');
  lines.push('gantt');
  lines.push(`    title ${task(audit.incident.id)}`);
  lines.push('    dateFormat YYYY-MM-DDTHH:mm');
  lines.push('    axisFormat %m-%d %H:%M');
  lines.push('    section 级别');
  for (const l of audit.levels) lines.push(`    ${task(`${l.id} ${l.name}`)} :${l.source === 'judgement' ? 'active, ' : ''}${local(l.from)}, ${local(l.to ?? audit.now)}`);
  lines.push('    section 有时限的义务');
  for (const o of audit.obligations.filter((x) => x.dueAt !== null)) {
    const end = o.doneAt ?? (o.status === 'overdue' || o.status === 'late' ? audit.now : (o.dueAt as string));
    // Hard breaches stand out (crit); soft lateness is marked apart (active).
    const tag = o.status === 'late' || (o.status === 'met-late' && o.soft === true && !pastLatest(o)) ? 'active, ' : o.status === 'overdue' || o.status === 'met-late' ? 'crit, ' : o.status === 'met' ? 'done, ' : '';
    lines.push(`    ${task(o.title)} :${tag}${local(o.arisenAt)}, ${local(end < o.arisenAt ? o.arisenAt : end)}`);
  }
  const events = audit.events.filter((e) => !e.ignored);
  if (events.length > 0) {
    lines.push('    section 事件');
    for (const e of events) lines.push(`    ${task(`${e.type}${e.to ? ` ${e.to}` : ''}`)} :milestone, ${local(e.at)}, 0m`);
  }
  lines.push('```');
  return `${lines.join('\n')}\n`;
}
