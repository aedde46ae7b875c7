// A duty's deadline as a plan file states it, in Chinese words: `发现后 30 分钟内`, `5 个工作日内`, `第一时间`.

/** The parts of an obligation rule that say when it is due (plan.definition.obligations[i]). */
export interface DeadlineRule {
  immediate?: boolean;
  continuous?: boolean;
  until?: 'subsided' | 'ended';
  offset?: string | null;
  anchor?: string | { event: string } | { done: string };
  workingDays?: boolean;
  soft?: boolean;
  latest?: string;
  every?: string;
  after?: readonly string[];
}

const UNITS: [RegExp, string][] = [
  [/(\d+(?:[.,]\d+)?)Y/, '年'],
  [/(\d+(?:[.,]\d+)?)M/, '个月'],
  [/(\d+(?:[.,]\d+)?)W/, '周'],
  [/(\d+(?:[.,]\d+)?)D/, '天'],
];
const TIME_UNITS: [RegExp, string][] = [
  [/(\d+(?:[.,]\d+)?)H/, '小时'],
  [/(\d+(?:[.,]\d+)?)M/, '分钟'],
  [/(\d+(?:[.,]\d+)?)S/, '秒'],
];

/**
 * An ISO 8601 duration in Chinese words: `PT30M` → `30 分钟`, `P1DT2H` → `1 天 2 小时`, `P5D` with working
 * days → `5 个工作日`. Text that is not a duration is returned as it is.
 */
export function durationWords(duration: string, workingDays = false): string {
  const m = /^P(?!$)([^T]*)(?:T(?=.)(.*))?$/.exec(duration);
  if (m === null) return duration;
  const [date = '', time = ''] = [m[1], m[2]];
  const parts: string[] = [];
  let consumed = '';
  for (const [pattern, unit] of UNITS) {
    const hit = pattern.exec(date);
    if (hit) {
      consumed += hit[0];
      parts.push(`${hit[1]!.replace(',', '.')} ${unit === '天' && workingDays ? '个工作日' : unit}`);
    }
  }
  if (consumed.length !== date.length) return duration;
  consumed = '';
  for (const [pattern, unit] of TIME_UNITS) {
    const hit = pattern.exec(time);
    if (hit) {
      consumed += hit[0];
      parts.push(`${hit[1]!.replace(',', '.')} ${unit}`);
    }
  }
  if (consumed.length !== time.length || parts.length === 0) return duration;
  return parts.join(' ');
}

/** Where a clock starts, as a prefix: 发生后, 发现后, 定级后, 「核实情况」后 …; '' when it starts as the duty arises. */
export function anchorWords(anchor: DeadlineRule['anchor'], after: readonly string[] | undefined, stepName: (id: string) => string = (id) => id): string {
  if (anchor === 'occurredAt') return '发生后';
  if (anchor === 'discoveredAt') return '发现后';
  if (anchor === 'levelSet') return '定级后';
  if (anchor !== undefined && typeof anchor === 'object') {
    if ('event' in anchor) return `「${stepName(anchor.event)}」后`;
    return `「${anchor.done}」完成后`;
  }
  if (after !== undefined && after.length > 0) return '前序事项完成后';
  return '';
}

/** The deadline of an obligation rule in words, as a policy office reads it in its plan. */
export function deadlineWords(rule: DeadlineRule, stepName?: (id: string) => string): string {
  if (rule.continuous === true) return rule.until === 'ended' ? '持续至应急结束' : rule.until === 'subsided' ? '持续至平息' : '持续';
  if (rule.immediate === true) return '第一时间';
  if (rule.offset === null || rule.offset === undefined || rule.offset === '') return '无固定时限';
  const prefix = anchorWords(rule.anchor, rule.after, stepName);
  let words = `${prefix}${prefix === '' ? '' : ' '}${durationWords(rule.offset, rule.workingDays === true)}内`;
  if (rule.soft === true) words = `原则上 ${words}`;
  if (rule.latest !== undefined) words += `，最迟 ${durationWords(rule.latest, rule.workingDays === true)}内`;
  if (rule.every !== undefined) words += `，此后每 ${durationWords(rule.every)}一次`;
  return words;
}
