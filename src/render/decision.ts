import { DecisionSchema, type Decision, type Obligation } from '../model/decision.js';
import { say, type Lang } from '../i18n/lang.js';
import { checkData } from './argument.js';
import { cite, dueWords, inline as md, MODE_ZH, short, statusWords } from './text.js';
import { renderLang } from './words.js';

/** When a duty is due (dueText's words), safe as Markdown. */
const when = (o: Obligation, lang: Lang): string => md(dueWords(o, lang));

/** When a recipient is still owed something: the earliest deadline among its duties not yet done, or 第一时间 when none of them has one. */
function notifyDue(entry: Decision['notify'][number], byId: ReadonlyMap<string, Obligation>, lang: Lang): string {
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
  if (due === null) {
    if (waiting) return say(lang, '待起算（计时起点尚未发生）', 'clock not started (its starting moment has not come)');
    return blocked ? say(lang, '待前序事项完成', 'waiting for earlier duties') : say(lang, '第一时间（预案未定时限）', 'at once (the plan sets no deadline)');
  }
  return say(lang, `${md(short(due))} 前`, `by ${md(short(due))}`);
}

/** How the level in force was reached, in words. */
const SOURCE_ZH = { criteria: '按分级标准', judgement: '研判定级', ungraded: '尚未定级' } as const;
const SOURCE_EN = { criteria: 'by the criteria', judgement: 'graded by judgement', ungraded: 'not yet graded' } as const;

/** The headings and fixed words of the text, by language. */
const WORDS = {
  zh: {
    head: (plan: string, version: string, incident: string, now: string) => `预案：${plan}（版本 ${version}）　舆情：${incident}　时间：${now}`,
    level: (level: string, source: string, raised: string, since: string) => `级别：${level}（${source}${raised}，自 ${since} 起）`,
    raised: (from: string, rule: string) => `，由 ${from} 上调（规则 ${rule}）`,
    lead: '牵头：',
    note: '——',
    consult: (names: string) => `会商：听取 ${names} 的会商措施`,
    approve: '通稿审核：',
    notify: '对外报告：',
    noNotify: '  （本级别无须向外部单位报告）',
    notifyDone: (at: string) => `已办结（${at} 完成）`,
    next: '下一步：',
    noNext: '  （无待办事项）',
    done: '已办结或不再适用：',
    doneAt: (at: string) => `（${at} 完成）`,
    warnings: '提示：',
    review: '下次复核：',
    noReview: '无（时间推移不会改变结论）',
    basis: '依据：',
    sep: '、',
    gap: '　',
    open: '（',
    close: '）',
    dash: '　— ',
  },
  en: {
    head: (plan: string, version: string, incident: string, now: string) => `Plan: ${plan} (version ${version})  Incident: ${incident}  Time: ${now}`,
    level: (level: string, source: string, raised: string, since: string) => `Level: ${level} (${source}${raised}, since ${since})`,
    raised: (from: string, rule: string) => `, raised from ${from} (rule ${rule})`,
    lead: 'Lead: ',
    note: ' — ',
    consult: (names: string) => `Consult: hear the measures of ${names}`,
    approve: 'Statement approved by: ',
    notify: 'Notify outside:',
    noNotify: '  (nothing to report outside at this level)',
    notifyDone: (at: string) => `done (at ${at})`,
    next: 'Next:',
    noNext: '  (nothing to do)',
    done: 'Done or no longer applicable:',
    doneAt: (at: string) => ` (done at ${at})`,
    warnings: 'Warnings:',
    review: 'Next review: ',
    noReview: 'none (the passing of time changes nothing)',
    basis: 'Basis:',
    sep: ', ',
    gap: '  ',
    open: ' (',
    close: ')',
    dash: '  — ',
  },
} as const;

/** How a duty toward an outside body is made, in English. */
const MODE_EN = { report: 'report to', request: 'request approval from', file: 'file with', invite: 'invite guidance from' } as const;

/**
 * A decision as readable text, in Chinese (English with `lang: 'en'`; plan data stays the plan's own): level,
 * lead, whom to notify, what to do next, and each duty's basis. Due times and statuses are dueText's and statusText's.
 *
 * Safe to show as Markdown or HTML: every string that comes from the plan or the incident (ids, version,
 * level and party names, notes, titles, clauses, reasons, warnings, explanations, timestamps) is written
 * through `inline` (src/render/text.ts): line breaks become spaces; C0/C1 control characters (so terminal
 * escape sequences) and the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 are removed;
 * `&` `<` `>` become HTML entities; `\` `` ` `` `*` `_` `[` `]` `~` `|` are escaped with a backslash, and so
 * are the `:` of `https://`, the `.` of `www.` and every `@` (no autolink). Chinese text passes unchanged.
 */
export function renderDecision(decision: Decision, options?: { lang?: Lang }): string {
  const lang = renderLang(options);
  // A decision of another shape, a Proxy or a revoked one: PlanError naming `decision`, not a TypeError halfway.
  checkData(DecisionSchema, decision, 'decision');
  const w = WORDS[lang];
  const modes = lang === 'en' ? MODE_EN : MODE_ZH;
  const lines: string[] = [];
  const level = decision.level;
  const names = (parties: readonly { name: string }[]): string => parties.map((p) => md(p.name)).join(w.sep);
  lines.push(w.head(md(decision.plan.id), md(decision.plan.version), md(decision.incident.id), md(decision.now)));
  lines.push(w.level(`${md(level.id)} ${md(level.name)}`, (lang === 'en' ? SOURCE_EN : SOURCE_ZH)[level.source], level.raised ? w.raised(md(level.raised.from), md(level.raised.rule)) : '', md(short(level.setAt))));
  lines.push(`${w.lead}${md(decision.lead.name)}${decision.lead.note ? `${w.note}${md(decision.lead.note)}` : ''}`);
  if (decision.escalation.consultWith.length > 0) lines.push(w.consult(names(decision.escalation.consultWith)));
  if (decision.escalation.approveStatement.length > 0) lines.push(`${w.approve}${names(decision.escalation.approveStatement)}`);
  lines.push('');
  lines.push(w.notify);
  if (decision.notify.length === 0) lines.push(w.noNotify);
  const byId = new Map(decision.obligations.map((o) => [o.id, o]));
  for (const n of decision.notify) {
    lines.push(`  · ${n.how.map((h) => modes[h]).join(w.sep)} ${md(n.name)}${w.gap}${n.done ? w.notifyDone(md(short(n.doneAt))) : notifyDue(n, byId, lang)}`);
  }
  lines.push('');
  lines.push(w.next);
  if (decision.next.length === 0) lines.push(w.noNext);
  decision.next.forEach((o, i) => {
    lines.push(`  ${i + 1}. [${statusWords(o.status, lang)}] ${when(o, lang)}${w.gap}${md(o.title)}${w.dash}${md(o.responsible.name)}${w.gap}${w.open.trim()}${md(cite(o.basis))}${w.close}${o.waitingFor !== undefined && o.reason !== undefined ? `${w.gap}${md(o.reason)}` : ''}`);
  });
  const done = decision.obligations.filter((o) => o.status !== 'pending' && o.status !== 'overdue' && o.status !== 'late');
  if (done.length > 0) {
    lines.push('');
    lines.push(w.done);
    for (const o of done) {
      lines.push(`  · [${statusWords(o.status, lang)}] ${md(o.title)}${o.doneAt ? w.doneAt(md(short(o.doneAt))) : ''}${o.reason ? `${w.open}${md(o.reason)}${w.close}` : ''}`);
    }
  }
  if (decision.warnings.length > 0) {
    lines.push('');
    lines.push(w.warnings);
    for (const warning of decision.warnings) lines.push(`  ! ${md(warning.message)}`);
  }
  lines.push('');
  lines.push(`${w.review}${decision.nextReviewAt === null ? w.noReview : md(decision.nextReviewAt)}`);
  lines.push('');
  lines.push(w.basis);
  for (const e of decision.explanation.filter((x) => x.subject === 'level' || x.subject === 'lead')) {
    lines.push(`  · ${md(e.text)}${e.basis ? `${w.open}${md(cite(e.basis))}${w.close}` : ''}`);
  }
  return lines.join('\n');
}
