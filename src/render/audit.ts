import { AuditSchema, type Audit, type AuditObligation } from '../model/audit.js';
import { checkData } from './argument.js';
import type { Lang } from '../i18n/lang.js';
import { cite, dueWords, inline as cell, oneLine, short, statusWords } from './text.js';
import { renderLang } from './words.js';

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

/** A span of time in English: `23 minutes`, `1 day 2 hours 5 minutes`; `0 minutes` when nothing is left. */
export function durationEn(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const parts: [number, string][] = [[Math.floor(seconds / 86_400), 'day'], [Math.floor(seconds / 3600) % 24, 'hour'], [Math.floor(seconds / 60) % 60, 'minute'], [seconds % 60, 'second']];
  const text = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ');
  return text === '' ? '0 minutes' : text;
}

/** A span from a start to completion, `${after} 23 分钟`; when completion came first, how long before the start. */
const spent = (ms: number, start: string, after: string): string => (ms < 0 ? `${start}前 ${durationZh(ms)}已完成` : `${after} ${durationZh(ms)}`);

/** How long a duty took and how late it was, in English (timing's words for `en`). */
function timingEn(o: AuditObligation, audit: Audit): string {
  const parts: string[] = [];
  if (o.tookMs !== null) {
    const anchor = o.anchorAt === audit.incident.occurredAt ? 'occurrence' : o.anchorAt === audit.incident.discoveredAt ? 'discovery' : short(o.anchorAt);
    const took = (ms: number, start: string, what: string): string => (ms < 0 ? `done ${durationEn(ms)} before ${start}` : `${what} ${durationEn(ms)}`);
    const main = took(o.tookMs, o.anchorAt === o.arisenAt ? 'the clock started' : anchor, 'took');
    parts.push(o.anchorAt === o.arisenAt ? main : `${main} (counted from ${anchor}; ${took(o.tookSinceArisenMs as number, 'it arose', 'after arising')})`);
  }
  if (o.lateByMs !== null) {
    const hard = o.soft !== true || o.status === 'overdue' || pastLatest(o);
    parts.push(o.status === 'met-late' ? `${hard ? 'late by' : 'after its soft deadline by'} ${durationEn(o.lateByMs)}` : `not done, ${hard ? 'overdue by' : 'past its soft deadline by'} ${durationEn(o.lateByMs)}`);
  }
  return parts.length === 0 ? '—' : parts.join(', ');
}

/** The due column of the table: the deadline without `前` (`原则上 03-02 20:00，最迟 03-03 09:00`), `待起算`, `持续`, `第一时间`, or `—` (the table's own short words). */
function dueCell(o: AuditObligation, lang: Lang): string {
  if (o.dueAt) {
    if (lang === 'en') return `${o.soft === true ? 'in principle ' : ''}${short(o.dueAt)}${o.latestAt ? `, at the latest ${short(o.latestAt)}` : ''}`;
    return `${o.soft === true ? '原则上 ' : ''}${short(o.dueAt)}${o.latestAt ? `，最迟 ${short(o.latestAt)}` : ''}`;
  }
  if (o.waitingFor || o.kind === 'continuous' || o.kind === 'immediate') return dueWords({ ...o, until: undefined }, lang);
  return '—';
}

/** A soft deadline done after its hard limit (`latest`, 最迟不超过): a hard breach. */
const pastLatest = (o: AuditObligation): boolean => o.latestAt != null && o.doneAt !== null && Date.parse(o.doneAt) > Date.parse(o.latestAt);

/**
 * How long a duty took and how late it was, in Chinese: `用时 23 分钟`; with the moment its clock started
 * when that is not when it arose (`用时 12 小时 30 分钟（自发生起算；产生后 11 小时 30 分钟）`); `超时 30 分钟`
 * for a duty done late, `未完成，已超时 2 小时` for one overdue; `—` for one neither done nor late.
 */
function timing(o: AuditObligation, audit: Audit, lang: Lang): string {
  if (lang === 'en') return timingEn(o, audit);
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
export function renderAudit(audit: Audit, options?: { lang?: Lang }): string {
  const lang = renderLang(options);
  // An audit of another shape, a Proxy or a revoked one: PlanError naming `audit`, not a TypeError halfway.
  checkData(AuditSchema, audit, 'audit');
  const en = lang === 'en';
  const lines: string[] = [];
  const s = audit.summary;
  lines.push(`${en ? '# Incident audit: ' : '# 舆情处置审计：'}${cell(audit.incident.title ?? audit.incident.id)}`);
  lines.push('');
  lines.push(en ? `- Plan: ${cell(audit.plan.title)} (\`${cell(audit.plan.id)}\` ${cell(audit.plan.version)})` : `- 预案：${cell(audit.plan.title)}（\`${cell(audit.plan.id)}\` ${cell(audit.plan.version)}）`);
  lines.push(en
    ? `- Occurred: ${cell(audit.incident.occurredAt)}  Discovered: ${cell(audit.incident.discoveredAt)}  Audited at: ${cell(audit.now)}${audit.incident.exercise ? '  (exercise)' : ''}`
    : `- 发生：${cell(audit.incident.occurredAt)}　发现：${cell(audit.incident.discoveredAt)}　审计时点：${cell(audit.now)}${audit.incident.exercise ? '　（演练）' : ''}`);
  const rate = s.onTimeRate === null ? '' : `${Math.round(s.onTimeRate * 100)}%`;
  lines.push(en
    ? `- ${s.total} obligations: ${s.met} met, ${s.metLate} met late, ${s.overdue} overdue, ${s.pending} pending, ${s.notApplicable} no longer applicable${rate === '' ? '' : `; on time among those with a deadline: ${rate}`}`
    : `- 义务 ${s.total} 项：按时完成 ${s.met}，超时完成 ${s.metLate}，已超时 ${s.overdue}，待办 ${s.pending}，不再适用 ${s.notApplicable}${rate === '' ? '' : `；有时限事项按时率 ${rate}`}`);
  // Soft deadlines (原则上, 力争) missed: apart from the hard breaches above.
  const late = s.late ?? 0;
  const softMetLate = s.softMetLate ?? 0;
  if (late + softMetLate > 0) lines.push(en ? `- Soft deadlines (not counted as overdue): ${late} past and not done, ${softMetLate} done after them` : `- 原则性时限（不计入超时）：已过时限未完成 ${late}，晚于时限完成 ${softMetLate}`);
  if (audit.drill) lines.push(en ? `- Drill subjects: ${audit.drill.metOnTime}/${audit.drill.total} done in time` : `- 演练科目：${audit.drill.metOnTime}/${audit.drill.total} 项在时限内完成`);
  lines.push('');
  lines.push(en ? '## Levels' : '## 级别变化');
  lines.push('');
  lines.push(en ? '| Level | Basis | From | To |' : '| 级别 | 依据 | 起 | 止 |');
  lines.push('|---|---|---|---|');
  for (const l of audit.levels) {
    const by = l.by ? (typeof l.by === 'string' ? l.by : l.by.join(en ? ', ' : '、')) : undefined;
    const source = en
      ? `${l.source === 'judgement' ? `judgement${by ? ` (${cell(by)})` : ''}` : l.source === 'ungraded' ? 'awaiting grading' : 'criteria'}${l.raised ? `, raised from ${cell(l.raised.from)}` : ''}`
      : `${l.source === 'judgement' ? `研判${by ? `（${cell(by)}）` : ''}` : l.source === 'ungraded' ? '待研判定级' : '分级标准'}${l.raised ? `，由 ${cell(l.raised.from)} 上调` : ''}`;
    lines.push(`| ${cell(l.id)} ${cell(l.name)} | ${source} | ${cell(short(l.from))} | ${cell(short(l.to))} |`);
  }
  lines.push('');
  lines.push(en ? '## Obligations' : '## 义务');
  lines.push('');
  lines.push(en ? '| Duty | Responsible | Arose | Due | Done | Time taken | Status | Basis |' : '| 事项 | 负责 | 产生 | 时限 | 完成 | 用时 | 状态 | 依据 |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const o of audit.obligations) {
    lines.push(`| ${cell(o.title)}${o.subject ? (en ? ` (${cell(o.subject)})` : `（${cell(o.subject)}）`) : ''}${o.recipient ? ` → ${cell(o.recipient.name)}` : ''} | ${cell(o.responsible.name)} | ${cell(short(o.arisenAt))} | ${cell(dueCell(o, lang))} | ${cell(short(o.doneAt))} | ${cell(timing(o, audit, lang))} | ${statusWords(o.status, lang)}${o.reason ? (en ? ` (${cell(o.reason)})` : `（${cell(o.reason)}）`) : ''} | ${cell(cite(o.basis))} |`);
  }
  lines.push('');
  lines.push(en ? '## Timeline' : '## 时间线');
  lines.push('');
  lines.push('```mermaid');
  lines.push('gantt');
  lines.push(`    title ${task(audit.incident.id)}`);
  lines.push('    dateFormat YYYY-MM-DDTHH:mm');
  lines.push('    axisFormat %m-%d %H:%M');
  lines.push(en ? '    section Levels' : '    section 级别');
  for (const l of audit.levels) lines.push(`    ${task(`${l.id} ${l.name}`)} :${l.source === 'judgement' ? 'active, ' : ''}${local(l.from)}, ${local(l.to ?? audit.now)}`);
  lines.push(en ? '    section Duties with a deadline' : '    section 有时限的义务');
  for (const o of audit.obligations.filter((x) => x.dueAt !== null)) {
    const end = o.doneAt ?? (o.status === 'overdue' || o.status === 'late' ? audit.now : (o.dueAt as string));
    // Hard breaches stand out (crit); soft lateness is marked apart (active).
    const tag = o.status === 'late' || (o.status === 'met-late' && o.soft === true && !pastLatest(o)) ? 'active, ' : o.status === 'overdue' || o.status === 'met-late' ? 'crit, ' : o.status === 'met' ? 'done, ' : '';
    lines.push(`    ${task(o.title)} :${tag}${local(o.arisenAt)}, ${local(end < o.arisenAt ? o.arisenAt : end)}`);
  }
  const events = audit.events.filter((e) => !e.ignored);
  if (events.length > 0) {
    lines.push(en ? '    section Events' : '    section 事件');
    for (const e of events) lines.push(`    ${task(`${e.type}${e.to ? ` ${e.to}` : ''}`)} :milestone, ${local(e.at)}, 0m`);
  }
  lines.push('```');
  return `${lines.join('\n')}\n`;
}
