import { describe, expect, it } from 'vitest';
import { decide, loadPlan, type Decision, type PlanSource } from '../src/index.js';
import { at, basisOf, equal } from './support/synthetic-plan.js';
import { incidentErrorOf } from './support/errors.js';

// Exact output of decide(): the explanation's entries, every warning, notify, next, nextReviewAt, the level
// and the obligations' fields, on small synthetic plans where each branch of src/decide/decide.ts is reached.
// Times are on 2026-03-02 (a Monday) in +08:00; the incident occurs at 08:00 and is discovered at 09:00.


const MAIN: PlanSource = {
  id: 'details-test',
  version: '7',
  title: '决策细节测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/decision-details.test.ts' },
  levels: [
    { id: 'I', rank: 1, name: '特别重大', nameEn: 'Extraordinary', colour: 'red', basis: basisOf('level I') },
    { id: 'II', rank: 2, name: '重大', nameEn: 'Major', colour: 'orange', basis: basisOf('level II') },
    { id: 'III', rank: 3, name: '较大', nameEn: 'Large', basis: basisOf('level III') },
    { id: 'IV', rank: 4, name: '一般', nameEn: 'General', basis: basisOf('level IV') },
  ],
  classification: [
    { id: 'c-i', level: 'I', priority: 40, basis: basisOf('rule c-i'), conditions: { all: [equal('attention', 'extreme')] } },
    { id: 'c-ii', level: 'II', priority: 30, basis: basisOf('rule c-ii'), conditions: { all: [equal('attention', 'high')] } },
    { id: 'c-ii-media', level: 'II', priority: 30, basis: basisOf('rule c-ii-media'), conditions: { all: [equal('mediaInquiry', true)] } },
    { id: 'c-iii', level: 'III', priority: 20, basis: basisOf('rule c-iii'), conditions: { any: [equal('attention', 'elevated'), equal('spread', 'fast')] } },
    // Fires for every real incident without reading a fact that holds; an exercise falls through to no rule at all.
    { id: 'c-iv', level: 'IV', priority: 10, basis: basisOf('rule c-iv'), conditions: { not: equal('exercise', true) } },
  ],
  roles: [
    { id: 'office', name: '办公室' },
    { id: 'leading-group', name: '领导小组' },
    { id: 'monitor', name: '监测组' },
  ],
  recipients: [
    { id: 'propaganda', name: '宣传部' },
    { id: 'city-office', name: '市委办' },
  ],
  escalation: [
    { level: 'I', lead: 'leading-group', leadNote: '领导小组组长亲自指挥', approveStatement: ['leading-group'], consultWith: ['propaganda'], basis: basisOf('escalation I') },
    { level: 'II', lead: 'leading-group', consultWith: ['city-office', 'propaganda'], basis: basisOf('escalation II') },
    { level: 'III', lead: 'office', basis: basisOf('escalation III') },
    { level: 'IV', lead: 'office', basis: basisOf('escalation IV') },
  ],
  obligations: [
    { id: 'report-now', step: 'report', title: '立即电话报告宣传部', responsible: 'office', to: 'propaganda', notify: 'request', immediate: true, basis: basisOf('duty report-now'), when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] } },
    { id: 'file-2h', step: 'written-report', title: '两小时内书面报备', responsible: 'office', to: 'propaganda', notify: 'file', anchor: 'discoveredAt', offset: 'PT2H', basis: basisOf('duty file-2h'), when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] } },
    { id: 'report-150m', step: 'report', title: '发生后两个半小时内报告', responsible: 'office', to: 'propaganda', notify: 'report', anchor: 'occurredAt', offset: 'PT2H30M', basis: basisOf('duty report-150m'), when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] } },
    { id: 'file-3h', step: 'written-report', title: '三小时内补报材料', responsible: 'office', to: 'propaganda', notify: 'file', anchor: 'discoveredAt', offset: 'PT3H', basis: basisOf('duty file-3h'), when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] } },
    { id: 'tell-city', step: 'report', title: '报告市委办', responsible: 'office', to: 'city-office', notify: 'report', offset: 'PT1H', basis: basisOf('duty tell-city'), when: { all: [equal('mediaInquiry', true)] } },
    { id: 'verify', step: 'verify', title: '核实情况', responsible: 'office', offset: 'PT1H', basis: basisOf('duty verify') },
    { id: 'consult-lg', step: 'consult', title: '会商领导小组', responsible: 'office', to: 'leading-group', offset: 'PT4H', basis: basisOf('duty consult-lg') },
    { id: 'reply-media', step: 'reply', title: '及时回应媒体', responsible: 'leading-group', immediate: true, basis: basisOf('duty reply-media'), when: { any: [equal('mediaInquiry', true), equal('massIncident', true)] } },
    { id: 'aftercare', step: 'aftercare', title: '善后处置', responsible: 'office', subject: '群众安抚', basis: basisOf('duty aftercare') },
    { id: 'watch', step: 'monitor', title: '持续监测', responsible: 'monitor', continuous: true, until: 'subsided', basis: basisOf('duty watch') },
    { id: 'evaluate-3wd', step: 'evaluate', title: '三个工作日内评估', responsible: 'office', offset: 'P3D', workingDays: true, basis: basisOf('duty evaluate-3wd') },
  ],
};
const main = loadPlan(MAIN);

const incident = (over: Record<string, unknown> = {}) => ({
  id: 'inc-details',
  occurredAt: at('08:00:00'),
  discoveredAt: at('09:00:00'),
  indicators: { attention: 'high' },
  events: [] as unknown[],
  ...over,
});
const run = (over: Record<string, unknown>, now: string) => decide(main, incident(over), { now: at(now) });
const duty = (d: Decision, id: string) => {
  const found = d.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${d.obligations.map((o) => o.id).join(', ')}`);
  return found;
};
const levelEntry = (d: Decision) => d.explanation.filter((e) => e.subject === 'level');
const entryOf = (d: Decision, subject: string, id: string) => d.explanation.filter((e) => e.subject === subject && e.id === id);
const rankCheck = (factValue: number, result: boolean) => ({ fact: 'levelRank', operator: 'lessThanInclusive', value: 2, factValue, result });
const caught = incidentErrorOf;

describe('the worked base case: level II by the criteria at 09:10', () => {
  // Computed in each test, not once for the block: a mutant that makes decide() throw must fail these tests,
  // not the loading of the file (Stryker counts a file that fails to load as no test failing).
  const baseCase = () => run({}, '09:10:00');

  it('explains every part in order: level, lead, recipient, then each obligation with its condition and clock', () => {
    const d = baseCase();
    expect(d.explanation).toStrictEqual([
      {
        subject: 'level', id: 'II', rule: 'c-ii', basis: basisOf('rule c-ii'),
        facts: [{ fact: 'attention', operator: 'equal', value: 'high', factValue: 'high', result: true }],
        text: '关注度：高 满足 II 重大 的标准（规则 c-ii，优先级 30）；同时成立但未采用（优先级较低，或同级而较轻）：c-iv',
      },
      { subject: 'lead', id: 'leading-group', rule: 'escalation:II', facts: [], basis: basisOf('escalation II'), text: 'II 重大：领导小组' },
      {
        subject: 'recipient', id: 'propaganda', rule: 'report-now,file-2h,report-150m,file-3h', facts: [], basis: basisOf('duty report-now'),
        text: '宣传部：立即电话报告宣传部；两小时内书面报备；发生后两个半小时内报告；三小时内补报材料',
      },
      { subject: 'obligation', id: 'report-now', rule: 'report-now', facts: [rankCheck(2, true)], basis: basisOf('duty report-now'), text: '立即电话报告宣传部：条件成立（级别序号：2）；第一时间/及时，无固定时限' },
      { subject: 'obligation', id: 'file-2h', rule: 'file-2h', facts: [rankCheck(2, true)], basis: basisOf('duty file-2h'), text: `两小时内书面报备：条件成立（级别序号：2）；发现后 PT2H，即 ${at('11:00:00')} 前` },
      { subject: 'obligation', id: 'report-150m', rule: 'report-150m', facts: [rankCheck(2, true)], basis: basisOf('duty report-150m'), text: `发生后两个半小时内报告：条件成立（级别序号：2）；发生后 PT2H30M，即 ${at('10:30:00')} 前` },
      { subject: 'obligation', id: 'file-3h', rule: 'file-3h', facts: [rankCheck(2, true)], basis: basisOf('duty file-3h'), text: `三小时内补报材料：条件成立（级别序号：2）；发现后 PT3H，即 ${at('12:00:00')} 前` },
      { subject: 'obligation', id: 'verify', rule: 'verify', facts: [], basis: basisOf('duty verify'), text: `核实情况：每起舆情均适用；发现后 PT1H，即 ${at('10:00:00')} 前` },
      { subject: 'obligation', id: 'consult-lg', rule: 'consult-lg', facts: [], basis: basisOf('duty consult-lg'), text: `会商领导小组：每起舆情均适用；发现后 PT4H，即 ${at('13:00:00')} 前` },
      { subject: 'obligation', id: 'aftercare', rule: 'aftercare', facts: [], basis: basisOf('duty aftercare'), text: '善后处置：每起舆情均适用；无固定时限' },
      { subject: 'obligation', id: 'watch', rule: 'watch', facts: [], basis: basisOf('duty watch'), text: '持续监测：每起舆情均适用；持续进行' },
      // Three working days after Monday: the end of Thursday.
      { subject: 'obligation', id: 'evaluate-3wd', rule: 'evaluate-3wd', facts: [], basis: basisOf('duty evaluate-3wd'), text: '三个工作日内评估：每起舆情均适用；发现后 P3D（工作日），即 2026-03-06T00:00:00+08:00 前' },
    ]);
  });

  it('gives the level with its colour and the moment it took effect, no setBy for the criteria', () => {
    const d = baseCase();
    expect(d.level).toStrictEqual({ id: 'II', rank: 2, name: '重大', nameEn: 'Major', colour: 'orange', source: 'criteria', setAt: at('09:00:00') });
    expect(d.plan).toStrictEqual({ id: 'details-test', version: '7' });
    expect(d.incident).toStrictEqual({ id: 'inc-details' });
    expect(d.now).toBe(at('09:10:00'));
  });

  it('gives the lead without a note and the escalation parties by name', () => {
    const d = baseCase();
    expect(d.lead).toStrictEqual({ id: 'leading-group', name: '领导小组' });
    expect(d.escalation).toStrictEqual({
      approveStatement: [],
      consultWith: [{ id: 'city-office', name: '市委办' }, { id: 'propaganda', name: '宣传部' }],
      basis: basisOf('escalation II'),
    });
  });

  it('merges the duties toward one recipient: the earliest deadline, immediate while the immediate duty is open, each mode once', () => {
    const d = baseCase();
    expect(d.notify).toStrictEqual([
      { id: 'propaganda', name: '宣传部', dueAt: at('10:30:00'), immediate: true, done: false, doneAt: null, how: ['request', 'file', 'report'], obligations: ['report-now', 'file-2h', 'report-150m', 'file-3h'] },
    ]);
  });

  it('lists next by deadline, the immediate duty after deadlines within the hour and before those further away, then undated and continuous duties', () => {
    const d = baseCase();
    // At 09:10: verify is due 10:00 (50 minutes away), report-150m 10:30 (80 minutes away).
    expect(d.next.map((o) => o.id)).toEqual(['verify', 'report-now', 'report-150m', 'file-2h', 'file-3h', 'consult-lg', 'evaluate-3wd', 'aftercare', 'watch']);
  });

  it('reviews at the first reminder after now, and gives no warning', () => {
    const d = baseCase();
    // report-150m runs 08:00 → 10:30: its reminders fall at 09:15 and 09:52:30; verify's at 09:30 and 09:45.
    expect(d.nextReviewAt).toBe(at('09:15:00'));
    expect(d.warnings).toEqual([]);
  });

  it('writes each kind of obligation with exactly its fields', () => {
    const d = baseCase();
    expect(duty(d, 'report-150m')).toStrictEqual({
      id: 'report-150m', step: 'report', to: 'propaganda', notify: 'report', title: '发生后两个半小时内报告',
      responsible: { id: 'office', name: '办公室' }, recipient: { id: 'propaganda', name: '宣传部' },
      kind: 'deadline', immediate: false, arisenAt: at('09:00:00'), dueAt: at('10:30:00'), doneAt: null, status: 'pending',
      reminders: [{ fraction: 0.5, at: at('09:15:00'), reached: false }, { fraction: 0.75, at: at('09:52:30'), reached: false }],
      basis: basisOf('duty report-150m'),
    });
    expect(duty(d, 'report-now')).toStrictEqual({
      id: 'report-now', step: 'report', to: 'propaganda', notify: 'request', title: '立即电话报告宣传部',
      responsible: { id: 'office', name: '办公室' }, recipient: { id: 'propaganda', name: '宣传部' },
      kind: 'immediate', immediate: true, arisenAt: at('09:00:00'), dueAt: null, doneAt: null, status: 'pending', reminders: [],
      basis: basisOf('duty report-now'),
    });
    expect(duty(d, 'consult-lg')).toStrictEqual({
      id: 'consult-lg', step: 'consult', to: 'leading-group', title: '会商领导小组',
      responsible: { id: 'office', name: '办公室' }, recipient: { id: 'leading-group', name: '领导小组' },
      kind: 'deadline', immediate: false, arisenAt: at('09:00:00'), dueAt: at('13:00:00'), doneAt: null, status: 'pending',
      reminders: [{ fraction: 0.5, at: at('11:00:00'), reached: false }, { fraction: 0.75, at: at('12:00:00'), reached: false }],
      basis: basisOf('duty consult-lg'),
    });
    expect(duty(d, 'aftercare')).toStrictEqual({
      id: 'aftercare', step: 'aftercare', subject: '群众安抚', title: '善后处置', responsible: { id: 'office', name: '办公室' },
      kind: 'undated', immediate: false, arisenAt: at('09:00:00'), dueAt: null, doneAt: null, status: 'pending', reminders: [],
      basis: basisOf('duty aftercare'),
    });
    expect(duty(d, 'watch')).toStrictEqual({
      id: 'watch', step: 'monitor', until: 'subsided', title: '持续监测', responsible: { id: 'monitor', name: '监测组' },
      kind: 'continuous', immediate: false, arisenAt: at('09:00:00'), dueAt: null, doneAt: null, status: 'pending', reminders: [],
      basis: basisOf('duty watch'),
    });
    // 87 hours from 09:00 Monday to Friday 00:00: reminders after 43.5 h and 65.25 h.
    expect(duty(d, 'evaluate-3wd').reminders).toEqual([
      { fraction: 0.5, at: '2026-03-04T04:30:00+08:00', reached: false },
      { fraction: 0.75, at: '2026-03-05T02:15:00+08:00', reached: false },
    ]);
  });
});

describe('the level explanation', () => {
  it('names every fact that made the rule fire, and only those', () => {
    const both = run({ indicators: { attention: 'elevated', spread: 'fast' } }, '09:10:00');
    expect(levelEntry(both)).toStrictEqual([{
      subject: 'level', id: 'III', rule: 'c-iii', basis: basisOf('rule c-iii'),
      facts: [
        { fact: 'attention', operator: 'equal', value: 'elevated', factValue: 'elevated', result: true },
        { fact: 'spread', operator: 'equal', value: 'fast', factValue: 'fast', result: true },
      ],
      text: '关注度：较高、传播速度：快 满足 III 较大 的标准（规则 c-iii，优先级 20）；同时成立但未采用（优先级较低，或同级而较轻）：c-iv',
    }]);
    const one = run({ indicators: { spread: 'fast' } }, '09:10:00');
    expect(levelEntry(one)[0]?.facts).toEqual([{ fact: 'spread', operator: 'equal', value: 'fast', factValue: 'fast', result: true }]);
    expect(levelEntry(one)[0]?.text).toBe('传播速度：快 满足 III 较大 的标准（规则 c-iii，优先级 20）；同时成立但未采用（优先级较低，或同级而较轻）：c-iv');
    expect(one.level).toStrictEqual({ id: 'III', rank: 3, name: '较大', nameEn: 'Large', source: 'criteria', setAt: at('09:00:00') });
  });

  it('lists every overruled rule, in the order of the classification', () => {
    const d = run({ flags: { mediaInquiry: true } }, '09:10:00');
    expect(levelEntry(d)[0]?.text).toBe('关注度：高 满足 II 重大 的标准（规则 c-ii，优先级 30）；同时成立但未采用（优先级较低，或同级而较轻）：c-ii-media、c-iv');
    expect(d.warnings).toEqual([]);
  });

  it('says 分级条件 for a rule that read no holding fact, with nothing overruled, and warns of the missing indicators', () => {
    const d = run({ indicators: {} }, '09:10:00');
    expect(levelEntry(d)).toStrictEqual([{ subject: 'level', id: 'IV', rule: 'c-iv', facts: [], basis: basisOf('rule c-iv'), text: '分级条件 满足 IV 一般 的标准（规则 c-iv，优先级 10）' }]);
    expect(d.warnings).toStrictEqual([
      { code: 'no-indicators', path: ['indicators'], message: '没有指标，也没有研判定级：级别 IV 仅按分级标准得出；请记录指标或 level-set 事件' },
    ]);
    expect(d.lead).toStrictEqual({ id: 'office', name: '办公室' });
    expect(entryOf(d, 'lead', 'office')).toStrictEqual([{ subject: 'lead', id: 'office', rule: 'escalation:IV', facts: [], basis: basisOf('escalation IV'), text: 'IV 一般：办公室' }]);
    expect(d.level).toStrictEqual({ id: 'IV', rank: 4, name: '一般', nameEn: 'General', source: 'criteria', setAt: at('09:00:00') });
  });

  it('says (none) when no rule fires, and warns of the missing indicators', () => {
    const d = run({ indicators: {}, exercise: true }, '09:10:00');
    expect(levelEntry(d)).toStrictEqual([{ subject: 'level', id: 'IV', rule: '(none)', facts: [], text: '没有分级规则成立，按最低级别 IV 一般 处理' }]);
    expect(d.warnings.map((w) => w.code)).toEqual(['no-indicators']);
  });

  it('does not warn when a flag made the rule fire, when indicators were given, or when the level was judged', () => {
    expect(run({ indicators: {}, flags: { mediaInquiry: true } }, '09:10:00').warnings).toEqual([]);
    expect(run({ indicators: { attention: 'low' } }, '09:10:00').warnings).toEqual([]);
    const judged = run({ indicators: {}, events: [{ type: 'level-set', at: at('09:05:00'), level: 'III' }] }, '09:10:00');
    expect(judged.warnings).toEqual([]);
  });

  it('gives a judgement by a named role with its name, its setBy, and the lead note of its level', () => {
    const d = run({ events: [{ type: 'level-set', at: at('09:30:00'), level: 'I', by: 'leading-group' }] }, '09:40:00');
    expect(levelEntry(d)).toStrictEqual([{ subject: 'level', id: 'I', rule: 'level-set', facts: [], text: '领导小组研判定为 I 特别重大，研判结论优先于分级标准' }]);
    expect(d.level).toStrictEqual({ id: 'I', rank: 1, name: '特别重大', nameEn: 'Extraordinary', colour: 'red', source: 'judgement', setAt: at('09:30:00'), setBy: 'leading-group' });
    expect(d.lead).toStrictEqual({ id: 'leading-group', name: '领导小组', note: '领导小组组长亲自指挥' });
    expect(entryOf(d, 'lead', 'leading-group')).toStrictEqual([{ subject: 'lead', id: 'leading-group', rule: 'escalation:I', facts: [], basis: basisOf('escalation I'), text: 'I 特别重大：领导小组组长亲自指挥' }]);
    expect(d.escalation).toStrictEqual({ approveStatement: [{ id: 'leading-group', name: '领导小组' }], consultWith: [{ id: 'propaganda', name: '宣传部' }], basis: basisOf('escalation I') });
  });

  it('gives a judgement without by with no name and no setBy; one by an unknown role keeps the id and warns', () => {
    const plain = run({ events: [{ type: 'level-set', at: at('09:30:00'), level: 'III' }] }, '09:40:00');
    expect(levelEntry(plain)[0]?.text).toBe('研判定为 III 较大（未注明研判者），研判结论优先于分级标准');
    expect(plain.level).toStrictEqual({ id: 'III', rank: 3, name: '较大', nameEn: 'Large', source: 'judgement', setAt: at('09:30:00') });
    const stranger = run({ events: [{ type: 'level-set', at: at('09:30:00'), level: 'III', by: 'mayor' }] }, '09:40:00');
    expect(levelEntry(stranger)[0]?.text).toBe('mayor研判定为 III 较大，研判结论优先于分级标准');
    expect(stranger.level.setBy).toBe('mayor');
    expect(stranger.warnings).toStrictEqual([{ code: 'unknown-role', path: ['events', 0, 'by'], message: '预案中没有角色“mayor”；按原样保留' }]);
  });
});

describe('level.setAt: when the level in force took effect', () => {
  it('stays at discovery while later states keep the level, also when a judgement confirms it', () => {
    const d = run({ events: [
      { type: 'flags-updated', at: at('09:20:00'), flags: { falseReport: true } },
      { type: 'level-set', at: at('09:30:00'), level: 'II', by: 'leading-group' },
    ] }, '09:40:00');
    expect(d.level).toMatchObject({ id: 'II', source: 'judgement', setAt: at('09:00:00'), setBy: 'leading-group' });
  });

  it('is the start of the latest run of the level, not an earlier one', () => {
    const d = run({ events: [
      { type: 'indicators-updated', at: at('09:20:00'), indicators: { attention: 'elevated' } },
      { type: 'indicators-updated', at: at('09:40:00'), indicators: { attention: 'high' } },
      { type: 'flags-updated', at: at('09:50:00'), flags: { falseReport: true } },
    ] }, '10:00:00');
    expect(d.level).toStrictEqual({ id: 'II', rank: 2, name: '重大', nameEn: 'Major', colour: 'orange', source: 'criteria', setAt: at('09:40:00') });
  });
});

describe('notify', () => {
  it('is no longer immediate once the immediate duty is done, and keeps every duty and the earliest deadline', () => {
    const d = run({ events: [{ type: 'report', at: at('09:05:00'), to: 'propaganda' }] }, '09:10:00');
    expect(d.notify).toStrictEqual([
      { id: 'propaganda', name: '宣传部', dueAt: at('10:30:00'), immediate: false, done: false, doneAt: null, how: ['request', 'file', 'report'], obligations: ['report-now', 'file-2h', 'report-150m', 'file-3h'] },
    ]);
    expect(duty(d, 'report-now')).toMatchObject({ status: 'met', doneAt: at('09:05:00'), reminders: [] });
    expect(duty(d, 'report-150m')).toMatchObject({ status: 'met', doneAt: at('09:05:00'), reminders: [] });
    expect(d.next.map((o) => o.id)).toEqual(['verify', 'file-2h', 'file-3h', 'consult-lg', 'evaluate-3wd', 'aftercare', 'watch']);
  });

  it('lists recipients in the order their first duty appears, each with its own explanation', () => {
    const d = run({ flags: { mediaInquiry: true } }, '09:10:00');
    expect(d.notify.map((n) => [n.id, n.name, n.dueAt, n.immediate, n.how, n.obligations])).toEqual([
      ['propaganda', '宣传部', at('10:30:00'), true, ['request', 'file', 'report'], ['report-now', 'file-2h', 'report-150m', 'file-3h']],
      ['city-office', '市委办', at('10:00:00'), false, ['report'], ['tell-city']],
    ]);
    expect(entryOf(d, 'recipient', 'city-office')).toStrictEqual([{ subject: 'recipient', id: 'city-office', rule: 'tell-city', facts: [], basis: basisOf('duty tell-city'), text: '市委办：报告市委办' }]);
    expect(entryOf(d, 'obligation', 'reply-media')).toStrictEqual([{
      subject: 'obligation', id: 'reply-media', rule: 'reply-media', basis: basisOf('duty reply-media'),
      facts: [
        { fact: 'mediaInquiry', operator: 'equal', value: true, factValue: true, result: true },
        { fact: 'massIncident', operator: 'equal', value: true, factValue: false, result: false },
      ],
      text: '及时回应媒体：条件成立（媒体采访报道：是）；第一时间/及时，无固定时限',
    }]);
  });

  it('leaves out a duty that closed', () => {
    const d = run({ events: [
      { type: 'flags-updated', at: at('09:20:00'), flags: { mediaInquiry: true } },
      { type: 'flags-updated', at: at('09:40:00'), flags: { mediaInquiry: false } },
    ] }, '09:50:00');
    expect(d.notify.map((n) => n.id)).toEqual(['propaganda']);
    expect(duty(d, 'tell-city')).toStrictEqual({
      id: 'tell-city', step: 'report', to: 'city-office', notify: 'report', title: '报告市委办',
      responsible: { id: 'office', name: '办公室' }, recipient: { id: 'city-office', name: '市委办' },
      kind: 'deadline', immediate: false, arisenAt: at('09:20:00'), dueAt: at('10:20:00'), doneAt: null, status: 'not-applicable',
      reminders: [], basis: basisOf('duty tell-city'), reason: '适用条件已不成立',
    });
    // A duty that arose with a change counts from that change.
    expect(entryOf(d, 'obligation', 'tell-city')[0]?.text).toBe(`报告市委办：条件成立（媒体采访报道：是）；产生（情况变化）后 PT1H，即 ${at('10:20:00')} 前`);
    expect(d.next.map((o) => o.id)).not.toContain('tell-city');
  });
});

describe('a downgrade: closed duties and a lapsed one', () => {
  const events = [{ type: 'indicators-updated', at: at('10:40:00'), indicators: { attention: 'elevated' } }];

  it('closes open duties with the change of level, keeps the missed one overdue with its reason, and leaves both out of notify and next', () => {
    const d = run({ events }, '10:50:00');
    expect(d.notify).toEqual([]);
    expect(duty(d, 'report-150m')).toMatchObject({
      status: 'overdue', doneAt: null, reason: `逾期未办；${at('10:40:00')} 起级别调整后不再要求`,
      reminders: [{ fraction: 0.5, at: at('09:15:00'), reached: true }, { fraction: 0.75, at: at('09:52:30'), reached: true }],
    });
    expect(duty(d, 'file-2h')).toMatchObject({ status: 'not-applicable', reason: '级别由 II 调整为 III 后不再适用', reminders: [] });
    expect(duty(d, 'report-now')).toMatchObject({ status: 'not-applicable', reason: '级别由 II 调整为 III 后不再适用', kind: 'immediate' });
    expect(d.next.map((o) => o.id)).toEqual(['verify', 'consult-lg', 'evaluate-3wd', 'aftercare', 'watch']);
    expect(d.level).toMatchObject({ id: 'III', setAt: at('10:40:00') });
    expect(d.lead).toStrictEqual({ id: 'office', name: '办公室' });
  });

  it('a lapsed duty done later is met late, without a reason, and still not notified', () => {
    const d = run({ events: [...events, { type: 'report', at: at('10:45:00'), to: 'propaganda' }] }, '10:50:00');
    const late = duty(d, 'report-150m');
    expect(late).toMatchObject({ status: 'met-late', doneAt: at('10:45:00'), reminders: [] });
    expect(late.reason).toBeUndefined();
    expect(d.notify).toEqual([]);
    expect(d.warnings).toEqual([]);
  });
});

describe('warnings about events', () => {
  const events = [
    /* 0 */ { type: 'verify', at: at('09:20:00') },
    /* 1 */ { type: 'verify', at: at('09:40:00') },
    /* 2 */ { type: 'written-report', at: at('09:30:00') },
    /* 3 */ { type: 'written-report', at: at('09:35:00'), to: 'office' },
    /* 4 */ { type: 'report', at: at('09:45:00'), to: 'mayor' },
    /* 5 */ { type: 'monitor', at: at('09:50:00') },
    /* 6 */ { type: 'consult', at: at('09:10:00') },
    /* 7 */ { type: 'consult', at: at('09:15:00') },
    /* 8 */ { type: 'warning-lifted', at: at('10:00:00') },
    /* 9 */ { type: 'reply', at: at('09:05:00'), by: 'mayor' },
    /* 10 */ { type: 'indicators-updated', at: at('07:30:00'), indicators: { attention: 'high' } },
    /* 11 */ { type: 'flags-updated', at: at('08:00:00'), flags: { falseReport: false } },
    /* 12 */ { type: 'subsided', at: at('13:00:00') },
    /* 13 */ { type: 'verify', at: at('12:30:00') },
    /* 14 */ { type: 'evaluated', at: at('10:10:00') },
    /* 15 */ { type: 'evaluated', at: at('10:20:00') },
  ];

  it('gives every warning, exactly, in order', () => {
    const d = run({ events }, '12:00:00');
    expect(d.warnings).toStrictEqual([
      { code: 'unknown-recipient', path: ['events', 4, 'to'], message: '预案中没有角色或报送对象“mayor”；事件保留，但不履行任何义务' },
      { code: 'unknown-role', path: ['events', 9, 'by'], message: '预案中没有角色“mayor”；按原样保留' },
      // Steps in the order first recorded (reply 09:05, consult 09:10, verify 09:20, written-report 09:30).
      { code: 'unmatched-event', path: ['events', 9], message: '此“reply”事件没有履行预案中任何未完成的义务' },
      // The consult duty goes to a role of the unit: no hint about "to".
      { code: 'unmatched-event', path: ['events', 7], message: '此“consult”事件没有履行预案中任何未完成的义务' },
      { code: 'unmatched-event', path: ['events', 1], message: '此“verify”事件没有履行预案中任何未完成的义务' },
      { code: 'unmatched-event', path: ['events', 2], message: '此“written-report”事件没有履行预案中任何未完成的义务（向外部单位履行的义务须写明 "to"）' },
      { code: 'unmatched-event', path: ['events', 3], message: '此向“office”的“written-report”事件没有履行预案中任何未完成的义务' },
      { code: 'event-before-occurrence', path: ['events', 10, 'at'], message: `此事件的时间早于舆情发生时间（${at('08:00:00')}）；按原样保留` },
      { code: 'events-after-now', path: ['events'], message: '现在之后的 2 个事件不计入' },
    ]);
    expect(duty(d, 'verify')).toMatchObject({ status: 'met', doneAt: at('09:20:00') });
    expect(duty(d, 'consult-lg')).toMatchObject({ status: 'met', doneAt: at('09:10:00') });
    expect(duty(d, 'evaluate-3wd')).toMatchObject({ status: 'met', doneAt: at('10:10:00') });
    // The next event (12:30) comes before any deadline or reminder still ahead.
    expect(d.nextReviewAt).toBe(at('12:30:00'));
  });

  it('counts a single event after now, and names the time of occurrence as given', () => {
    const d = run({ occurredAt: '2026-03-02T00:00:00Z', discoveredAt: at('09:00:00'), events: [{ type: 'aftercare', at: '2026-03-01T23:00:00Z', subject: '群众安抚' }, { type: 'subsided', at: at('09:30:00') }] }, '09:10:00');
    expect(d.warnings).toStrictEqual([
      { code: 'event-before-occurrence', path: ['events', 0, 'at'], message: '此事件的时间早于舆情发生时间（2026-03-02T00:00:00Z）；按原样保留' },
      { code: 'events-after-now', path: ['events'], message: '现在之后的 1 个事件不计入' },
    ]);
    expect(duty(d, 'aftercare')).toMatchObject({ status: 'met', doneAt: '2026-03-02T07:00:00+08:00' });
    expect(d.nextReviewAt).toBe(at('09:15:00'));
  });

  it('reports two level judgements at the same moment, the more severe standing', () => {
    const d = run({ events: [
      { type: 'level-set', at: at('09:30:00'), level: 'II' },
      { type: 'level-set', at: at('09:30:00'), level: 'I' },
    ] }, '09:40:00');
    expect(d.warnings).toStrictEqual([
      { code: 'conflicting-events', path: ['events', 0], message: '同一时刻的另一事件对级别的记录不同；以较重者为准（就高）' },
    ]);
    expect(d.level).toMatchObject({ id: 'I', source: 'judgement', setAt: at('09:30:00') });
  });

  it('reports two values of an indicator at the same moment, the more severe standing', () => {
    const d = run({ events: [
      { type: 'indicators-updated', at: at('09:30:00'), indicators: { attention: 'high' } },
      { type: 'indicators-updated', at: at('09:30:00'), indicators: { attention: 'extreme' } },
    ] }, '09:40:00');
    expect(d.warnings).toStrictEqual([
      { code: 'conflicting-events', path: ['events', 0], message: '同一时刻的另一事件对“attention”的记录不同；以较重者为准（就高）' },
    ]);
    expect(d.level).toMatchObject({ id: 'I', source: 'criteria', setAt: at('09:30:00') });
  });
});

describe('bad input: exact issues', () => {
  it('refuses discovery before occurrence and every unknown level together', () => {
    const e = caught(() => run({
      discoveredAt: at('07:59:00'),
      events: [
        { type: 'level-set', at: at('09:05:00'), level: 'red' },
        { type: 'warning-issued', at: at('09:06:00'), level: 'V' },
        { type: 'level-set', at: at('09:07:00'), level: 'II' },
        { type: 'warning-adjusted', at: at('09:08:00'), level: 'blue' },
      ],
    }, '09:10:00'));
    expect(e.code).toBe('INVALID_INCIDENT');
    const expected = 'one of "I", "II", "III", "IV"';
    expect(e.issues).toStrictEqual([
      { path: ['discoveredAt'], code: 'invalid_order', message: 'the incident was discovered before it occurred', received: at('07:59:00'), expected: `a time at or after occurredAt (${at('08:00:00')})` },
      { path: ['events', 0, 'level'], code: 'unknown_level', message: 'this plan has no such level', received: 'red', expected },
      { path: ['events', 1, 'level'], code: 'unknown_level', message: 'this plan has no such level', received: 'V', expected },
      { path: ['events', 3, 'level'], code: 'unknown_level', message: 'this plan has no such level', received: 'blue', expected },
    ]);
  });

  it('accepts discovery at the moment of occurrence, and then anchors both clocks at 发生', () => {
    const d = run({ discoveredAt: at('08:00:00') }, '08:00:00');
    expect(entryOf(d, 'obligation', 'verify')[0]?.text).toBe(`核实情况：每起舆情均适用；发生后 PT1H，即 ${at('09:00:00')} 前`);
    expect(d.level.setAt).toBe(at('08:00:00'));
  });

  it('refuses now before discovery as an invalid option, and accepts now at discovery', () => {
    const e = caught(() => run({}, '08:59:59'));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message.split('\n')[0]).toBe('Invalid option');
    expect(e.issues).toStrictEqual([
      { path: ['now'], code: 'before_discovery', message: 'now is before the incident was discovered: nothing is due yet', received: at('08:59:59'), expected: `a time at or after discoveredAt (${at('09:00:00')})` },
    ]);
    expect(run({}, '09:00:00').now).toBe(at('09:00:00'));
  });

  it('leaves a working-day deadline beyond the calendar without a due time, says why, and decides the rest', () => {
    const d = decide(main, incident({ occurredAt: '2026-12-30T08:00:00+08:00', discoveredAt: '2026-12-30T09:00:00+08:00' }), { now: '2026-12-30T10:00:00+08:00' });
    const i = d.obligations.findIndex((o) => o.id === 'evaluate-3wd');
    expect(d.obligations[i]).toMatchObject({ dueAt: null, status: 'pending', reason: '工作日日历没有 2027 年的节假日安排，无法计算期限；可通过 loadPlan 的 calendar 选项或 yuqing --calendar 补充该年数据', reminders: [] });
    expect(d.warnings.filter((w) => w.code === 'outside-calendar')).toStrictEqual([
      { code: 'outside-calendar', path: ['obligations', i], message: '“evaluate-3wd”按工作日计算至 2027 年，工作日历没有该年数据：在补充该年日历之前没有时限（loadPlan 的 calendar 选项，或 yuqing --calendar）' },
    ]);
    const en = decide(main, incident({ occurredAt: '2026-12-30T08:00:00+08:00', discoveredAt: '2026-12-30T09:00:00+08:00' }), { now: '2026-12-30T10:00:00+08:00', lang: 'en' });
    expect(en.warnings.filter((w) => w.code === 'outside-calendar')).toStrictEqual([
      { code: 'outside-calendar', path: ['obligations', i], message: '"evaluate-3wd" counts working days into 2027, for which the working-day calendar has no data: it has no deadline until that year is supplied (loadPlan\'s calendar option, or yuqing --calendar)' },
    ]);
    expect(d.obligations.filter((o) => o.id !== 'evaluate-3wd').every((o) => o.reason === undefined || !o.reason.includes('日历'))).toBe(true);
    expect(d.obligations.find((o) => o.id === 'verify')?.dueAt).toBe('2026-12-30T10:00:00+08:00');
  });
});

// A plan whose duties are listed against the order `next` puts them in, with one reminder at a quarter of the time.
const ORDER: PlanSource = {
  id: 'order-test',
  version: '1',
  title: '排序测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/decision-details.test.ts' },
  levels: [{ id: 'I', rank: 1, name: '唯一级别', nameEn: 'Only', basis: basisOf('level') }],
  classification: [{ id: 'always', level: 'I', priority: 1, basis: basisOf('always'), conditions: { all: [] } }],
  roles: [{ id: 'office', name: '办公室' }, { id: 'leading-group', name: '领导小组' }],
  escalation: [{ level: 'I', lead: 'office', basis: basisOf('escalation') }],
  reminders: [0.25],
  obligations: [
    { id: 'z-continuous', step: 'discover', title: '持续发现', responsible: 'office', continuous: true, basis: basisOf('z') },
    { id: 'y-undated', step: 'monitor', title: '监测', responsible: 'office', basis: basisOf('y') },
    { id: 'x-immediate', step: 'report', title: '即报', responsible: 'office', immediate: true, basis: basisOf('x') },
    { id: 'late-verify', step: 'verify', title: '一小时核实', responsible: 'office', offset: 'PT1H', basis: basisOf('late-verify') },
    { id: 'late-report', step: 'report', title: '一小时报告', responsible: 'office', offset: 'PT1H', basis: basisOf('late-report') },
    { id: 'twin-a', step: 'track', title: '跟踪甲', responsible: 'office', offset: 'PT30M', basis: basisOf('twin-a') },
    { id: 'twin-b', step: 'track', title: '跟踪乙', responsible: 'office', offset: 'PT30M', basis: basisOf('twin-b') },
    { id: 'zero', step: 'reply', title: '当即回应', responsible: 'office', offset: 'PT0M', basis: basisOf('zero') },
    { id: 'early', step: 'statement', title: '二十分钟内发声明', responsible: 'office', offset: 'PT20M', basis: basisOf('early') },
    { id: 'press', step: 'press-conference', title: '发布会', responsible: 'office', offset: 'PT12M', basis: basisOf('press'), when: { all: [equal('mediaInquiry', true)] } },
  ],
};
const order = loadPlan(ORDER);
const ordered = (now: string, events: unknown[] = [], flags: Record<string, boolean> = {}) =>
  decide(order, { id: 'inc-order', occurredAt: at('08:00:00'), discoveredAt: at('09:00:00'), indicators: { attention: 'low' }, flags, events }, { now: at(now) });

describe('next, reminders and nextReviewAt on the ordering plan', () => {
  it('orders by deadline, then kind, then procedure step, then plan order', () => {
    const d = ordered('09:05:00');
    expect(d.next.map((o) => o.id)).toEqual(['zero', 'early', 'twin-a', 'twin-b', 'late-report', 'late-verify', 'x-immediate', 'y-undated', 'z-continuous']);
    expect(duty(d, 'zero')).toMatchObject({ status: 'overdue', dueAt: at('09:00:00'), reminders: [] });
  });

  it('reminds at the plan’s own fraction, reached at the very moment', () => {
    const d = ordered('09:05:00');
    expect(duty(d, 'early').reminders).toEqual([{ fraction: 0.25, at: at('09:05:00'), reached: true }]);
    expect(duty(d, 'twin-a').reminders).toEqual([{ fraction: 0.25, at: at('09:07:30'), reached: false }]);
    expect(duty(d, 'late-report').reminders).toEqual([{ fraction: 0.25, at: at('09:15:00'), reached: false }]);
    // A reminder at now is not ahead: the next one is twin-a's.
    expect(d.nextReviewAt).toBe(at('09:07:30'));
  });

  it('reviews at the next event after now when it comes first', () => {
    const d = ordered('09:05:00', [{ type: 'monitor', at: at('09:06:00') }]);
    expect(d.nextReviewAt).toBe(at('09:06:00'));
    expect(d.warnings).toStrictEqual([{ code: 'events-after-now', path: ['events'], message: '现在之后的 1 个事件不计入' }]);
  });

  it('reviews at a deadline once its reminders have passed, skipping a duty that is done', () => {
    expect(ordered('09:16:00').nextReviewAt).toBe(at('09:20:00'));
    expect(ordered('09:16:00', [{ type: 'statement', at: at('09:10:00') }]).nextReviewAt).toBe(at('09:30:00'));
  });

  it('skips a closed duty whose deadline is still ahead', () => {
    const d = ordered('09:08:00', [{ type: 'flags-updated', at: at('09:06:00'), flags: { mediaInquiry: false } }], { mediaInquiry: true });
    expect(duty(d, 'press')).toMatchObject({ status: 'not-applicable', dueAt: at('09:12:00'), reminders: [], reason: '适用条件已不成立' });
    expect(d.nextReviewAt).toBe(at('09:15:00'));
    expect(d.next.map((o) => o.id)).not.toContain('press');
  });

  it('is null when nothing is ahead: a deadline at now is no longer ahead', () => {
    const d = ordered('10:00:00');
    expect(d.nextReviewAt).toBeNull();
    expect(d.next.map((o) => [o.id, o.status])).toEqual([
      ['zero', 'overdue'], ['early', 'overdue'], ['twin-a', 'overdue'], ['twin-b', 'overdue'], ['late-report', 'overdue'], ['late-verify', 'overdue'],
      ['x-immediate', 'pending'], ['y-undated', 'pending'], ['z-continuous', 'pending'],
    ]);
  });

  it('leaves done duties out of next', () => {
    const d = ordered('09:05:00', [{ type: 'track', at: at('09:01:00') }, { type: 'report', at: at('09:02:00') }]);
    expect(d.next.map((o) => o.id)).toEqual(['zero', 'early', 'late-verify', 'y-undated', 'z-continuous']);
    expect(d.notify).toEqual([]);
    expect(d.explanation.filter((e) => e.subject === 'recipient')).toEqual([]);
  });
});

// A plan whose first recipient has a dated duty before an immediate one, and whose second has no dated duty at all.
const NOTIFY: PlanSource = {
  id: 'notify-test',
  version: '1',
  title: '通报测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/decision-details.test.ts' },
  levels: [{ id: 'I', rank: 1, name: '唯一级别', nameEn: 'Only', basis: basisOf('level') }],
  classification: [{ id: 'always', level: 'I', priority: 1, basis: basisOf('always'), conditions: { all: [] } }],
  roles: [{ id: 'office', name: '办公室' }, { id: 'leading-group', name: '领导小组' }],
  recipients: [{ id: 'propaganda', name: '宣传部' }, { id: 'city-office', name: '市委办' }],
  escalation: [{ level: 'I', lead: 'office', basis: basisOf('escalation') }],
  obligations: [
    { id: 'file-1h', step: 'written-report', title: '一小时内书面报备', responsible: 'office', to: 'propaganda', notify: 'file', offset: 'PT1H', basis: basisOf('file-1h') },
    { id: 'call-now', step: 'report', title: '立即电话报告', responsible: 'office', to: 'propaganda', notify: 'request', immediate: true, basis: basisOf('call-now') },
    { id: 'tell-city', step: 'report', title: '立即报告市委办', responsible: 'office', to: 'city-office', notify: 'report', immediate: true, basis: basisOf('tell-city') },
    { id: 'brief-city', step: 'written-report', title: '书面通报市委办', responsible: 'office', to: 'city-office', notify: 'file', basis: basisOf('brief-city') },
  ],
};
const notifyPlan = loadPlan(NOTIFY);

describe('notify: deadlines and explanations of recipients with several duties', () => {
  const notified = () => decide(notifyPlan, { id: 'inc-notify', occurredAt: at('08:00:00'), discoveredAt: at('09:00:00'), indicators: { attention: 'low' } }, { now: at('09:10:00') });

  it('keeps the deadline of a dated duty when an undated one follows it, and gives null when no duty has a deadline', () => {
    // file-1h is due an hour after discovery (10:00); call-now, tell-city and brief-city have no deadline.
    expect(notified().notify).toStrictEqual([
      { id: 'propaganda', name: '宣传部', dueAt: at('10:00:00'), immediate: true, done: false, doneAt: null, how: ['file', 'request'], obligations: ['file-1h', 'call-now'] },
      { id: 'city-office', name: '市委办', dueAt: null, immediate: true, done: false, doneAt: null, how: ['report', 'file'], obligations: ['tell-city', 'brief-city'] },
    ]);
  });

  it('explains each recipient by its duties: rule ids joined by commas, titles by ；, the first duty’s basis', () => {
    expect(notified().explanation.filter((e) => e.subject === 'recipient')).toStrictEqual([
      { subject: 'recipient', id: 'propaganda', rule: 'file-1h,call-now', facts: [], basis: basisOf('file-1h'), text: '宣传部：一小时内书面报备；立即电话报告' },
      { subject: 'recipient', id: 'city-office', rule: 'tell-city,brief-city', facts: [], basis: basisOf('tell-city'), text: '市委办：立即报告市委办；书面通报市委办' },
    ]);
  });
});

describe('the obligation explanation', () => {
  it('names every fact that holds in a duty’s condition, joined by 、', () => {
    const d = run({ flags: { mediaInquiry: true, massIncident: true } }, '09:10:00');
    expect(entryOf(d, 'obligation', 'reply-media')).toStrictEqual([{
      subject: 'obligation', id: 'reply-media', rule: 'reply-media', basis: basisOf('duty reply-media'),
      facts: [
        { fact: 'mediaInquiry', operator: 'equal', value: true, factValue: true, result: true },
        { fact: 'massIncident', operator: 'equal', value: true, factValue: true, result: true },
      ],
      text: '及时回应媒体：条件成立（媒体采访报道：是、群体性突发事件：是）；第一时间/及时，无固定时限',
    }]);
  });
});
