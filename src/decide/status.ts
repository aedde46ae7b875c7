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
  return statusOf(input.dueAt, input.doneAt, input.closedReason, input.continuous, input.soft, input.latestAt, now);
}

/** statusAt with the fields as arguments: no object made for each duty of each decision. */
export function statusOf(dueAt: number | null, doneAt: number | null, closedReason: string | null, continuous: boolean, soft: boolean | undefined, latestAt: number | null | undefined, now: number): ObligationStatus {
  if (doneAt !== null) return dueAt === null || doneAt <= dueAt ? 'met' : 'met-late';
  if (closedReason !== null) return 'not-applicable';
  if (continuous || dueAt === null || now < dueAt) return 'pending';
  return soft === true && (latestAt == null || now < latestAt) ? 'late' : 'overdue';
}
