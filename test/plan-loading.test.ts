// Exact behaviour of src/plans/: every issue validate, resolve and parameters can raise (path, code,
// message, received, expected), what loadPlan does with its arguments, and the compiled plan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, listPlans, loadPlan, PlanError, type Issue, type LoadPlanOptions } from '../src/index.js';
import { compiledOf } from '../src/plans/load.js';
import { inLanguage } from '../src/i18n/errors.js';
import { basisOf, level } from './support/synthetic-plan.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type P = Record<string, any>;

const basis = basisOf('plan-loading test');
const fact = (name: string, operator: string, value: unknown): P => ({ fact: name, operator, value });

/** A small valid plan: two levels, two roles, one recipient, one duty toward the recipient. */
const BASE: P = {
  id: 'loading-test',
  version: '1',
  title: '加载测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/plan-loading.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [fact('attention', 'equal', 'extreme')] } },
    { id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: [
    { id: 'office', name: '办公室' },
    { id: 'leading-group', name: '领导小组' },
  ],
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: [
    { level: 'I', lead: 'leading-group', basis },
    { level: 'II', lead: 'office', basis },
  ],
  obligations: [{ id: 'report', step: 'report', title: '报告', responsible: 'office', to: 'propaganda', notify: 'report', offset: 'PT30M', basis }],
};

const make = (change: (p: P) => void = () => {}): P => {
  const plan = structuredClone(BASE);
  change(plan);
  return plan;
};

/** The PlanError thrown by loading `source`, in English (these tests read the library's own wording); fails when the plan loads or anything else is thrown. */
function planError(source: unknown, options?: LoadPlanOptions): PlanError {
  try {
    inLanguage('en', () => loadPlan(source as object, options));
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError, but the plan loaded');
}
const issuesOf = (change: (p: P) => void, options?: LoadPlanOptions): Issue[] => planError(make(change), options).issues;
const loads = (change: (p: P) => void, options?: LoadPlanOptions) => loadPlan(make(change), options);

/** A validation issue as validate.ts writes it. */
const ref = (path: (string | number)[], message: string, received?: unknown, expected?: string): Issue => {
  const issue: Issue = { path, message, code: 'invalid_reference' };
  if (received !== undefined) issue.received = received;
  if (expected !== undefined) issue.expected = expected;
  return issue;
};
const PARTIES = 'one of "office", "leading-group", "propaganda"';
const ROLES = 'one of "office", "leading-group"';
const LEVELS = 'one of "I", "II"';
const CLASSIFICATION_FACTS =
  'one of "attention", "foreignMedia", "spread", "reach", "offlineRisk", "massIncident", "falseReport", "suspectedCrime", "mediaInquiry", "emergencyEvent", "pressConference", "exercise"';
const MERGED = 'one of levels, classification, roles, recipients, escalation, obligations, recurring, parameters, conditions';

describe('the synthetic base plan', () => {
  it('loads as it is', () => {
    const plan = loadPlan(make());
    expect(plan.id).toBe('loading-test');
    expect(plan.timeZone).toBe('Asia/Shanghai');
    expect(plan.definition.obligations[0]).toMatchObject({ anchor: 'arisen', offset: 'PT30M', immediate: false, workingDays: false, continuous: false });
  });
});

describe('validate: time zone, ids and ranks', () => {
  it('refuses an unknown time zone and accepts another real one', () => {
    expect(issuesOf((p) => { p.timeZone = 'Mars/Olympus'; })).toStrictEqual([
      ref(['timeZone'], 'unknown IANA time zone', 'Mars/Olympus', 'a time zone such as "Asia/Shanghai"'),
    ]);
    expect(loads((p) => { p.timeZone = 'Europe/Paris'; }).timeZone).toBe('Europe/Paris');
  });

  it('refuses a duplicate level id', () => {
    expect(issuesOf((p) => {
      p.levels = [level('I', 1, basis), level('I', 2, basis)];
      p.classification[1].level = 'I';
      p.escalation = [{ level: 'I', lead: 'office', basis }];
    })).toStrictEqual([ref(['levels', 1, 'id'], 'duplicate level id', 'I', 'an id not used before in "levels"')]);
  });

  it('refuses a duplicate classification rule id', () => {
    expect(issuesOf((p) => { p.classification[1].id = 'c-i'; })).toStrictEqual([ref(['classification', 1, 'id'], 'duplicate rule id', 'c-i', 'an id not used before in "classification"')]);
  });

  it('refuses a duplicate obligation id, reported at the second one', () => {
    expect(issuesOf((p) => {
      p.obligations.push({ ...p.obligations[0], title: '再报' }, { ...p.obligations[0], id: 'other' }, { ...p.obligations[0] });
    })).toStrictEqual([
      ref(['obligations', 1, 'id'], 'duplicate obligation id', 'report', 'an id not used before in "obligations"'),
      ref(['obligations', 3, 'id'], 'duplicate obligation id', 'report', 'an id not used before in "obligations"'),
    ]);
  });

  it('refuses a duplicate role id', () => {
    expect(issuesOf((p) => { p.roles.push({ id: 'office', name: '又一个办公室' }); })).toStrictEqual([
      ref(['roles', 2, 'id'], 'duplicate role id', 'office', 'an id not used before in "roles"'),
    ]);
  });

  it('refuses a recipient that is also a role', () => {
    expect(issuesOf((p) => { p.recipients.push({ id: 'office', name: '办公室' }); })).toStrictEqual([
      ref(['recipients', 1, 'id'], 'id is also a role', 'office', 'an id not used by a role'),
    ]);
  });

  it('refuses two recipients with one id, without calling it a role', () => {
    expect(issuesOf((p) => { p.recipients.push({ id: 'propaganda', name: '宣传部' }); })).toStrictEqual([
      ref(['recipients', 1, 'id'], 'duplicate recipient id', 'propaganda', 'an id not used before in "recipients"'),
    ]);
  });

  it('refuses a duplicate rank', () => {
    expect(issuesOf((p) => { p.levels[1].rank = 1; })).toStrictEqual([ref(['levels', 1, 'rank'], 'duplicate rank', 1, 'each level with its own rank')]);
    expect(loads((p) => { p.levels[1].rank = 9; }).definition.levels.map((l) => l.rank)).toEqual([1, 9]);
  });

  it('requires the roles "leading-group" and "office", each named', () => {
    expect(issuesOf((p) => {
      p.roles = [{ id: 'monitor', name: '监测组' }];
      p.escalation = [{ level: 'I', lead: 'monitor', basis }, { level: 'II', lead: 'monitor', basis }];
      p.obligations[0].responsible = 'monitor';
    })).toStrictEqual([
      ref(['roles'], 'the role "leading-group" is missing: every plan has it', undefined, 'a role with id "leading-group"'),
      ref(['roles'], 'the role "office" is missing: every plan has it', undefined, 'a role with id "office"'),
    ]);
  });

  it('does not take a recipient for a required role', () => {
    expect(issuesOf((p) => {
      p.roles = p.roles.filter((r: P) => r.id !== 'office');
      p.recipients.push({ id: 'office', name: '办公室' });
      p.escalation[1].lead = 'leading-group';
      p.obligations[0].responsible = 'leading-group';
    })).toStrictEqual([ref(['roles'], 'the role "office" is missing: every plan has it', undefined, 'a role with id "office"')]);
  });
});

describe('validate: levels and escalation', () => {
  it('refuses a classification rule for an unknown level', () => {
    expect(issuesOf((p) => { p.classification[0].level = 'III'; })).toStrictEqual([ref(['classification', 0, 'level'], 'unknown level', 'III', LEVELS)]);
  });

  it('refuses an escalation for an unknown level', () => {
    expect(issuesOf((p) => { p.escalation.push({ level: 'III', lead: 'office', basis }); })).toStrictEqual([ref(['escalation', 2, 'level'], 'unknown level', 'III', LEVELS)]);
  });

  it('refuses a second escalation for the same level', () => {
    expect(issuesOf((p) => { p.escalation.push({ level: 'I', lead: 'office', basis }); })).toStrictEqual([
      ref(['escalation', 2, 'level'], 'a second escalation for the same level', 'I', 'one escalation per level'),
    ]);
  });

  it('refuses a level without escalation', () => {
    expect(issuesOf((p) => { p.escalation = [p.escalation[1]]; })).toStrictEqual([
      ref(['levels', 0, 'id'], 'level has no escalation: who leads it?', 'I', 'an entry in "escalation" for this level'),
    ]);
  });

  it('refuses an unknown lead, and accepts a recipient as lead', () => {
    expect(issuesOf((p) => { p.escalation[0].lead = 'mayor'; })).toStrictEqual([ref(['escalation', 0, 'lead'], 'unknown role or recipient', 'mayor', PARTIES)]);
    expect(loads((p) => { p.escalation[0].lead = 'propaganda'; }).definition.escalation[0]?.lead).toBe('propaganda');
  });

  it('refuses unknown parties among those who approve the statement or are consulted, by index', () => {
    expect(issuesOf((p) => {
      p.escalation[0].approveStatement = ['nobody'];
      p.escalation[1].consultWith = ['propaganda', 'office', 'somebody'];
    })).toStrictEqual([
      ref(['escalation', 0, 'approveStatement', 0], 'unknown role or recipient', 'nobody', PARTIES),
      ref(['escalation', 1, 'consultWith', 2], 'unknown role or recipient', 'somebody', PARTIES),
    ]);
  });
});

describe('validate: conditions and the facts they read', () => {
  const when = (condition: P) => (p: P) => { p.obligations[0].when = condition; };
  const at = (...rest: (string | number)[]) => ['obligations', 0, 'when', ...rest];

  it('lets a classification rule read an indicator, a flag and exercise', () => {
    expect(() => loads((p) => {
      p.classification[0].conditions = { any: [fact('attention', 'in', ['extreme', 'high']), fact('massIncident', 'equal', true), { not: fact('exercise', 'equal', false) }] };
    })).not.toThrow();
  });

  it.each(['subsided', 'ended', 'level'])('refuses the fact "%s" in a classification rule', (name) => {
    const value = name === 'level' ? 'I' : true;
    expect(issuesOf((p) => { p.classification[0].conditions = { all: [fact(name, 'equal', value)] }; })).toStrictEqual([
      ref(['classification', 0, 'conditions', 'all', 0, 'fact'], 'this fact cannot be used here', name, CLASSIFICATION_FACTS),
    ]);
  });

  it('refuses a shared condition that reads a fact a classification rule cannot, once per fact, through any, not and nested shared conditions', () => {
    expect(issuesOf((p) => {
      p.conditions = {
        'by-level': { any: [{ not: fact('level', 'equal', 'I') }, { all: [fact('attention', 'equal', 'high'), { condition: 'by-rank' }] }] },
        'by-rank': { all: [fact('levelRank', 'lessThan', 2)] },
      };
      p.classification[0].conditions = { all: [{ condition: 'by-level' }] };
      p.classification[1].conditions = { not: { condition: 'by-rank' } };
    })).toStrictEqual([
      ref(['classification', 0, 'conditions', 'all', 0, 'condition'], 'the shared condition "by-level" reads "level", which cannot be used here', 'by-level', CLASSIFICATION_FACTS),
      ref(['classification', 0, 'conditions', 'all', 0, 'condition'], 'the shared condition "by-level" reads "levelRank", which cannot be used here', 'by-level', CLASSIFICATION_FACTS),
      ref(['classification', 1, 'conditions', 'not', 'condition'], 'the shared condition "by-rank" reads "levelRank", which cannot be used here', 'by-rank', CLASSIFICATION_FACTS),
    ]);
  });

  it('lets a classification rule use a shared condition on indicators, and a duty one on the level', () => {
    const plan = loads((p) => {
      p.conditions = { severe: { all: [fact('attention', 'equal', 'extreme')] }, top: { all: [fact('level', 'equal', 'I')] } };
      p.classification[0].conditions = { all: [{ condition: 'severe' }] };
      p.obligations[0].when = { any: [{ condition: 'top' }] };
    });
    expect(Object.keys(plan.definition.conditions)).toEqual(['severe', 'top']);
  });

  it('refuses an unknown shared condition, naming the ones there are', () => {
    expect(issuesOf((p) => {
      p.conditions = { severe: { all: [fact('attention', 'equal', 'extreme')] } };
      p.obligations[0].when = { all: [{ condition: 'nope' }] };
    })).toStrictEqual([ref(at('all', 0, 'condition'), 'unknown shared condition', 'nope', 'one of "severe"')]);
    expect(issuesOf(when({ all: [{ condition: 'toString' }] }))).toStrictEqual([ref(at('all', 0, 'condition'), 'unknown shared condition', 'toString', 'none: the plan declares none')]);
  });

  it('refuses an unknown shared condition inside a shared condition', () => {
    expect(issuesOf((p) => { p.conditions = { a: { any: [{ condition: 'zz' }] } }; })).toStrictEqual([ref(['conditions', 'a', 'any', 0, 'condition'], 'unknown shared condition', 'zz', 'one of "a"')]);
  });

  it('reports a cycle of shared conditions at each condition on it, not at one that only leads into it', () => {
    expect(issuesOf((p) => {
      p.conditions = {
        a: { all: [{ condition: 'b' }] },
        b: { any: [{ condition: 'c' }] },
        c: { not: { condition: 'b' } },
        d: { all: [{ condition: 'd' }] },
      };
    })).toStrictEqual([
      ref(['conditions', 'b'], 'shared condition refers to itself through a cycle', 'b', 'no cycle'),
      ref(['conditions', 'c'], 'shared condition refers to itself through a cycle', 'c', 'no cycle'),
      ref(['conditions', 'd'], 'shared condition refers to itself through a cycle', 'd', 'no cycle'),
    ]);
  });

  it('reads the facts of a cycle once: a duty using it gets only the cycle issues', () => {
    expect(issuesOf((p) => {
      p.conditions = { a: { all: [{ condition: 'b' }, fact('level', 'equal', 'I')] }, b: { all: [{ condition: 'a' }] } };
      p.classification[0].conditions = { all: [{ condition: 'a' }] };
    })).toStrictEqual([
      ref(['conditions', 'a'], 'shared condition refers to itself through a cycle', 'a', 'no cycle'),
      ref(['conditions', 'b'], 'shared condition refers to itself through a cycle', 'b', 'no cycle'),
      ref(['classification', 0, 'conditions', 'all', 0, 'condition'], 'the shared condition "a" reads "level", which cannot be used here', 'a', CLASSIFICATION_FACTS),
    ]);
  });

  it('does not follow a reference to an unknown shared condition when looking for cycles or facts', () => {
    expect(issuesOf((p) => {
      p.conditions = { a: { all: [{ condition: 'zz' }] } };
      p.classification[0].conditions = { all: [{ condition: 'a' }] };
    })).toStrictEqual([ref(['conditions', 'a', 'all', 0, 'condition'], 'unknown shared condition', 'zz', 'one of "a"')]);
  });

  it.each(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])('"%s" compares the number fact levelRank with a number', (operator) => {
    expect(() => loads(when({ all: [fact('levelRank', operator, 2)] }))).not.toThrow();
    expect(issuesOf(when({ all: [fact('levelRank', operator, '2')] }))).toStrictEqual([ref(at('all', 0, 'value'), `"${operator}" compares numbers`, '2', 'a number')]);
    expect(issuesOf(when({ all: [fact('attention', operator, 2)] }))).toStrictEqual([
      ref(at('all', 0, 'fact'), `"${operator}" applies only to the number fact "levelRank"`, 'attention', '"levelRank"'),
    ]);
    expect(issuesOf(when({ all: [fact('level', operator, 'I')] }))).toStrictEqual([
      ref(at('all', 0, 'value'), `"${operator}" compares numbers`, 'I', 'a number'),
      ref(at('all', 0, 'fact'), `"${operator}" applies only to the number fact "levelRank"`, 'level', '"levelRank"'),
    ]);
  });

  it.each(['in', 'notIn'])('"%s" takes a list', (operator) => {
    expect(() => loads(when({ all: [fact('attention', operator, ['high'])] }))).not.toThrow();
    expect(issuesOf(when({ all: [fact('attention', operator, 'high')] }))).toStrictEqual([ref(at('all', 0, 'value'), `"${operator}" takes a list of values`, 'high', 'an array')]);
  });

  it.each(['equal', 'notEqual'])('"%s" takes one value', (operator) => {
    expect(() => loads(when({ all: [fact('attention', operator, 'high')] }))).not.toThrow();
    expect(issuesOf(when({ all: [fact('attention', operator, ['high'])] }))).toStrictEqual([ref(at('all', 0, 'value'), `"${operator}" takes one value`, ['high'], 'a single value')]);
  });

  it.each([
    ['attention', 'one of "extreme", "high", "elevated", "low"'],
    ['foreignMedia', 'one of "intense", "emerging", "none"'],
    ['spread', 'one of "very-fast", "fast", "moderate", "slow"'],
    ['reach', 'one of "society", "wide", "limited", "small"'],
    ['offlineRisk', 'one of "imminent", "possible", "none"'],
  ])('refuses a value the indicator "%s" never takes', (name, expected) => {
    expect(issuesOf(when({ all: [fact(name, 'equal', 'very-high')] }))).toStrictEqual([ref(at('all', 0, 'value'), `"${name}" never takes this value`, 'very-high', expected)]);
  });

  it('names each wrong value in a list by its index', () => {
    expect(issuesOf(when({ all: [fact('attention', 'in', ['extreme', 'huge', 'low', true])] }))).toStrictEqual([
      ref(at('all', 0, 'value', 1), '"attention" never takes this value', 'huge', 'one of "extreme", "high", "elevated", "low"'),
      ref(at('all', 0, 'value', 3), '"attention" never takes this value', true, 'one of "extreme", "high", "elevated", "low"'),
    ]);
  });

  it.each(['massIncident', 'falseReport', 'suspectedCrime', 'mediaInquiry', 'pressConference', 'exercise', 'subsided', 'endProposed', 'ended', 'warningInForce', 'warningOutdated'])(
    'the fact "%s" is true or false',
    (name) => {
      expect(() => loads(when({ all: [fact(name, 'equal', false)] }))).not.toThrow();
      expect(issuesOf(when({ all: [fact(name, 'equal', 'true')] }))).toStrictEqual([ref(at('all', 0, 'value'), `"${name}" never takes this value`, 'true', 'one of "true", "false"')]);
    },
  );

  it('the fact "level" takes the plan’s level ids', () => {
    expect(() => loads(when({ all: [fact('level', 'in', ['I', 'II'])] }))).not.toThrow();
    expect(issuesOf(when({ all: [fact('level', 'equal', 'III')] }))).toStrictEqual([ref(at('all', 0, 'value'), '"level" never takes this value', 'III', LEVELS)]);
  });

  it('the fact "levelRank" is any number', () => {
    expect(() => loads(when({ all: [fact('levelRank', 'in', [1, 7.5])] }))).not.toThrow();
    expect(issuesOf(when({ all: [fact('levelRank', 'equal', 'one')] }))).toStrictEqual([ref(at('all', 0, 'value'), '"levelRank" is a number', 'one', 'a number')]);
    expect(issuesOf(when({ all: [fact('levelRank', 'notIn', [1, true])] }))).toStrictEqual([ref(at('all', 0, 'value', 1), '"levelRank" is a number', true, 'a number')]);
  });

  it('checks facts inside a shared condition against every fact there is', () => {
    expect(issuesOf((p) => { p.conditions = { x: { all: [fact('level', 'equal', 'IV')] } }; })).toStrictEqual([
      ref(['conditions', 'x', 'all', 0, 'value'], '"level" never takes this value', 'IV', LEVELS),
    ]);
  });
});

describe('validate: nesting depth', () => {
  /** A condition `depth` levels deep: nots around an empty all. */
  const nested = (depth: number, inner: P = { all: [] }): P => {
    let c = inner;
    for (let i = 1; i < depth; i += 1) c = { not: c };
    return c;
  };
  const tooDeep = (path: (string | number)[]) => ref(path, 'condition nested too deeply', undefined, 'at most 12 levels');

  it('accepts 12 levels and refuses 13 in a classification rule, before checking its facts', () => {
    expect(() => loads((p) => { p.classification[1].conditions = nested(12); })).not.toThrow();
    expect(issuesOf((p) => { p.classification[1].conditions = nested(12, { all: [fact('ended', 'equal', true)] }); })).toStrictEqual([
      tooDeep(['classification', 1, 'conditions']),
      ref(['classification', 1, 'conditions', ...Array<string>(11).fill('not'), 'all', 0, 'fact'], 'this fact cannot be used here', 'ended', CLASSIFICATION_FACTS),
    ]);
  });

  it('accepts 12 levels and refuses 13 in a duty’s condition', () => {
    expect(() => loads((p) => { p.obligations[0].when = nested(12); })).not.toThrow();
    expect(issuesOf((p) => { p.obligations[0].when = nested(13); })).toStrictEqual([tooDeep(['obligations', 0, 'when'])]);
  });

  it('accepts 12 levels and refuses 13 in a shared condition, counting a reference as one level', () => {
    expect(() => loads((p) => { p.conditions = { deep: nested(12), ref: nested(11, { all: [{ condition: 'deep' }] }) }; })).not.toThrow();
    expect(issuesOf((p) => { p.conditions = { deep: nested(13) }; })).toStrictEqual([tooDeep(['conditions', 'deep'])]);
  });
});

describe('validate: obligations', () => {
  const duty = (change: (o: P) => void) => (p: P) => change(p.obligations[0]);
  const at = (field: string) => ['obligations', 0, field];

  it('refuses a recipient as the one responsible: only a role is', () => {
    expect(issuesOf(duty((o) => { o.responsible = 'propaganda'; }))).toStrictEqual([ref(at('responsible'), 'unknown role', 'propaganda', ROLES)]);
  });

  it('refuses an unknown "to", and then its "notify"', () => {
    expect(issuesOf(duty((o) => { o.to = 'nobody'; }))).toStrictEqual([
      ref(at('to'), 'unknown role or recipient', 'nobody', PARTIES),
      ref(at('notify'), 'only a duty toward an outside recipient goes into "notify"', 'nobody', '"to" naming one of "propaganda"'),
    ]);
  });

  it('refuses "notify" toward a role, or with no "to"; a duty toward a role without it loads', () => {
    expect(issuesOf(duty((o) => { o.to = 'leading-group'; }))).toStrictEqual([
      ref(at('notify'), 'only a duty toward an outside recipient goes into "notify"', 'leading-group', '"to" naming one of "propaganda"'),
    ]);
    expect(issuesOf(duty((o) => { delete o.to; }))).toStrictEqual([
      ref(at('notify'), 'only a duty toward an outside recipient goes into "notify"', undefined, '"to" naming one of "propaganda"'),
    ]);
    expect(() => loads(duty((o) => { o.to = 'leading-group'; delete o.notify; }))).not.toThrow();
  });

  it('refuses an offset that is not an ISO 8601 duration', () => {
    expect(issuesOf(duty((o) => { o.offset = '30 minutes'; }))).toStrictEqual([ref(at('offset'), 'not an ISO 8601 duration', '30 minutes', 'a duration such as "PT30M", "PT12H" or "P1D"')]);
  });

  it('refuses an offset longer than 100 years, counted roughly, and takes one of exactly 100 years', () => {
    const tooLong = (offset: string) => ref(at('offset'), 'a duration longer than 100 years', offset, 'at most 100 years (P100Y, P1200M, P36500D, PT876000H)');
    for (const offset of ['P101Y', 'P1201M', 'P5215W', 'P36501D', 'PT876001H', 'P100YT1S', 'P300000Y', 'P99999999999999999999Y']) {
      expect(issuesOf(duty((o) => { o.offset = offset; }))).toStrictEqual([tooLong(offset)]);
    }
    for (const offset of ['P100Y', 'P1200M', 'P36500D', 'PT876000H', 'PT52560000M']) expect(() => loads(duty((o) => { o.offset = offset; }))).not.toThrow();
  });

  it('refuses a deadline on a continuous duty', () => {
    expect(issuesOf(duty((o) => { o.continuous = true; delete o.notify; }))).toStrictEqual([ref(at('offset'), 'a continuous duty has no deadline', 'PT30M', 'null')]);
    expect(loads(duty((o) => { o.continuous = true; o.offset = null; })).definition.obligations[0]).toMatchObject({ continuous: true, offset: null });
  });

  it('refuses a continuous duty marked immediate', () => {
    expect(issuesOf(duty((o) => { o.continuous = true; o.immediate = true; o.offset = null; }))).toStrictEqual([
      ref(at('immediate'), 'a continuous duty is not a one-off immediate step', true, 'false'),
    ]);
  });

  it('refuses a duty with a deadline marked immediate; an immediate one without a deadline loads', () => {
    expect(issuesOf(duty((o) => { o.immediate = true; }))).toStrictEqual([ref(at('immediate'), 'a duty with a deadline is not marked immediate', true, 'false, or no offset')]);
    expect(loads(duty((o) => { o.immediate = true; o.offset = null; })).definition.obligations[0]).toMatchObject({ immediate: true, offset: null });
  });

  it('counts working days only in whole days', () => {
    expect(loads(duty((o) => { o.workingDays = true; o.offset = 'P3D'; })).definition.obligations[0]).toMatchObject({ workingDays: true, offset: 'P3D' });
    expect(() => loads(duty((o) => { o.workingDays = true; o.offset = 'P10D'; }))).not.toThrow();
    const wrong = (offset: string | null) => ref(at('offset'), 'working days are counted in whole days', offset, 'a duration of days such as "P3D"');
    expect(issuesOf(duty((o) => { o.workingDays = true; }))).toStrictEqual([wrong('PT30M')]);
    expect(issuesOf(duty((o) => { o.workingDays = true; o.offset = null; }))).toStrictEqual([wrong(null)]);
    expect(issuesOf(duty((o) => { o.workingDays = true; o.offset = 'P1DT2H'; }))).toStrictEqual([wrong('P1DT2H')]);
    expect(issuesOf(duty((o) => { o.workingDays = true; o.offset = 'P1W'; }))).toStrictEqual([wrong('P1W')]);
    expect(issuesOf(duty((o) => { o.workingDays = true; o.offset = 'PP3D'; }))).toStrictEqual([
      ref(at('offset'), 'not an ISO 8601 duration', 'PP3D', 'a duration such as "PT30M", "PT12H" or "P1D"'),
      wrong('PP3D'),
    ]);
  });

  it('refuses "until" on a duty that is not continuous', () => {
    expect(issuesOf(duty((o) => { o.until = 'subsided'; }))).toStrictEqual([ref(at('until'), '"until" ends a continuous duty only', 'subsided', '"continuous": true')]);
    expect(() => loads(duty((o) => { o.until = 'ended'; o.continuous = true; o.offset = null; }))).not.toThrow();
  });
});

describe('validate: recurring duties and the risk assessment', () => {
  const recurring = (extra: P = {}): P => ({ id: 'monthly', step: 'monthly-analysis', title: '月度分析', responsible: 'office', every: 'P1M', basis, ...extra });

  it.each(['P1D', 'P1W', 'P1M', 'P2M', 'P3M', 'P4M', 'P6M', 'P1Y'])('accepts the calendar period %s', (every) => {
    expect(loads((p) => { p.recurring = [recurring({ every })] }).definition.recurring[0]?.every).toBe(every);
  });

  it.each(['P2D', 'P5M', 'P1M1D', 'monthly'])('refuses %s as a period', (every) => {
    expect(issuesOf((p) => { p.recurring = [recurring({ every })] })).toStrictEqual([
      ref(['recurring', 0, 'every'], 'not a calendar period', every, 'P1D, P1W, P1M, P2M, P3M, P4M, P6M or P1Y'),
    ]);
  });

  it('refuses an id an obligation has, a recipient as responsible and an unknown "to"', () => {
    expect(issuesOf((p) => { p.recurring = [recurring(), recurring({ id: 'report', responsible: 'propaganda', to: 'nobody' })]; })).toStrictEqual([
      ref(['recurring', 1, 'id'], 'id already used by an obligation', 'report', 'an id used once'),
      ref(['recurring', 1, 'responsible'], 'unknown role', 'propaganda', ROLES),
      ref(['recurring', 1, 'to'], 'unknown role or recipient', 'nobody', PARTIES),
    ]);
    expect(loads((p) => { p.recurring = [recurring({ to: 'propaganda' })]; }).definition.recurring[0]?.to).toBe('propaganda');
  });

  it('refuses filing the risk assessment with an unknown party', () => {
    const outcome = { outcome: 'postpone', text: '暂缓' };
    const risk = (filing: string[]): P => ({ steps: [{ id: 'assess', name: '评估' }], outcomes: { high: outcome, medium: outcome, low: outcome }, filing, basis });
    expect(loads((p) => { p.riskAssessment = risk(['office', 'propaganda']); }).definition.riskAssessment?.filing).toEqual(['office', 'propaganda']);
    expect(issuesOf((p) => { p.riskAssessment = risk(['office', 'archive']); })).toStrictEqual([ref(['riskAssessment', 'filing', 1], 'unknown role or recipient', 'archive', PARTIES)]);
  });
});

describe('reminders', () => {
  it('defaults to half and three quarters of the time, and takes fractions strictly between 0 and 1', () => {
    expect(loads(() => {}).definition.reminders).toEqual([0.5, 0.75]);
    expect(loads((p) => { p.reminders = [0.01, 0.99]; }).definition.reminders).toEqual([0.01, 0.99]);
    expect(issuesOf((p) => { p.reminders = [1]; }).map((i) => [i.path, i.received])).toEqual([[['reminders', 0], 1]]);
    expect(issuesOf((p) => { p.reminders = [0]; }).map((i) => [i.path, i.received])).toEqual([[['reminders', 0], 0]]);
  });
});

describe('parameters', () => {
  const minutes: P = { id: 'minutes', type: 'number', name: '报告时限', unit: 'minutes', min: 1, max: 60, basis };
  const withMinutes = (extra: P = {}) => (p: P) => {
    p.parameters = [{ ...minutes, ...extra }];
    p.obligations[0].offset = 'PT{{minutes}}M';
  };
  const load = (value: unknown, extra: P = {}) => loadPlan(make(withMinutes(extra)), { parameters: { minutes: value as number } });
  /** The blank in the title, where a fraction can stand. */
  const inTitle = (value: unknown, extra: P) =>
    loadPlan(make((p) => { p.parameters = [{ ...minutes, ...extra }]; p.title = '时限 {{minutes}}'; }), { parameters: { minutes: value as number } });
  const invalid = (value: unknown, extra: P = {}) => planError(make(withMinutes(extra)), { parameters: { minutes: value as number } });
  const bad = (received: unknown, problem: string, expected = 'a whole number ≥ 1 ≤ 60 (minutes)'): Issue => ({
    path: ['parameters', 'minutes'], code: 'invalid_parameter', message: `报告时限 ${problem}`, received, expected,
  });

  it('writes a number into the offset and keeps the values, frozen', () => {
    const plan = load(30);
    expect(plan.definition.obligations[0]?.offset).toBe('PT30M');
    expect(plan.parameters).toStrictEqual({ minutes: 30 });
    expect(Object.isFrozen(plan.parameters)).toBe(true);
  });

  it('reads a number given as text', () => {
    expect(load(' 45 ').parameters).toStrictEqual({ minutes: 45 });
    expect(load('45').definition.obligations[0]?.offset).toBe('PT45M');
  });

  it('accepts the bounds and refuses just past them', () => {
    expect(load(1).parameters).toStrictEqual({ minutes: 1 });
    expect(load(60).parameters).toStrictEqual({ minutes: 60 });
    const low = invalid(0);
    expect(low.issues).toStrictEqual([bad(0, 'is too small')]);
    expect(low.code).toBe('INVALID_PLAN');
    expect(low.message).toBe('Invalid plan\nparameters.minutes: 报告时限 is too small (received 0; expected a whole number ≥ 1 ≤ 60 (minutes))');
    expect(invalid(61).issues).toStrictEqual([bad(61, 'is too large')]);
    expect(inTitle(0.5, { integer: false, min: 0.5 }).title).toBe('时限 0.5');
  });

  it('takes any number when no bounds are set', () => {
    const open = (p: P) => { p.parameters = [{ id: 'count', type: 'number', name: '次数', basis }]; p.title = '{{count}} 次'; };
    expect(loadPlan(make(open), { parameters: { count: -1000 } }).title).toBe('-1000 次');
    expect(planError(make(open), { parameters: { count: 1.5 } }).issues).toStrictEqual([
      { path: ['parameters', 'count'], code: 'invalid_parameter', message: '次数 must be a whole number', received: 1.5, expected: 'a whole number' },
    ]);
  });

  it('refuses a fraction for a whole number, and takes it when the parameter is not integer', () => {
    expect(invalid(1.5).issues).toStrictEqual([bad(1.5, 'must be a whole number')]);
    const fraction = inTitle(1.5, { integer: false, unit: 'hours' });
    expect(fraction.parameters).toStrictEqual({ minutes: 1.5 });
    expect(fraction.title).toBe('时限 1.5');
    expect(invalid(0.5, { integer: false, unit: 'hours' }).issues).toStrictEqual([bad(0.5, 'is too small', 'a number ≥ 1 ≤ 60 (hours)')]);
  });

  it.each([[true], [''], ['  '], ['thirty'], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [[30]]])('refuses %s as a number', (value) => {
    expect(invalid(value).issues).toStrictEqual([bad(value, 'must be a number')]);
  });

  it('writes the expected range from what is declared', () => {
    expect(invalid('x', { min: undefined }).issues).toStrictEqual([bad('x', 'must be a number', 'a whole number ≤ 60 (minutes)')]);
    expect(invalid('x', { max: undefined, unit: undefined }).issues).toStrictEqual([bad('x', 'must be a number', 'a whole number ≥ 1')]);
    expect(invalid('x', { min: 0 }).issues).toStrictEqual([bad('x', 'must be a number', 'a whole number ≥ 0 ≤ 60 (minutes)')]);
  });

  const dept: P = { id: 'dept', type: 'text', name: '部门', basis };
  const withDept = (extra: P = {}) => (p: P) => { p.parameters = [{ ...dept, ...extra }]; p.roles[0].name = '{{dept}}办公室'; };
  const textError = (received: unknown): Issue => ({
    path: ['parameters', 'dept'], code: 'invalid_parameter', message: '部门 must be a text', received, expected: 'a non-empty text of at most 100 characters',
  });

  it('writes a text trimmed, up to 100 characters', () => {
    const plan = loadPlan(make(withDept()), { parameters: { dept: '  宣传部 ' } });
    expect(plan.definition.roles[0]?.name).toBe('宣传部办公室');
    expect(plan.parameters).toStrictEqual({ dept: '宣传部' });
    expect(loadPlan(make(withDept()), { parameters: { dept: 'x'.repeat(100) } }).parameters).toStrictEqual({ dept: 'x'.repeat(100) });
  });

  it.each([['x'.repeat(101)], ['   '], [''], ['a {{dept}}'], [5]])('refuses %j as a text', (value) => {
    expect(planError(make(withDept()), { parameters: { dept: value as string } }).issues).toStrictEqual([textError(value)]);
  });

  it('names every missing parameter, with what it takes', () => {
    const e = planError(make((p) => { withMinutes()(p); p.parameters.push(dept); }), { parameters: {} });
    expect(e.code).toBe('MISSING_PARAMETER');
    expect(e.message.split('\n')[0]).toBe('Plan parameters missing');
    expect(e.issues).toStrictEqual([
      { path: ['parameters', 'minutes'], code: 'missing_parameter', message: 'missing parameter: 报告时限', expected: 'a whole number ≥ 1 ≤ 60 (minutes)' },
      { path: ['parameters', 'dept'], code: 'missing_parameter', message: 'missing parameter: 部门', expected: 'a non-empty text of at most 100 characters' },
    ]);
    expect(planError(make(withMinutes())).issues).toStrictEqual([e.issues[0]]);
  });

  it('refuses a parameter the plan does not declare, naming those it does', () => {
    const e = planError(make(withMinutes()), { parameters: { minutes: 30, hours: 2 } });
    expect(e.code).toBe('INVALID_PLAN');
    expect(e.issues).toStrictEqual([{ path: ['parameters', 'hours'], code: 'unknown_parameter', message: 'this plan has no such parameter', received: 2, expected: 'one of "minutes"' }]);
    expect(planError(make(), { parameters: { hours: 2 } }).issues).toStrictEqual([
      { path: ['parameters', 'hours'], code: 'unknown_parameter', message: 'this plan has no such parameter', received: 2, expected: 'no parameters: the plan has no blanks' },
    ]);
  });

  it('reports a missing parameter before anything else, with the code for it', () => {
    const e = planError(make(withMinutes()), { parameters: { hours: 2 } });
    expect(e.code).toBe('MISSING_PARAMETER');
    expect(e.issues.map((i) => i.code)).toEqual(['unknown_parameter', 'missing_parameter']);
  });

  it.each([[5], [null], [[30]], ['minutes=30']])('refuses %j as the parameters option', (given) => {
    expect(planError(make(withMinutes()), { parameters: given as never }).issues).toStrictEqual([
      { path: ['options', 'parameters'], code: 'invalid_type', message: 'parameters must be an object of values by name', received: given, expected: 'an object such as { "phoneReportMinutes": 30 }' },
    ]);
  });

  it('writes an optional blank left open as its placeholder, or as [X]', () => {
    expect(loadPlan(make(withDept({ optional: true, placeholder: '[具体部门]' }))).definition.roles[0]?.name).toBe('[具体部门]办公室');
    const open = loadPlan(make(withDept({ optional: true })));
    expect(open.definition.roles[0]?.name).toBe('[X]办公室');
    expect(open.parameters).toStrictEqual({});
    expect(loadPlan(make(withDept({ optional: true })), { parameters: { dept: '网信办' } }).definition.roles[0]?.name).toBe('网信办办公室');
  });

  it('refuses a placeholder that names no declared parameter, at its path', () => {
    expect(planError(make((p) => { withMinutes()(p); p.obligations[0].title = '报告 {{ hours }}'; }), { parameters: { minutes: 5 } }).issues).toStrictEqual([
      { path: ['obligations', 0, 'title'], code: 'unknown_parameter', message: '"{{ hours }}" names no declared parameter', received: '报告 {{ hours }}', expected: 'one of {{minutes}}' },
    ]);
    expect(planError(make((p) => { p.title = '{{x}}'; })).issues).toStrictEqual([
      { path: ['title'], code: 'unknown_parameter', message: '"{{x}}" names no declared parameter', received: '{{x}}', expected: 'a declared parameter' },
    ]);
  });

  it('writes every placeholder, spaced or not, but leaves the parameter declarations as written', () => {
    const plan = loadPlan(make((p) => {
      withMinutes({ name: '报告时限 {{minutes}}' })(p);
      p.title = '{{ minutes }} 分钟与 {{minutes}} 分钟';
    }), { parameters: { minutes: 7 } });
    expect(plan.title).toBe('7 分钟与 7 分钟');
    expect(plan.definition.parameters[0]?.name).toBe('报告时限 {{minutes}}');
  });

  it('refuses a malformed parameter declaration before reading any value', () => {
    const e = planError(make((p) => { p.parameters = [{ ...minutes }, { ...minutes, id: 'Bad-id' }]; }), { parameters: { nope: 1 } });
    expect(e.issues).toStrictEqual([
      { path: ['parameters', 1, 'id'], code: 'invalid_format', message: 'must be a camelCase name like "phoneReportMinutes"', received: 'Bad-id', expected: 'regex' },
    ]);
  });

  it('leaves a parameters field that is not a list to the schema', () => {
    expect(planError(make((p) => { p.parameters = 'x'; })).issues).toStrictEqual([
      { path: ['parameters'], code: 'invalid_type', message: 'Invalid input: expected array, received string', received: 'x', expected: 'array' },
    ]);
  });

  it('fills the bundled ideology-emergency plan from its scenario values, and names all four blanks when none is given', () => {
    const given = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'ideology-emergency.scenarios.json'), 'utf8')).parameters;
    expect(loadPlan('ideology-emergency', { parameters: given }).parameters).toStrictEqual({ phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' });
    const e = planError('ideology-emergency');
    expect(e.code).toBe('MISSING_PARAMETER');
    expect(e.issues).toStrictEqual([
      { path: ['parameters', 'phoneReportMinutes'], code: 'missing_parameter', message: 'missing parameter: 重大突发事件电话报告时限（事件发生后[X]分钟内）', expected: 'a whole number ≥ 1 (minutes)' },
      { path: ['parameters', 'writtenReportHours'], code: 'missing_parameter', message: 'missing parameter: 重大突发事件书面报告时限（事件发生后[X]小时内）', expected: 'a whole number ≥ 1 (hours)' },
      { path: ['parameters', 'verifyHours'], code: 'missing_parameter', message: 'missing parameter: 领导小组办公室核实情况时限（[X]小时内）', expected: 'a whole number ≥ 1 (hours)' },
      { path: ['parameters', 'officeDepartment'], code: 'missing_parameter', message: 'missing parameter: 领导小组办公室所设部门（[具体部门]）', expected: 'a non-empty text of at most 100 characters' },
    ]);
  });
});

describe('resolve: extends, overrides and remove', () => {
  /** A template of the base plan's lists, offered under the id "tpl". */
  const TEMPLATE: P = (() => {
    const { id: _id, version: _v, title: _t, unit: _u, source: _s, ...rest } = structuredClone(BASE);
    return { template: true, id: 'tpl', title: '模板', description: '测试模板', conditions: { severe: { all: [fact('attention', 'equal', 'extreme')] } }, ...rest };
  })();
  const templates = () => ({ tpl: structuredClone(TEMPLATE) });
  const HEAD: P = { id: 'extending', version: '2', title: '扩展预案', unit: '扩展单位', source: { seed: '000', file: 'x.txt' }, extends: 'tpl' };
  const extending = (extra: P = {}): P => ({ ...structuredClone(HEAD), ...extra });
  const resolveIssues = (extra: P): Issue[] => planError(extending(extra), { templates: templates() }).issues;
  const resolved = (extra: P = {}) => loadPlan(extending(extra), { templates: templates() }).definition;
  const override = (path: (string | number)[], message: string, received?: unknown, expected?: string): Issue => ({
    path, code: 'invalid_override', message, ...(received !== undefined ? { received } : {}), ...(expected !== undefined ? { expected } : {}),
  });

  it('takes the template’s lists and drops its template, id, title and description', () => {
    const d = resolved();
    expect(d).toMatchObject({ id: 'extending', title: '扩展预案', version: '2', unit: '扩展单位' });
    expect(d.roles.map((r) => r.id)).toEqual(['office', 'leading-group']);
    expect(Object.keys(d.conditions)).toEqual(['severe']);
    expect('template' in d || 'description' in d).toBe(false);
    const without = (key: string): P => { const plan = extending(); delete plan[key]; return plan; };
    expect(planError(without('title'), { templates: templates() }).issues).toStrictEqual([{ path: ['title'], code: 'invalid_type', message: 'Invalid input: expected string, received undefined', expected: 'string' }]);
    expect(planError(without('id'), { templates: templates() }).issues).toStrictEqual([{ path: ['id'], code: 'invalid_type', message: 'Invalid input: expected string, received undefined', expected: 'string' }]);
  });

  it('adds the plan’s own items after the template’s, and its own keys replace the template’s', () => {
    const d = resolved({
      roles: [{ id: 'monitor', name: '监测组' }],
      conditions: { calm: { all: [fact('attention', 'equal', 'low')] } },
      timeZone: 'Asia/Hong_Kong',
    });
    expect(d.roles.map((r) => r.id)).toEqual(['office', 'leading-group', 'monitor']);
    expect(Object.keys(d.conditions)).toEqual(['severe', 'calm']);
    expect(d.timeZone).toBe('Asia/Hong_Kong');
  });

  it('takes a list the template lacks from the plan as it is', () => {
    const monthly = { id: 'monthly', step: 'monthly-analysis', title: '月度分析', responsible: 'office', every: 'P1M', basis };
    expect(resolved({ recurring: [monthly] }).recurring).toEqual([monthly]);
  });

  it('passes an item that is not an object on to the schema, not taking it for a duplicate', () => {
    const issues = resolveIssues({ roles: [null] });
    expect(issues.map((i) => [i.path, i.code])).toEqual([[['roles', 2], 'invalid_type']]);
  });

  it('refuses a plan’s own item that the template already defines, by id or (escalation) by level', () => {
    expect(resolveIssues({
      roles: [{ id: 'monitor', name: '监测组' }, { id: 'office', name: '办公室' }],
      escalation: [{ level: 'II', lead: 'office', basis }],
      conditions: { calm: { all: [] }, severe: { all: [] } },
    })).toStrictEqual([
      override(['roles', 1, 'id'], 'the template "tpl" already defines this; change it under "overrides.roles"', 'office', 'a new id'),
      override(['escalation', 0, 'level'], 'the template "tpl" already defines this; change it under "overrides.escalation"', 'II', 'a new id'),
      override(['conditions', 'severe'], 'the template "tpl" already defines this condition; change it under "overrides.conditions"', 'severe', 'a new name'),
    ]);
  });

  it('refuses "overrides" or "remove" without "extends"', () => {
    expect(planError(make((p) => { p.overrides = { roles: {} }; p.remove = { roles: [] }; })).issues).toStrictEqual([
      override(['overrides'], '"overrides" needs "extends": there is no template to change', { roles: {} }, 'no such key, or an "extends"'),
      override(['remove'], '"remove" needs "extends": there is no template to change', { roles: [] }, 'no such key, or an "extends"'),
    ]);
  });

  it('refuses an unknown template, naming the bundled ones and those given', () => {
    expect(planError(extending({ extends: 'nope' })).issues).toStrictEqual([override(['extends'], 'no template has this id', 'nope', 'one of "seven-step-procedure"')]);
    expect(resolveIssues({ extends: 7 })).toStrictEqual([override(['extends'], 'no template has this id', 7, 'one of "seven-step-procedure", "tpl"')]);
    expect(resolveIssues({ extends: 'constructor' })).toStrictEqual([override(['extends'], 'no template has this id', 'constructor', 'one of "seven-step-procedure", "tpl"')]);
  });

  it('refuses overrides or remove that are not objects', () => {
    expect(resolveIssues({ overrides: ['x'], remove: 'x' })).toStrictEqual([
      override(['overrides'], 'must be an object of lists', ['x'], 'an object such as { "obligations": { "<id>": { … } } }'),
      override(['remove'], 'must be an object of lists', 'x', 'an object such as { "obligations": ["<id>"] }'),
    ]);
    expect(resolveIssues({ remove: null })).toStrictEqual([override(['remove'], 'must be an object of lists', null, 'an object such as { "obligations": ["<id>"] }')]);
  });

  it('removes items by id, escalation by level, and shared conditions by name', () => {
    const d = resolved({
      remove: { obligations: ['report'], conditions: ['severe'], roles: [] },
      overrides: { classification: { 'c-i': { conditions: { all: [] } } } },
    });
    expect(d.obligations).toEqual([]);
    expect(d.conditions).toEqual({});
    expect(resolveIssues({ remove: { escalation: ['II'] } })).toStrictEqual([
      ref(['levels', 1, 'id'], 'level has no escalation: who leads it?', 'II', 'an entry in "escalation" for this level'),
    ]);
  });

  it('refuses removing what cannot be removed, a list that is not one, and ids the template lacks', () => {
    expect(resolveIssues({ remove: { foo: ['x'], roles: 'office', obligations: ['report', 'nope'], recurring: ['r'], conditions: ['severe', 'calm', 5] } })).toStrictEqual([
      override(['remove', 'foo'], 'nothing of this kind can be removed', 'foo', MERGED),
      override(['remove', 'roles'], 'must be a list of ids', 'office', 'an array of strings'),
      override(['remove', 'obligations', 1], 'the template has no obligations item with this id', 'nope'),
      override(['remove', 'recurring', 0], 'the template has no recurring item with this id', 'r'),
      override(['remove', 'conditions', 1], 'the template has no such condition', 'calm'),
      override(['remove', 'conditions', 2], 'the template has no such condition', 5),
    ]);
  });

  it('refuses removing a condition from a template that has none', () => {
    const bare = templates();
    delete (bare.tpl as P).conditions;
    expect(planError(extending({ remove: { conditions: ['severe'] } }), { templates: bare }).issues).toStrictEqual([
      override(['remove', 'conditions', 0], 'the template has no such condition', 'severe'),
    ]);
    expect(planError(extending({ overrides: { conditions: { severe: { all: [] } } } }), { templates: bare }).issues).toStrictEqual([
      override(['overrides', 'conditions', 'severe'], 'the template has no such condition', 'severe'),
    ]);
  });

  it('patches items by id, escalation by level; a null field removes it', () => {
    const d = resolved({
      overrides: {
        obligations: { report: { title: '新标题', notify: null, to: 'leading-group' } },
        escalation: { II: { lead: 'leading-group' } },
        conditions: { severe: { any: [fact('attention', 'in', ['extreme', 'high'])] } },
      },
    });
    expect(d.obligations[0]).toMatchObject({ id: 'report', title: '新标题', to: 'leading-group', offset: 'PT30M' });
    expect('notify' in (d.obligations[0] as object)).toBe(false);
    expect(d.escalation.map((e) => e.lead)).toEqual(['leading-group', 'leading-group']);
    expect(d.conditions.severe).toEqual({ any: [fact('attention', 'in', ['extreme', 'high'])] });
  });

  it('merges an override of a keyed object of the template into it', () => {
    const withRisk = templates();
    const outcome = { outcome: 'postpone', text: '暂缓' };
    (withRisk.tpl as P).riskAssessment = { steps: [{ id: 'assess', name: '评估' }], outcomes: { high: outcome, medium: outcome, low: outcome }, filing: ['office'], basis };
    const d = loadPlan(extending({ overrides: { riskAssessment: { filing: ['propaganda'] } } }), { templates: withRisk }).definition;
    expect(d.riskAssessment).toMatchObject({ filing: ['propaganda'], steps: [{ id: 'assess', name: '评估' }] });
  });

  it('refuses overrides that name nothing the template has, or are not objects', () => {
    expect(resolveIssues({
      overrides: {
        roles: ['x'],
        foo: { a: 1 },
        unit: { a: 1 },
        obligations: { nope: { title: 'x' }, report: 'x' },
        recurring: { r: {} },
        conditions: { calm: { all: [] } },
      },
    })).toStrictEqual([
      override(['overrides', 'roles'], 'must map ids to the fields that change', ['x'], 'an object'),
      override(['overrides', 'foo'], 'the template has nothing of this kind to override', 'foo', MERGED),
      override(['overrides', 'unit'], 'the template has nothing of this kind to override', 'unit', MERGED),
      override(['overrides', 'obligations', 'nope'], 'the template has no obligations item with this id', 'nope', 'one of "report"'),
      override(['overrides', 'obligations', 'report'], 'must be an object of the fields that change', 'x', 'an object'),
      override(['overrides', 'recurring', 'r'], 'the template has no recurring item with this id', 'r', 'one of '),
      override(['overrides', 'conditions', 'calm'], 'the template has no such condition', 'calm'),
    ]);
  });

  it('leaves the given template and plan unchanged', () => {
    const given = templates();
    const before = structuredClone(given);
    const plan = extending({ remove: { obligations: ['report'] }, overrides: { roles: { office: { name: '综合办公室' } } } });
    const planBefore = structuredClone(plan);
    const d = loadPlan(plan, { templates: given }).definition;
    expect(d.roles[0]?.name).toBe('综合办公室');
    expect(given).toEqual(before);
    expect(plan).toEqual(planBefore);
  });

  it('resolves the bundled county-bureau plan from the seven-step template with the basis of its seed', () => {
    const d = loadPlan('county-bureau').definition;
    const template = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'templates', 'seven-step-procedure.json'), 'utf8'));
    expect(d.levels.map((l) => l.id)).toEqual(template.levels.map((l: P) => l.id));
    for (const l of d.levels) expect(l.basis.seed).toBe('000');
  });
});

describe('resolve: basis lists', () => {
  const cite = (seed: string, clause: string, section?: string): P => ({ seed, clause, ...(section ? { section } : {}) });

  it('picks the basis of the plan’s seed, and of its section when the basis names one', () => {
    const d = loadPlan(make((p) => {
      p.levels[0].basis = [cite('001', 'a'), cite('000', 'b')];
      p.roles[0].basis = [cite('000', 'c', '篇二'), cite('000', 'd', '篇三')];
      p.roles[1].basis = [cite('000', 'e')];
      p.source.section = '篇三';
    })).definition;
    expect(d.levels[0]?.basis).toEqual(cite('000', 'b'));
    expect(d.roles[0]?.basis).toEqual(cite('000', 'd', '篇三'));
    expect(d.roles[1]?.basis).toEqual(cite('000', 'e'));
  });

  it('refuses an item whose basis list cites no clause of the plan’s seed', () => {
    expect(planError(make((p) => { p.obligations[0].basis = [cite('001', 'a'), 'odd']; })).issues).toStrictEqual([
      { path: ['obligations', 0, 'basis'], code: 'missing_basis', message: 'the template cites no clause of seed 000 for this item: give it a basis under "overrides"', received: ['001', 'odd'], expected: 'a basis with seed "000"' },
    ]);
  });

  it('names the section too when the plan has one', () => {
    expect(planError(make((p) => {
      p.source.section = '篇三';
      p.classification[1].basis = [cite('000', 'a', '篇二'), cite('002', 'b', '篇三')];
    })).issues).toStrictEqual([
      { path: ['classification', 1, 'basis'], code: 'missing_basis', message: 'the template cites no clause of seed 000 篇三 for this item: give it a basis under "overrides"', received: ['000 篇二', '002 篇三'], expected: 'a basis with seed "000"' },
    ]);
  });

  it('picks the basis of the risk assessment', () => {
    const outcome = { outcome: 'postpone', text: '暂缓' };
    const risk = (b: unknown): P => ({ steps: [{ id: 'assess', name: '评估' }], outcomes: { high: outcome, medium: outcome, low: outcome }, filing: [], basis: b });
    expect(loadPlan(make((p) => { p.riskAssessment = risk([cite('002', 'x'), cite('000', 'y')]); })).definition.riskAssessment?.basis).toEqual(cite('000', 'y'));
    expect(planError(make((p) => { p.riskAssessment = risk([cite('002', 'x')]); })).issues).toStrictEqual([
      { path: ['riskAssessment', 'basis'], code: 'missing_basis', message: 'the template cites no clause of seed 000 for this item: give it a basis under "overrides"', received: ['002'], expected: 'a basis with seed "000"' },
    ]);
  });
});

describe('loadPlan: its arguments', () => {
  const BUNDLED = ['county-bureau', 'party-branch', 'industry-bureau', 'civil-affairs', 'hrss', 'city-drill', 'ideology-emergency'];

  it('lists every bundled plan in order with the title of its rule file', () => {
    const title = (id: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', `${id}.json`), 'utf8')).title;
    expect(listPlans()).toStrictEqual(BUNDLED.map((id) => ({ id, title: title(id) })));
  });

  it.each(['no-such-plan', 'toString', ''])('refuses the unknown plan id %j, listing the ids there are', (id) => {
    const e = planError(id);
    expect(e.code).toBe('UNKNOWN_PLAN');
    expect(e.issues).toStrictEqual([{ path: [], code: 'unknown_plan', message: 'no bundled plan or layer has this id', received: id, expected: `one of ${[...BUNDLED, 'national'].map((b) => `"${b}"`).join(', ')}` }]);
    expect(e.message.split('\n')[0]).toBe('Unknown plan');
  });

  it.each([[null], [42], [[]], [undefined], [true]])('refuses %j as a plan', (source) => {
    const e = planError(source);
    expect(e.code).toBe('INVALID_PLAN');
    expect(e.issues).toStrictEqual([{ path: [], code: 'invalid_type', message: 'a plan is a bundled plan id or a plan object', received: source, expected: 'string or object' }]);
  });

  it.each([[null], [5], ['x']])('refuses %j as the options', (options) => {
    expect(planError(make(), options as never).issues).toStrictEqual([{ path: ['options'], code: 'invalid_type', message: 'options must be an object', received: options, expected: 'object' }]);
  });

  it.each([[null], [[]], ['tpl']])('refuses %j as the templates option', (given) => {
    expect(planError(make(), { templates: given as never }).issues).toStrictEqual([
      { path: ['templates'], code: 'invalid_type', message: 'templates must be an object of templates by id', received: given, expected: 'an object such as { "my-template": { … } }' },
    ]);
  });

  it('refuses each template that is not an object', () => {
    expect(planError(make(), { templates: { a: 5, b: {}, c: [], d: null } as never }).issues).toStrictEqual([
      { path: ['templates', 'a'], code: 'invalid_type', message: 'a template is an object', received: 5, expected: 'a template object (see rules/templates/)' },
      { path: ['templates', 'c'], code: 'invalid_type', message: 'a template is an object', received: [], expected: 'a template object (see rules/templates/)' },
      { path: ['templates', 'd'], code: 'invalid_type', message: 'a template is an object', received: null, expected: 'a template object (see rules/templates/)' },
    ]);
    expect(() => loadPlan(make(), { templates: { b: {} } })).not.toThrow();
  });

  it('returns the plan’s id, version, title, time zone, parameters and definition, deeply frozen', () => {
    const plan = loadPlan(make((p) => { p.timeZone = 'Asia/Tokyo'; }), {});
    expect(Object.keys(plan)).toEqual(['id', 'version', 'title', 'timeZone', 'parameters', 'definition', 'layers']);
    expect(plan).toMatchObject({ id: 'loading-test', version: '1', title: '加载测试预案', timeZone: 'Asia/Tokyo', parameters: {} });
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.definition.escalation[0]?.consultWith)).toBe(true);
    expect(Object.isFrozen(plan.definition.source)).toBe(true);
  });
});

describe('compiledOf and the compiled plan', () => {
  it.each([[null], [{}], ['county-bureau'], [42]])('refuses %j as a plan', (value) => {
    try {
      compiledOf(value);
      throw new Error('expected a PlanError');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      expect((error as PlanError).issues).toStrictEqual([{ path: ['plan'], code: 'invalid_type', message: '不是 loadPlan 生成的预案', received: value, expected: 'loadPlan() 的结果' }]);
    }
  });

  it('refuses a copy of a plan: the compiled rules are not copied', () => {
    const plan = loadPlan(make());
    expect(() => compiledOf({ ...plan })).toThrow(PlanError);
    expect(() => decide({ ...plan }, {}, { now: '2026-03-02T09:00:00+08:00' })).toThrow('不是 loadPlan 生成的预案');
  });

  it('maps levels by id and orders them by severity', () => {
    const c = compiledOf(loadPlan(make((p) => { p.levels = [level('II', 5, basis), level('I', 2, basis)]; })));
    expect([...c.levels.keys()]).toEqual(['II', 'I']);
    expect(c.levels.get('II')?.rank).toBe(5);
    expect(c.levelsBySeverity.map((l) => l.id)).toEqual(['I', 'II']);
  });

  it('orders classification by priority, then the more severe level first', () => {
    const c = compiledOf(loadPlan(make((p) => {
      p.levels.push(level('III', 3, basis));
      p.escalation.push({ level: 'III', lead: 'office', basis });
      p.classification = [
        { id: 'low', level: 'III', priority: 5, basis, conditions: { all: [] } },
        { id: 'tie-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
        { id: 'tie-iii', level: 'III', priority: 10, basis, conditions: { all: [] } },
        { id: 'tie-i', level: 'I', priority: 10, basis, conditions: { all: [] } },
        { id: 'top', level: 'III', priority: 11, basis, conditions: { all: [] } },
      ];
    })));
    expect(c.classification.map((r) => [r.rule.id, r.level.id])).toEqual([['top', 'III'], ['tie-i', 'I'], ['tie-ii', 'II'], ['tie-iii', 'III'], ['low', 'III']]);
  });

  it('indexes obligations with their condition and parsed duration', () => {
    const c = compiledOf(loadPlan(make((p) => {
      p.obligations.push({ id: 'watch', step: 'monitor', title: '监测', responsible: 'office', continuous: true, basis, when: { all: [fact('massIncident', 'equal', true)] } });
      p.obligations.push({ id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'P1DT2H', basis });
    })));
    expect(c.obligations.map((o) => [o.rule.id, o.index, o.duration, o.applies === null])).toEqual([
      ['report', 0, { minutes: 30 }, true],
      ['watch', 1, null, false],
      ['verify', 2, { days: 1, hours: 2 }, true],
    ]);
    expect(typeof c.obligations[1]?.applies).toBe('function');
  });

  it('maps escalation by level, parties with whether they are outside the unit, and shared conditions by name', () => {
    const c = compiledOf(loadPlan(make((p) => {
      p.roles[0].nameEn = 'Office';
      p.conditions = { severe: { all: [fact('attention', 'equal', 'extreme')] } };
    })));
    expect([...c.escalation.entries()].map(([id, e]) => [id, e.lead])).toEqual([['I', 'leading-group'], ['II', 'office']]);
    expect([...c.parties.entries()]).toEqual([
      ['office', { id: 'office', name: '办公室', nameEn: 'Office', external: false }],
      ['leading-group', { id: 'leading-group', name: '领导小组', external: false }],
      ['propaganda', { id: 'propaganda', name: '宣传部', external: true }],
    ]);
    expect([...c.named.entries()]).toEqual([['severe', { all: [fact('attention', 'equal', 'extreme')] }]]);
  });

  it('formats moments in the plan’s time zone', () => {
    expect(compiledOf(loadPlan(make())).format(Date.UTC(2026, 2, 2, 1, 0))).toBe('2026-03-02T09:00:00+08:00');
    expect(compiledOf(loadPlan(make((p) => { p.timeZone = 'UTC'; }))).format(Date.UTC(2026, 2, 2, 1, 0))).toBe('2026-03-02T01:00:00Z');
  });
});
