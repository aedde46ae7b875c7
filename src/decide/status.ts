import type { ObligationStatus } from '../model/decision.js';

/** What the ledger knows of one obligation, as far as its status needs. */
export interface StatusInput {
  dueAt: number | null;
  doneAt: number | null;
  closedReason: string | null;
  continuous: boolean;
}

/**
 * The status of an obligation at `now`. Done at or before `dueAt` is met; not done when `now` reaches `dueAt` is overdue.
 * @example status({ dueAt: 10, doneAt: 10, closedReason: null, continuous: false }, 12) // 'met'
 */
export function statusAt(input: StatusInput, now: number): ObligationStatus {
  if (input.doneAt !== null) return input.dueAt === null || input.doneAt <= input.dueAt ? 'met' : 'met-late';
  if (input.closedReason !== null) return 'not-applicable';
  if (input.continuous || input.dueAt === null) return 'pending';
  return now >= input.dueAt ? 'overdue' : 'pending';
}
