import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { STEP_IDS } from '../model/vocabulary.js';
import { MAX_DURATION_DAYS, parseDuration, roughDays } from '../time/duration.js';
import { oneOfNames as oneOf } from '../model/facts.js';

type Path = (string | number)[];

/**
 * Checks a hard limit after a soft deadline (`latest`, 最迟不超过): only with `soft` and an `offset`, a positive
 * duration in the offset's units (whole days when they are working days), no longer than 100 years, and longer
 * than the offset (compared in days as `roughDays` counts them: a month is 365/12 days).
 */
function checkLatest(o: PlanDefinition['obligations'][number], path: Path, add: (path: Path, message: string, received: unknown, expected: string) => void): void {
  const latest = o.latest as string;
  if (o.soft !== true) return add(path, 'a hard limit (最迟) follows a soft deadline (原则上)', latest, '"soft": true on this obligation');
  if (o.offset === null) return add(path, 'a hard limit (最迟) follows a deadline', latest, 'an "offset" on this obligation');
  const duration = parseDuration(latest);
  if (duration === null || roughDays(duration) === 0) return add(path, 'not a positive ISO 8601 duration', latest, 'a duration such as "PT48H" or "P2D"');
  if (o.workingDays && !/^P\d+D$/.test(latest)) return add(path, 'working days are counted in whole days', latest, 'a duration of days such as "P5D"');
  if (roughDays(duration) > MAX_DURATION_DAYS) return add(path, 'a duration longer than 100 years', latest, 'at most 100 years');
  // validate.ts checked the offset; a bad one has its own issue.
  const offset = parseDuration(o.offset);
  if (offset !== null && roughDays(duration) <= roughDays(offset)) add(path, 'the hard limit (最迟) comes after the soft deadline (原则上)', latest, `a duration longer than the offset ${o.offset}`);
}

/**
 * Checks a duty that repeats (`every`, 每日续报): it has an `offset` for its first instance, is a positive duration
 * from 1 minute to 100 years (whole days with working days), and is a plain deadline: not continuous, immediate,
 * raised by an upgrade or a breach, waiting in a workflow, approved, or with a hard limit (`latest`).
 */
function checkEvery(o: PlanDefinition['obligations'][number], path: Path, add: (path: Path, message: string, received: unknown, expected: string) => void): void {
  const every = o.every as string;
  if (o.offset === null) return add(path, 'a repeating duty has a deadline for its first instance', every, 'an "offset" on this obligation');
  const clash = (['continuous', 'immediate', 'on', 'after', 'approval', 'latest'] as const).find((field) => o[field] !== undefined && o[field] !== false);
  if (clash !== undefined) return add(path, `a repeating duty is a plain deadline, not with "${clash}"`, every, `no "${clash}" on this obligation`);
  const duration = parseDuration(every);
  if (duration === null || roughDays(duration) * 24 * 60 < 1) return add(path, 'not a duration of at least 1 minute', every, 'an ISO 8601 duration such as "P1D" or "PT2H"');
  if (o.workingDays && !/^P\d+D$/.test(every)) return add(path, 'working days are counted in whole days', every, 'a duration of days such as "P1D"');
  if (roughDays(duration) > MAX_DURATION_DAYS) add(path, 'a duration longer than 100 years', every, 'at most 100 years');
}

/**
 * Checks the clocks of a plan's obligations (docs/clocks.md): an `{ event }` anchor names a step the plan
 * knows (shared or declared), a `{ done }` anchor another obligation that can be done; `clock: keep` only on
 * a clock from occurrence or discovery; an anchor other than a moment of the incident, `keep`, `soft` and
 * `extension` only with an `offset`; `latest` only with `soft` and after the offset (checkLatest); `extension.max` a duration (whole days when it counts working days).
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
    if (o.latest !== undefined) checkLatest(o, at('latest'), add);
    if (o.every !== undefined) checkEvery(o, at('every'), add);
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
