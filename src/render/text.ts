import type { ObligationStatus } from '../model/decision.js';
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
