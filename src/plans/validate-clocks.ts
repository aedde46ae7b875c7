import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { STEP_IDS } from '../model/vocabulary.js';
import { MAX_DURATION_DAYS, parseDuration, roughDays } from '../time/duration.js';
import { oneOfNames as oneOf } from '../model/facts.js';

type Path = (string | number)[];

/**
 * Checks the clocks of a plan's obligations (docs/clocks.md): an `{ event }` anchor names a step the plan
 * knows (shared or declared), a `{ done }` anchor another obligation that can be done; `clock: keep` only on
 * a clock from occurrence or discovery; an anchor other than a moment of the incident, `keep`, `soft` and
 * `extension` only with an `offset`; `extension.max` a duration (whole days when it counts working days).
 * Cycles through `{ done }` anchors are refused with those through `after` (validate-workflow.ts).
 */
export function validateClocks(plan: PlanDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received: unknown, expected: string): void => {
    issues.push({ path, message, code: 'invalid_reference', received, expected });
  };
  const steps = [...STEP_IDS, ...(plan.steps ?? []).map((step) => step.id)];
  const stepSet = new Set<string>(steps);
  const duties = new Map(plan.obligations.map((o) => [o.id, o]));
  const dutyIds = [...duties.keys()];
  const roleIds = plan.roles.map((role) => role.id);
  const roleSet = new Set(roleIds);

  plan.obligations.forEach((o, i) => {
    const at = (...rest: (string | number)[]): Path => ['obligations', i, ...rest];
    const anchor = o.anchor;
    const dated = o.offset !== null;
    if (typeof anchor === 'object') {
      if ('event' in anchor) {
        if (!stepSet.has(anchor.event)) add(at('anchor', 'event'), 'unknown step', anchor.event, oneOf(steps));
      } else {
        const target = duties.get(anchor.done);
        if (target === undefined) add(at('anchor', 'done'), 'unknown obligation', anchor.done, oneOf(dutyIds));
        else if (target.continuous) add(at('anchor', 'done'), 'a continuous duty is never done: no clock can start from it', anchor.done, 'an obligation that is not continuous');
      }
    }
    if (!dated && anchor !== 'occurredAt' && anchor !== 'discoveredAt' && anchor !== 'arisen') {
      add(at('anchor'), 'a clock that starts from the level, an event or another duty counts toward a deadline', anchor, 'an "offset" on this obligation');
    }
    if (o.clock === 'keep' && anchor !== 'occurredAt' && anchor !== 'discoveredAt') {
      add(at('clock'), '"keep" holds a clock from occurrence or discovery', anchor, '"anchor": "occurredAt" or "discoveredAt"');
    }
    if (o.clock === 'keep' && !dated) add(at('clock'), '"keep" holds the start of a deadline', o.clock, 'an "offset" on this obligation');
    if (o.soft === true && !dated) add(at('soft'), 'a soft deadline (原则上) is a deadline', o.soft, 'an "offset" on this obligation');
    const extension = o.extension;
    if (extension === undefined) return;
    if (!dated) add(at('extension'), 'only a deadline can be extended', extension, 'an "offset" on this obligation');
    const max = parseDuration(extension.max);
    if (max === null || roughDays(max) === 0) add(at('extension', 'max'), 'not a positive ISO 8601 duration', extension.max, 'a duration such as "P5D" or "PT12H"');
    else if (extension.workingDays === true && !/^P\d+D$/.test(extension.max)) add(at('extension', 'max'), 'working days are counted in whole days', extension.max, 'a duration of days such as "P5D"');
    else if (roughDays(max) > MAX_DURATION_DAYS) add(at('extension', 'max'), 'a duration longer than 100 years', extension.max, 'at most 100 years');
    extension.approvedBy?.forEach((id, j) => {
      if (!roleSet.has(id)) add(at('extension', 'approvedBy', j), 'unknown role', id, oneOf(roleIds));
    });
  });
  return issues;
}
