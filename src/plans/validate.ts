import { type Condition, conditionDepth, MAX_CONDITION_DEPTH } from '../model/condition.js';
import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { factTableOf, oneOfNames } from '../model/facts.js';
import { factDomainOf, isNumberFact, validateFacts } from './validate-facts.js';
import { MAX_DURATION_DAYS, parseDuration, roughDays } from '../time/duration.js';
import { isTimeZone } from '../time/timestamp.js';
import { periodOf } from '../time/period.js';
import { validateFormat } from './validate-format.js';
import { validateGrading } from './validate-grading.js';
import { UNGRADED } from '../decide/grading.js';
import { validateWorkflow } from './validate-workflow.js';
import { validateClocks } from './validate-clocks.js';
import { validateBreach } from './validate-breach.js';
import { validateLayerFields } from './validate-layers.js';

type Path = (string | number)[];

const REQUIRED_ROLES = ['leading-group', 'office'] as const;

/** At most this many shared conditions inside one another (one that refers to one that refers to another…); a longer chain is refused. */
export const MAX_SHARED_CONDITION_DEPTH = 64;


type Item = { fact: string } | { ref: string };

/** What the named conditions read once followed: for each, the facts it reads, whether it lies on a cycle and how many named conditions deep it goes. */
interface SharedConditions {
  facts: ReadonlyMap<string, readonly string[]>;
  cyclic: ReadonlySet<string>;
  depth: ReadonlyMap<string, number>;
}

/**
 * Follows the references between named conditions once each (strongly connected components, without
 * recursion through the references, so a long chain cannot overflow the stack): a DAG of conditions
 * that refer to each other several times costs time linear in its size, not in its expansion.
 */
function analyseShared(named: Readonly<Record<string, Condition>>): SharedConditions {
  const names = Object.keys(named);
  const items = new Map<string, Item[]>();
  const refs = new Map<string, string[]>();
  for (const name of names) {
    const own: Item[] = [];
    const collect = (node: Condition): void => {
      if ('all' in node) node.all.forEach(collect);
      else if ('any' in node) node.any.forEach(collect);
      else if ('not' in node) collect(node.not);
      else if ('condition' in node) {
        if (Object.prototype.hasOwnProperty.call(named, node.condition)) own.push({ ref: node.condition });
      } else own.push({ fact: node.fact });
    };
    collect(named[name] as Condition);
    items.set(name, own);
    refs.set(name, [...new Set(own.flatMap((item) => ('ref' in item ? [item.ref] : [])))]);
  }

  const facts = new Map<string, string[]>();
  const depth = new Map<string, number>();
  const cyclic = new Set<string>();
  // Components come out after every component they refer to (Tarjan's order), so their facts and depths are known.
  const settle = (members: readonly string[]): void => {
    const member = members[0] as string;
    const inside = new Set(members);
    const loop = members.length > 1 || (refs.get(member) as string[]).includes(member);
    const read = new Set<string>();
    let deepest = 0;
    for (const name of members) {
      for (const item of items.get(name) as Item[]) {
        if ('fact' in item) read.add(item.fact);
        else if (!inside.has(item.ref)) {
          for (const fact of facts.get(item.ref) as string[]) read.add(fact);
          deepest = Math.max(deepest, depth.get(item.ref) as number);
        }
      }
    }
    for (const name of members) {
      facts.set(name, [...read]);
      depth.set(name, deepest + 1);
      if (loop) cyclic.add(name);
    }
  };
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const enter = (name: string, work: { name: string; next: number }[]): void => {
    index.set(name, index.size);
    low.set(name, index.size - 1);
    stack.push(name);
    onStack.add(name);
    work.push({ name, next: 0 });
  };
  for (const root of names) {
    if (index.has(root)) continue;
    const work: { name: string; next: number }[] = [];
    enter(root, work);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { name: string; next: number };
      const out = refs.get(frame.name) as string[];
      if (frame.next < out.length) {
        const ref = out[frame.next++] as string;
        if (!index.has(ref)) enter(ref, work);
        else if (onStack.has(ref)) low.set(frame.name, Math.min(low.get(frame.name) as number, index.get(ref) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.name, Math.min(low.get(parent.name) as number, low.get(frame.name) as number));
      if (low.get(frame.name) === index.get(frame.name)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.name);
        settle(members);
      }
    }
  }
  return { facts, cyclic, depth };
}

/** Checks what the schema cannot: references, uniqueness, fact values and time formats. Returns every problem found. */
export function validateDefinition(plan: PlanDefinition): Issue[] {
  // The format first: a field of format 2 in a file of format 1, or a basis that cites the wrong source.
  const issues: Issue[] = validateFormat(plan);
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
  const roleIdSet = new Set(plan.roles.map((r) => r.id));
  plan.recipients.forEach((r, i) => {
    if (roleIdSet.has(r.id)) add(['recipients', i, 'id'], 'id is also a role', r.id, 'an id not used by a role');
  });

  const ranks = new Set<number>();
  plan.levels.forEach((level, i) => {
    if (ranks.has(level.rank)) add(['levels', i, 'rank'], 'duplicate rank', level.rank, 'each level with its own rank');
    ranks.add(level.rank);
  });

  const levelIds = plan.levels.map((l) => l.id);
  // The values of the fact `level`: the plan's levels, and the ungraded phase where the plan has one.
  const levelValues = plan.grading?.ungraded ? [...levelIds, UNGRADED] : levelIds;
  const roleIds = plan.roles.map((r) => r.id);
  const recipientIds = plan.recipients.map((r) => r.id);
  const partyIds = [...roleIds, ...recipientIds];
  // Lookups by set, and each list's "one of …" written once: checking many references stays linear.
  const sets = new Map<readonly string[], ReadonlySet<string>>();
  const setOf = (ids: readonly string[]): ReadonlySet<string> => sets.get(ids) ?? (sets.set(ids, new Set(ids)), sets.get(ids) as ReadonlySet<string>);
  const texts = new Map<readonly string[], string>();
  const oneOf = (ids: readonly string[]): string => texts.get(ids) ?? (texts.set(ids, oneOfNames(ids)), texts.get(ids) as string);

  for (const role of REQUIRED_ROLES) {
    if (!roleIdSet.has(role)) add(['roles'], `the role "${role}" is missing: every plan has it`, undefined, `a role with id "${role}"`);
  }

  const checkLevel = (path: Path, id: string): void => {
    if (!setOf(levelIds).has(id)) add(path, 'unknown level', id, oneOf(levelIds));
  };
  const checkParty = (path: Path, id: string, ids: readonly string[] = partyIds): void => {
    if (!setOf(ids).has(id)) add(path, ids === roleIds ? 'unknown role' : 'unknown role or recipient', id, oneOf(ids));
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

  // Conditions: references resolve, no cycles, facts take values they can have, depth bounded; the facts are the shared ones and the plan's own.
  const table = factTableOf(plan);
  const numberFacts = ['levelRank', ...table.metrics];
  issues.push(...validateFacts(plan, table));
  const named = plan.conditions;
  const shared = analyseShared(named);
  const names = Object.keys(named);
  const checkCondition = (condition: Condition, path: Path, allowed: readonly string[]): void => {
    if ('all' in condition) return condition.all.forEach((c, j) => checkCondition(c, [...path, 'all', j], allowed));
    if ('any' in condition) return condition.any.forEach((c, j) => checkCondition(c, [...path, 'any', j], allowed));
    if ('not' in condition) return checkCondition(condition.not, [...path, 'not'], allowed);
    if ('condition' in condition) {
      const name = condition.condition;
      if (!Object.prototype.hasOwnProperty.call(named, name)) {
        add([...path, 'condition'], 'unknown shared condition', name, oneOf(names));
        return;
      }
      for (const fact of shared.facts.get(name) as string[]) {
        if (!allowed.includes(fact)) add([...path, 'condition'], `the shared condition "${name}" reads "${fact}", which cannot be used here`, name, oneOf(allowed));
      }
      return;
    }
    const { fact, operator, value } = condition;
    if (!setOf(allowed).has(fact)) {
      add([...path, 'fact'], table.facts.has(fact) ? 'this fact cannot be used here' : 'unknown fact: neither a shared fact nor one the plan declares in "facts"', fact, oneOf(allowed));
      return;
    }
    const numeric = operator.startsWith('less') || operator.startsWith('greater');
    if (numeric) {
      if (typeof value !== 'number') add([...path, 'value'], `"${operator}" compares numbers`, value, 'a number');
      if (!isNumberFact(table, fact)) {
        if (table.metrics.length === 0) add([...path, 'fact'], `"${operator}" applies only to the number fact "levelRank"`, fact, '"levelRank"');
        else add([...path, 'fact'], `"${operator}" applies only to number facts: "levelRank" and the plan's metrics`, fact, oneOf(numberFacts));
      }
      return;
    }
    const listOperator = operator === 'in' || operator === 'notIn';
    if (listOperator !== Array.isArray(value)) {
      add([...path, 'value'], listOperator ? `"${operator}" takes a list of values` : `"${operator}" takes one value`, value, listOperator ? 'an array' : 'a single value');
      return;
    }
    const domain = fact === 'level' ? levelValues : factDomainOf(table, fact);
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, j) => {
      const at = Array.isArray(value) ? [...path, 'value', j] : [...path, 'value'];
      if (domain === null) {
        if (typeof v !== 'number') add(at, `"${fact}" is a number`, v, 'a number');
      } else if (!domain.includes(v as string | boolean)) {
        add(at, `"${fact}" never takes this value`, v, oneOfNames(domain.map(String)));
      }
    });
  };
  const allFacts = table.names;
  for (const [name, condition] of Object.entries(named)) {
    checkCondition(condition, ['conditions', name], allFacts);
    if (shared.cyclic.has(name)) add(['conditions', name], 'shared condition refers to itself through a cycle', name, 'no cycle');
    else if (shared.depth.get(name) === MAX_SHARED_CONDITION_DEPTH + 1) {
      add(['conditions', name], `shared conditions nested too deeply: this one reaches ${MAX_SHARED_CONDITION_DEPTH + 1} levels of shared conditions inside one another`, name, `at most ${MAX_SHARED_CONDITION_DEPTH} levels`);
    }
    if (conditionDepth(condition) > MAX_CONDITION_DEPTH) add(['conditions', name], 'condition nested too deeply', undefined, `at most ${MAX_CONDITION_DEPTH} levels`);
  }
  plan.classification.forEach((rule, i) => {
    if (conditionDepth(rule.conditions) > MAX_CONDITION_DEPTH) add(['classification', i, 'conditions'], 'condition nested too deeply', undefined, `at most ${MAX_CONDITION_DEPTH} levels`);
    checkCondition(rule.conditions, ['classification', i, 'conditions'], table.classificationNames);
  });
  // Grading by judgement: its raise rules read what the criteria read.
  issues.push(...validateGrading(plan, (condition, path) => checkCondition(condition, path, table.classificationNames)));

  plan.obligations.forEach((o, i) => {
    const at = (field: string): Path => ['obligations', i, field];
    checkParty(at('responsible'), o.responsible, roleIds);
    if (o.to !== undefined) checkParty(at('to'), o.to);
    if (o.notify !== undefined && !setOf(recipientIds).has(o.to ?? '')) {
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
      checkCondition(o.when, at('when'), allFacts);
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
  issues.push(...validateWorkflow(plan));
  issues.push(...validateClocks(plan));
  issues.push(...validateBreach(plan));
  issues.push(...validateLayerFields(plan));
  return issues;
}
