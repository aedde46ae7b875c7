import type { ObligationStatus } from '../model/decision.js';
import type { Basis } from '../model/plan.js';

/** Obligation statuses in Chinese, for people. */
export const STATUS_ZH: Record<ObligationStatus, string> = {
  pending: '待办',
  overdue: '已超时',
  met: '按时完成',
  'met-late': '超时完成',
  'not-applicable': '不再适用',
};

/** How a duty toward an outside body is made, in Chinese. */
export const MODE_ZH = { report: '上报', request: '请示', file: '备案', invite: '邀请指导' } as const;

/** `2026-03-02T09:30:00+08:00` → `03-02 09:30`; null → `—`. */
export function short(timestamp: string | null): string {
  if (timestamp === null) return '—';
  const match = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(timestamp);
  return match ? `${match[1]}-${match[2]} ${match[3]}:${match[4]}` : timestamp;
}

/** A clause as cited: `002 篇三 三 第三步`. */
export function cite(basis: Pick<Basis, 'seed' | 'section' | 'clause'>): string {
  return `${basis.seed}${basis.section ? ` ${basis.section}` : ''} ${basis.clause}`;
}

/** Text safe inside a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
