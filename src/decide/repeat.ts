import type { CompiledPlan } from '../plans/compile.js';
import type { ObligationInstance } from './ledger.js';

/**
 * Raises the later instances of the duties that repeat inside an incident (`every`, 每日续报, docs/clocks.md) once
 * every other deadline is final: after each instance of such a duty whose deadline passed by `now` while it still
 * applied, `next` is asked for the following instance, arising at that deadline (it returns null when the duty
 * does not apply then). Stops at `now`. Returns the instances raised, in the order they arose for each duty.
 */
export function raiseRepeats(
  plan: CompiledPlan,
  instances: readonly ObligationInstance[],
  now: number,
  next: (previous: ObligationInstance) => ObligationInstance | null,
): ObligationInstance[] {
  const raised: ObligationInstance[] = [];
  const repeating = new Set(plan.obligations.filter((o) => o.rule.every !== undefined).map((o) => o.index));
  if (repeating.size === 0) return raised;
  for (const first of instances.filter((x) => repeating.has(x.compiled.index))) {
    let previous: ObligationInstance | null = first;
    // Each instance leads to the next while its deadline has passed and it still applied then.
    while (previous.dueAt !== null && previous.dueAt <= now && (previous.closedAt ?? Infinity) > previous.dueAt) {
      previous = next(previous);
      if (previous === null) break;
      raised.push(previous);
    }
  }
  return raised;
}
