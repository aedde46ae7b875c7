// A duty's deadline as a form shows it (a number and a unit, 第一时间, none) and back to the plan's fields.

/** The units the form offers; `workingDays` is whole days on the official calendar (the plan's `workingDays`). */
export type DeadlineUnit = 'minutes' | 'hours' | 'days' | 'workingDays';

export const DEADLINE_UNITS: readonly { unit: DeadlineUnit; label: string }[] = [
  { unit: 'minutes', label: '分钟' },
  { unit: 'hours', label: '小时' },
  { unit: 'days', label: '天' },
  { unit: 'workingDays', label: '工作日' },
];

/**
 * A deadline as the form edits it: an offset (the amount as typed, so that a bad one reaches the
 * library's check as written), 第一时间 (`immediate`), or none. `other` is an offset the form cannot
 * write as one number and unit (P1M, P1DT12H): shown as written, kept unless replaced. `continuous`
 * (持续至平息) is not a deadline the form changes.
 */
export type Deadline =
  | { kind: 'offset'; amount: string; unit: DeadlineUnit }
  | { kind: 'immediate' }
  | { kind: 'none' }
  | { kind: 'other'; offset: string }
  | { kind: 'continuous' };

/** The deadline fields of a duty rule, as the resolved plan holds them. */
export interface DeadlineFields {
  offset?: string | null | undefined;
  immediate?: boolean | undefined;
  workingDays?: boolean | undefined;
  continuous?: boolean | undefined;
}

/** A duty's deadline in the form's terms: PT30M is 30 分钟, PT1H30M 90 分钟, P2D 2 天 (2 工作日 with workingDays), P1W 7 天. */
export function deadlineOf(rule: DeadlineFields): Deadline {
  if (rule.continuous) return { kind: 'continuous' };
  const offset = rule.offset ?? null;
  if (offset === null) return rule.immediate ? { kind: 'immediate' } : { kind: 'none' };
  const time = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(offset);
  if (time && offset !== 'PT') {
    const hours = Number(time[1] ?? 0);
    const minutes = Number(time[2] ?? 0);
    if (time[2] === undefined) return { kind: 'offset', amount: String(hours), unit: 'hours' };
    return { kind: 'offset', amount: String(hours * 60 + minutes), unit: 'minutes' };
  }
  const date = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(offset);
  if (date && offset !== 'P') {
    const days = Number(date[1] ?? 0) * 7 + Number(date[2] ?? 0);
    return { kind: 'offset', amount: String(days), unit: rule.workingDays ? 'workingDays' : 'days' };
  }
  return { kind: 'other', offset };
}

/** The ISO 8601 duration of an amount in a unit, the amount as typed (trimmed): 30 分钟 is PT30M, 2 工作日 P2D. */
export function durationOf(amount: string, unit: DeadlineUnit): string {
  const n = amount.trim();
  if (unit === 'minutes') return `PT${n}M`;
  if (unit === 'hours') return `PT${n}H`;
  return `P${n}D`;
}

/**
 * The fields of a duty rule that give it this deadline, `null` for a field to take out (the plan's
 * default then applies: no offset, not immediate, calendar days). `other` keeps the offset as written.
 */
export function deadlineFields(deadline: Exclude<Deadline, { kind: 'continuous' }>): Record<'offset' | 'immediate' | 'workingDays', string | boolean | null> {
  switch (deadline.kind) {
    case 'immediate':
      return { offset: null, immediate: true, workingDays: null };
    case 'none':
      return { offset: null, immediate: null, workingDays: null };
    case 'other':
      return { offset: deadline.offset, immediate: null, workingDays: null };
    case 'offset':
      return { offset: durationOf(deadline.amount, deadline.unit), immediate: null, workingDays: deadline.unit === 'workingDays' ? true : null };
  }
}

/** A deadline in words: 30 分钟, 2 工作日, 第一时间, 无固定时限, 持续至平息. */
export function deadlineText(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'immediate':
      return '第一时间';
    case 'none':
      return '无固定时限';
    case 'continuous':
      return '持续至平息';
    case 'other':
      return deadline.offset;
    case 'offset':
      return `${deadline.amount} ${DEADLINE_UNITS.find((u) => u.unit === deadline.unit)!.label}`;
  }
}
