import { describe, expect, it } from 'vitest';
import { decide, DecisionSchema, loadPlan, renderDecision, type Decision, type PlanSource } from '../src/index.js';
import { at, basisOf, ROLES } from './support/synthetic-plan.js';

// Seed fidelity of the decision (issue 13, item 6): who judged, an event counted for several roles' duties,
// whether a recipient's duties are done, and where 第一时间 duties stand in `next`.
// Times are on 2026-03-02 (a Monday) in +08:00; the incident occurs at 08:00 and is discovered at 09:00.

const levels = [
  { id: 'I', rank: 1, name: '特别重大', nameEn: 'Extraordinary', basis: basisOf('level I') },
  { id: 'II', rank: 2, name: '重大', nameEn: 'Major', basis: basisOf('level II') },
];
const skeleton = {
  version: '1',
  title: '保真测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'test/fidelity-decision.test.ts' },
  levels,
  classification: [{ id: 'always', level: 'II', priority: 1, basis: basisOf('always'), conditions: { all: [] } }],
  roles: ROLES,
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: [
    { level: 'I', lead: 'leading-group', basis: basisOf('escalation I') },
    { level: 'II', lead: 'office', basis: basisOf('escalation II') },
  ],
};
const incident = (events: unknown[] = []) => ({ id: 'inc-fidelity', occurredAt: at('08:00'), discoveredAt: at('09:00'), indicators: { attention: 'high' }, events });
const duty = (d: Decision, id: string) => d.obligations.find((o) => o.id === id);

describe('a judgement names who judged', () => {
  const plan = loadPlan({ ...skeleton, id: 'fidelity-judgement', obligations: [] } as PlanSource);
  const levelText = (events: unknown[]) => decide(plan, incident(events), { now: at('10:00') }).explanation.find((e) => e.subject === 'level')?.text;

  it('names the role of the plan that set the level, by its name', () => {
    expect(levelText([{ type: 'level-set', at: at('09:30'), level: 'I', by: 'office' }])).toBe('办公室研判定为 I 特别重大，研判结论优先于分级标准');
    expect(levelText([{ type: 'level-set', at: at('09:30'), level: 'I', by: 'leading-group' }])).toBe('领导小组研判定为 I 特别重大，研判结论优先于分级标准');
  });

  it('says that nobody was named when the judgement has no by, and keeps a by the plan does not know as given', () => {
    expect(levelText([{ type: 'level-set', at: at('09:30'), level: 'I' }])).toBe('研判定为 I 特别重大（未注明研判者），研判结论优先于分级标准');
    expect(levelText([{ type: 'level-set', at: at('09:30'), level: 'I', by: '县长' }])).toBe('县长研判定为 I 特别重大，研判结论优先于分级标准');
  });

  it('names the party of a warning (004: the office issues it), not the leading group', () => {
    expect(levelText([{ type: 'warning-issued', at: at('09:30'), level: 'I', by: 'office' }])).toBe('办公室研判定为 I 特别重大，研判结论优先于分级标准');
    expect(levelText([{ type: 'warning-adjusted', at: at('09:30'), level: 'I', by: 'monitor' }])).toBe('监测组研判定为 I 特别重大，研判结论优先于分级标准');
  });

  it('names the office of 004 (三（二）发布预警) with its filled-in name', () => {
    const plan004 = loadPlan('ideology-emergency', { parameters: { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' } });
    const d = decide(plan004, incident([{ type: 'warning-issued', at: at('09:30'), level: 'orange', by: 'office' }]), { now: at('10:00') });
    expect(d.explanation.find((e) => e.subject === 'level')?.text).toMatch(/^领导小组办公室（设在宣传部）研判定为 orange 橙色预警，/);
  });

  it('does not claim in the text that the leading group judged', () => {
    const text = renderDecision(decide(plan, incident([{ type: 'level-set', at: at('09:30'), level: 'I', by: 'office' }]), { now: at('10:00') }));
    expect(text).toContain('级别：I 特别重大（研判定级，自 03-02 09:30 起）');
    expect(text).toContain('  · 办公室研判定为 I 特别重大，研判结论优先于分级标准');
    expect(text).not.toContain('领导小组研判');
  });
});

describe('an event that does not say who acted, counted for duties of different roles', () => {
  const plan = loadPlan({
    ...skeleton,
    id: 'fidelity-ambiguous',
    obligations: [
      { id: 'report-office', step: 'report', title: '办公室报告领导小组', responsible: 'office', to: 'leading-group', offset: 'PT1H', basis: basisOf('report-office') },
      { id: 'report-monitor', step: 'report', title: '监测组报告领导小组', responsible: 'monitor', to: 'leading-group', offset: 'PT1H', basis: basisOf('report-monitor') },
      { id: 'verify-office', step: 'verify', title: '办公室核实', responsible: 'office', offset: 'PT1H', basis: basisOf('verify-office') },
      { id: 'verify-monitor', step: 'verify', title: '监测组核实', responsible: 'monitor', offset: 'PT1H', basis: basisOf('verify-monitor') },
      { id: 'track-a', step: 'track', title: '跟踪甲', responsible: 'office', offset: 'PT1H', basis: basisOf('track-a') },
      { id: 'track-b', step: 'track', title: '跟踪乙', responsible: 'office', offset: 'PT1H', basis: basisOf('track-b') },
    ],
  } as PlanSource);
  // The messages in English (lang: 'en'), as the code words them; the Chinese ones are checked in decide-lang.test.ts.
  const run = (events: unknown[]) => decide(plan, incident(events), { now: at('09:40'), lang: 'en' });

  it('counts for all of them, and says so in a warning naming the duties and their roles', () => {
    const d = run([{ type: 'report', at: at('09:20'), to: 'leading-group' }]);
    expect(duty(d, 'report-office')).toMatchObject({ status: 'met', doneAt: at('09:20') });
    expect(duty(d, 'report-monitor')).toMatchObject({ status: 'met', doneAt: at('09:20') });
    expect(d.warnings).toStrictEqual([
      {
        code: 'ambiguous-event',
        path: ['events', 0],
        message: 'this "report" event names no role ("by") and fulfilled duties of different roles: report-office (办公室), report-monitor (监测组); it counts for all of them — record "by" to say which role acted',
      },
    ]);
  });

  it('does not warn when the event names the role: it then counts for that role’s duty only', () => {
    const d = run([{ type: 'report', at: at('09:20'), to: 'leading-group', by: 'monitor' }]);
    expect(duty(d, 'report-office')?.status).toBe('pending');
    expect(duty(d, 'report-monitor')?.status).toBe('met');
    expect(d.warnings).toStrictEqual([]);
  });

  it('does not warn when every duty it fulfilled is the same role’s', () => {
    const d = run([{ type: 'track', at: at('09:20') }]);
    expect([duty(d, 'track-a')?.status, duty(d, 'track-b')?.status]).toEqual(['met', 'met']);
    expect(d.warnings).toStrictEqual([]);
  });

  it('warns for a by that names no role of the plan, which restricts nothing', () => {
    const d = run([{ type: 'verify', at: at('09:20'), by: '张三' }]);
    expect(d.warnings).toStrictEqual([
      { code: 'unknown-role', path: ['events', 0, 'by'], message: 'the plan knows no role "张三"; kept as given' },
      {
        code: 'ambiguous-event',
        path: ['events', 0],
        message: 'this "verify" event names "张三", no role of the plan, as "by" and fulfilled duties of different roles: verify-office (办公室), verify-monitor (监测组); it counts for all of them — record "by" to say which role acted',
      },
    ]);
  });

  it('names each rule once, however many of its instances the one event fulfilled', () => {
    const upgrades = loadPlan({
      ...skeleton,
      id: 'fidelity-upgrades',
      obligations: [
        { id: 'worse-a', step: 'report', title: '升级即报（办公室）', responsible: 'office', to: 'leading-group', immediate: true, on: 'upgrade', basis: basisOf('worse-a') },
        { id: 'worse-b', step: 'report', title: '升级即报（监测组）', responsible: 'monitor', to: 'leading-group', immediate: true, on: 'upgrade', basis: basisOf('worse-b') },
      ],
    } as PlanSource);
    const flips = ['09:10', '09:20', '09:30', '09:40', '09:50'].map((time, i) => ({ type: 'level-set', at: at(time), level: i % 2 === 0 ? 'I' : 'II' }));
    const d = decide(upgrades, incident([...flips, { type: 'report', at: at('09:55'), to: 'leading-group' }]), { now: at('10:00') });
    // Three upgrades: three instances of each rule, all met by the one report.
    expect(d.obligations.map((o) => `${o.id}:${o.status}`)).toEqual(['worse-a:met', 'worse-b:met', 'worse-a#2:met', 'worse-b#2:met', 'worse-a#3:met', 'worse-b#3:met']);
    expect(d.warnings.filter((w) => w.code === 'ambiguous-event')).toStrictEqual([
      {
        code: 'ambiguous-event',
        path: ['events', 5],
        message: '此“report”事件未写明办理角色（"by"），却履行了不同角色的义务：worse-a（办公室）、worse-b（监测组）；对其全部计入——请用 "by" 写明由哪个角色办理',
      },
    ]);
    const named = decide(upgrades, incident([...flips, { type: 'report', at: at('09:55'), to: 'leading-group', by: '张三' }]), { now: at('10:00') });
    expect(named.warnings.find((w) => w.code === 'ambiguous-event')?.message).toBe('此“report”事件的 "by" 写的是“张三”，不是预案中的角色，却履行了不同角色的义务：worse-a（办公室）、worse-b（监测组）；对其全部计入——请用 "by" 写明由哪个角色办理');
  });

  it('gives one warning per event, in the order of the events', () => {
    // The report duties come first in the plan, but the verification is the first event.
    const d = run([{ type: 'verify', at: at('09:30') }, { type: 'report', at: at('09:20'), to: 'leading-group' }]);
    expect(d.warnings.map((w) => [w.code, w.path])).toEqual([
      ['ambiguous-event', ['events', 0]],
      ['ambiguous-event', ['events', 1]],
    ]);
  });
});

describe('notify says whether its duties are done, and the text shows a done report as done', () => {
  const plan = loadPlan({
    ...skeleton,
    id: 'fidelity-notify',
    obligations: [
      // Listed with the later deadline first, so that the earliest is not simply the first.
      { id: 'report-2h', step: 'report', title: '两小时内上报宣传部', responsible: 'office', to: 'propaganda', notify: 'report', offset: 'PT2H', basis: basisOf('report-2h') },
      { id: 'file-1h', step: 'written-report', title: '一小时内书面报备宣传部', responsible: 'office', to: 'propaganda', notify: 'file', offset: 'PT1H', basis: basisOf('file-1h') },
      { id: 'call-now', step: 'phone-report', title: '立即电话报告宣传部', responsible: 'office', to: 'propaganda', notify: 'request', immediate: true, basis: basisOf('call-now') },
    ],
  } as PlanSource);
  const run = (events: unknown[]) => decide(plan, incident(events), { now: at('09:50') });
  const report = { type: 'report', at: at('09:40'), to: 'propaganda' };
  const file = { type: 'written-report', at: at('09:20'), to: 'propaganda' };
  const call = { type: 'phone-report', at: at('09:05'), to: 'propaganda' };
  const notifyLine = (d: Decision) => renderDecision(d).split('\n').find((line) => line.includes('宣传部　'));

  it('is not done while a duty is open, and the text gives the earliest deadline among the open ones', () => {
    const none = run([]);
    expect(none.notify).toStrictEqual([
      { id: 'propaganda', name: '宣传部', dueAt: at('10:00'), immediate: true, done: false, doneAt: null, how: ['report', 'file', 'request'], obligations: ['report-2h', 'file-1h', 'call-now'] },
    ]);
    expect(DecisionSchema.parse(none)).toEqual(none);
    expect(notifyLine(none)).toBe('  · 上报、备案、请示 宣传部　03-02 10:00 前');
  });

  it('keeps dueAt the earliest of all, but the text no longer gives a done duty’s deadline as due', () => {
    const d = run([file]);
    expect(d.notify[0]).toMatchObject({ dueAt: at('10:00'), done: false, doneAt: null });
    expect(notifyLine(d)).toBe('  · 上报、备案、请示 宣传部　03-02 11:00 前');
    // Both dated duties done, the 第一时间 call still open.
    const dated = run([file, report]);
    expect(dated.notify[0]).toMatchObject({ dueAt: at('10:00'), immediate: true, done: false, doneAt: null });
    expect(notifyLine(dated)).toBe('  · 上报、备案、请示 宣传部　第一时间（预案未定时限）');
  });

  it('is done once every duty is, at the moment the last one was, and the text says so', () => {
    const d = run([report, call, file]);
    expect(d.notify[0]).toMatchObject({ dueAt: at('10:00'), immediate: false, done: true, doneAt: at('09:40') });
    expect(DecisionSchema.parse(d)).toEqual(d);
    expect(notifyLine(d)).toBe('  · 上报、备案、请示 宣传部　已办结（03-02 09:40 完成）');
    expect(renderDecision(d)).not.toContain('10:00 前');
  });
});

describe('next: 第一时间 duties before deadlines hours away', () => {
  const plan = loadPlan({
    ...skeleton,
    id: 'fidelity-next',
    obligations: [
      { id: 'watch', step: 'monitor', title: '持续监测', responsible: 'monitor', continuous: true, basis: basisOf('watch') },
      { id: 'aftercare', step: 'aftercare', title: '善后', responsible: 'office', basis: basisOf('aftercare') },
      { id: 'in-3h', step: 'reply', title: '三小时内回应', responsible: 'office', offset: 'PT3H', basis: basisOf('in-3h') },
      { id: 'in-61m', step: 'reply', title: '六十一分钟内回应', responsible: 'office', offset: 'PT61M', basis: basisOf('in-61m') },
      { id: 'now', step: 'report', title: '第一时间报告', responsible: 'office', to: 'leading-group', immediate: true, basis: basisOf('now') },
      { id: 'in-60m', step: 'verify', title: '一小时内核实', responsible: 'office', offset: 'PT60M', basis: basisOf('in-60m') },
      { id: 'in-30m', step: 'statement', title: '半小时内发声', responsible: 'office', offset: 'PT30M', basis: basisOf('in-30m') },
      { id: 'at-once', step: 'track', title: '当即跟踪', responsible: 'office', offset: 'PT0M', basis: basisOf('at-once') },
    ],
  } as PlanSource);
  const order = (now: string) => decide(plan, incident(), { now: at(now) }).next.map((o) => `${o.id}:${o.status}`);

  it('puts them after what is overdue and the deadlines at most an hour away, before the deadlines further away', () => {
    expect(order('09:00')).toEqual(['at-once:overdue', 'in-30m:pending', 'in-60m:pending', 'now:pending', 'in-61m:pending', 'in-3h:pending', 'aftercare:pending', 'watch:pending']);
  });

  it('moves a deadline ahead of them once it comes within the hour', () => {
    expect(order('09:01')).toEqual(['at-once:overdue', 'in-30m:pending', 'in-60m:pending', 'in-61m:pending', 'now:pending', 'in-3h:pending', 'aftercare:pending', 'watch:pending']);
  });

  it('puts the 第一时间 reports of 000 (level II) before the reply due at 20:00, after the report due in 20 minutes', () => {
    const d = decide(loadPlan('county-bureau'), {
      ...incident(),
      indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
    }, { now: at('09:10') });
    const ids = d.next.map((o) => o.id);
    expect(ids[0]).toBe('report-leading-group');
    expect(ids.indexOf('report-county-propaganda-level-ii')).toBeLessThan(ids.indexOf('reply'));
    expect(ids.indexOf('report-county-government-deputy')).toBeLessThan(ids.indexOf('reply'));
  });
});

describe('nextReviewAt follows the order of next', () => {
  const plan = loadPlan('county-bureau');
  const rowII = { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' };
  const worked = { id: 'inc-42', occurredAt: at('08:00'), discoveredAt: at('09:00'), indicators: rowII, events: [{ type: 'report', at: at('09:20'), to: 'leading-group' }] };

  it('looks again when a deadline comes within the hour of the 第一时间 duties it then overtakes', () => {
    // The reply is due at 20:00 (12 hours after occurrence); its reminders (14:00, 17:00) have passed by 18:00.
    const before = decide(plan, worked, { now: at('18:00') });
    expect(before.nextReviewAt).toBe(at('19:00'));
    expect(before.next[0]?.kind).toBe('immediate');
    const justBefore = decide(plan, worked, { now: '2026-03-02T18:59:59.999+08:00' });
    expect(justBefore.next.map((o) => o.id)).toEqual(before.next.map((o) => o.id));
    const after = decide(plan, worked, { now: at('19:00') });
    expect(after.next[0]?.id).toBe('reply');
    expect(after.nextReviewAt).toBe(at('20:00'));
  });
});
