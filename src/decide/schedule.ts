import { IncidentError, PlanError } from '../model/errors.js';
import type { Basis } from '../model/plan.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { periodOf } from '../time/period.js';
import { readLangOption, readTimeOption } from './options.js';
import { inLanguage } from '../i18n/errors.js';
import type { Lang } from '../i18n/lang.js';

/** One period of a recurring duty: the period starts at `periodStart` and the duty is due when it ends. */
export interface ScheduledDuty {
  id: string;
  step: string;
  title: string;
  responsible: { id: string; name: string };
  to?: { id: string; name: string };
  periodStart: string;
  dueAt: string;
  basis: Basis;
}

export const MAX_SCHEDULE_ENTRIES = 10_000;

/**
 * The recurring duties (monthly analysis, daily and zero reports, monthly checks …) of every period that
 * starts in [from, to), each due when its period ends, in the plan's time zone; soonest first.
 */
export function schedule(plan: Plan, options: { from: string | Date; to: string | Date; lang?: Lang }): ScheduledDuty[] {
  const lang = readLangOption(options);
  // Errors are Chinese as made; in English they are worded again on the way out.
  return lang === 'en' ? inLanguage(lang, () => scheduleOf(plan, options)) : scheduleOf(plan, options);
}

/** The schedule once the language is known. */
function scheduleOf(plan: Plan, options: { from: string | Date; to: string | Date }): ScheduledDuty[] {
  const compiled = compiledOf(plan);
  const from = readTimeOption(options, 'from');
  const to = readTimeOption(options, 'to');
  if (to < from) {
    throw new IncidentError([{ path: ['to'], code: 'invalid_range', message: '"to" is before "from"', received: options.to, expected: `a time at or after ${String(options.from)}` }], 'INVALID_OPTION', 'Invalid option');
  }
  // The canonical name: time-zone caches hold one entry per zone, not one per spelling.
  const tz = compiled.timeZone;
  const party = (id: string) => ({ id, name: compiled.parties.get(id)?.name ?? id });
  const out: (ScheduledDuty & { ms: number })[] = [];
  plan.definition.recurring.forEach((duty, order) => {
    const period = periodOf(duty.every);
    if (!period) {
      throw new PlanError([{ path: ['recurring', order, 'every'], code: 'unsupported_period', message: 'not a calendar period', received: duty.every, expected: 'P1D, P1W, P1M, P2M, P3M, P4M, P6M or P1Y' }], 'UNSUPPORTED');
    }
    let start = period.start(from, tz);
    if (start < from) start = period.next(start, tz);
    while (start < to) {
      if (out.length >= MAX_SCHEDULE_ENTRIES) {
        throw new IncidentError([{ path: ['to'], code: 'too_big', message: `the range holds more than ${MAX_SCHEDULE_ENTRIES} periods`, received: options.to, expected: 'a shorter range' }], 'INVALID_OPTION', 'Invalid option');
      }
      const end = period.next(start, tz);
      out.push({
        id: duty.id,
        step: duty.step,
        title: duty.title,
        responsible: party(duty.responsible),
        ...(duty.to !== undefined ? { to: party(duty.to) } : {}),
        periodStart: compiled.format(start),
        dueAt: compiled.format(end),
        basis: { ...duty.basis },
        ms: end,
      });
      start = end;
    }
  });
  // Entries are pushed in plan order and the sort is stable: equal due times stay in plan order.
  return out.sort((a, b) => a.ms - b.ms).map(({ ms: _ms, ...entry }) => entry);
}
