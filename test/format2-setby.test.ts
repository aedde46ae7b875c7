import { describe, expect, it } from 'vitest';
import { decide, loadPlan, PlanError, type Decision } from '../src/index.js';
import { at, equal } from './support/synthetic-plan.js';
import { planErrorOf } from './support/errors.js';

// Who may record a declared fact (plan format 2, `facts.*.setBy`): an `indicators-updated`, `flags-updated`
// or `metrics-updated` event by roles that no alternative allows leaves that fact as it was, with the
// warning `fact-not-authorised`. Times are on 2026-03-02 in +08:00.
const basis = { clause: '第七条', quote: '处置不当的上调一级，须经党组研究确定' };
const lvl = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A plan whose levels follow declared facts: central media → I, very fast spread (reposts ≥ 10 000) → II,
 * staff involved → II, else III; mishandled raises one level. Who may record: mediaTier the office (舆情等级指标由办公室核定),
 * mishandled the party group (党组, collective: director and party secretary), reposts the office or the
 * director and the party secretary jointly; staffInvolved anyone.
 */
function source(edit: (plan: Json) => void = () => {}): Json {
  const plan: Json = {
    format: 2,
    id: 'setby-test',
    version: '1',
    title: '事实录入权限测试预案',
    unit: '测试局',
    source: { document: '（示例）事实录入权限测试办法' },
    levels: [lvl('I', 1), lvl('II', 2), lvl('III', 3)],
    facts: {
      indicators: {
        mediaTier: { name: '媒体层级', values: [{ id: 'central', name: '中央媒体' }, { id: 'local', name: '地方媒体' }], setBy: [['office']] },
      },
      flags: {
        mishandled: { name: '处置不当', setBy: [['party-group']] },
        staffInvolved: { name: '涉及本局人员' },
      },
      metrics: {
        reposts: { name: '转发量', min: 0, sets: { indicator: 'spread', bands: [{ atLeast: 10000, value: 'very-fast' }] }, setBy: [['office'], ['director', 'party-secretary']] },
      },
    },
    classification: [
      { id: 'central', level: 'I', priority: 30, conditions: { all: [equal('mediaTier', 'central')] }, basis },
      { id: 'fast', level: 'II', priority: 20, conditions: { all: [equal('spread', 'very-fast')] }, basis },
      { id: 'staff', level: 'II', priority: 10, conditions: { all: [equal('staffInvolved', true)] }, basis },
    ],
    grading: { raise: [{ id: 'mishandled', when: { all: [equal('mishandled', true)] }, basis }] },
    roles: [
      { id: 'leading-group', name: '领导小组' },
      { id: 'office', name: '办公室' },
      { id: 'director', name: '局长' },
      { id: 'party-secretary', name: '党组书记' },
      { id: 'party-group', name: '局党组', collective: true, members: ['director', 'party-secretary'] },
    ],
    recipients: [{ id: 'city', name: '市委网信办' }],
    escalation: ['I', 'II', 'III'].map((id) => ({ level: id, lead: 'office', basis })),
    obligations: [{ id: 'monitor', step: 'monitor', title: '持续监测', responsible: 'office', continuous: true, basis }],
  };
  edit(plan);
  return plan;
}

const PLAN = loadPlan(source());
const incident = (events: Json[] = [], more: Json = {}): Json => ({ id: 's-1', occurredAt: at('08:30'), discoveredAt: at('09:00'), indicators: { mediaTier: 'local' }, events, ...more });
const flags = (time: string, values: Json, by?: string | string[]): Json => ({ type: 'flags-updated', at: at(time), flags: values, ...(by !== undefined ? { by } : {}) });
const indicators = (time: string, values: Json, by?: string | string[]): Json => ({ type: 'indicators-updated', at: at(time), indicators: values, ...(by !== undefined ? { by } : {}) });
const metrics = (time: string, values: Json, by?: string | string[]): Json => ({ type: 'metrics-updated', at: at(time), metrics: values, ...(by !== undefined ? { by } : {}) });
const codes = (d: Decision): string[] => d.warnings.map((w) => w.code);
const decideAt = (events: Json[], more: Json = {}): Decision => decide(PLAN, incident(events, more), { now: at('11:00') });

describe('who may record a declared fact: authorised events', () => {
  it('applies a flag set by the collective body itself, or by all its members jointly', () => {
    for (const by of ['party-group', ['director', 'party-secretary'], ['party-secretary', 'director', 'office']]) {
      const d = decideAt([flags('10:00', { mishandled: true }, by)]);
      expect(d.level).toMatchObject({ id: 'II', raised: { from: 'III', rule: 'mishandled' } });
      expect(codes(d)).toStrictEqual([]);
    }
  });

  it('applies a metric set by either alternative, the joint one in any order', () => {
    for (const by of ['office', ['director', 'party-secretary'], ['party-secretary', 'director']]) {
      const d = decideAt([metrics('10:00', { reposts: 20000 }, by)]);
      expect(d.level).toMatchObject({ id: 'II', setAt: at('10:00') });
      expect(codes(d)).toStrictEqual([]);
    }
  });

  it('applies an indicator set by its role', () => {
    const d = decideAt([indicators('10:00', { mediaTier: 'central' }, 'office')]);
    expect(d.level).toMatchObject({ id: 'I', setAt: at('10:00') });
    expect(codes(d)).toStrictEqual([]);
  });

  it('works in a plan that declares metrics only', () => {
    const only = loadPlan(
      source((p) => {
        p.facts = { metrics: p.facts.metrics };
        p.classification = [p.classification[1]];
        delete p.grading;
      }),
    );
    const run = (by: string) => decide(only, incident([metrics('10:00', { reposts: 20000 }, by)], { indicators: { spread: 'slow' } }), { now: at('11:00') });
    expect(run('office').level).toMatchObject({ id: 'II' });
    expect(run('director').level).toMatchObject({ id: 'III' });
    expect(codes(run('director'))).toStrictEqual(['fact-not-authorised']);
  });

  it('lets anyone (or no one named) record a fact without setBy, and a shared fact', () => {
    const d = decideAt([flags('10:00', { staffInvolved: true }), indicators('10:30', { spread: 'very-fast' }, 'director')]);
    expect(d.level).toMatchObject({ id: 'II', setAt: at('10:00') });
    expect(codes(d)).toStrictEqual([]);
  });
});

describe('who may record a declared fact: events that may not', () => {
  it('leaves a flag unchanged when one role records it alone, and says who may', () => {
    const d = decideAt([flags('10:00', { mishandled: true }, 'director')]);
    expect(d.level).toMatchObject({ id: 'III' });
    expect(d.level).not.toHaveProperty('raised');
    expect(d.warnings).toStrictEqual([
      {
        code: 'fact-not-authorised',
        path: ['events', 0, 'flags', 'mishandled'],
        message: '此事件不是由有权记录“mishandled”的角色作出（“party-group”；以“+”连接者须共同作出）：“mishandled”保持不变',
      },
    ]);
  });

  it('does not let a member of the collective body, a part of a joint alternative, or an unnamed actor set it', () => {
    for (const by of ['party-secretary', 'office', undefined]) {
      const d = decideAt([flags('10:00', { mishandled: true }, by)]);
      expect(d.level).toMatchObject({ id: 'III' });
      expect(codes(d)).toStrictEqual(['fact-not-authorised']);
    }
    const joint = decideAt([metrics('10:00', { reposts: 20000 }, 'director')]);
    expect(joint.level).toMatchObject({ id: 'III' });
    expect(joint.warnings).toStrictEqual([
      {
        code: 'fact-not-authorised',
        path: ['events', 0, 'metrics', 'reposts'],
        message: '此事件不是由有权记录“reposts”的角色作出（“office” 或 “director” + “party-secretary”；以“+”连接者须共同作出）：“reposts”保持不变',
      },
    ]);
  });

  it('leaves an indicator unchanged, keeping the value recorded before', () => {
    const d = decideAt([indicators('09:30', { mediaTier: 'central' }, 'office'), indicators('10:00', { mediaTier: 'local' }, 'director')]);
    expect(d.level).toMatchObject({ id: 'I', setAt: at('09:30') });
    expect(d.warnings.map((w) => w.path)).toStrictEqual([['events', 1, 'indicators', 'mediaTier']]);
  });

  it('applies the facts of a mixed event that it may set, and only those', () => {
    // The office may record reposts but not mishandled; staffInvolved has no setBy.
    const d = decideAt([flags('10:00', { mishandled: true, staffInvolved: true }, 'office'), metrics('10:30', { reposts: 20000 }, 'office')]);
    expect(d.level).toMatchObject({ id: 'II', setAt: at('10:00') });
    expect(d.level).not.toHaveProperty('raised');
    expect(d.warnings.map((w) => w.path)).toStrictEqual([['events', 0, 'flags', 'mishandled']]);
    const mixed = decideAt([indicators('10:00', { mediaTier: 'central', spread: 'very-fast' }, 'director')]);
    expect(mixed.level).toMatchObject({ id: 'II', setAt: at('10:00') });
    expect(mixed.warnings.map((w) => w.path)).toStrictEqual([['events', 0, 'indicators', 'mediaTier']]);
  });

  it('does not count an unauthorised value as a conflict with an authorised one at the same moment', () => {
    const d = decideAt([metrics('10:00', { reposts: 20000 }, 'director'), metrics('10:00', { reposts: 50 }, 'office')]);
    expect(d.level).toMatchObject({ id: 'III' });
    expect(codes(d)).toStrictEqual(['fact-not-authorised']);
  });
});

describe('who may record a declared fact: the incident as discovered', () => {
  it('accepts the facts the incident gives at discovery as given', () => {
    const d = decideAt([], { indicators: { mediaTier: 'central' }, flags: { mishandled: true }, metrics: { reposts: 20000 } });
    expect(d.level).toMatchObject({ id: 'I', setAt: at('09:00') });
    expect(codes(d)).toStrictEqual([]);
    // A later change by someone who may not record it leaves the given value.
    const later = decideAt([flags('10:00', { mishandled: false }, 'office')], { flags: { mishandled: true } });
    expect(later.level).toMatchObject({ id: 'II', raised: { from: 'III', rule: 'mishandled' } });
    expect(codes(later)).toStrictEqual(['fact-not-authorised']);
  });

  it('mutates neither the plan source nor the incident', () => {
    const plan = source();
    const before = structuredClone(plan);
    const loaded = loadPlan(plan);
    expect(plan).toStrictEqual(before);
    const given = incident([flags('10:00', { mishandled: true, staffInvolved: true }, 'office')]);
    const copy = structuredClone(given);
    decide(loaded, given, { now: at('11:00') });
    expect(given).toStrictEqual(copy);
  });
});

describe('who may record a declared fact: checking the plan', () => {
  const loadError = (plan: Json): PlanError => planErrorOf(() => loadPlan(plan));
  const issuesOf = (plan: Json) => loadError(plan).issues.map(({ path, received, expected, message }) => ({ path: path.join('.'), received, expected, message }));
  const ROLES = 'one of "leading-group", "office", "director", "party-secretary", "party-group"';

  it('refuses an unknown role, a recipient, and a role twice in one alternative, naming path, value and expected', () => {
    const issues = issuesOf(
      source((p) => {
        p.facts.indicators.mediaTier.setBy = [['press']];
        p.facts.flags.mishandled.setBy = [['city']];
        p.facts.metrics.reposts.setBy = [['office'], ['director', 'director']];
      }),
    );
    expect(issues).toStrictEqual([
      { path: 'facts.indicators.mediaTier.setBy.0.0', received: 'press', expected: ROLES, message: 'unknown role' },
      { path: 'facts.flags.mishandled.setBy.0.0', received: 'city', expected: ROLES, message: "a recipient, not a role: only the plan's roles record facts" },
      { path: 'facts.metrics.reposts.setBy.1.1', received: 'director', expected: 'each role once (the roles of an alternative act jointly)', message: 'role listed twice in one alternative' },
    ]);
  });

  it('refuses an empty setBy or an empty alternative', () => {
    expect(loadError(source((p) => { p.facts.flags.mishandled.setBy = []; })).issues[0]?.path).toStrictEqual(['facts', 'flags', 'mishandled', 'setBy']);
    expect(loadError(source((p) => { p.facts.flags.mishandled.setBy = [[]]; })).issues[0]?.path).toStrictEqual(['facts', 'flags', 'mishandled', 'setBy', 0]);
  });

  it('has no setBy on a shared fact: a declaration under a shared name is refused', () => {
    const issues = issuesOf(source((p) => { p.facts.indicators.spread = { name: '传播速度', values: [{ id: 'fast', name: '快' }, { id: 'slow', name: '慢' }], setBy: [['office']] }; }));
    expect(issues.map((i) => i.path)).toContain('facts.indicators.spread');
  });

  it('is a field of format 2 only, like the rest of facts', () => {
    const issues = issuesOf(source((p) => { delete p.format; }));
    expect(issues.map((i) => i.path)).toContain('facts');
  });
});

describe('verify counts those who may record a fact', () => {
  it('finds no unused role that only records a declared fact', async () => {
    const { verifyPlan } = await import('../src/testing/index.js');
    const { loadPlan: load } = await import('../src/index.js');
    const { readFileSync } = await import('node:fs');
    const definition = JSON.parse(readFileSync('examples/plans/bureau-judgement.json', 'utf8')) as { roles: { id: string; name: string }[]; facts: { flags: Record<string, { setBy?: string[][] }> } };
    definition.roles.push({ id: 'inspector', name: '督查员' });
    const unused = (d: object) => verifyPlan(load(d)).findings.filter((f) => f.check === 'unused-party').map((f) => f.subject);
    expect(unused(definition)).toEqual(['roles.inspector']);
    definition.facts.flags.mishandled!.setBy = [['inspector']];
    expect(unused(definition)).toEqual([]);
  });
});
