import { describe, expect, it } from 'vitest';
import { audit, decide, loadPlan, renderAudit, renderDecision, type Decision, type PlanSource } from '../src/index.js';
import { at, basisOf, equal, level, ROLES } from './support/synthetic-plan.js';

// Chinese first (issue 16): an obligation's `reason` — why its clock has not started, why it has no deadline,
// why it stopped applying or is no longer asked for — is the library's own text, Chinese by default and
// English with `lang: 'en'`, each kind below in both languages. Times are on 2026-03-02 (a Monday) in +08:00.
const HAN = /\p{Script=Han}/u;
const basis = basisOf('lang reasons');

const SOURCE = {
  format: 2,
  id: 'lang-reasons',
  version: '1',
  title: '（测试）原因文字测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/lang-reasons.test.ts' },
  reminders: [],
  levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 30, basis, conditions: { all: [equal('attention', 'extreme')] } },
    { id: 'c-ii', level: 'II', priority: 20, basis, conditions: { all: [equal('attention', 'high')] } },
    { id: 'c-iii', level: 'III', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: ROLES,
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: ['I', 'II', 'III'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  steps: [{ id: 'instruct', title: '批示' }],
  obligations: [
    { id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', notify: 'report', anchor: 'discoveredAt', offset: 'PT30M', basis, when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] } },
    { id: 'reply-press', step: 'reply', title: '回应媒体', responsible: 'leading-group', offset: 'PT2H', basis, when: { all: [equal('mediaInquiry', true)] } },
    { id: 'watch', step: 'monitor', title: '持续监测', responsible: 'monitor', continuous: true, until: 'subsided', basis },
    { id: 'track', step: 'track', title: '跟踪至应急结束', responsible: 'monitor', continuous: true, until: 'ended', basis },
    { id: 'verify', step: 'verify', title: '核实情况', responsible: 'office', offset: 'PT4H', basis },
    { id: 'evidence', step: 'evidence', title: '固定证据', responsible: 'office', offset: 'PT4H', basis },
    { id: 'after-instruction', step: 'rebut', title: '按批示回应', responsible: 'office', anchor: { event: 'instruct' }, offset: 'PT2H', basis },
    { id: 'written', step: 'written-report', title: '书面报告', responsible: 'office', anchor: { done: 'verify' }, offset: 'PT1H', basis },
    { id: 'evaluate', step: 'evaluate', title: '评估', responsible: 'office', anchor: 'discoveredAt', offset: 'P3D', workingDays: true, basis },
    { id: 'statement', step: 'statement', title: '发布声明', responsible: 'office', offset: 'PT30M', after: ['verify'], basis, when: { all: [equal('level', 'I')] } },
    { id: 'publish', step: 'aftercare', title: '公布核实结果', responsible: 'office', offset: 'PT1H', after: ['verify', 'evidence'], basis },
    { id: 'progress', step: 'daily-report', title: '报告进展', responsible: 'office', offset: 'PT2H', every: 'PT2H', basis, when: { all: [equal('massIncident', true)] } },
  ],
} as unknown as PlanSource;
const plan = loadPlan(SOURCE);

const incident = (events: unknown[], attention = 'high', flags: Record<string, boolean> = {}, day = '2026-03-02') => ({
  id: 'inc-reasons',
  occurredAt: `${day}T08:00:00+08:00`,
  discoveredAt: `${day}T09:00:00+08:00`,
  indicators: { attention },
  flags,
  events,
});
/** The duty's reason in Chinese (the default) and in English. */
function reasons(events: unknown[], now: string, id: string, attention = 'high', flags: Record<string, boolean> = {}): { zh: string | undefined; en: string | undefined } {
  const of = (d: Decision) => d.obligations.find((o) => o.id === id)?.reason;
  return { zh: of(decide(plan, incident(events, attention, flags), { now })), en: of(decide(plan, incident(events, attention, flags), { now, lang: 'en' })) };
}

describe('why a duty stopped applying, in both languages', () => {
  it('its conditions no longer hold', () => {
    const events = [{ type: 'flags-updated', at: at('10:00'), flags: { mediaInquiry: true } }, { type: 'flags-updated', at: at('10:30'), flags: { mediaInquiry: false } }];
    expect(reasons(events, at('12:00'), 'reply-press')).toStrictEqual({ zh: '适用条件已不成立', en: 'its conditions no longer hold' });
  });

  it('the level changed (a downgrade before the deadline)', () => {
    const events = [{ type: 'indicators-updated', at: at('09:10'), indicators: { attention: 'low' } }];
    expect(reasons(events, at('12:00'), 'report-up')).toStrictEqual({ zh: '级别由 II 调整为 III 后不再适用', en: 'the level changed from II to III' });
  });

  it('the incident subsided, or the end of the emergency was approved (continuous duties)', () => {
    expect(reasons([{ type: 'subsided', at: at('10:00') }], at('11:00'), 'watch')).toStrictEqual({ zh: '舆情已平息，持续性工作结束', en: 'the incident has subsided: the continuous work ends' });
    const ended = [{ type: 'subsided', at: at('10:00') }, { type: 'end-proposed', at: at('10:10') }, { type: 'end-approved', at: at('10:20') }];
    expect(reasons(ended, at('11:00'), 'track')).toStrictEqual({ zh: '应急结束已批准，持续性工作结束', en: 'the end of the emergency was approved: the continuous work ends' });
  });

  it('a duty waiting for others stopped applying before their clock ran out (workflow)', () => {
    // Graded I, then down to II at 10:00: the statement waited for verification, never done.
    const events = [{ type: 'level-set', at: at('10:00'), level: 'II' }];
    expect(reasons(events, at('11:00'), 'statement', 'extreme')).toStrictEqual({ zh: '适用条件已不成立', en: 'its conditions no longer hold' });
  });

  it('a later instance of a repeating duty whose condition ended before its deadline', () => {
    // First report due 11:00 (done), the second arises then, due 13:00; the flag goes off at 12:00.
    const events = [{ type: 'daily-report', at: at('10:30') }, { type: 'flags-updated', at: at('12:00'), flags: { massIncident: false } }];
    expect(reasons(events, at('14:00'), 'progress#2', 'high', { massIncident: true })).toStrictEqual({ zh: '适用条件已不成立', en: 'its conditions no longer hold' });
  });
});

describe('why an overdue duty is no longer asked for, in both languages', () => {
  it('names the moment of the change of level', () => {
    const events = [{ type: 'indicators-updated', at: at('10:00'), indicators: { attention: 'low' } }];
    expect(reasons(events, at('12:00'), 'report-up')).toStrictEqual({
      zh: `逾期未办；${at('10:00')} 起级别调整后不再要求`,
      en: `overdue and not done; no longer required since the level changed at ${at('10:00')}`,
    });
  });
});

describe('why a duty has no deadline yet, in both languages', () => {
  it('its clock waits for an event', () => {
    expect(reasons([], at('10:00'), 'after-instruction')).toStrictEqual({
      zh: '计时起点尚未发生：待记录“批示”后起算 2 小时',
      en: 'the clock has not started: 2 hours counted once "instruct" is recorded',
    });
  });

  it('its clock waits for another duty to be done', () => {
    expect(reasons([], at('10:00'), 'written')).toStrictEqual({
      zh: '计时起点尚未发生：待“核实情况”（verify）完成后起算 1 小时',
      en: 'the clock has not started: 1 hour counted once "核实情况" (verify) is done',
    });
  });

  it('the working-day calendar lacks the year its deadline falls in', () => {
    const d = (lang: 'zh' | 'en') => decide(plan, incident([], 'high', {}, '2026-12-30'), { now: '2026-12-30T10:00:00+08:00', lang }).obligations.find((o) => o.id === 'evaluate')?.reason;
    expect(d('zh')).toBe('工作日日历没有 2027 年的节假日安排，无法计算期限；可通过 loadPlan 的 calendar 选项或 yuqing --calendar 补充该年数据');
    expect(d('en')).toBe("the working-day calendar has no holiday schedule for 2027, so no deadline can be computed; supply that year's data through loadPlan's calendar option or yuqing --calendar");
  });
});

describe('a duty blocked by one or by several others', () => {
  const explained = (d: Decision, id: string) => d.explanation.find((e) => e.subject === 'obligation' && e.id === id)?.text;

  it('says "is done" for one and "are done" for several', () => {
    const events = [{ type: 'verify', at: at('09:30') }];
    expect(explained(decide(plan, incident([], 'extreme'), { now: at('09:20'), lang: 'en' }), 'statement')).toContain('; to be done once verify is done; ');
    expect(explained(decide(plan, incident([]), { now: at('09:20'), lang: 'en' }), 'publish')).toContain('; to be done once verify, evidence are done; ');
    expect(explained(decide(plan, incident(events), { now: at('09:40'), lang: 'en' }), 'publish')).toContain('; to be done once evidence is done; ');
    expect(explained(decide(plan, incident([]), { now: at('09:20') }), 'publish')).toContain('；须待 verify、evidence 完成后办理；');
  });
});

describe('the reasons in the rendered decision and audit', () => {
  // A downgrade closes one duty and lapses none; a clock waits for an event; the incident subsides.
  const events = [{ type: 'indicators-updated', at: at('09:10'), indicators: { attention: 'low' } }, { type: 'subsided', at: at('09:40') }];
  const now = at('10:00');

  it('writes them in English in an English decision and audit, in Chinese by default', () => {
    const en = renderDecision(decide(plan, incident(events), { now, lang: 'en' }), { lang: 'en' });
    expect(en).toContain('2 hours counted once "instruct" is recorded');
    expect(en).toContain('(the level changed from II to III)');
    expect(en).toContain('(the incident has subsided: the continuous work ends)');
    expect(en).not.toMatch(/不再适用|计时起点|持续性工作/);
    const zh = renderDecision(decide(plan, incident(events), { now }));
    expect(zh).toContain('计时起点尚未发生：待记录“批示”后起算 2 小时');
    expect(zh).toContain('级别由 II 调整为 III 后不再适用');
    const report = renderAudit(audit(plan, incident(events), { now, lang: 'en' }), { lang: 'en' });
    expect(report).toContain('no longer applies (the level changed from II to III)');
    expect(report).not.toMatch(/不再适用|计时起点|持续性工作/);
    expect(renderAudit(audit(plan, incident(events), { now }))).toContain('级别由 II 调整为 III 后不再适用');
  });

  it('leaves the Chinese default byte for byte what it was: no English word in a Chinese reason', () => {
    const d = decide(plan, incident(events), { now });
    const withReasons = d.obligations.filter((o) => o.reason !== undefined);
    expect(withReasons.length).toBeGreaterThan(2);
    for (const o of withReasons) expect(o.reason).toMatch(HAN);
    expect(decide(plan, incident(events), { now, lang: 'zh' })).toStrictEqual(d);
  });
});
