import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { audit, decide, loadPlan, PlanError, type Decision, type Plan } from '../src/index.js';
import { incidentErrorOf, planErrorOf } from './support/errors.js';
import { at, attention, equal, flag } from './support/synthetic-plan.js';

// Grading by judgement (plan format 2, `grading`): the ungraded phase of a plan without criteria, who may
// grade, and raise rules. Times are on 2026-03-02 in +08:00.
const basis = { clause: '第五条', quote: '舆情级别由局长、党组书记共同研判确定' };
const lvl = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis });

type Json = Record<string, unknown>;

/** A plan citing its own document, with three levels, no criteria, graded by judgement. */
function source(grading: Json = {}, extra: Json = {}): Json {
  return {
    format: 2,
    id: 'grading-test',
    version: '1',
    title: '定级测试预案',
    unit: '测试局',
    source: { document: '（示例）定级测试办法' },
    levels: [lvl('I', 1), lvl('II', 2), lvl('III', 3)],
    classification: [],
    grading: {
      ungraded: { name: '待研判定级', nameEn: 'Not yet graded', lead: 'office', leadNote: '定级前由办公室牵头', basis },
      gradedBy: [['leading-group'], ['director', 'party-secretary']],
      ...grading,
    },
    roles: [
      { id: 'office', name: '办公室' },
      { id: 'leading-group', name: '领导小组' },
      { id: 'director', name: '局长' },
      { id: 'party-secretary', name: '党组书记' },
    ],
    recipients: [{ id: 'city', name: '市委网信办' }],
    escalation: ['I', 'II', 'III'].map((id) => ({ level: id, lead: id === 'III' ? 'office' : 'leading-group', basis })),
    obligations: [
      // The duty of the ungraded phase: report so that the leaders can grade.
      { id: 'report-for-grading', step: 'report', title: '报告局领导研判定级', responsible: 'office', offset: 'PT30M', when: { all: [equal('graded', false)] }, basis },
      { id: 'verify', step: 'verify', title: '核实', responsible: 'office', offset: 'PT2H', when: { all: [equal('level', 'ungraded')] }, basis },
      { id: 'statement', step: 'statement', title: '发布权威信息', responsible: 'office', offset: 'PT2H', when: { all: [{ fact: 'level', operator: 'in', value: ['I', 'II'] }] }, basis },
      { id: 'worsening', step: 'report', title: '升级续报', responsible: 'office', to: 'city', notify: 'report', immediate: true, on: 'upgrade', basis },
    ],
    ...extra,
  };
}

const incident = (events: Json[] = [], more: Json = {}): Json => ({ id: 'g-1', occurredAt: at('08:30'), discoveredAt: at('09:00'), events, ...more });
const setLevel = (time: string, level: string, by?: string | string[]): Json => ({ type: 'level-set', at: at(time), level, ...(by !== undefined ? { by } : {}) });
const levelTexts = (d: Decision): string[] => d.explanation.filter((e) => e.subject === 'level').map((e) => e.text);
const obligation = (d: Decision, id: string) => d.obligations.find((o) => o.id === id);
const loadError = (plan: Json): PlanError => planErrorOf(() => loadPlan(plan));
const paths = (error: PlanError): string[] => error.issues.map((issue) => issue.path.join('.'));

// Plans are loaded in each test (beforeEach), not once per file, so that each test compiles them anew.
describe('a plan without criteria: the ungraded phase', () => {
  let plan: Plan;
  beforeEach(() => {
    plan = loadPlan(source());
  });

  it('is ungraded until graded, led by the ungraded lead, with no warning noise', () => {
    const d = decide(plan, incident(), { now: at('09:10') });
    expect(d.level).toStrictEqual({ id: 'ungraded', rank: 4, name: '待研判定级', nameEn: 'Not yet graded', source: 'ungraded', setAt: at('09:00') });
    expect(d.lead).toStrictEqual({ id: 'office', name: '办公室', note: '定级前由办公室牵头' });
    expect(d.escalation).toStrictEqual({ approveStatement: [], consultWith: [], basis: { ...basis, document: '（示例）定级测试办法' } });
    expect(d.warnings).toStrictEqual([]);
    const [text] = levelTexts(d);
    expect(text).toBe('本预案不设分级标准，级别由研判确定；尚未定级：待研判定级，待领导小组或局长、党组书记共同研判定级');
    expect(d.explanation.find((e) => e.subject === 'level')).toMatchObject({ id: 'ungraded', rule: 'grading.ungraded', facts: [], basis });
    expect(d.explanation.find((e) => e.subject === 'lead')).toMatchObject({ id: 'office', rule: 'escalation:ungraded' });
  });

  it('raises the duties of the ungraded phase at discovery; conditions read graded = false and level = "ungraded"', () => {
    const d = decide(plan, incident(), { now: at('09:10') });
    expect(obligation(d, 'report-for-grading')).toMatchObject({ arisenAt: at('09:00'), dueAt: at('09:30'), status: 'pending' });
    expect(obligation(d, 'verify')).toMatchObject({ arisenAt: at('09:00'), dueAt: at('11:00'), status: 'pending' });
    expect(obligation(d, 'statement')).toBeUndefined();
    expect(d.next.map((o) => o.id)).toStrictEqual(['report-for-grading', 'verify']);
  });

  it('counts the ungraded duties: met when done before grading, overdue when missed, even after grading', () => {
    const metThenGraded = decide(plan, incident([{ type: 'report', at: at('09:20'), by: 'office' }, setLevel('10:00', 'II', 'leading-group')]), { now: at('10:10') });
    expect(obligation(metThenGraded, 'report-for-grading')).toMatchObject({ status: 'met', doneAt: at('09:20') });
    // Graded before the verification was due and without it: it no longer applies.
    expect(obligation(metThenGraded, 'verify')).toMatchObject({ status: 'not-applicable', reason: '级别由 ungraded 调整为 II 后不再适用' });
    const missed = decide(plan, incident([setLevel('10:00', 'II', 'leading-group')]), { now: at('10:10') });
    expect(obligation(missed, 'report-for-grading')).toMatchObject({ status: 'overdue', dueAt: at('09:30') });
    const a = audit(plan, incident([{ type: 'report', at: at('09:20'), by: 'office' }, setLevel('10:00', 'II', 'leading-group')]), { now: at('10:10') });
    expect(a.summary).toMatchObject({ met: 1, notApplicable: 1, pending: 1 });
    expect(a.levels).toStrictEqual([
      { id: 'ungraded', rank: 4, name: '待研判定级', source: 'ungraded', from: at('09:00'), to: at('10:00') },
      { id: 'II', rank: 2, name: 'II 级', source: 'judgement', from: at('10:00'), to: null, by: 'leading-group' },
    ]);
  });

  it('does not count leaving the ungraded phase as an upgrade; a later worsening is one', () => {
    const graded = decide(plan, incident([setLevel('10:00', 'II', 'leading-group')]), { now: at('10:10') });
    expect(graded.level).toMatchObject({ id: 'II', source: 'judgement', setAt: at('10:00'), setBy: 'leading-group' });
    expect(obligation(graded, 'worsening')).toBeUndefined();
    expect(obligation(graded, 'statement')).toMatchObject({ arisenAt: at('10:00'), dueAt: at('12:00') });
    const worse = decide(plan, incident([setLevel('10:00', 'II', 'leading-group'), setLevel('10:30', 'I', 'leading-group')]), { now: at('10:40') });
    expect(obligation(worse, 'worsening')).toMatchObject({ arisenAt: at('10:30'), status: 'pending' });
  });

  it('refuses a level-set back to "ungraded": it is no level of the plan', () => {
    const error = incidentErrorOf(() => decide(plan, incident([setLevel('10:00', 'ungraded', 'leading-group')]), { now: at('10:10') }));
    expect(error.issues[0]).toMatchObject({ path: ['events', 0, 'level'], code: 'unknown_level', received: 'ungraded' });
  });

  it('reads the English name as "Not yet graded" when none is given, and gives no lead note without one', () => {
    const bare = loadPlan(source({ ungraded: { name: '未定级', lead: 'office', basis } }));
    const d = decide(bare, incident(), { now: at('09:10') });
    expect(d.level).toMatchObject({ id: 'ungraded', name: '未定级', nameEn: 'Not yet graded' });
    expect(d.lead).toStrictEqual({ id: 'office', name: '办公室' });
  });
});

describe('a plan with criteria and an ungraded phase', () => {
  let plan: Plan;
  beforeEach(() => {
    plan = loadPlan(source({ gradedBy: undefined }, { classification: [{ id: 'c-i', level: 'I', priority: 10, conditions: attention('extreme'), basis }] }));
  });

  it('is ungraded while no rule fires, graded by the criteria once one does', () => {
    const none = decide(plan, incident(), { now: at('09:10') });
    expect(none.level).toMatchObject({ id: 'ungraded', source: 'ungraded' });
    // Without gradedBy the text names nobody in particular.
    expect(levelTexts(none)).toStrictEqual(['没有分级规则成立；尚未定级：待研判定级']);
    expect(none.warnings).toStrictEqual([]);
    const fired = decide(plan, incident([], { indicators: { attention: 'extreme' } }), { now: at('09:10') });
    expect(fired.level).toMatchObject({ id: 'I', source: 'criteria' });
    expect(obligation(fired, 'report-for-grading')).toBeUndefined();
  });

  it('lets anyone grade when gradedBy is absent', () => {
    const d = decide(plan, incident([setLevel('09:30', 'III', 'office')]), { now: at('09:40') });
    expect(d.level).toMatchObject({ id: 'III', source: 'judgement', setBy: 'office' });
    expect(d.warnings).toStrictEqual([]);
  });
});

describe('gradedBy: who may grade', () => {
  let plan: Plan;
  beforeEach(() => {
    plan = loadPlan(source());
  });

  it('accepts a role of a one-role alternative, or every role of a joint one in any order, also among others', () => {
    for (const by of ['leading-group', ['director', 'party-secretary'], ['party-secretary', 'director'], ['office', 'director', 'party-secretary']]) {
      const d = decide(plan, incident([setLevel('10:00', 'II', by)]), { now: at('10:10') });
      expect(d.level).toMatchObject({ id: 'II', source: 'judgement' });
      expect(d.warnings.map((w) => w.code)).not.toContain('grading-not-authorised');
    }
  });

  it('names who graded, several joined by 、', () => {
    const d = decide(plan, incident([setLevel('10:00', 'II', ['director', 'party-secretary'])]), { now: at('10:10') });
    expect(d.level.setBy).toStrictEqual(['director', 'party-secretary']);
    expect(levelTexts(d)).toStrictEqual(['局长、党组书记研判定为 II II 级，研判结论优先于分级标准']);
  });

  it('ignores a grading by part of a joint alternative, by a role not listed, or by nobody named, with a warning', () => {
    const cases: [Json, (string | number)[]][] = [
      [setLevel('10:00', 'I', 'director'), ['events', 0, 'by']],
      [setLevel('10:00', 'I', ['office']), ['events', 0, 'by']],
      [setLevel('10:00', 'I'), ['events', 0]],
    ];
    for (const [event, path] of cases) {
      const d = decide(plan, incident([event]), { now: at('10:10') });
      expect(d.level).toMatchObject({ id: 'ungraded', source: 'ungraded' });
      expect(d.warnings).toStrictEqual([
        {
          code: 'grading-not-authorised',
          path,
          message: '此“level-set”事件不是由有权定级的角色作出（“leading-group” 或 “director” + “party-secretary”；以“+”连接者须共同作出）：级别保持不变',
        },
      ]);
    }
  });

  it('keeps the level an authorised grading set when an unauthorised one follows', () => {
    const d = decide(plan, incident([setLevel('10:00', 'III', 'leading-group'), setLevel('10:30', 'I', 'director')]), { now: at('10:40') });
    expect(d.level).toMatchObject({ id: 'III', setBy: 'leading-group', setAt: at('10:00') });
    expect(d.warnings.map((w) => w.code)).toStrictEqual(['grading-not-authorised']);
  });

  it('keeps a warning issued by someone who may not grade in force, without its level', () => {
    const warned = loadPlan(
      source({}, {
        obligations: [{ id: 'adjust', step: 'warning-adjust', title: '调整预警', responsible: 'office', offset: 'PT1H', when: { all: [equal('warningInForce', true)] }, basis }],
      }),
    );
    const d = decide(warned, incident([{ type: 'warning-issued', at: at('10:00'), level: 'I', by: 'office' }]), { now: at('10:10') });
    expect(d.level).toMatchObject({ id: 'ungraded' });
    expect(obligation(d, 'adjust')).toMatchObject({ arisenAt: at('10:00') });
    expect(d.warnings.map((w) => `${w.code} ${w.message.slice(0, 30)}`)).toStrictEqual(['grading-not-authorised 此“warning-issued”事件不是由有权定级的角色作出（“leading-group” 或 “d'.slice(0, 23 + 30)]);
    const authorised = decide(warned, incident([{ type: 'warning-issued', at: at('10:00'), level: 'I', by: 'leading-group' }]), { now: at('10:10') });
    expect(authorised.level).toMatchObject({ id: 'I', source: 'judgement' });
    // An unauthorised level-set puts no warning in force.
    expect(obligation(decide(warned, incident([setLevel('10:00', 'I', 'office')]), { now: at('10:10') }), 'adjust')).toBeUndefined();
  });

  it('dates an unauthorised warning like any other: it is outdated once the criteria move from what they gave when it was issued', () => {
    const warned = loadPlan(
      source({}, {
        classification: [{ id: 'c-i', level: 'I', priority: 10, conditions: attention('extreme'), basis }],
        obligations: [{ id: 'adjust', step: 'warning-adjust', title: '调整预警', responsible: 'office', offset: 'PT1H', when: { all: [equal('warningOutdated', true)] }, basis }],
      }),
    );
    const events = [{ type: 'warning-issued', at: at('10:00'), level: 'II', by: 'office' }, { type: 'indicators-updated', at: at('10:30'), indicators: { attention: 'extreme' } }];
    const d = decide(warned, incident(events), { now: at('10:40') });
    expect(d.level).toMatchObject({ id: 'I', source: 'criteria' });
    expect(obligation(d, 'adjust')).toMatchObject({ arisenAt: at('10:30') });
  });

  it('lets a collective body grade by itself or by all its members jointly', () => {
    const collective = loadPlan(
      source(
        { gradedBy: [['party-group']] },
        {
          roles: [
            { id: 'office', name: '办公室' },
            { id: 'leading-group', name: '领导小组' },
            { id: 'director', name: '局长' },
            { id: 'party-secretary', name: '党组书记' },
            { id: 'party-group', name: '局党组', collective: true, members: ['director', 'party-secretary'] },
          ],
        },
      ),
    );
    for (const by of ['party-group', ['director', 'party-secretary']]) {
      expect(decide(collective, incident([setLevel('10:00', 'II', by)]), { now: at('10:10') }).level.id).toBe('II');
    }
    const part = decide(collective, incident([setLevel('10:00', 'II', 'director')]), { now: at('10:10') });
    expect(part.level.id).toBe('ungraded');
    expect(part.warnings[0]?.message).toContain('（“party-group”；');
  });
});

describe('raise: relative rules', () => {
  const raise = (rules: Json[]) => loadPlan(source({ raise: rules }));
  const falseReport = { id: 'false-report', when: flag('falseReport'), basis: { clause: '第七条', quote: '处置不当导致舆情升级的，上调一级' } };

  it('raises the judged level by one when its condition holds, and says why', () => {
    const plan = raise([{ ...falseReport, by: 1 }]);
    const d = decide(plan, incident([setLevel('10:00', 'III', 'leading-group'), { type: 'flags-updated', at: at('10:30'), flags: { falseReport: true } }]), { now: at('10:40') });
    expect(d.level).toMatchObject({ id: 'II', source: 'judgement', raised: { from: 'III', rule: 'false-report' }, setAt: at('10:30') });
    expect(levelTexts(d)).toStrictEqual([
      '领导小组研判定为 III III 级，研判结论优先于分级标准',
      '虚假不实报道：是 成立，级别由 III III 级 上调一级为 II II 级（上调规则 false-report）',
    ]);
    const raisedExplanation = d.explanation.filter((e) => e.subject === 'level')[1];
    expect(raisedExplanation).toMatchObject({ id: 'II', rule: 'raise:false-report', basis: falseReport.basis, facts: [{ fact: 'falseReport', factValue: true, result: true }] });
    // The raise is a worsening: the duty of each upgrade arises.
    expect(obligation(d, 'worsening')).toMatchObject({ arisenAt: at('10:30') });
    const a = audit(plan, incident([setLevel('10:00', 'III', 'leading-group'), { type: 'flags-updated', at: at('10:30'), flags: { falseReport: true } }]), { now: at('10:40') });
    expect(a.levels.map((l) => [l.id, l.raised ?? null])).toStrictEqual([['ungraded', null], ['III', null], ['II', { from: 'III', rule: 'false-report' }]]);
  });

  it('takes the absent `by` as one', () => {
    const d = decide(raise([falseReport]), incident([setLevel('10:00', 'III', 'leading-group')], { flags: { falseReport: true } }), { now: at('10:40') });
    expect(d.level).toMatchObject({ id: 'II', raised: { from: 'III', rule: 'false-report' } });
  });

  it('does not raise while the condition does not hold', () => {
    const d = decide(raise([falseReport]), incident([setLevel('10:00', 'III', 'leading-group')]), { now: at('10:40') });
    expect(d.level).toStrictEqual({ id: 'III', rank: 3, name: 'III 级', nameEn: 'level III', source: 'judgement', setAt: at('10:00'), setBy: 'leading-group' });
    expect(levelTexts(d)).toHaveLength(1);
  });

  it('caps at the most severe level: from the top it stays and says so, from below it stops at the top', () => {
    const plan = raise([{ ...falseReport, by: 2 }]);
    const top = decide(plan, incident([setLevel('10:00', 'I', 'leading-group')], { flags: { falseReport: true } }), { now: at('10:40') });
    expect(top.level).not.toHaveProperty('raised');
    expect(audit(plan, incident([setLevel('10:00', 'I', 'leading-group')], { flags: { falseReport: true } }), { now: at('10:40') }).levels.at(-1)).not.toHaveProperty('raised');
    expect(levelTexts(top)[1]).toBe('虚假不实报道：是 成立（上调规则 false-report），但 I I 级 已是最高级别，不再上调');
    const second = decide(plan, incident([setLevel('10:00', 'II', 'leading-group')], { flags: { falseReport: true } }), { now: at('10:40') });
    expect(second.level).toMatchObject({ id: 'I', raised: { from: 'II', rule: 'false-report' } });
    expect(levelTexts(second)[1]).toBe('虚假不实报道：是 成立，级别由 II II 级 上调一级为 I I 级（上调规则 false-report，已至最高级别）');
    const third = decide(plan, incident([setLevel('10:00', 'III', 'leading-group')], { flags: { falseReport: true } }), { now: at('10:40') });
    expect(third.level).toMatchObject({ id: 'I', raised: { from: 'III', rule: 'false-report' } });
    expect(levelTexts(third)[1]).toContain('上调二级为 I I 级（上调规则 false-report）');
  });

  it('adds up the rules that hold', () => {
    const plan = raise([falseReport, { id: 'mass', when: flag('massIncident'), basis }]);
    const d = decide(plan, incident([setLevel('10:00', 'III', 'leading-group')], { flags: { falseReport: true, massIncident: true } }), { now: at('10:40') });
    expect(d.level).toMatchObject({ id: 'I', raised: { from: 'III', rule: 'false-report,mass' } });
    expect(levelTexts(d)[1]).toBe('虚假不实报道：是、群体性突发事件：是 成立，级别由 III III 级 上调二级为 I I 级（上调规则 false-report、mass）');
    expect(d.explanation.filter((e) => e.subject === 'level')[1]?.rule).toBe('raise:false-report,raise:mass');
    const a = audit(plan, incident([setLevel('10:00', 'III', 'leading-group')], { flags: { falseReport: true, massIncident: true } }), { now: at('10:40') });
    expect(a.levels.at(-1)?.raised).toStrictEqual({ from: 'III', rule: 'false-report,mass' });
  });

  it('explains a raise by the facts that held only', () => {
    const plan = raise([{ id: 'either', when: { any: [equal('falseReport', true), equal('massIncident', true)] }, basis }]);
    const d = decide(plan, incident([setLevel('10:00', 'III', 'leading-group')], { flags: { massIncident: true } }), { now: at('10:40') });
    expect(d.explanation.filter((e) => e.subject === 'level')[1]?.facts).toStrictEqual([{ fact: 'massIncident', operator: 'equal', value: true, factValue: true, result: true }]);
  });

  it('never raises the ungraded phase', () => {
    const d = decide(raise([falseReport]), incident([], { flags: { falseReport: true } }), { now: at('09:10') });
    expect(d.level).toMatchObject({ id: 'ungraded', source: 'ungraded' });
    expect(d.level).not.toHaveProperty('raised');
  });

  it('raises a level the criteria give as well', () => {
    const plan = loadPlan(
      source({ ungraded: undefined, raise: [falseReport] }, { classification: [{ id: 'c-iii', level: 'III', priority: 1, conditions: { all: [] }, basis }], obligations: [] }),
    );
    const d = decide(plan, incident([], { flags: { falseReport: true } }), { now: at('09:10') });
    expect(d.level).toMatchObject({ id: 'II', source: 'criteria', raised: { from: 'III', rule: 'false-report' } });
    expect(levelTexts(d)[0]).toContain('满足 III III 级 的标准');
  });
});

describe('the example plan bureau-judgement (a declared flag 处置不当 raising the level)', () => {
  const read = (name: string): Json => JSON.parse(readFileSync(new URL(`../examples/plans/${name}`, import.meta.url), 'utf8')) as Json;

  it('raises a jointly graded 较大 to 重大 when the incident was mishandled', () => {
    const plan = loadPlan(read('bureau-judgement.json'));
    const events = [
      { type: 'level-set', at: at('10:00'), level: 'II', by: ['director', 'party-secretary'] },
      // Only the director and the party secretary jointly may find it mishandled (the flag's setBy).
      { type: 'flags-updated', at: at('11:00'), flags: { mishandled: true }, by: ['director', 'party-secretary'] },
    ];
    const d = decide(plan, incident(events), { now: at('11:10') });
    expect(d.level).toMatchObject({ id: 'I', raised: { from: 'II', rule: 'mishandled' } });
    expect(levelTexts(d)[0]).toBe('局长、党组书记研判定为 II 较大舆情，研判结论优先于分级标准');
    expect(levelTexts(d)[1]).toMatch(/^处置不当：是.* 成立，级别由 II 较大舆情 上调一级为 I 重大舆情（上调规则 mishandled）$/);
  });
});

describe('plan errors', () => {
  it('refuses unknown roles in gradedBy and as the ungraded lead, and a role twice in one alternative', () => {
    const error = loadError(source({ ungraded: { name: '待定', lead: 'nobody', basis }, gradedBy: [['director', 'director'], ['chief']] }));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['grading', 'ungraded', 'lead'], message: 'unknown role', received: 'nobody' }),
        expect.objectContaining({ path: ['grading', 'gradedBy', 0, 1], message: 'role listed twice in one alternative', received: 'director', expected: 'each role once (the roles of an alternative grade jointly)' }),
        expect.objectContaining({ path: ['grading', 'gradedBy', 1, 0], message: 'unknown role', received: 'chief', expected: 'one of "office", "leading-group", "director", "party-secretary"' }),
      ]),
    );
    // A recipient is no role: it cannot grade.
    expect(paths(loadError(source({ gradedBy: [['city']] })))).toStrictEqual(['grading.gradedBy.0.0']);
    // A plan with many roles gets a bounded list of them.
    const many = source({ gradedBy: [['chief']] });
    many.roles = [...(many.roles as Json[]), ...Array.from({ length: 60 }, (_, i) => ({ id: `role-${i}`, name: `角色${i}` }))];
    expect(loadError(many).issues[0]?.expected).toMatch(/^one of "office", .*"role-45", … \(64 in all\)$/);
    // Fifty roles are all listed.
    many.roles = (many.roles as Json[]).slice(0, 50);
    expect(loadError(many).issues[0]?.expected).toMatch(/^one of "office", .*"role-45"$/);
  });

  it('checks raise conditions as classification conditions, and refuses a raise id used twice', () => {
    const error = loadError(
      source({
        raise: [
          { id: 'r', when: { all: [equal('level', 'I')] }, basis },
          { id: 'r', when: { all: [equal('falseReport', 'yes')] }, basis },
        ],
      }),
    );
    expect(paths(error).sort()).toStrictEqual(['grading.raise.0.when.all.0.fact', 'grading.raise.1.id', 'grading.raise.1.when.all.0.value']);
    expect(error.issues.find((issue) => issue.path.join('.') === 'grading.raise.1.id')).toStrictEqual({
      path: ['grading', 'raise', 1, 'id'],
      code: 'invalid_reference',
      message: 'duplicate raise rule id',
      received: 'r',
      expected: 'an id not used before in "grading.raise"',
    });
  });

  it('refuses a raise condition nested too deeply, and takes one at the limit', () => {
    let limit: Json = { all: [equal('falseReport', true)] };
    for (let i = 0; i < 10; i++) limit = { all: [limit] };
    expect(loadPlan(source({ raise: [{ id: 'limit', when: limit, basis }] })).id).toBe('grading-test');
    let when: Json = { all: [equal('falseReport', true)] };
    for (let i = 0; i < 12; i++) when = { all: [when] };
    const error = loadError(source({ raise: [{ id: 'deep', when, basis }] }));
    expect(error.issues).toStrictEqual([{ path: ['grading', 'raise', 0, 'when'], code: 'invalid_reference', message: 'condition nested too deeply', received: 14, expected: 'at most 12 levels' }]);
  });

  it('reserves the level id "ungraded"', () => {
    const error = loadError(source({}, { levels: [lvl('I', 1), lvl('ungraded', 2)], escalation: ['I', 'ungraded'].map((id) => ({ level: id, lead: 'office', basis })) }));
    expect(error.issues).toContainEqual({
      path: ['levels', 1, 'id'],
      code: 'invalid_reference',
      message: '"ungraded" is reserved for the phase before grading (grading.ungraded)',
      received: 'ungraded',
      expected: 'another level id',
    });
  });

  it('loads and decides a format-2 plan without grading as before: the least severe level when no rule fires', () => {
    const plan = source({}, { classification: [{ id: 'c-i', level: 'I', priority: 1, conditions: attention('extreme'), basis }], obligations: [] });
    delete plan.grading;
    const d = decide(loadPlan(plan), incident(), { now: at('09:10') });
    expect(d.level).toMatchObject({ id: 'III', source: 'criteria' });
    expect(d.warnings.map((w) => w.code)).toStrictEqual(['no-indicators']);
  });

  it('refuses a plan without criteria and without an ungraded phase', () => {
    const bare = source({}, { obligations: [] });
    delete bare.grading;
    expect(paths(loadError(bare))).toStrictEqual(['classification']);
    const error = loadError(source({ ungraded: undefined }, { obligations: [] }));
    expect(error.issues).toStrictEqual([
      {
        path: ['classification'],
        code: 'invalid_reference',
        message: 'a plan without classification rules leaves the level to judgement and must say what holds until then',
        received: [],
        expected: 'at least one classification rule, or "grading": { "ungraded": { … } }',
      },
    ]);
  });

  it('lets conditions read level "ungraded" only in a plan with an ungraded phase, and `graded` as a boolean', () => {
    const noPhase = source(
      { ungraded: undefined },
      {
        classification: [{ id: 'c', level: 'III', priority: 1, conditions: { all: [] }, basis }],
        obligations: [
          { id: 'a', step: 'verify', title: '核实', responsible: 'office', when: { all: [equal('level', 'ungraded')] }, basis },
          { id: 'b', step: 'verify', title: '核实', responsible: 'office', when: { all: [equal('graded', 'no')] }, basis },
        ],
      },
    );
    expect(paths(loadError(noPhase))).toStrictEqual(['obligations.0.when.all.0.value', 'obligations.1.when.all.0.value']);
  });

  it('lets only role ids and known fields into grading (schema)', () => {
    expect(paths(loadError(source({ gradedBy: [] })))).toStrictEqual(['grading.gradedBy']);
    expect(paths(loadError(source({ raise: [{ ...{ id: 'r', when: flag('falseReport'), basis }, by: 0 }] })))).toStrictEqual(['grading.raise.0.by']);
    expect(paths(loadError(source({ extra: true })))).toStrictEqual(['grading.extra']);
  });

  it('does not change the plan object it is given', () => {
    const plan = source({ raise: [{ id: 'r', when: flag('falseReport'), basis }] });
    const copy = structuredClone(plan);
    decide(loadPlan(plan), incident([setLevel('10:00', 'II', 'director')]), { now: at('10:10') });
    expect(plan).toStrictEqual(copy);
  });
});

describe('a deadline for the grading itself: the step grade (研判定级)', () => {
  const source = JSON.parse(readFileSync('examples/plans/bureau-judgement.json', 'utf8')) as { obligations: object[] };
  const withDeadline = loadPlan({
    ...source,
    obligations: [
      ...source.obligations,
      { id: 'grade-in-2h', step: 'grade', title: '2小时内研判定级', responsible: 'director', offset: 'PT2H', when: { all: [{ fact: 'graded', operator: 'equal', value: false }] }, basis: { clause: '（测试）', quote: '接报后2小时内完成研判定级' } },
    ],
  });
  const base = { id: 'g', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
  const grading = (at: string, by: string | string[]) => ({ type: 'level-set', at, level: 'II', by });
  const statusOf = (events: object[], now: string) => decide(withDeadline, { ...base, events }, { now }).obligations.find((o) => o.id === 'grade-in-2h');

  it('is met by the level-set that grades in time, and met-late by one after the deadline', () => {
    const met = statusOf([grading('2026-03-02T10:30:00+08:00', ['director', 'party-secretary'])], '2026-03-02T12:00:00+08:00');
    expect(met).toMatchObject({ status: 'met', doneAt: '2026-03-02T10:30:00+08:00' });
    const late = statusOf([grading('2026-03-02T11:30:00+08:00', ['director', 'party-secretary'])], '2026-03-02T12:00:00+08:00');
    expect(late).toMatchObject({ status: 'met-late', doneAt: '2026-03-02T11:30:00+08:00' });
  });

  it('is not done by a grading that the plan does not allow, which also draws no unmatched-event warning', () => {
    const decision = decide(withDeadline, { ...base, events: [grading('2026-03-02T10:30:00+08:00', 'director')] }, { now: '2026-03-02T11:30:00+08:00' });
    expect(decision.obligations.find((o) => o.id === 'grade-in-2h')).toMatchObject({ status: 'overdue', doneAt: null });
    expect(decision.warnings.map((w) => w.code)).toEqual(['grading-not-authorised']);
  });
});
