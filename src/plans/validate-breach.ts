import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { oneOfNames as oneOf } from '../model/facts.js';

type Path = (string | number)[];

/**
 * Checks duties raised by a breach and strict order (docs/workflow.md): `of` only with `on: "breach"` and
 * required by it, naming another obligation with a deadline; no cycle of `of`; a breach duty waits for
 * nothing (`after`) and nothing waits for it (`after`, `anchor: { done }`), as it arises only once every
 * other deadline is settled; `strict` only with `after`.
 */
export function validateBreach(plan: PlanDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received: unknown, expected: string): void => {
    issues.push({ path, message, code: 'invalid_reference', received, expected });
  };
  const duties = new Map(plan.obligations.map((o) => [o.id, o]));
  const dutyIds = [...duties.keys()];
  const breach = (id: string): boolean => duties.get(id)?.on === 'breach';

  plan.obligations.forEach((o, i) => {
    const at = (...rest: (string | number)[]): Path => ['obligations', i, ...rest];
    if (o.strict !== undefined && o.after === undefined) add(at('strict'), '"strict" keeps the order of the duties named in "after"', o.strict, '"after" on this obligation');
    (o.after ?? []).forEach((id, j) => {
      if (breach(id)) add(at('after', j), 'a duty raised by a breach arises only once every deadline is settled: nothing waits for it', id, 'an obligation without "on": "breach"');
    });
    const anchor = o.anchor;
    if (typeof anchor === 'object' && 'done' in anchor && breach(anchor.done)) {
      add(at('anchor', 'done'), 'a duty raised by a breach arises only once every deadline is settled: no clock starts from it', anchor.done, 'an obligation without "on": "breach"');
    }
    if (o.on !== 'breach') {
      if (o.of !== undefined) add(at('of'), '"of" names the duty whose missed deadline raises this one', o.of, '"on": "breach" on this obligation');
      return;
    }
    if (o.after !== undefined) add(at('after'), 'a duty raised by a breach arises when the deadline is missed: it waits for nothing', o.after, 'no "after"');
    if (o.of === undefined) return add(at('of'), 'a duty raised by a breach names the duty whose missed deadline raises it', o.of, `"of": ${oneOf(dutyIds)}`);
    const target = duties.get(o.of);
    if (target === undefined) return add(at('of'), 'unknown obligation', o.of, oneOf(dutyIds));
    if (target.offset === null) return add(at('of'), 'a duty without a deadline is never missed', o.of, 'an obligation with an "offset"');
    // Each duty names one other: following the names from here comes back here on a cycle.
    const seen = new Set<string>([o.id]);
    for (let next: string | undefined = o.of; next !== undefined && duties.get(next)?.on === 'breach'; next = duties.get(next)!.of) {
      if (seen.has(next)) return add(at('of'), 'duties raised by breaches name each other in a cycle', o.of, 'no cycle of "of"');
      seen.add(next);
    }
  });
  return issues;
}
