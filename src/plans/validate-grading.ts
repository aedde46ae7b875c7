import { type Condition, conditionDepth, MAX_CONDITION_DEPTH } from '../model/condition.js';
import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { UNGRADED } from '../decide/grading.js';

type Path = (string | number)[];

/** At most this many ids are listed in what an issue expected. */
const MAX_LISTED = 50;

/**
 * Checks a plan's grading by judgement: no level takes the reserved id `ungraded`, a plan without criteria
 * has an ungraded phase, the ungraded phase's lead and every role of `gradedBy` are roles of the plan, raise
 * rules have distinct ids and valid conditions (`checkCondition` checks them as classification conditions).
 */
export function validateGrading(plan: PlanDefinition, checkCondition: (condition: Condition, path: Path) => void): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received: unknown, expected: string): void => {
    issues.push({ path, message, code: 'invalid_reference', received, expected });
  };
  plan.levels.forEach((level, i) => {
    if (level.id === UNGRADED) add(['levels', i, 'id'], `"${UNGRADED}" is reserved for the phase before grading (grading.ungraded)`, level.id, 'another level id');
  });
  const grading = plan.grading;
  if (plan.classification.length === 0 && grading?.ungraded === undefined) {
    add(['classification'], 'a plan without classification rules leaves the level to judgement and must say what holds until then', [], 'at least one classification rule, or "grading": { "ungraded": { … } }');
  }
  if (grading === undefined) return issues;

  const roleIds = plan.roles.map((role) => role.id);
  const roles = new Set(roleIds);
  const listed = roleIds.slice(0, MAX_LISTED).map((id) => JSON.stringify(id)).join(', ');
  const oneOfRoles = `one of ${listed}${roleIds.length > MAX_LISTED ? `, … (${roleIds.length} in all)` : ''}`;
  const checkRole = (path: Path, id: string): void => {
    if (!roles.has(id)) add(path, 'unknown role', id, oneOfRoles);
  };
  if (grading.ungraded) checkRole(['grading', 'ungraded', 'lead'], grading.ungraded.lead);
  grading.gradedBy?.forEach((alternative, i) => {
    const seen = new Set<string>();
    alternative.forEach((id, j) => {
      checkRole(['grading', 'gradedBy', i, j], id);
      if (seen.has(id)) add(['grading', 'gradedBy', i, j], 'role listed twice in one alternative', id, 'each role once (the roles of an alternative grade jointly)');
      seen.add(id);
    });
  });
  const raiseIds = new Set<string>();
  grading.raise?.forEach((rule, i) => {
    if (raiseIds.has(rule.id)) add(['grading', 'raise', i, 'id'], 'duplicate raise rule id', rule.id, 'an id not used before in "grading.raise"');
    raiseIds.add(rule.id);
    const depth = conditionDepth(rule.when);
    if (depth > MAX_CONDITION_DEPTH) add(['grading', 'raise', i, 'when'], 'condition nested too deeply', depth, `at most ${MAX_CONDITION_DEPTH} levels`);
    else checkCondition(rule.when, ['grading', 'raise', i, 'when']);
  });
  return issues;
}
