import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audit, decide, dueText, loadPlan, planFacts, renderAudit, renderDecision, type Decision, type Plan, type PlanSource } from '../src/index.js';
import { offsetZh } from '../src/decide/decide.js';
import type { FactEntry } from '../src/model/facts.js';
import { factLabel, valueLabel } from '../src/model/labels.js';
import { at, basisOf, equal, level, ROLES } from './support/synthetic-plan.js';

// Chinese first (issue 16), the English side of every deadline, level and workflow the explanations word:
// each clock anchor, soft deadlines and hard limits, repeats, breaches, waiting clocks, approvals, judgements
// and raises, and the audit's English table. The English must name what the Chinese names and hold no Chinese
// of its own (the plan's and the incident's texts aside). Times are on 2026-03-02 (a Monday) in +08:00.
const HAN = /\p{Script=Han}/u;
const basis = basisOf('lang coverage');
const levelI = { all: [equal('level', 'I')] };

/** Every string of a value: the plan's and the incident's own texts, longest first. */
function stringsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, into);
  return into;
}
/** A text with the given own strings taken out: what is left is the library's words. */
function libraryWords(text: string, ...owners: unknown[]): string {
  const own = [...stringsOf(owners)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  let rest = text;
  for (const s of own) rest = rest.split(s).join(' ');
  return rest;
}

const SOURCE = {
  format: 2,
  id: 'lang-clocks',
  version: '1',
  title: '（测试）英文时限说明测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/lang-coverage-decide.test.ts' },
  reminders: [],
  levels: [level('I', 1, basis), level('II', 2, basis)],
  classification: [
    { id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [equal('attention', 'extreme')] } },
    { id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: [...ROLES, { id: 'director', name: '局长' }, { id: 'deputy', name: '分管副局长' }, { id: 'meeting', name: '局务会', collective: true }],
  recipients: [{ id: 'upper', name: '上级' }],
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  steps: [
    { id: 'instruct', title: '批示' },
    { id: 'claim', title: '认领' },
    { id: 'handle', title: '处置' },
  ],
  obligations: [
    // Five hours from the event, four from discovery, however late the grading (clock: keep).
    { id: 'keep-occ', step: 'statement', title: '发布权威信息', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT5H', basis },
    { id: 'keep-disc', step: 'verify', title: '核实', responsible: 'office', anchor: 'discoveredAt', clock: 'keep', offset: 'PT4H', basis },
    { id: 'level-2h', step: 'consult', title: '会商', responsible: 'office', anchor: 'levelSet', offset: 'PT2H', when: { all: [equal('mediaInquiry', true)] }, basis },
    { id: 'after-instruction', step: 'reply', title: '按批示回应', responsible: 'office', anchor: { event: 'instruct' }, offset: 'PT2H', extension: { max: 'PT2H' }, basis },
    { id: 'after-claim', step: 'handle', title: '处置办结', responsible: 'office', anchor: { event: 'claim' }, offset: 'P1D', workingDays: true, subject: '信访件', basis },
    { id: 'phone', step: 'phone-report', title: '电话报告上级', responsible: 'office', to: 'upper', notify: 'report', anchor: 'discoveredAt', offset: 'PT30M', soft: true, basis },
    { id: 'written', step: 'written-report', title: '书面报告上级', responsible: 'office', to: 'upper', notify: 'report', anchor: { done: 'phone' }, offset: 'PT1H', basis },
    // 原则上24小时内答复，最迟不超过48小时.
    { id: 'answer', step: 'rebut', title: '答复', responsible: 'office', offset: 'PT24H', soft: true, latest: 'PT48H', basis },
    { id: 'evaluate', step: 'evaluate', title: '评估', responsible: 'office', anchor: 'discoveredAt', offset: 'P2D', workingDays: true, extension: { max: 'P5D', workingDays: true }, basis },
    { id: 'progress', step: 'track', title: '报告进展', responsible: 'office', offset: 'PT2H', every: 'PT2H', when: { all: [equal('subsided', false)] }, basis },
    { id: 'media', step: 'press-conference', title: '回应媒体', responsible: 'office', offset: 'PT3H', when: { all: [equal('mediaInquiry', true)] }, basis },
    { id: 'notice', step: 'accountability', title: '通报', responsible: 'leading-group', on: 'breach', of: 'keep-disc', offset: 'PT2H', when: { all: [equal('subsided', false)] }, basis },
    { id: 'notice-bare', step: 'accountability', title: '约谈', responsible: 'leading-group', on: 'breach', of: 'keep-occ', offset: 'PT1H', basis },
    { id: 'publish', step: 'aftercare', title: '公布核实结果', responsible: 'office', offset: 'PT1H', after: ['keep-disc'], basis },
    { id: 'watch', step: 'continuous-monitoring', title: '持续监测', responsible: 'monitor', continuous: true, basis },
    { id: 'alert', step: 'report', title: '即报', responsible: 'monitor', to: 'leading-group', immediate: true, when: levelI, basis },
    { id: 'sign-any', step: 'evidence', title: '审签甲', responsible: 'meeting', offset: 'PT6H', approval: { mode: 'any', by: ['director', 'deputy'] }, basis },
    { id: 'sign-all', step: 'keep-order', title: '审签乙', responsible: 'office', offset: 'PT6H', approval: { mode: 'all', by: ['director', 'deputy'] }, basis },
    { id: 'sign-seq', step: 'on-site', title: '审签丙', responsible: 'office', offset: 'PT6H', approval: { mode: 'sequence', by: ['deputy', 'director'] }, basis },
  ],
} as unknown as PlanSource;
const plan = loadPlan(SOURCE);

const incident = (events: unknown[] = [], attention = 'high') => ({ id: 'inc-lang', occurredAt: at('08:00'), discoveredAt: at('09:00'), indicators: { attention }, events });
const both = (events: unknown[], now: string, attention = 'high', p: Plan = plan): { zh: Decision; en: Decision } => ({
  zh: decide(p, incident(events, attention), { now }),
  en: decide(p, incident(events, attention), { now, lang: 'en' }),
});
const explained = (d: Decision, id: string): string => {
  const found = d.explanation.find((e) => e.subject === 'obligation' && e.id === id);
  if (!found) throw new Error(`no explanation of ${id} in ${d.explanation.map((e) => e.id).join(', ')}`);
  return found.text;
};
/** Every English text of a decision holds no Chinese but the plan's and the incident's. */
const noOwnChinese = (d: Decision, ...owners: unknown[]) => {
  for (const e of d.explanation) expect(libraryWords(e.text, SOURCE, ...owners), e.text).not.toMatch(HAN);
  for (const w of d.warnings) expect(libraryWords(w.message, SOURCE, ...owners), w.message).not.toMatch(HAN);
};

describe('the English words of each deadline', () => {
  const events = [
    { type: 'flags-updated', flags: { mediaInquiry: true }, at: at('10:30') },
    { type: 'phone-report', to: 'upper', at: at('09:20') },
    { type: 'extended', obligation: 'after-instruction', duration: 'PT1H', at: at('11:00'), by: 'leading-group' },
    { type: 'instruct', at: at('10:00') },
    { type: 'claim', subject: '信访件', at: at('10:00') },
    { type: 'extended', obligation: 'evaluate', duration: 'P1D', at: at('10:00'), by: 'leading-group' },
  ];
  const { zh, en } = both(events, at('14:00'));

  it('gives the same duties in both languages, and English texts with no Chinese of their own', () => {
    expect(en.obligations).toStrictEqual(zh.obligations);
    expect(en.explanation.map((e) => e.id)).toStrictEqual(zh.explanation.map((e) => e.id));
    noOwnChinese(en, events);
  });

  it('keep: counted from occurrence or discovery, not restarted by a later grading', () => {
    expect(explained(en, 'keep-occ')).toBe('发布权威信息: applies to every incident; 5 hours after occurrence (counted from occurrence, not restarted by a later grading or change), that is by 2026-03-02T13:00:00+08:00');
    expect(explained(zh, 'keep-occ')).toBe('发布权威信息：每起舆情均适用；发生后 5 小时（自发生起算，定级或情况变化较晚也不重新计时），即 2026-03-02T13:00:00+08:00 前');
    expect(explained(en, 'keep-disc')).toContain('4 hours after discovery (counted from discovery, not restarted by a later grading or change), that is by 2026-03-02T13:00:00+08:00');
  });

  it('levelSet, an event with and without a subject, and a duty done: each anchor named', () => {
    expect(explained(en, 'level-2h')).toBe('会商: the conditions hold (media inquiry: yes); 2 hours after the level set to II II 级, that is by 2026-03-02T11:00:00+08:00');
    expect(explained(zh, 'level-2h')).toContain('定为 II II 级后 2 小时，即 2026-03-02T11:00:00+08:00 前');
    expect(explained(en, 'after-instruction')).toBe('按批示回应: applies to every incident; 2 hours after "instruct", that is by 2026-03-02T13:00:00+08:00 (extended by 1 hour)');
    expect(explained(zh, 'after-instruction')).toContain('批示后 2 小时，即 2026-03-02T13:00:00+08:00 前（已延长 1 小时）');
    // One working day, singular: Monday 10:00 + 1 working day is the end of Tuesday.
    expect(explained(en, 'after-claim')).toBe('处置办结: applies to every incident; 1 working day after "claim" (信访件), that is by 2026-03-04T00:00:00+08:00');
    expect(explained(zh, 'after-claim')).toContain('认领（信访件）后 1 个工作日');
    expect(explained(en, 'written')).toBe('书面报告上级: applies to every incident; 1 hour after "电话报告上级" done, that is by 2026-03-02T10:20:00+08:00');
    expect(explained(zh, 'written')).toContain('“电话报告上级”完成后 1 小时');
  });

  it('a soft deadline says "in principle"; one with a hard limit names both, each with its time', () => {
    expect(explained(en, 'phone')).toBe('电话报告上级: applies to every incident; in principle PT30M after discovery, that is by 2026-03-02T09:30:00+08:00');
    expect(explained(zh, 'phone')).toContain('原则上发现后 PT30M，即 2026-03-02T09:30:00+08:00 前');
    expect(explained(en, 'answer')).toBe('答复: applies to every incident; in principle PT24H after discovery, that is by 2026-03-03T09:00:00+08:00, at the latest 48 hours, that is by 2026-03-04T09:00:00+08:00');
    expect(explained(zh, 'answer')).toContain('原则上发现后 PT24H，即 2026-03-03T09:00:00+08:00 前，最迟 48 小时，即 2026-03-04T09:00:00+08:00 前');
  });

  it('working days and an extension in working days, plural', () => {
    expect(explained(en, 'evaluate')).toBe('评估: applies to every incident; P2D (working days) after discovery, that is by 2026-03-06T00:00:00+08:00 (extended by 1 working day)');
    expect(explained(zh, 'evaluate')).toContain('发现后 P2D（工作日），即 2026-03-06T00:00:00+08:00 前（已延长 1 个工作日）');
  });

  it('a repeating duty names its instance and counts from the deadline before it', () => {
    expect(explained(en, 'progress')).toBe('报告进展: the conditions hold (subsided: no); every 2 hours (instance 1); PT2H after discovery, that is by 2026-03-02T11:00:00+08:00');
    expect(explained(en, 'progress#2')).toBe('报告进展: the conditions hold (subsided: no); every 2 hours (instance 2); 2 hours after the previous deadline, that is by 2026-03-02T13:00:00+08:00');
    expect(explained(zh, 'progress#2')).toBe('报告进展：条件成立（舆情已平息：否）；每 2 小时一次（第 2 次）；上次时限后 2 小时，即 2026-03-02T13:00:00+08:00 前');
  });

  it('a duty that arose later counts from its arising; a breach names the duty missed and its deadline', () => {
    expect(explained(en, 'media')).toBe('回应媒体: the conditions hold (media inquiry: yes); PT3H after arising (a change of situation), that is by 2026-03-02T13:30:00+08:00');
    expect(explained(zh, 'media')).toContain('产生（情况变化）后 PT3H');
    expect(explained(en, 'notice')).toBe('通报: arose after "核实" (keep-disc) was not done in time (due by 2026-03-02T13:00:00+08:00), the conditions hold (subsided: no); PT2H after "核实" missed, that is by 2026-03-02T15:00:00+08:00');
    expect(explained(zh, 'notice')).toBe('通报：“核实”（keep-disc）未按时完成（应于 2026-03-02T13:00:00+08:00 前）后产生，条件成立（舆情已平息：否）；“核实”逾期后 PT2H，即 2026-03-02T15:00:00+08:00 前');
  });

  it('a breach without a condition of its own says only what was missed', () => {
    expect(explained(en, 'notice-bare')).toBe('约谈: arose after "发布权威信息" (keep-occ) was not done in time (due by 2026-03-02T13:00:00+08:00); PT1H after "发布权威信息" missed, that is by 2026-03-02T14:00:00+08:00');
    expect(explained(zh, 'notice-bare')).toBe('约谈：“发布权威信息”（keep-occ）未按时完成（应于 2026-03-02T13:00:00+08:00 前）后产生；“发布权威信息”逾期后 PT1H，即 2026-03-02T14:00:00+08:00 前');
  });

  it('a duty blocked by another says so and has no fixed deadline; continuous duties go on', () => {
    expect(explained(en, 'publish')).toBe('公布核实结果: applies to every incident; to be done once keep-disc is done; no fixed deadline');
    expect(explained(zh, 'publish')).toBe('公布核实结果：每起舆情均适用；须待 keep-disc 完成后办理；无固定时限');
    expect(explained(en, 'watch')).toBe('持续监测: applies to every incident; ongoing');
    expect(explained(zh, 'watch')).toBe('持续监测：每起舆情均适用；持续进行');
  });

  it('names who decides collectively and who approves, in each approval mode', () => {
    expect(explained(en, 'sign-any')).toBe('审签甲: applies to every incident; decided collectively by 局务会; approved by any of 局长, 分管副局长; PT6H after discovery, that is by 2026-03-02T15:00:00+08:00');
    expect(explained(en, 'sign-all')).toContain('; approved by all of 局长, 分管副局长; PT6H after discovery');
    expect(explained(en, 'sign-seq')).toContain('; approved in turn by 分管副局长 → 局长; PT6H after discovery');
    expect(explained(zh, 'sign-any')).toMatch(HAN);
    // The English words are found once per plan, then kept: a second English decision gives the same.
    expect(decide(plan, incident(events), { now: at('14:00'), lang: 'en' }).explanation).toStrictEqual(en.explanation);
  });

  it('a duty done counts its clock from that completion (after), named in English', () => {
    const done = both([...events, { type: 'verify', at: at('10:00') }], at('10:30'));
    expect(explained(done.en, 'publish')).toBe('公布核实结果: applies to every incident; PT1H after "核实" done, that is by 2026-03-02T11:00:00+08:00');
    expect(explained(done.zh, 'publish')).toContain('“核实”完成后 PT1H');
  });
});

describe('the English words of a clock not yet started, and of duties at once', () => {
  const { zh, en } = both([{ type: 'level-set', level: 'I', at: at('09:10'), by: 'leading-group' }], at('09:15'));

  it('says what the clock waits for: an event (with its subject), a duty done', () => {
    expect(explained(en, 'after-instruction')).toBe('按批示回应: applies to every incident; the clock has not started: 2 hours counted once "instruct" is recorded');
    expect(explained(zh, 'after-instruction')).toBe('按批示回应：每起舆情均适用；计时起点尚未发生：待记录“批示”后起算 2 小时');
    expect(explained(en, 'after-claim')).toBe('处置办结: applies to every incident; the clock has not started: 1 working day counted once "claim" (信访件) is recorded');
    expect(explained(en, 'written')).toBe('书面报告上级: applies to every incident; the clock has not started: 1 hour counted once "电话报告上级" (phone) is done');
    expect(explained(zh, 'written')).toBe('书面报告上级：每起舆情均适用；计时起点尚未发生：待“电话报告上级”（phone）完成后起算 1 小时');
    noOwnChinese(en);
  });

  it('a duty at once has no fixed deadline; a level judged by a named role says who graded', () => {
    expect(explained(en, 'alert')).toBe('即报: the conditions hold (level: I); at once, no fixed deadline');
    expect(explained(zh, 'alert')).toBe('即报：条件成立（级别：I）；第一时间/及时，无固定时限');
    expect(en.explanation[0]?.text).toBe('graded I I 级 by 领导小组; a judgement prevails over the criteria');
    expect(zh.explanation[0]?.text).toBe('领导小组研判定为 I I 级，研判结论优先于分级标准');
    const unnamed = both([{ type: 'level-set', level: 'I', at: at('09:10') }], at('09:15'));
    expect(unnamed.en.explanation[0]?.text).toBe('graded I I 级 (no grader named); a judgement prevails over the criteria');
    expect(unnamed.zh.explanation[0]?.text).toBe('研判定为 I I 级（未注明研判者），研判结论优先于分级标准');
    // The audit's table of levels: a judgement, with its graders when the event names them.
    const judged = (by?: string) => renderAudit(audit(plan, incident([{ type: 'level-set', level: 'I', at: at('09:10'), ...(by === undefined ? {} : { by }) }]), { now: at('09:15'), lang: 'en' }), { lang: 'en' });
    expect(judged()).toContain('| I I 级 | judgement | 03-02 09:10 | — |');
    expect(judged('leading-group')).toContain('| I I 级 | judgement (leading-group) | 03-02 09:10 | — |');
    expect(judged()).toContain('| II II 级 | criteria | 03-02 09:00 | 03-02 09:10 |');
  });
});

describe('offsetZh in English', () => {
  it('counts units and working days with English plurals', () => {
    expect(offsetZh('P1D', true, 'en')).toBe('1 working day');
    expect(offsetZh('P3D', true, 'en')).toBe('3 working days');
    expect(offsetZh('P1DT12H', false, 'en')).toBe('1 day 12 hours');
    expect(offsetZh('P1Y2M1W', false, 'en')).toBe('1 year 2 months 1 week');
    expect(offsetZh('PT1M30S', false, 'en')).toBe('1 minute 30 seconds');
    expect(offsetZh('P1DT12H', false)).toBe('1 天 12 小时');
    expect(offsetZh('P3D', true)).toBe('3 个工作日');
  });
});

// Grading by judgement (format2-grading.test.ts's plan): who may grade, the ungraded phase, raise rules.
const gradingBasis = { clause: '第五条' };
const lvl = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis: gradingBasis });
const falseReport = { id: 'false-report', when: { all: [equal('falseReport', true)] }, basis: gradingBasis };
function gradingSource(grading: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): PlanSource {
  return {
    format: 2,
    id: 'grading-lang',
    version: '1',
    title: '定级测试预案',
    unit: '测试局',
    source: { document: '（示例）定级测试办法' },
    levels: [lvl('I', 1), lvl('II', 2), lvl('III', 3)],
    classification: [],
    grading: {
      ungraded: { name: '待研判定级', nameEn: 'Not yet graded', lead: 'office', leadNote: '定级前由办公室牵头', basis: gradingBasis },
      gradedBy: [['leading-group'], ['director', 'party-secretary']],
      ...grading,
    },
    roles: [
      { id: 'office', name: '办公室' },
      { id: 'leading-group', name: '领导小组' },
      { id: 'director', name: '局长' },
      { id: 'party-secretary', name: '党组书记' },
    ],
    recipients: [],
    escalation: ['I', 'II', 'III'].map((id) => ({ level: id, lead: id === 'III' ? 'office' : 'leading-group', basis: gradingBasis })),
    obligations: [{ id: 'report-for-grading', step: 'report', title: '报告局领导研判定级', responsible: 'office', offset: 'PT30M', when: { all: [equal('graded', false)] }, basis: gradingBasis }],
    ...extra,
  } as unknown as PlanSource;
}
const gradingIncident = (events: unknown[] = [], more: Record<string, unknown> = {}) => ({ id: 'g-1', occurredAt: at('08:30'), discoveredAt: at('09:00'), events, ...more });
const setLevel = (time: string, id: string, by?: string | string[]) => ({ type: 'level-set', at: at(time), level: id, ...(by !== undefined ? { by } : {}) });
const levelTexts = (d: Decision): string[] => d.explanation.filter((e) => e.subject === 'level').map((e) => e.text);

describe('the English words of grading', () => {
  it('not yet graded: who may grade, alone or jointly, or nobody in particular', () => {
    const p = loadPlan(gradingSource());
    expect(levelTexts(decide(p, gradingIncident(), { now: at('09:10'), lang: 'en' }))).toStrictEqual([
      'the plan has no grading criteria: the level is set by judgement; not yet graded: 待研判定级, to be graded by 领导小组 or 局长 and 党组书记 jointly',
    ]);
    expect(levelTexts(decide(p, gradingIncident(), { now: at('09:10') }))).toStrictEqual(['本预案不设分级标准，级别由研判确定；尚未定级：待研判定级，待领导小组或局长、党组书记共同研判定级']);
    const anyone = loadPlan(gradingSource({ gradedBy: undefined }, { classification: [{ id: 'c-i', level: 'I', priority: 10, conditions: { all: [equal('attention', 'extreme')] }, basis: gradingBasis }] }));
    expect(levelTexts(decide(anyone, gradingIncident([], { indicators: { attention: 'low' } }), { now: at('09:10'), lang: 'en' }))).toStrictEqual(['no grading rule holds; not yet graded: 待研判定级']);
    expect(levelTexts(decide(anyone, gradingIncident([], { indicators: { attention: 'low' } }), { now: at('09:10') }))).toStrictEqual(['没有分级规则成立；尚未定级：待研判定级']);
  });

  it('a judgement by two roles jointly names both', () => {
    const p = loadPlan(gradingSource());
    const d = decide(p, gradingIncident([setLevel('09:30', 'II', ['director', 'party-secretary'])]), { now: at('09:40'), lang: 'en' });
    expect(levelTexts(d)).toStrictEqual(['graded II II 级 by 局长, 党组书记; a judgement prevails over the criteria']);
    const report = renderAudit(audit(p, gradingIncident([setLevel('09:30', 'II', ['director', 'party-secretary'])]), { now: at('09:40'), lang: 'en' }), { lang: 'en' });
    expect(report).toContain('| II II 级 | judgement (director, party-secretary) | 03-02 09:30 |');
    expect(report).toContain('| ungraded 待研判定级 | awaiting grading | 03-02 09:00 | 03-02 09:30 |');
    const zhReport = renderAudit(audit(p, gradingIncident([setLevel('09:30', 'II', ['director', 'party-secretary'])]), { now: at('09:40') }));
    expect(zhReport).toContain('| II II 级 | 研判（director、party-secretary） | 03-02 09:30 |');
  });

  it('a raise: by how much and from where to where, or that the level is already the most severe', () => {
    const p = loadPlan(gradingSource({ raise: [{ ...falseReport, by: 2 }] }));
    const flags = { flags: { falseReport: true } };
    const top = decide(p, gradingIncident([setLevel('10:00', 'I', 'leading-group')], flags), { now: at('10:40'), lang: 'en' });
    expect(levelTexts(top)[1]).toBe('false report: yes hold (raise rules false-report), but I I 级 is already the most severe level: not raised');
    const capped = decide(p, gradingIncident([setLevel('10:00', 'II', 'leading-group')], flags), { now: at('10:40'), lang: 'en' });
    expect(levelTexts(capped)[1]).toBe('false report: yes hold: the level is raised by 1 from II II 级 to I I 级 (raise rules false-report, the most severe level reached)');
    const two = loadPlan(gradingSource({ raise: [falseReport, { id: 'mass', when: { all: [equal('massIncident', true)] }, basis: gradingBasis }] }));
    const both2 = decide(two, gradingIncident([setLevel('10:00', 'III', 'leading-group')], { flags: { falseReport: true, massIncident: true } }), { now: at('10:40'), lang: 'en' });
    expect(levelTexts(both2)[1]).toBe('false report: yes, mass incident: yes hold: the level is raised by 2 from III III 级 to I I 级 (raise rules false-report, mass)');
    const report = renderAudit(audit(two, gradingIncident([setLevel('10:00', 'III', 'leading-group')], { flags: { falseReport: true, massIncident: true } }), { now: at('10:40'), lang: 'en' }), { lang: 'en' });
    expect(report).toContain('| I I 级 | judgement (leading-group), raised from III |');
  });
});

describe('a long list of facts, counted in either language', () => {
  it('lists 20 facts that held and counts the rest: "… and N more", "…等 N 项"', () => {
    const def = JSON.parse(JSON.stringify(SOURCE)) as { classification: { conditions: unknown }[] };
    def.classification[1]!.conditions = { all: Array.from({ length: 25 }, () => equal('exercise', false)) };
    const long = loadPlan(def as unknown as PlanSource);
    const { zh, en } = both([], at('09:10'), 'high', long);
    expect(en.explanation[0]?.text).toBe(`${Array.from({ length: 20 }, () => 'exercise: no').join(', ')} … and 5 more meet the criteria of II II 级 (rule c-ii, priority 10)`);
    expect(zh.explanation[0]?.text).toBe(`${Array.from({ length: 20 }, () => '演练：否').join('、')}…等 5 项 满足 II II 级 的标准（规则 c-ii，优先级 10）`);
  });
});

describe('the audit in English: soft deadlines, hard limits and work done before its clock', () => {
  it('tells a soft deadline missed from a hard one, and a duty done before its anchor', () => {
    // answer: in principle by 03-03 09:00, at the latest by 03-04 09:00; phone: soft, by 09:30.
    const events = [
      { type: 'phone-report', to: 'upper', at: at('10:00') },
      { type: 'rebut', at: '2026-03-03T12:00:00+08:00' },
      // Recorded before the instruction that starts its clock: done before its anchor.
      { type: 'reply', at: at('09:30') },
      { type: 'instruct', at: at('10:00') },
      // Before discovery, after occurrence: done before the duty arose, within its clock from occurrence.
      { type: 'statement', at: at('08:30') },
    ];
    const now = '2026-03-03T13:00:00+08:00';
    const a = audit(plan, incident(events), { now, lang: 'en' });
    const en = renderAudit(a, { lang: 'en' });
    const zh = renderAudit(audit(plan, incident(events), { now }));
    const row = (text: string, title: string) => text.split('\n').find((line) => line.startsWith(`| ${title} `)) ?? '';
    expect(row(en, '电话报告上级')).toContain('after its soft deadline by 30 minutes');
    expect(row(en, '答复')).toContain('in principle 03-03 09:00, at the latest 03-04 09:00');
    expect(row(en, '答复')).toContain('after its soft deadline by 3 hours');
    expect(row(zh, '答复')).toContain('原则上 03-03 09:00，最迟 03-04 09:00');
    expect(row(en, '按批示回应')).toContain('| done 30 minutes before 03-02 10:00 (counted from 03-02 10:00; after arising 30 minutes) |');
    expect(row(en, '发布权威信息')).toContain('| took 30 minutes (counted from occurrence; done 30 minutes before it arose) |');
    expect(row(zh, '发布权威信息')).toMatch(HAN);
    expect(en).toContain('- Soft deadlines (not counted as overdue): 0 past and not done, 2 done after them');
    // Obligations' reasons are the decision's data, the same in both languages (decide-lang.test.ts).
    expect(libraryWords(en, SOURCE, events, a.obligations.map((o) => o.reason))).not.toMatch(HAN);
  });

  it('a soft deadline past its hard limit counts as overdue, in either language', () => {
    const now = '2026-03-04T10:00:00+08:00';
    const a = audit(plan, incident([{ type: 'rebut', at: '2026-03-04T09:30:00+08:00' }]), { now, lang: 'en' });
    const answer = a.obligations.find((o) => o.id === 'answer');
    expect(answer).toMatchObject({ status: 'met-late', soft: true });
    const en = renderAudit(a, { lang: 'en' });
    expect(en.split('\n').find((line) => line.includes('| 答复 |'))).toContain('late by 1 day 30 minutes');
    const open = renderAudit(audit(plan, incident([]), { now, lang: 'en' }), { lang: 'en' });
    expect(open.split('\n').find((line) => line.includes('| 答复 |'))).toContain('not done, overdue by 1 day 1 hour');
    const soft = renderAudit(audit(plan, incident([]), { now: '2026-03-03T10:00:00+08:00', lang: 'en' }), { lang: 'en' });
    expect(soft.split('\n').find((line) => line.includes('| 答复 |'))).toContain('not done, past its soft deadline by 1 hour');
  });

  it('renders the same decision in English with the due words of each kind', () => {
    const d = decide(plan, incident([{ type: 'level-set', level: 'I', at: at('09:10'), by: 'leading-group' }]), { now: at('09:15'), lang: 'en' });
    const text = renderDecision(d, { lang: 'en' });
    expect(text).toMatch(/\[pending\] at once\s+即报/);
    expect(text).toMatch(/\[pending\] clock not started\s+按批示回应/);
    expect(text).toMatch(/\[pending\] in principle by 03-02 09:30\s+电话报告上级/);
    expect(text).toMatch(/\[pending\] in principle by 03-03 09:00, at the latest by 03-04 09:00\s+答复/);
    expect(text).toMatch(/\[pending\] continuous\s+持续监测/);
    // A blocked duty is not next: its due words are dueText's.
    expect(dueText(d.obligations.find((o) => o.id === 'publish')!, { lang: 'en' })).toBe('no fixed deadline');
    expect(dueText(d.obligations.find((o) => o.id === 'publish')!)).toBe('无固定时限');
  });
});

describe('planFacts and labels: the parts a plan leaves out', () => {
  const example = JSON.parse(readFileSync('examples/plans/city-media-tier.json', 'utf8')) as { facts: { metrics: Record<string, Record<string, unknown>> } };

  it('gives a metric’s min, max and unit only where the plan declares them', () => {
    const def = structuredClone(example);
    const reposts = def.facts.metrics.reposts!;
    delete reposts.unit;
    delete reposts.min;
    reposts.max = 1_000_000;
    reposts.integer = false;
    const facts = planFacts(loadPlan(def as object), { lang: 'en' });
    expect(facts.metrics).toStrictEqual([{ name: 'reposts', label: 'Reposts', max: 1_000_000, integer: false }]);
    expect(planFacts(loadPlan(example as object)).metrics).toStrictEqual([{ name: 'reposts', label: '转发量', unit: '次', min: 0, integer: true }]);
  });

  it('labels a declared fact with no name of its own by its id, and its values as given', () => {
    // A loaded plan always names its declared facts (the schema requires `name`): only a hand-made entry has none.
    const entry: FactEntry = { name: 'tier', kind: 'indicator', shared: false, values: ['a', 'b'] };
    expect(factLabel(entry, 'tier', 'en')).toBe('tier');
    expect(factLabel(entry, 'tier', 'zh')).toBe('tier');
    expect(valueLabel(entry, 'tier', 'a', 'en')).toBe('a');
    expect(valueLabel({ ...entry, labels: new Map([['a', '甲']]) }, 'tier', 'a', 'en')).toBe('甲');
    expect(valueLabel({ ...entry, labels: new Map([['a', '甲']]), labelsEn: new Map([['a', 'A']]) }, 'tier', 'a', 'en')).toBe('A');
  });
});

describe('warnings and the level’s basis in English', () => {
  it('names unknown roles, events that fulfil nothing, and a level on the criteria alone', () => {
    const events = [
      { type: 'verify', at: at('09:10'), by: 'stranger' },
      { type: 'rebut', at: at('09:10'), by: ['office', 'someone'] },
      { type: 'phone-report', at: at('09:12'), to: 'leading-group' },
      { type: 'written-report', at: at('09:14') },
    ];
    const bare = { id: 'inc-bare', occurredAt: at('08:00'), discoveredAt: at('09:00'), events };
    const en = decide(plan, bare, { now: at('09:20'), lang: 'en' });
    const zh = decide(plan, bare, { now: at('09:20') });
    expect(en.warnings.map(({ code, path }) => ({ code, path }))).toStrictEqual(zh.warnings.map(({ code, path }) => ({ code, path })));
    const message = (d: Decision, code: string) => d.warnings.filter((w) => w.code === code).map((w) => w.message);
    expect(message(en, 'unknown-role')).toStrictEqual(['the plan knows no role "stranger"; kept as given', 'the plan knows no role "someone"; kept as given']);
    expect(message(zh, 'unknown-role')).toStrictEqual(['预案中没有角色“stranger”；按原样保留', '预案中没有角色“someone”；按原样保留']);
    expect(message(en, 'unmatched-event')).toStrictEqual([
      'this "phone-report" event to "leading-group" fulfils no open duty of the plan',
      'this "written-report" event fulfils no open duty of the plan (a duty toward an outside recipient needs "to")',
    ]);
    expect(message(zh, 'unmatched-event')).toStrictEqual([
      '此向“leading-group”的“phone-report”事件没有履行预案中任何未完成的义务',
      '此“written-report”事件没有履行预案中任何未完成的义务（向外部单位履行的义务须写明 "to"）',
    ]);
    expect(message(en, 'no-indicators')).toStrictEqual(['no indicators and no level judgement: the level is II by the criteria alone; record indicators or a level-set event']);
    expect(message(zh, 'no-indicators')).toStrictEqual(['没有指标，也没有研判定级：级别 II 仅按分级标准得出；请记录指标或 level-set 事件']);
    noOwnChinese(en, events);
  });

  it('says when no grading rule holds and the least severe level applies', () => {
    const def = JSON.parse(JSON.stringify(SOURCE)) as { classification: { conditions: unknown }[] };
    def.classification[1]!.conditions = { all: [equal('attention', 'high')] };
    const strict = loadPlan(def as unknown as PlanSource);
    const { zh, en } = both([], at('09:10'), 'low', strict);
    expect(en.explanation[0]).toMatchObject({ subject: 'level', rule: '(none)', text: 'no grading rule holds: handled at the least severe level, II II 级' });
    expect(zh.explanation[0]?.text).toBe('没有分级规则成立，按最低级别 II II 级 处理');
    // The lead and whom to notify, worded with an English colon.
    expect(en.explanation.find((e) => e.subject === 'lead')?.text).toBe('II II 级: 领导小组');
    expect(zh.explanation.find((e) => e.subject === 'lead')?.text).toBe('II II 级：领导小组');
  });
});
