import type { ObligationStatus } from '../model/decision.js';

/** What the ledger knows of one obligation, as far as its status needs. */
export interface StatusInput {
  dueAt: number | null;
  doneAt: number | null;
  closedReason: string | null;
  continuous: boolean;
  /** A soft deadline (原则上, 力争): past it and not done is `late`, not `overdue`. */
  soft?: boolean;
  /** The hard limit after a soft deadline (`latest`, 最迟不超过): from it, not done is `overdue`. */
  latestAt?: number | null;
}

/**
 * The status of an obligation at `now`. Done at or before `dueAt` is met; not done when `now` reaches `dueAt` is overdue
 * (late, for a soft deadline, until its hard limit `latestAt` if it has one).
 * @example status({ dueAt: 10, doneAt: 10, closedReason: null, continuous: false }, 12) // 'met'
 */
export function statusAt(input: StatusInput, now: number): ObligationStatus {
  if (input.doneAt !== null) return input.dueAt === null || input.doneAt <= input.dueAt ? 'met' : 'met-late';
  if (input.closedReason !== null) return 'not-applicable';
  if (input.continuous || input.dueAt === null || now < input.dueAt) return 'pending';
  return input.soft === true && (input.latestAt == null || now < input.latestAt) ? 'late' : 'overdue';
}
