import type { Obligation, ObligationStatus } from '../model/decision.js';
import { say, type Lang } from '../i18n/lang.js';
import type { Basis } from '../model/plan.js';

/** Obligation statuses in Chinese, for people. */
export const STATUS_ZH: Record<ObligationStatus, string> = {
  pending: '待办',
  overdue: '已超时',
  met: '按时完成',
  'met-late': '超时完成',
  'not-applicable': '不再适用',
  late: '已过原则性时限',
};

/** Obligation statuses in English. */
export const STATUS_EN: Record<ObligationStatus, string> = {
  pending: 'pending',
  overdue: 'overdue',
  met: 'met',
  'met-late': 'met late',
  'not-applicable': 'no longer applies',
  late: 'past its soft deadline',
};

/** An obligation's status as people read it: `待办`, `已超时` …; en: `pending`, `overdue` … (statusText checks its arguments). */
export function statusWords(status: ObligationStatus, lang: Lang): string {
  return (lang === 'en' ? STATUS_EN : STATUS_ZH)[status];
}

/**
 * When an obligation is due, as renderDecision writes it: `03-02 20:00 前` (a soft one `原则上 03-02 20:00 前`,
 * with its hard limit `，最迟 03-03 09:00 前` and any extension `（已延长 PT12H）`), `待起算` while its clock
 * waits, `持续至平息` / `持续至应急结束` / `持续`, `第一时间`, or `无固定时限`; in English for `en` (dueText checks its arguments).
 */
export function dueWords(o: Obligation, lang: Lang): string {
  if (o.dueAt !== null) {
    if (lang === 'en') return `${o.soft === true ? 'in principle ' : ''}by ${short(o.dueAt)}${o.latestAt ? `, at the latest by ${short(o.latestAt)}` : ''}${o.extendedBy !== undefined ? ` (extended by ${o.extendedBy})` : ''}`;
    return `${o.soft === true ? '原则上 ' : ''}${short(o.dueAt)} 前${o.latestAt ? `，最迟 ${short(o.latestAt)} 前` : ''}${o.extendedBy !== undefined ? `（已延长 ${o.extendedBy}）` : ''}`;
  }
  if (o.waitingFor !== undefined) return say(lang, '待起算', 'clock not started');
  if (o.kind === 'continuous') return o.until === 'ended' ? say(lang, '持续至应急结束', 'until the emergency ends') : o.until === 'subsided' ? say(lang, '持续至平息', 'until it subsides') : say(lang, '持续', 'continuous');
  if (o.kind === 'immediate') return say(lang, '第一时间', 'at once');
  return say(lang, '无固定时限', 'no fixed deadline');
}

/** How a duty toward an outside body is made, in Chinese. */
export const MODE_ZH = { report: '上报', request: '请示', file: '备案', invite: '邀请指导' } as const;

/** `2026-03-02T09:30:00+08:00` → `03-02 09:30`; null → `—`. */
export function short(timestamp: string | null): string {
  if (timestamp === null) return '—';
  const match = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(timestamp);
  return match ? `${match[1]}-${match[2]} ${match[3]}:${match[4]}` : timestamp;
}

/** A clause as cited: `002 篇三 三 第三步`, or in a plan's own document `国办发〔2016〕80号 三` (its number, else its title). */
export function cite(basis: Pick<Basis, 'seed' | 'section' | 'clause' | 'document' | 'number'>): string {
  const source = basis.seed ?? basis.number ?? (basis.document === undefined ? undefined : `《${basis.document}》`);
  return `${source === undefined ? '' : `${source}${basis.section ? ` ${basis.section}` : ''} `}${basis.clause}`;
}

/** Text safe inside a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Line breaks (CR, LF, tab, VT, FF, NEL, line and paragraph separators): each becomes a space. */
const BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** C0 and C1 control characters (escape sequences start with one), DEL, and the bidirectional controls (ALM, LRM, RLM, embeddings, overrides, isolates). */
// eslint-disable-next-line no-control-regex -- control characters are what this removes.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text on one line with every control character removed: line breaks become spaces, C0/C1 controls and bidi controls go. */
export function oneLine(text: string): string {
  return String(text).replace(BREAKS, ' ').replace(CONTROLS, '');
}

/** What starts a GFM autolink: the colon of `scheme:/` and of `mailto:` / `xmpp:`, the dot of `www.`, and every `@`. */
const AUTOLINKS = /(?<=[a-z]):(?=\/)|(?<=(?:mailto|xmpp)):|(?<=www)\.|@/gi;

/**
 * Text from a plan or an incident, safe inside Markdown and HTML: on one line without control characters
 * (`oneLine`), `&` `<` `>` as HTML entities, and `\` `` ` `` `*` `_` `[` `]` `~` `|` escaped with a
 * backslash, so no tag, link, image, emphasis, code span or table cell can start in it; the characters
 * that start a GFM autolink (`https\://`, `mailto\:`, `www\.`, `\@`) are escaped too, so no bare URL,
 * host or e-mail address becomes a link. Chinese text and ordinary punctuation pass unchanged.
 */
export function inline(text: string): string {
  return oneLine(text)
    .replace(/[&<>]/g, (c) => ENTITIES[c] as string)
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    .replace(AUTOLINKS, '\\$&');
}
