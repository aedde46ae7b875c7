import type { CompiledObligation, CompiledPlan } from '../plans/compile.js';
import type { LevelInForce, ObligationInstance } from './ledger.js';

/** Whether an instance of a duty missed its deadline by `now`: the deadline passed while it still applied, and it was not done by then (also when done late later). */
export function missedDeadline(instance: ObligationInstance, now: number): boolean {
  const due = instance.dueAt;
  if (due === null || due > now) return false;
  // A duty that stopped applying before its deadline was never breached.
  return (instance.closedAt ?? Infinity) > due && (instance.doneAt ?? Infinity) > due;
}

/** The index of the state in force at `t`: the last one at or before it (a deadline before discovery, counted from occurrence, reads the first). */
export function stateIndexAt(levels: readonly LevelInForce[], t: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((levels[mid] as LevelInForce).state.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(lo - 1, 0);
}

/**
 * Raises the duties triggered by a breach (`on: "breach"`, docs/workflow.md) once every other deadline is
 * final: for each instance of the duty named in `of` that missed its deadline by `now`, `arise` is asked for
 * one instance arising at that deadline (it returns null when the duty's `when` does not hold then). A duty
 * raised by the breach of another such duty comes after it (validate-breach.ts refused cycles). Returns the
 * instances raised, in the order they arose for each duty.
 */
export function raiseBreaches(
  plan: CompiledPlan,
  instances: readonly ObligationInstance[],
  now: number,
  arise: (compiled: CompiledObligation, missed: ObligationInstance) => ObligationInstance | null,
): ObligationInstance[] {
  const raised: ObligationInstance[] = [];
  let waiting = plan.obligations.filter((o) => o.rule.on === 'breach');
  const pending = (id: string): boolean => waiting.some((o) => o.rule.id === id);
  while (waiting.length > 0) {
    // The duties whose named duty is settled: not itself waiting to be raised.
    const ready = waiting.filter((o) => !pending(o.rule.of as string));
    waiting = waiting.filter((o) => pending(o.rule.of as string));
    for (const compiled of ready) {
      const missed = [...instances, ...raised].filter((x) => x.compiled.rule.id === compiled.rule.of && missedDeadline(x, now)).sort((a, b) => (a.dueAt as number) - (b.dueAt as number));
      for (const x of missed) {
        const instance = arise(compiled, x);
        if (instance !== null) raised.push(instance);
      }
    }
  }
  return raised;
}
