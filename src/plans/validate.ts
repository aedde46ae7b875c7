import { type Condition, conditionDepth, MAX_CONDITION_DEPTH } from '../model/condition.js';
import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { CLASSIFICATION_FACT_NAMES, FACT_NAMES, FLAG_NAMES, INDICATORS, type FactName } from '../model/vocabulary.js';
import { MAX_DURATION_DAYS, parseDuration, roughDays } from '../time/duration.js';
import { isTimeZone } from '../time/timestamp.js';
import { periodOf } from '../time/period.js';

type Path = (string | number)[];

const REQUIRED_ROLES = ['leading-group', 'office'] as const;

/** Values each fact can take; `null` where any number is allowed. */
function factDomain(fact: FactName, levelIds: readonly string[]): readonly (string | boolean)[] | null {
  if (fact in INDICATORS) return INDICATORS[fact as keyof typeof INDICATORS];
  if ((FLAG_NAMES as readonly string[]).includes(fact) || ['exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated'].includes(fact)) return [true, false];
  if (fact === 'level') return levelIds;
  return null;
}

/** Checks what the schema cannot: references, uniqueness, fact values and time formats. Returns every problem found. */
export function validateDefinition(plan: PlanDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received?: unknown, expected?: string): void => {
    const issue: Issue = { path, message, code: 'invalid_reference' };
    if (received !== undefined) issue.received = received;
    if (expected !== undefined) issue.expected = expected;
    issues.push(issue);
  };

  if (!isTimeZone(plan.timeZone)) add(['timeZone'], 'unknown IANA time zone', plan.timeZone, 'a time zone such as "Asia/Shanghai"');

  const unique = (items: readonly { id: string }[], where: string, what: string): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add([where, i, 'id'], `duplicate ${what} id`, item.id, `an id not used before in "${where}"`);
      seen.add(item.id);
    });
  };
  unique(plan.levels, 'levels', 'level');
  unique(plan.classification, 'classification', 'rule');
  unique(plan.obligations, 'obligations', 'obligation');
  unique(plan.roles, 'roles', 'role');
  unique(plan.recipients, 'recipients', 'recipient');
  plan.recipients.forEach((r, i) => {
    if (plan.roles.some((role) => role.id === r.id)) add(['recipients', i, 'id'], 'id is also a role', r.id, 'an id not used by a role');
  });

  const ranks = new Set<number>();
  plan.levels.forEach((level, i) => {
    if (ranks.has(level.rank)) add(['levels', i, 'rank'], 'duplicate rank', level.rank, 'each level with its own rank');
    ranks.add(level.rank);
  });

  const levelIds = plan.levels.map((l) => l.id);
  const roleIds = plan.roles.map((r) => r.id);
  const recipientIds = plan.recipients.map((r) => r.id);
  const partyIds = [...roleIds, ...recipientIds];
  const oneOf = (ids: readonly string[]) => `one of ${ids.map((id) => JSON.stringify(id)).join(', ')}`;

  for (const role of REQUIRED_ROLES) {
    if (!roleIds.includes(role)) add(['roles'], `the role "${role}" is missing: every plan has it`, undefined, `a role with id "${role}"`);
  }

  const checkLevel = (path: Path, id: string): void => {
    if (!levelIds.includes(id)) add(path, 'unknown level', id, oneOf(levelIds));
  };
  const checkParty = (path: Path, id: string, ids: readonly string[] = partyIds): void => {
    if (!ids.includes(id)) add(path, ids === roleIds ? 'unknown role' : 'unknown role or recipient', id, oneOf(ids));
  };

  plan.classification.forEach((rule, i) => checkLevel(['classification', i, 'level'], rule.level));

  const seenEscalation = new Set<string>();
  plan.escalation.forEach((e, i) => {
    checkLevel(['escalation', i, 'level'], e.level);
    if (seenEscalation.has(e.level)) add(['escalation', i, 'level'], 'a second escalation for the same level', e.level, 'one escalation per level');
    seenEscalation.add(e.level);
    checkParty(['escalation', i, 'lead'], e.lead);
    e.approveStatement.forEach((id, j) => checkParty(['escalation', i, 'approveStatement', j], id));
    e.consultWith.forEach((id, j) => checkParty(['escalation', i, 'consultWith', j], id));
  });
  plan.levels.forEach((level, i) => {
    if (!seenEscalation.has(level.id)) add(['levels', i, 'id'], 'level has no escalation: who leads it?', level.id, 'an entry in "escalation" for this level');
  });

  // Conditions: references resolve, no cycles, facts take values they can have, depth bounded.
  const named = plan.conditions;
  const factsOf = (condition: Condition, stack: readonly string[]): FactName[] => {
    if ('all' in condition) return condition.all.flatMap((c) => factsOf(c, stack));
    if ('any' in condition) return condition.any.flatMap((c) => factsOf(c, stack));
    if ('not' in condition) return factsOf(condition.not, stack);
    if ('condition' in condition) {
      const target = Object.prototype.hasOwnProperty.call(named, condition.condition) ? named[condition.condition] : undefined;
      return target && !stack.includes(condition.condition) ? factsOf(target, [...stack, condition.condition]) : [];
    }
    return [condition.fact];
  };
  const refersTo = (condition: Condition, name: string, stack: readonly string[]): boolean => {
    if ('all' in condition) return condition.all.some((c) => refersTo(c, name, stack));
    if ('any' in condition) return condition.any.some((c) => refersTo(c, name, stack));
    if ('not' in condition) return refersTo(condition.not, name, stack);
    if ('condition' in condition) {
      if (condition.condition === name) return true;
      const target = Object.prototype.hasOwnProperty.call(named, condition.condition) ? named[condition.condition] : undefined;
      return target !== undefined && !stack.includes(condition.condition) && refersTo(target, name, [...stack, condition.condition]);
    }
    return false;
  };
  const checkCondition = (condition: Condition, path: Path, allowed: readonly FactName[], stack: readonly string[]): void => {
    if ('all' in condition) return condition.all.forEach((c, j) => checkCondition(c, [...path, 'all', j], allowed, stack));
    if ('any' in condition) return condition.any.forEach((c, j) => checkCondition(c, [...path, 'any', j], allowed, stack));
    if ('not' in condition) return checkCondition(condition.not, [...path, 'not'], allowed, stack);
    if ('condition' in condition) {
      const name = condition.condition;
      if (!Object.prototype.hasOwnProperty.call(named, name)) {
        add([...path, 'condition'], 'unknown shared condition', name, oneOf(Object.keys(named)));
        return;
      }
      if (stack.includes(name)) return; // the cycle is reported where the shared condition is defined
      for (const fact of factsOf(named[name] as Condition, [...stack, name])) {
        if (!allowed.includes(fact)) add([...path, 'condition'], `the shared condition "${name}" reads "${fact}", which cannot be used here`, name, oneOf(allowed));
      }
      return;
    }
    const { fact, operator, value } = condition;
    if (!allowed.includes(fact)) {
      add([...path, 'fact'], 'this fact cannot be used here', fact, oneOf(allowed));
      return;
    }
    const numeric = operator.startsWith('less') || operator.startsWith('greater');
    if (numeric) {
      if (typeof value !== 'number') add([...path, 'value'], `"${operator}" compares numbers`, value, 'a number');
      if (fact !== 'levelRank') add([...path, 'fact'], `"${operator}" applies only to the number fact "levelRank"`, fact, '"levelRank"');
      return;
    }
    const listOperator = operator === 'in' || operator === 'notIn';
    if (listOperator !== Array.isArray(value)) {
      add([...path, 'value'], listOperator ? `"${operator}" takes a list of values` : `"${operator}" takes one value`, value, listOperator ? 'an array' : 'a single value');
      return;
    }
    const domain = factDomain(fact, levelIds);
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, j) => {
      const at = Array.isArray(value) ? [...path, 'value', j] : [...path, 'value'];
      if (domain === null) {
        if (typeof v !== 'number') add(at, `"${fact}" is a number`, v, 'a number');
      } else if (!domain.includes(v as string | boolean)) {
        add(at, `"${fact}" never takes this value`, v, oneOf(domain.map(String)));
      }
    });
  };
  const allFacts = FACT_NAMES;
  for (const [name, condition] of Object.entries(named)) {
    checkCondition(condition, ['conditions', name], allFacts, [name]);
    if (refersTo(condition, name, [])) add(['conditions', name], 'shared condition refers to itself through a cycle', name, 'no cycle');
    if (conditionDepth(condition) > MAX_CONDITION_DEPTH) add(['conditions', name], 'condition nested too deeply', undefined, `at most ${MAX_CONDITION_DEPTH} levels`);
  }
  plan.classification.forEach((rule, i) => {
    if (conditionDepth(rule.conditions) > MAX_CONDITION_DEPTH) add(['classification', i, 'conditions'], 'condition nested too deeply', undefined, `at most ${MAX_CONDITION_DEPTH} levels`);
    checkCondition(rule.conditions, ['classification', i, 'conditions'], CLASSIFICATION_FACT_NAMES, []);
  });

  plan.obligations.forEach((o, i) => {
    const at = (field: string): Path => ['obligations', i, field];
    checkParty(at('responsible'), o.responsible, roleIds);
    if (o.to !== undefined) checkParty(at('to'), o.to);
    if (o.notify !== undefined && !recipientIds.includes(o.to ?? '')) {
      add(at('notify'), 'only a duty toward an outside recipient goes into "notify"', o.to, `"to" naming ${oneOf(recipientIds)}`);
    }
    const duration = o.offset === null ? null : parseDuration(o.offset);
    if (o.offset !== null && duration === null) add(at('offset'), 'not an ISO 8601 duration', o.offset, 'a duration such as "PT30M", "PT12H" or "P1D"');
    if (duration !== null && roughDays(duration) > MAX_DURATION_DAYS) add(at('offset'), 'a duration longer than 100 years', o.offset, 'at most 100 years (P100Y, P1200M, P36500D, PT876000H)');
    if (o.continuous && o.offset !== null) add(at('offset'), 'a continuous duty has no deadline', o.offset, 'null');
    if (o.continuous && o.immediate) add(at('immediate'), 'a continuous duty is not a one-off immediate step', true, 'false');
    if (o.offset !== null && o.immediate) add(at('immediate'), 'a duty with a deadline is not marked immediate', true, 'false, or no offset');
    if (o.workingDays && (o.offset === null || !/^P\d+D$/.test(o.offset))) add(at('offset'), 'working days are counted in whole days', o.offset, 'a duration of days such as "P3D"');
    if (o.until !== undefined && !o.continuous) add(at('until'), '"until" ends a continuous duty only', o.until, '"continuous": true');
    if (o.when) {
      if (conditionDepth(o.when) > MAX_CONDITION_DEPTH) add(at('when'), 'condition nested too deeply', undefined, `at most ${MAX_CONDITION_DEPTH} levels`);
      checkCondition(o.when, at('when'), allFacts, []);
    }
  });
  const duties = new Set(plan.obligations.map((o) => o.id));
  plan.recurring.forEach((r, i) => {
    if (duties.has(r.id)) add(['recurring', i, 'id'], 'id already used by an obligation', r.id, 'an id used once');
    checkParty(['recurring', i, 'responsible'], r.responsible, roleIds);
    if (r.to !== undefined) checkParty(['recurring', i, 'to'], r.to);
    if (!periodOf(r.every)) add(['recurring', i, 'every'], 'not a calendar period', r.every, 'P1D, P1W, P1M, P2M, P3M, P4M, P6M or P1Y');
  });
  if (plan.riskAssessment) plan.riskAssessment.filing.forEach((id, i) => checkParty(['riskAssessment', 'filing', i], id));
  return issues;
}
