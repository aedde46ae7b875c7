import { say, type Lang } from '../i18n/lang.js';
import type { Duration } from 'date-fns';
import type { ObligationRule } from '../model/plan.js';
import { addDuration, parseDuration } from '../time/duration.js';
import { addWorkingDays, CalendarRangeError, type WorkingCalendar } from '../time/working-days.js';
import type { Timeline } from './timeline.js';

/** What a duty's clock waits for before it starts (docs/clocks.md): an event of a step, or another duty done. */
export type ClockWait = { event: string } | { done: string };

/** An `extended` event of the incident, up to `now`: which obligation (its id as output, e.g. `reply#2`), by how much. */
export interface ExtensionRecord {
  obligation: string;
  at: number;
  /** An ISO 8601 duration (parseIncident checked it): whole days when the duty's extension counts working days. */
  duration: string;
  /** Who granted it (the event's `by`), or nobody named. */
  by: readonly string[];
  /** The event's index in the incident. */
  index: number;
}

/** A warning about the clocks, for the decision's warnings. */
export interface ClockWarning {
  code: string;
  message: string;
  path: (string | number)[];
}

/**
 * Where the clock of a duty anchored at a moment of the incident starts (not at an event or another duty):
 * occurrence (for a duty there from discovery, or with `clock: keep` whenever it arises), discovery (with
 * `keep`; otherwise, as states never precede discovery, when the duty arises), the level in force taking
 * effect (`levelSet`), or when the duty arose (`arisen`, or `from` the change that brought it back).
 */
export function fixedAnchor(rule: ObligationRule, timeline: Timeline, from: number, initial: boolean, levelSince: number): number {
  const keep = rule.clock === 'keep';
  if (rule.anchor === 'occurredAt' && (initial || keep)) return timeline.occurredAt;
  if (rule.anchor === 'discoveredAt' && keep) return timeline.discoveredAt;
  if (rule.anchor === 'levelSet') return levelSince;
  return from;
}

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** Two durations added unit by unit. */
function sum(a: Duration, b: Duration): Duration {
  const out: Duration = {};
  for (const unit of UNITS) {
    const n = (a[unit] ?? 0) + (b[unit] ?? 0);
    if (n > 0) out[unit] = n;
  }
  return out;
}

/** A duration as ISO 8601 text (`P2D`, `PT36H`, `P1DT2H`); null when it is empty. */
export function durationText(duration: Duration): string | null {
  const part = (unit: (typeof UNITS)[number], letter: string): string => (duration[unit] ? `${duration[unit]}${letter}` : '');
  const date = `${part('years', 'Y')}${part('months', 'M')}${part('weeks', 'W')}${part('days', 'D')}`;
  const time = `${part('hours', 'H')}${part('minutes', 'M')}${part('seconds', 'S')}`;
  return date === '' && time === '' ? null : `P${date}${time ? `T${time}` : ''}`;
}

/**
 * A deadline moved by the `extended` events recorded for a duty (in time order): each counts only when
 * recorded before the deadline as extended so far (else `extension-too-late`), and all of them together
 * at most the plan's `extension.max` (the excess is dropped: `extension-capped`); for a duty whose plan
 * allows none, `extension-not-allowed`. The hard limit after a soft deadline (`baseLatest`) moves by the same amount. With `warn` null nothing is reported. A duty without a deadline
 * yet (its clock waits) is not extended. `outsideCalendar`: the year a working-day extension reaches that
 * the calendar lacks (then no deadline).
 */
export function extendDeadline(
  rule: ObligationRule,
  id: string,
  base: number | null,
  events: readonly ExtensionRecord[],
  timeZone: string,
  calendar: WorkingCalendar,
  warn: ((warning: ClockWarning) => void) | null,
  baseLatest: number | null = null,
  lang: Lang = 'zh',
): { dueAt: number | null; latestAt: number | null; extendedBy: string | null; outsideCalendar: number | null } {
  const extension = rule.extension;
  if (extension === undefined) {
    for (const event of events) {
      warn?.({ code: 'extension-not-allowed', path: ['events', event.index], message: say(lang, `预案不允许延长“${id}”（义务“${rule.id}”未设 "extension"）；时限不变`, `the plan allows no extension of "${id}" (no "extension" on obligation "${rule.id}"); the deadline stays`) });
    }
    return { dueAt: base, latestAt: baseLatest, extendedBy: null, outsideCalendar: null };
  }
  if (base === null) return { dueAt: null, latestAt: null, extendedBy: null, outsideCalendar: null };
  // validate-clocks.ts checked `max`; parseIncident checked each event's duration.
  const max = parseDuration(extension.max) as Duration;
  let due = base;
  // The hard limit after a soft deadline (`latest`) moves by the same amount, in the same units.
  let latest = baseLatest;
  let total: Duration = {};
  try {
    for (const event of events) {
      const path = ['events', event.index];
      if (extension.approvedBy !== undefined && !event.by.some((by) => extension.approvedBy!.includes(by))) {
        warn?.({ code: 'extension-not-authorised', path, message: say(lang, `“${id}”的延期须由${extension.approvedBy.map((by) => `“${by}”`).join('或')}批准；此事件的 "by" 不含其中任何一个，延期不予计入`, `an extension of "${id}" is granted by ${extension.approvedBy.map((by) => `"${by}"`).join(' or ')}; this event's "by" names none of them, so it is not applied`) });
        continue;
      }
      if (event.at >= due) {
        warn?.({ code: 'extension-too-late', path, message: say(lang, `记录此延期时“${id}”已到期；延期不予计入`, `"${id}" was already due when this extension was recorded; it is not applied`) });
        continue;
      }
      const wanted = sum(total, parseDuration(event.duration) as Duration);
      // Working days: whole days on both sides (validate-clocks.ts, parseIncident).
      const over = extension.workingDays ? (wanted.days as number) > (max.days as number) : addDuration(base, wanted, timeZone) > addDuration(base, max, timeZone);
      if (over) warn?.({ code: 'extension-capped', path, message: say(lang, `“${id}”的延期合计最多 ${extension.max}${extension.workingDays ? '（工作日）' : ''}；超出部分不予计入`, `extensions of "${id}" may add at most ${extension.max}${extension.workingDays ? ' working days' : ''} in all; the excess is not applied`) });
      total = over ? { ...max } : wanted;
      // A working-day deadline is the start of the day after its last working day: counting from the moment before it counts from that day.
      const shift = (from: number): number => (extension.workingDays ? addWorkingDays(from - 1, total.days as number, timeZone, calendar) : addDuration(from, total, timeZone));
      due = shift(base);
      if (baseLatest !== null) latest = shift(baseLatest);
    }
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    // Never a guess: the duty has no deadline until the calendar covers the year (the outside-calendar warning says so).
    return { dueAt: null, latestAt: null, extendedBy: durationText(total), outsideCalendar: error.year };
  }
  return { dueAt: due, latestAt: latest, extendedBy: durationText(total), outsideCalendar: null };
}
