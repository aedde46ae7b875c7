import type { Lang } from '../i18n/lang.js';
import { readLangOption } from '../decide/options.js';
import { ObligationSchema, ObligationStatusSchema, type Obligation, type ObligationStatus } from '../model/decision.js';
import { checkData, invalidArgument } from './argument.js';
import { dueWords, statusWords } from './text.js';

/** The option `lang` of a rendering function: PlanError naming it (as for the function's other arguments) when it is neither "zh" nor "en". */
export const renderLang = (options: unknown): Lang => readLangOption(options, (issue) => invalidArgument([issue]));

/**
 * When an obligation is due, in the words renderDecision uses: `03-02 20:00 前`, `原则上 03-02 20:00 前，最迟 03-03 09:00 前`,
 * `第一时间`, `无固定时限`, `持续至平息`, `持续至应急结束`, `待起算` …; English with `lang: 'en'` (`by 03-02 20:00`, `at once` …).
 * Throws PlanError naming `obligation` for anything but an obligation of a decision.
 */
export function dueText(obligation: Obligation, options?: { lang?: Lang }): string {
  const lang = renderLang(options);
  checkData(ObligationSchema, obligation, 'obligation');
  return dueWords(obligation, lang);
}

/** An obligation's status in the words renderDecision uses (`待办`, `已超时`, `按时完成` …; en: `pending`, `overdue`, `met` …); PlanError naming `status` for anything else. */
export function statusText(status: ObligationStatus, options?: { lang?: Lang }): string {
  const lang = renderLang(options);
  checkData(ObligationStatusSchema, status, 'status');
  return statusWords(status, lang);
}
