import type { Lang } from '../i18n/lang.js';

/** Why a duty stopped applying (an obligation's `reason` when `not-applicable`), in each language: constants, so that the Chinese default costs no more than before. */
export const CLOSED_REASONS = {
  zh: { conditions: '适用条件已不成立', subsided: '舆情已平息，持续性工作结束', ended: '应急结束已批准，持续性工作结束' },
  en: { conditions: 'its conditions no longer hold', subsided: 'the incident has subsided: the continuous work ends', ended: 'the end of the emergency was approved: the continuous work ends' },
} as const;

/** Why a duty stopped applying when the level changed: `级别由 II 调整为 III 后不再适用`. */
export function levelChangedReason(from: string, to: string, lang: Lang): string {
  return lang === 'en' ? `the level changed from ${from} to ${to}` : `级别由 ${from} 调整为 ${to} 后不再适用`;
}

/** Why an overdue duty is no longer asked for: the level changed at `at` (a written moment) before it was done. */
export function lapsedReason(at: string, lang: Lang): string {
  return lang === 'en' ? `overdue and not done; no longer required since the level changed at ${at}` : `逾期未办；${at} 起级别调整后不再要求`;
}

/** Why a duty's clock has not started, with what it waits for (`waitText`, in the same language). */
export function waitingReason(wait: string, lang: Lang): string {
  return lang === 'en' ? `the clock has not started: ${wait}` : `计时起点尚未发生：${wait}`;
}

/** Why a working-day duty has no deadline: the calendar lacks the year, and how a host supplies it. */
export function outsideCalendarReason(year: number, lang: Lang): string {
  return lang === 'en'
    ? `the working-day calendar has no holiday schedule for ${year}, so no deadline can be computed; supply that year's data through loadPlan's calendar option or yuqing --calendar`
    : `工作日日历没有 ${year} 年的节假日安排，无法计算期限；可通过 loadPlan 的 calendar 选项或 yuqing --calendar 补充该年数据`;
}
