import { describe, expect, it } from 'vitest';
import { audit, decide, loadPlan, renderAudit, renderDecision, type Audit, type Decision, type Obligation, type PlanSource } from '../src/index.js';
import type { AuditObligation } from '../src/model/audit.js';
import type { Condition } from '../src/model/condition.js';
import { ObligationRuleSchema } from '../src/model/plan.js';
import { conditionText, durationText, renderPlanTables, timingText } from '../src/render/plan-table.js';
import { cell, cite, MODE_ZH, short, STATUS_ZH } from '../src/render/text.js';

const lines = (text: string): string[] => text.split('\n');

describe('render/text', () => {
  it('names every obligation status and notify mode in Chinese', () => {
    expect(STATUS_ZH).toEqual({ pending: '待办', overdue: '已超时', met: '按时完成', 'met-late': '超时完成', 'not-applicable': '不再适用', late: '已过原则性时限' });
    expect(MODE_ZH).toEqual({ report: '上报', request: '请示', file: '备案', invite: '邀请指导' });
  });

  it('shortens a timestamp to month, day, hour and minute', () => {
    expect(short('2026-03-02T09:30:00+08:00')).toBe('03-02 09:30');
    expect(short('2026-12-31T23:59')).toBe('12-31 23:59');
    expect(short(null)).toBe('—');
  });

  it('leaves text that is not an ISO timestamp at its start unchanged', () => {
    expect(short('x2026-03-02T09:30:00+08:00')).toBe('x2026-03-02T09:30:00+08:00');
    expect(short('26-03-02T09:30:00+08:00')).toBe('26-03-02T09:30:00+08:00');
    expect(short('2026-3-02T09:30:00+08:00')).toBe('2026-3-02T09:30:00+08:00');
    expect(short('2026-03-02 09:30:00')).toBe('2026-03-02 09:30:00');
    expect(short('')).toBe('');
  });

  it('cites a clause with and without a section', () => {
    expect(cite({ seed: '002', section: '篇三', clause: '三 第三步' })).toBe('002 篇三 三 第三步');
    expect(cite({ seed: '000', clause: '四 第二步' })).toBe('000 四 第二步');
    expect(cite({ seed: '000', section: '', clause: '五' })).toBe('000 五');
  });

  it('escapes every pipe and flattens every newline for a table cell', () => {
    expect(cell('a|b|c\nd\ne')).toBe('a\\|b\\|c d e');
    expect(cell('plain')).toBe('plain');
  });
});

const basis = { seed: '002', section: '篇三', clause: '四 第三步' };
const plain = { seed: '000', clause: '五 Ⅱ' };
const office = { id: 'office', name: '办公室' };
type Needed = Pick<Obligation, 'id' | 'title' | 'kind' | 'status'>;
const ob = (o: Needed & Partial<Obligation>): Obligation => ({
  step: 'report',
  responsible: office,
  immediate: false,
  arisenAt: '2026-03-02T09:00:00+08:00',
  dueAt: null,
  doneAt: null,
  reminders: [],
  basis,
  ...o,
});

describe('renderDecision', () => {
  const overdue = ob({ id: 'o', title: '超时报告', kind: 'deadline', status: 'overdue', dueAt: '2026-03-02T09:30:00+08:00' });
  const dated = ob({ id: 'd', title: '回复', kind: 'deadline', status: 'pending', dueAt: '2026-03-02T20:00:00+08:00', responsible: { id: 'lg', name: '领导小组' }, basis: plain });
  const immediate = ob({ id: 'i', title: '会商', kind: 'immediate', immediate: true, status: 'pending' });
  const untilEnded = ob({ id: 'e', title: '跟踪', kind: 'continuous', until: 'ended', status: 'pending' });
  const untilSubsided = ob({ id: 's', title: '监测', kind: 'continuous', until: 'subsided', status: 'pending' });
  const continuing = ob({ id: 'c', title: '关注', kind: 'continuous', status: 'pending' });
  const undated = ob({ id: 'u', title: '通稿', kind: 'undated', status: 'pending' });
  const met = ob({ id: 'm', title: '上报', kind: 'deadline', status: 'met', dueAt: '2026-03-02T09:30:00+08:00', doneAt: '2026-03-02T09:20:00+08:00' });
  const late = ob({ id: 'l', title: '迟报', kind: 'deadline', status: 'met-late', dueAt: '2026-03-02T09:30:00+08:00', doneAt: '2026-03-02T09:45:00+08:00', reason: '网络故障' });
  const dropped = ob({ id: 'n', title: '不间断监控', kind: 'continuous', until: 'subsided', status: 'not-applicable', reason: '舆情已平息' });

  const full: Decision = {
    plan: { id: 'county-bureau', version: '1.1.0' },
    incident: { id: 'inc-7' },
    now: '2026-03-02T10:00:00+08:00',
    level: { id: 'II', rank: 2, name: '重大或较大网络舆情', nameEn: 'Major', source: 'judgement', setAt: '2026-03-02T09:45:00+08:00', setBy: 'leading-group' },
    lead: { id: 'leading-group', name: '领导小组', note: '组长负责' },
    escalation: {
      approveStatement: [{ id: 'a', name: '县委宣传部' }, { id: 'b', name: '领导小组' }],
      consultWith: [{ id: 'c', name: '县委县政府' }, { id: 'd', name: '县委宣传部' }],
      basis: plain,
    },
    notify: [
      { id: 'upper', name: '上级部门', dueAt: '2026-03-02T11:00:00+08:00', immediate: false, done: false, doneAt: null, how: ['report', 'file'], obligations: ['x'] },
      { id: 'peer', name: '同级部门', dueAt: null, immediate: true, done: false, doneAt: null, how: ['request', 'invite'], obligations: ['y'] },
    ],
    obligations: [overdue, dated, immediate, untilEnded, untilSubsided, continuing, undated, met, late, dropped],
    next: [overdue, dated, immediate, untilEnded, untilSubsided, continuing, undated],
    warnings: [
      { code: 'w1', message: '第一条提示', path: [] },
      { code: 'w2', message: '第二条提示', path: ['events', 0] },
    ],
    nextReviewAt: '2026-03-02T10:15:00+08:00',
    explanation: [
      { subject: 'level', id: 'II', rule: 'judgement', text: '领导小组研判为 II', facts: [], basis },
      { subject: 'recipient', id: 'upper', rule: 'r', text: '不应出现的接收方说明', facts: [], basis },
      { subject: 'lead', id: 'leading-group', rule: 'e', text: 'II：领导小组领导', facts: [], basis: plain },
      { subject: 'obligation', id: 'o', rule: 'o', text: '不应出现的义务说明', facts: [] },
      { subject: 'level', id: 'II', rule: 'x', text: '无依据的说明', facts: [] },
    ],
  };

  it('writes every part of a full decision, in order', () => {
    expect(lines(renderDecision(full))).toEqual([
      '预案：county-bureau（版本 1.1.0）　舆情：inc-7　时间：2026-03-02T10:00:00+08:00',
      '级别：II 重大或较大网络舆情（研判定级，自 03-02 09:45 起）',
      '牵头：领导小组——组长负责',
      '会商：听取 县委县政府、县委宣传部 的会商措施',
      '通稿审核：县委宣传部、领导小组',
      '',
      '对外报告：',
      '  · 上报、备案 上级部门　03-02 11:00 前',
      '  · 请示、邀请指导 同级部门　第一时间（预案未定时限）',
      '',
      '下一步：',
      '  1. [已超时] 03-02 09:30 前　超时报告　— 办公室　（002 篇三 四 第三步）',
      '  2. [待办] 03-02 20:00 前　回复　— 领导小组　（000 五 Ⅱ）',
      '  3. [待办] 第一时间　会商　— 办公室　（002 篇三 四 第三步）',
      '  4. [待办] 持续至应急结束　跟踪　— 办公室　（002 篇三 四 第三步）',
      '  5. [待办] 持续至平息　监测　— 办公室　（002 篇三 四 第三步）',
      '  6. [待办] 持续　关注　— 办公室　（002 篇三 四 第三步）',
      '  7. [待办] 无固定时限　通稿　— 办公室　（002 篇三 四 第三步）',
      '',
      '已办结或不再适用：',
      '  · [按时完成] 上报（03-02 09:20 完成）',
      '  · [超时完成] 迟报（03-02 09:45 完成）（网络故障）',
      '  · [不再适用] 不间断监控（舆情已平息）',
      '',
      '提示：',
      '  ! 第一条提示',
      '  ! 第二条提示',
      '',
      '下次复核：2026-03-02T10:15:00+08:00',
      '',
      '依据：',
      '  · 领导小组研判为 II（002 篇三 四 第三步）',
      '  · II：领导小组领导（000 五 Ⅱ）',
      '  · 无依据的说明',
    ]);
  });

  it('writes the empty cases of a bare decision: criteria level, no note, nobody to notify, nothing to do', () => {
    const bare: Decision = {
      ...full,
      level: { id: 'IV', rank: 4, name: '影响较小的网络舆情', nameEn: 'Minor', source: 'criteria', setAt: '2026-03-02T09:00:00+08:00' },
      lead: { id: 'office', name: '领导小组办公室' },
      escalation: { approveStatement: [], consultWith: [], basis: plain },
      notify: [],
      obligations: [],
      next: [],
      warnings: [],
      nextReviewAt: null,
      explanation: [{ subject: 'lead', id: 'office', rule: 'e', text: 'IV：办公室牵头', facts: [] }],
    };
    expect(renderDecision(bare)).toBe(
      [
        '预案：county-bureau（版本 1.1.0）　舆情：inc-7　时间：2026-03-02T10:00:00+08:00',
        '级别：IV 影响较小的网络舆情（按分级标准，自 03-02 09:00 起）',
        '牵头：领导小组办公室',
        '',
        '对外报告：',
        '  （本级别无须向外部单位报告）',
        '',
        '下一步：',
        '  （无待办事项）',
        '',
        '下次复核：无（时间推移不会改变结论）',
        '',
        '依据：',
        '  · IV：办公室牵头',
      ].join('\n'),
    );
  });

  it('lists only finished or dropped duties as done, and only when there are any', () => {
    const open: Decision = { ...full, obligations: [overdue, dated, immediate], next: [overdue, dated, immediate], warnings: [] };
    const text = renderDecision(open);
    expect(text).not.toContain('已办结或不再适用：');
    expect(text).not.toContain('提示：');
    expect(text).toContain('  3. [待办] 第一时间　会商　— 办公室　（002 篇三 四 第三步）\n\n下次复核：2026-03-02T10:15:00+08:00\n');
    const one: Decision = { ...full, obligations: [overdue, met], next: [overdue] };
    expect(renderDecision(one)).toContain('\n\n已办结或不再适用：\n  · [按时完成] 上报（03-02 09:20 完成）\n\n提示：\n');
  });

  it('writes the lead note, the consultation and the statement approval each on its own', () => {
    const consultOnly: Decision = { ...full, lead: { id: 'x', name: '组长', note: '' }, escalation: { approveStatement: [], consultWith: [{ id: 'c', name: '县委县政府' }], basis: plain } };
    const text = lines(renderDecision(consultOnly));
    expect(text.slice(2, 5)).toEqual(['牵头：组长', '会商：听取 县委县政府 的会商措施', '']);
    const approveOnly: Decision = { ...full, escalation: { approveStatement: [{ id: 'a', name: '县委宣传部' }], consultWith: [], basis: plain } };
    expect(lines(renderDecision(approveOnly)).slice(2, 5)).toEqual(['牵头：领导小组——组长负责', '通稿审核：县委宣传部', '']);
  });

  it('renders a real decision of the county bureau (000) at level II', () => {
    const plan = loadPlan('county-bureau');
    const incident = {
      id: 'inc-42',
      occurredAt: '2026-03-02T08:00:00+08:00',
      discoveredAt: '2026-03-02T09:00:00+08:00',
      indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
    } as const;
    const text = lines(renderDecision(decide(plan, incident, { now: '2026-03-02T09:10:00+08:00' })));
    expect(text.slice(0, 12)).toEqual([
      '预案：county-bureau（版本 1.1.0）　舆情：inc-42　时间：2026-03-02T09:10:00+08:00',
      '级别：II 重大或较大网络舆情（按分级标准，自 03-02 09:00 起）',
      '牵头：局意识形态风险防控工作领导小组——领导小组领导，上报县政府分管领导、县委宣传部，会同相关部门开展应急工作',
      '会商：听取 县委县政府、县委宣传部 的会商措施',
      '通稿审核：县委县政府、县委宣传部、局意识形态风险防控工作领导小组',
      '',
      '对外报告：',
      '  · 上报 县政府分管领导　第一时间（预案未定时限）',
      '  · 上报 县委宣传部　第一时间（预案未定时限）',
      '',
      '下一步：',
      '  1. [待办] 03-02 09:30 前　半小时内向局意识形态风险防控工作领导小组报告　— 舆情监控员　（000 四 第三步）',
    ]);
    expect(text).toContain('  10. [待办] 持续至平息　跟踪引导：留意舆情动向，及时引导质疑，不能引导的及时上报，直至舆情缓退、平息　— 舆情监控员　（000 四 第七步）');
    expect(text).toContain('下次复核：2026-03-02T09:15:00+08:00');
    expect(text).toContain('  · II 重大或较大网络舆情：领导小组领导，上报县政府分管领导、县委宣传部，会同相关部门开展应急工作（000 五 Ⅱ）');
  });
});

describe('renderAudit', () => {
  const auditBasis = { seed: '002', section: '篇三', clause: '四|三' };
  const clerk = { id: 'office', name: '办公室|值班' };
  // An audit's obligation: its clock starts when it arises, and it took no time and was not late, unless given.
  const ao = (o: Needed & Partial<AuditObligation>): AuditObligation => {
    const base = ob({ responsible: clerk, basis: plain, ...o });
    return { anchorAt: base.arisenAt, took: null, tookMs: null, tookSinceArisen: null, tookSinceArisenMs: null, lateBy: null, lateByMs: null, ...base };
  };
  const minutes = (n: number): number => n * 60_000;
  const full: Audit = {
    plan: { id: 'county-bureau', version: '1.1.0', title: 'xx县xx局预案' },
    incident: { id: 'inc:2026#03;02 with a rather long identifier here', title: '网传视频', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', exercise: true },
    now: '2026-03-03T12:00:00+08:00',
    levels: [
      { id: 'III', rank: 3, name: '一般|舆情', source: 'criteria', from: '2026-03-02T09:00:00+08:00', to: '2026-03-02T10:00:00+08:00' },
      { id: 'II', rank: 2, name: '较大', source: 'judgement', from: '2026-03-02T10:00:00+08:00', to: '2026-03-02T11:00:00+08:00', by: '组长|王' },
      { id: 'I', rank: 1, name: '特别重大', source: 'judgement', from: '2026-03-02T11:00:00+08:00', to: null },
    ],
    obligations: [
      ao({ id: 'a', title: 'Report: #1; to the group', kind: 'deadline', status: 'met', dueAt: '2026-03-02T09:30:00+08:00', doneAt: '2026-03-02T09:20:00+08:00', subject: '科目|一', recipient: { id: 'lg', name: '领导|小组' }, basis: auditBasis,
        anchorAt: '2026-03-02T08:00:00+08:00', tookMs: minutes(80), tookSinceArisenMs: minutes(20) }),
      ao({ id: 'b', title: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', kind: 'deadline', status: 'met-late', dueAt: '2026-03-02T10:00:00+08:00', doneAt: '2026-03-02T10:30:00+08:00', tookMs: minutes(90), tookSinceArisenMs: minutes(90), lateByMs: minutes(30) }),
      ao({ id: 'c', title: '超时未报', kind: 'deadline', status: 'overdue', dueAt: '2026-03-02T11:00:00+08:00', lateByMs: minutes(25 * 60) }),
      ao({ id: 'd', title: '待办回复', kind: 'deadline', status: 'pending', dueAt: '2026-03-03T18:00:00+08:00' }),
      // Done before it arose (the report came before the level rose): the bar starts and ends where it arose.
      ao({ id: 'e', title: '升级上报', kind: 'deadline', status: 'met', arisenAt: '2026-03-02T11:00:00+08:00', dueAt: '2026-03-02T11:30:00+08:00', doneAt: '2026-03-02T10:50:00+08:00', anchorAt: '2026-03-02T11:00:00+08:00', tookMs: minutes(-10), tookSinceArisenMs: minutes(-10) }),
      ao({ id: 'f', title: '监测\n跟踪', kind: 'continuous', until: 'subsided', status: 'not-applicable', reason: '已平息|结束' }),
      ao({ id: 'g', title: '会商', kind: 'immediate', immediate: true, status: 'met', doneAt: '2026-03-02T10:10:00+08:00', anchorAt: '2026-03-02T09:30:00+08:00', tookMs: minutes(40), tookSinceArisenMs: minutes(70) }),
      ao({ id: 'h', title: '总结', kind: 'undated', status: 'pending' }),
    ],
    events: [
      { type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group', by: 'monitor', ignored: false },
      { type: 'report', at: '2026-03-02T09:25:00+08:00', to: 'nobody', ignored: true },
      { type: 'consult', at: '2026-03-02T10:10:00+08:00', ignored: false },
    ],
    summary: { met: 3, metLate: 1, overdue: 1, pending: 2, notApplicable: 1, total: 8, onTimeRate: 2 / 3 },
    drill: { subjects: [], metOnTime: 2, total: 3 },
    warnings: [],
    basis: [],
  };

  it('writes the summary, the level table, the obligation table and the gantt chart of a full audit', () => {
    expect(lines(renderAudit(full))).toEqual([
      '# 舆情处置审计：网传视频',
      '',
      '- 预案：xx县xx局预案（`county-bureau` 1.1.0）',
      '- 发生：2026-03-02T08:00:00+08:00　发现：2026-03-02T09:00:00+08:00　审计时点：2026-03-03T12:00:00+08:00　（演练）',
      '- 义务 8 项：按时完成 3，超时完成 1，已超时 1，待办 2，不再适用 1；有时限事项按时率 67%',
      '- 演练科目：2/3 项在时限内完成',
      '',
      '## 级别变化',
      '',
      '| 级别 | 依据 | 起 | 止 |',
      '|---|---|---|---|',
      '| III 一般\\|舆情 | 分级标准 | 03-02 09:00 | 03-02 10:00 |',
      '| II 较大 | 研判（组长\\|王） | 03-02 10:00 | 03-02 11:00 |',
      '| I 特别重大 | 研判 | 03-02 11:00 | — |',
      '',
      '## 义务',
      '',
      '| 事项 | 负责 | 产生 | 时限 | 完成 | 用时 | 状态 | 依据 |',
      '|---|---|---|---|---|---|---|---|',
      '| Report: #1; to the group（科目\\|一） → 领导\\|小组 | 办公室\\|值班 | 03-02 09:00 | 03-02 09:30 | 03-02 09:20 | 用时 1 小时 20 分钟（自发生起算；产生后 20 分钟） | 按时完成 | 002 篇三 四\\|三 |',
      '| ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz | 办公室\\|值班 | 03-02 09:00 | 03-02 10:00 | 03-02 10:30 | 用时 1 小时 30 分钟，超时 30 分钟 | 超时完成 | 000 五 Ⅱ |',
      '| 超时未报 | 办公室\\|值班 | 03-02 09:00 | 03-02 11:00 | — | 未完成，已超时 1 天 1 小时 | 已超时 | 000 五 Ⅱ |',
      '| 待办回复 | 办公室\\|值班 | 03-02 09:00 | 03-03 18:00 | — | — | 待办 | 000 五 Ⅱ |',
      '| 升级上报 | 办公室\\|值班 | 03-02 11:00 | 03-02 11:30 | 03-02 10:50 | 起算前 10 分钟已完成 | 按时完成 | 000 五 Ⅱ |',
      '| 监测 跟踪 | 办公室\\|值班 | 03-02 09:00 | 持续 | — | — | 不再适用（已平息\\|结束） | 000 五 Ⅱ |',
      '| 会商 | 办公室\\|值班 | 03-02 09:00 | 第一时间 | 03-02 10:10 | 用时 40 分钟（自03-02 09:30起算；产生后 1 小时 10 分钟） | 按时完成 | 000 五 Ⅱ |',
      '| 总结 | 办公室\\|值班 | 03-02 09:00 | — | — | — | 待办 | 000 五 Ⅱ |',
      '',
      '## 时间线',
      '',
      '```mermaid',
      'gantt',
      '    title inc 2026 03 02 with a rather long identi',
      '    dateFormat YYYY-MM-DDTHH:mm',
      '    axisFormat %m-%d %H:%M',
      '    section 级别',
      '    III 一般|舆情 :2026-03-02T09:00, 2026-03-02T10:00',
      '    II 较大 :active, 2026-03-02T10:00, 2026-03-02T11:00',
      '    I 特别重大 :active, 2026-03-02T11:00, 2026-03-03T12:00',
      '    section 有时限的义务',
      '    Report   1  to the group :done, 2026-03-02T09:00, 2026-03-02T09:20',
      '    ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn :crit, 2026-03-02T09:00, 2026-03-02T10:30',
      '    超时未报 :crit, 2026-03-02T09:00, 2026-03-03T12:00',
      '    待办回复 :2026-03-02T09:00, 2026-03-03T18:00',
      '    升级上报 :done, 2026-03-02T11:00, 2026-03-02T11:00',
      '    section 事件',
      '    report leading-group :milestone, 2026-03-02T09:20, 0m',
      '    consult :milestone, 2026-03-02T10:10, 0m',
      '```',
      '',
    ]);
  });

  it('writes a bare audit: the id as title, no exercise, no rate, no drill, no event section', () => {
    const bare: Audit = {
      ...full,
      incident: { id: 'inc-1', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', exercise: false },
      levels: [{ id: 'III', rank: 3, name: '一般', source: 'criteria', from: '2026-03-02T09:00:00+08:00', to: null }],
      obligations: [ao({ id: 'w', title: '监测', kind: 'continuous', status: 'pending' })],
      events: [{ type: 'report', at: '2026-03-02T09:25:00+08:00', ignored: true }],
      summary: { met: 0, metLate: 0, overdue: 0, pending: 1, notApplicable: 0, total: 1, onTimeRate: null },
    };
    delete bare.drill;
    expect(renderAudit(bare)).toBe(
      [
        '# 舆情处置审计：inc-1',
        '',
        '- 预案：xx县xx局预案（`county-bureau` 1.1.0）',
        '- 发生：2026-03-02T08:00:00+08:00　发现：2026-03-02T09:00:00+08:00　审计时点：2026-03-03T12:00:00+08:00',
        '- 义务 1 项：按时完成 0，超时完成 0，已超时 0，待办 1，不再适用 0',
        '',
        '## 级别变化',
        '',
        '| 级别 | 依据 | 起 | 止 |',
        '|---|---|---|---|',
        '| III 一般 | 分级标准 | 03-02 09:00 | — |',
        '',
        '## 义务',
        '',
        '| 事项 | 负责 | 产生 | 时限 | 完成 | 用时 | 状态 | 依据 |',
        '|---|---|---|---|---|---|---|---|',
        '| 监测 | 办公室\\|值班 | 03-02 09:00 | 持续 | — | — | 待办 | 000 五 Ⅱ |',
        '',
        '## 时间线',
        '',
        '```mermaid',
        'gantt',
        '    title inc-1',
        '    dateFormat YYYY-MM-DDTHH:mm',
        '    axisFormat %m-%d %H:%M',
        '    section 级别',
        '    III 一般 :2026-03-02T09:00, 2026-03-03T12:00',
        '    section 有时限的义务',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('keeps line breaks out of the gantt chart', () => {
    const broken: Audit = {
      ...full,
      incident: { ...full.incident, id: 'inc\r\n7' },
      levels: [{ ...full.levels[0]!, name: '一般\n舆情' }],
      obligations: [ao({ id: 'z', title: '报告\n领导小组', kind: 'deadline', status: 'pending', dueAt: '2026-03-02T09:30:00+08:00' })],
      events: [],
    };
    const chart = renderAudit(broken).split('```mermaid\n')[1]!.split('```')[0]!;
    expect(chart.split('\n').slice(1, 9)).toEqual([
      '    title inc 7',
      '    dateFormat YYYY-MM-DDTHH:mm',
      '    axisFormat %m-%d %H:%M',
      '    section 级别',
      '    III 一般 舆情 :2026-03-02T09:00, 2026-03-02T10:00',
      '    section 有时限的义务',
      '    报告 领导小组 :2026-03-02T09:00, 2026-03-02T09:30',
      '',
    ]);
  });

  it('writes a rate of zero, and rounds the rate to whole percent', () => {
    const rate = (onTimeRate: number): string | undefined => lines(renderAudit({ ...full, summary: { ...full.summary, onTimeRate } }))[4];
    expect(rate(0)).toBe('- 义务 8 项：按时完成 3，超时完成 1，已超时 1，待办 2，不再适用 1；有时限事项按时率 0%');
    expect(rate(1)).toBe('- 义务 8 项：按时完成 3，超时完成 1，已超时 1，待办 2，不再适用 1；有时限事项按时率 100%');
    expect(rate(0.125)).toBe('- 义务 8 项：按时完成 3，超时完成 1，已超时 1，待办 2，不再适用 1；有时限事项按时率 13%');
  });

  it('renders a real audit of the county bureau (000)', () => {
    const plan = loadPlan('county-bureau');
    const incident = {
      id: 'inc-9',
      occurredAt: '2026-03-02T08:00:00+08:00',
      discoveredAt: '2026-03-02T09:00:00+08:00',
      indicators: { attention: 'elevated', spread: 'moderate', reach: 'limited', offlineRisk: 'none' },
      events: [{ type: 'report', at: '2026-03-02T09:40:00+08:00', to: 'leading-group', by: 'monitor' }],
    } as const;
    const text = lines(renderAudit(audit(plan, incident, { now: '2026-03-02T12:00:00+08:00' })));
    expect(text[0]).toBe('# 舆情处置审计：inc-9');
    expect(text).toContain('| III 一般网络舆情 | 分级标准 | 03-02 09:00 | — |');
    expect(text).toContain('| 半小时内向局意识形态风险防控工作领导小组报告 → 局意识形态风险防控工作领导小组 | 舆情监控员 | 03-02 09:00 | 03-02 09:30 | 03-02 09:40 | 用时 40 分钟，超时 10 分钟 | 超时完成 | 000 四 第三步 |');
    expect(text).toContain('    半小时内向局意识形态风险防控工作领导小组报告 :crit, 2026-03-02T09:00, 2026-03-02T09:40');
    expect(text).toContain('    report leading-group :milestone, 2026-03-02T09:40, 0m');
  });
});

const tableBasis = { seed: '005', section: '篇九', clause: '一 1' };
const tablePlain = { seed: '006', clause: '二' };
const fixture: PlanSource = {
  id: 'render-fixture',
  version: '9.9.9',
  title: '渲染测试预案',
  unit: '测试单位',
  source: { seed: '005', file: 'fixture.txt', section: '篇九' },
  levels: [
    { id: 'I', rank: 1, name: '一级|特别', nameEn: 'One', colour: 'red', basis: tableBasis },
    { id: 'II', rank: 2, name: '二级', nameEn: 'Two', basis: tableBasis },
    { id: 'III', rank: 3, name: '三级', nameEn: 'Three', colour: 'blue', basis: tableBasis },
  ],
  conditions: { crisis: { all: [{ fact: 'suspectedCrime', operator: 'equal', value: true }] } },
  classification: [{ id: 'level-iii', level: 'III', priority: 1, conditions: { all: [] }, basis: tableBasis }],
  roles: [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }],
  recipients: [{ id: 'upper', name: '上级|部门' }, { id: 'peer', name: '同级部门' }],
  escalation: [
    { level: 'I', lead: 'leading-group', leadNote: '组长|负责', basis: tableBasis },
    { level: 'II', lead: 'office', basis: tableBasis },
    { level: 'III', lead: 'office', leadNote: '办公室牵头', basis: tableBasis },
  ],
  obligations: [
    // Duties of particular levels: the four ways of telling an outside body, and a consultation that is no report.
    { id: 'report-upper', step: 'report', title: '上报上级', responsible: 'leading-group', to: 'upper', notify: 'report', immediate: true, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] }, basis: tableBasis },
    { id: 'request-peer', step: 'report', title: '请示同级', responsible: 'leading-group', to: 'peer', notify: 'request', anchor: 'occurredAt', offset: 'PT2H', when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] }, basis: tableBasis },
    { id: 'file-upper', step: 'report', title: '备案', responsible: 'office', to: 'upper', notify: 'file', anchor: 'discoveredAt', offset: 'P1D', when: { all: [{ fact: 'level', operator: 'in', value: ['I'] }] }, basis: tableBasis },
    { id: 'invite-peer', step: 'consult', title: '邀请指导', responsible: 'leading-group', to: 'peer', notify: 'invite', when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] }, basis: tableBasis },
    { id: 'consult-peer', step: 'consult', title: '会商', responsible: 'leading-group', to: 'peer', immediate: true, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] }, basis: tableBasis },
    // Duties of every level.
    { id: 'monitor', step: 'monitor', title: '监测', responsible: 'office', continuous: true, until: 'subsided', basis: tablePlain },
    { id: 'report-group', step: 'report', title: '报告|领导小组', responsible: 'office', to: 'leading-group', anchor: 'discoveredAt', offset: 'PT30M', basis: tablePlain },
    { id: 'statement', step: 'statement', title: '通稿', responsible: 'leading-group', basis: tablePlain },
    { id: 'track', step: 'track', title: '跟踪', responsible: 'office', continuous: true, until: 'ended', basis: tablePlain },
    { id: 'watch', step: 'monitor', title: '关注', responsible: 'office', continuous: true, basis: tablePlain },
    { id: 'reply', step: 'reply', title: '回复', responsible: 'office', offset: 'P1DT2H', basis: tablePlain },
    // Particular situations: rises in level, and each state and flag that is false in the tables.
    { id: 'worse', step: 'report', title: '升级报告', responsible: 'office', to: 'leading-group', on: 'upgrade', immediate: true, basis: tablePlain },
    { id: 'worse-high', step: 'report', title: '升级上报', responsible: 'leading-group', to: 'upper', on: 'upgrade', subject: '科目|一', immediate: true, when: { all: [{ fact: 'levelRank', operator: 'lessThan', value: 3 }] }, basis: tableBasis },
    { id: 'aftercare', step: 'aftercare', title: '善后', responsible: 'office', continuous: true, when: { all: [{ fact: 'subsided', operator: 'equal', value: true }] }, basis: tableBasis },
    { id: 'end', step: 'end-propose', title: '结束', responsible: 'leading-group', when: { any: [{ fact: 'ended', operator: 'equal', value: true }, { fact: 'endProposed', operator: 'equal', value: true }] }, basis: tableBasis },
    { id: 'drill', step: 'drill', title: '演练', responsible: 'office', subject: '科目二', when: { not: { fact: 'exercise', operator: 'equal', value: false } }, basis: tableBasis },
    { id: 'crime', step: 'report', title: '报警', responsible: 'leading-group', immediate: true, when: { condition: 'crisis' }, basis: tableBasis },
    { id: 'media', step: 'reply', title: '答复媒体', responsible: 'office', when: { all: [{ fact: 'mediaInquiry', operator: 'notEqual', value: false }] }, basis: tableBasis },
    { id: 'press', step: 'press-conference', title: '发布会', responsible: 'leading-group', when: { all: [{ fact: 'pressConference', operator: 'notIn', value: [false] }] }, basis: tableBasis },
    { id: 'mass', step: 'continuous-monitoring', title: '不间断监控', responsible: 'office', continuous: true, until: 'subsided', when: { all: [{ fact: 'massIncident', operator: 'equal', value: true }] }, basis: tableBasis },
    { id: 'rebut', step: 'rebut', title: '辟谣', responsible: 'office', to: 'upper', when: { all: [{ fact: 'falseReport', operator: 'equal', value: true }, { fact: 'levelRank', operator: 'greaterThanInclusive', value: 1 }] }, basis: tableBasis },
    { id: 'never', step: 'revise', title: '不会发生', responsible: 'office', when: { all: [{ fact: 'levelRank', operator: 'greaterThan', value: 3 }] }, basis: tableBasis },
  ],
  recurring: [
    { id: 'monthly', step: 'monthly-analysis', title: '月度|研判', responsible: 'office', to: 'upper', every: 'P1M', basis: tableBasis },
    { id: 'weekly', step: 'training', title: '周训', responsible: 'leading-group', every: 'P1W', basis: tablePlain },
  ],
};

describe('renderPlanTables', () => {
  it('writes every table of a plan with duties of every kind', () => {
    expect(lines(renderPlanTables(loadPlan(fixture)))).toEqual([
      '## `render-fixture` — 渲染测试预案',
      '',
      'Seed 005 篇九 (`fixture.txt`) · version 9.9.9 · time zone Asia/Shanghai',
      '',
      '| 级别 | 牵头 | 对外报告 | 本级别的时限要求 |',
      '|---|---|---|---|',
      '| I 一级\\|特别（red） | 领导小组：组长\\|负责 | 上报 上级\\|部门；请示 同级部门；备案 上级\\|部门；邀请指导 同级部门 | 上报上级（→ 上级\\|部门）：第一时间（无固定时限）；请示同级（→ 同级部门）：发生后2小时内；备案（→ 上级\\|部门）：发现后1天内；邀请指导（→ 同级部门）：无固定时限；会商（→ 同级部门）：第一时间（无固定时限） |',
      '| II 二级 | 办公室 | 请示 同级部门 | 请示同级（→ 同级部门）：发生后2小时内 |',
      '| III 三级（blue） | 办公室：办公室牵头 | — | — |',
      '',
      'Every level:',
      '',
      '| 事项 | 负责 | 时限 | 依据 |',
      '|---|---|---|---|',
      '| 监测 | 办公室 | 持续至舆情平息 | 006 二 |',
      '| 报告\\|领导小组 → 领导小组 | 办公室 | 发现后30分钟内 | 006 二 |',
      '| 通稿 | 领导小组 | 无固定时限 | 006 二 |',
      '| 跟踪 | 办公室 | 持续至应急结束 | 006 二 |',
      '| 关注 | 办公室 | 持续 | 006 二 |',
      '| 回复 | 办公室 | 产生后1天2小时内 | 006 二 |',
      '',
      'Particular situations:',
      '',
      '| 情形 | 事项 | 负责 | 时限 | 依据 |',
      '|---|---|---|---|---|',
      '| 每次级别升高 | 升级报告 → 领导小组 | 办公室 | 第一时间（无固定时限） | 006 二 |',
      '| 每次级别升高 且 levelRank < 3 | 升级上报（科目\\|一） → 上级\\|部门 | 领导小组 | 第一时间（无固定时限） | 005 篇九 一 1 |',
      '| subsided = true | 善后 | 办公室 | 持续 | 005 篇九 一 1 |',
      '| (ended = true 或 endProposed = true) | 结束 | 领导小组 | 无固定时限 | 005 篇九 一 1 |',
      '| 非(exercise = false) | 演练（科目二） | 办公室 | 无固定时限 | 005 篇九 一 1 |',
      '| 〈crisis〉 | 报警 | 领导小组 | 第一时间（无固定时限） | 005 篇九 一 1 |',
      '| mediaInquiry ≠ false | 答复媒体 | 办公室 | 无固定时限 | 005 篇九 一 1 |',
      '| pressConference ∉ [false] | 发布会 | 领导小组 | 无固定时限 | 005 篇九 一 1 |',
      '| massIncident = true | 不间断监控 | 办公室 | 持续至舆情平息 | 005 篇九 一 1 |',
      '| falseReport = true 且 levelRank ≥ 1 | 辟谣 → 上级\\|部门 | 办公室 | 无固定时限 | 005 篇九 一 1 |',
      '| levelRank > 3 | 不会发生 | 办公室 | 无固定时限 | 005 篇九 一 1 |',
      '',
      'Recurring:',
      '',
      '| 事项 | 负责 | 周期 | 依据 |',
      '|---|---|---|---|',
      '| 月度\\|研判 → 上级\\|部门 | 办公室 | 每1个月 | 005 篇九 一 1 |',
      '| 周训 | 领导小组 | 每1周 | 006 二 |',
      '',
    ]);
  });

  it('leaves out the tables a plan has nothing for', () => {
    const bare: PlanSource = {
      id: 'bare',
      version: '0.1.0',
      title: '最简预案',
      unit: '单位',
      source: { seed: '007', file: 'bare.txt' },
      levels: [
        { id: 'I', rank: 1, name: '高', nameEn: 'High', basis: tablePlain },
        { id: 'II', rank: 2, name: '低', nameEn: 'Low', basis: tablePlain },
      ],
      classification: [{ id: 'low', level: 'II', priority: 1, conditions: { all: [] }, basis: tablePlain }],
      roles: [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }],
      escalation: [
        { level: 'I', lead: 'leading-group', basis: tablePlain },
        { level: 'II', lead: 'office', basis: tablePlain },
      ],
      obligations: [
        { id: 'high-only', step: 'report', title: '高级别报告', responsible: 'office', to: 'leading-group', immediate: true, when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] }, basis: tablePlain },
      ],
    };
    expect(renderPlanTables(loadPlan(bare))).toBe(
      [
        '## `bare` — 最简预案',
        '',
        'Seed 007 (`bare.txt`) · version 0.1.0 · time zone Asia/Shanghai',
        '',
        '| 级别 | 牵头 | 对外报告 | 本级别的时限要求 |',
        '|---|---|---|---|',
        '| I 高 | 领导小组 | — | 高级别报告（→ 领导小组）：第一时间（无固定时限） |',
        '| II 低 | 办公室 | — | — |',
        '',
      ].join('\n'),
    );
  });

  it('names the example parameters of a plan with blanks', () => {
    const parameters = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' };
    expect(lines(renderPlanTables(loadPlan('ideology-emergency', { parameters })))[2]).toBe(
      'Seed 004 (`004_eb7f4cb3462f8b27.txt`) · version 1.0.0 · time zone Asia/Shanghai · example parameters: phoneReportMinutes = 30, writtenReportHours = 2, verifyHours = 1, officeDepartment = 宣传部',
    );
    expect(lines(renderPlanTables(loadPlan('party-branch')))[2]).toBe('Seed 001 篇1 (`001_321d059f141b24d6.txt`) · version 1.0.0 · time zone Asia/Shanghai');
  });

  it('writes durations unit by unit, and text that is no duration as it is', () => {
    expect(durationText('P1Y2M3W4DT5H6M7S')).toBe('1年2个月3周4天5小时6分钟7秒');
    expect(durationText('PT30M')).toBe('30分钟');
    expect(durationText('P2D')).toBe('2天');
    expect(durationText('soon')).toBe('soon');
  });

  it('writes when a duty is due', () => {
    const rule = (fields: object) => ObligationRuleSchema.parse({ id: 'x', step: 'report', title: 't', responsible: 'office', basis: tablePlain, ...fields });
    expect(timingText(rule({ continuous: true, until: 'subsided' }))).toBe('持续至舆情平息');
    expect(timingText(rule({ continuous: true, until: 'ended' }))).toBe('持续至应急结束');
    expect(timingText(rule({ continuous: true }))).toBe('持续');
    expect(timingText(rule({ offset: 'PT1H', anchor: 'occurredAt' }))).toBe('发生后1小时内');
    expect(timingText(rule({ offset: 'PT1H', anchor: 'discoveredAt' }))).toBe('发现后1小时内');
    expect(timingText(rule({ offset: 'PT1H' }))).toBe('产生后1小时内');
    expect(timingText(rule({ immediate: true }))).toBe('第一时间（无固定时限）');
    expect(timingText(rule({}))).toBe('无固定时限');
  });

  it('writes conditions compactly with every operator', () => {
    const fact = (f: string, operator: string, value: unknown): Condition => ({ fact: f, operator, value }) as Condition;
    expect(conditionText({ all: [] })).toBe('总是');
    expect(conditionText({ all: [fact('massIncident', 'equal', true), fact('level', 'in', ['I', 'II'])] })).toBe('massIncident = true 且 level ∈ [I, II]');
    expect(conditionText({ any: [fact('level', 'notEqual', 'I'), fact('level', 'notIn', ['II'])] })).toBe('(level ≠ I 或 level ∉ [II])');
    expect(conditionText({ not: { condition: 'crisis' } })).toBe('非(〈crisis〉)');
    expect(conditionText({ all: [fact('levelRank', 'lessThan', 2), fact('levelRank', 'lessThanInclusive', 3)] })).toBe('levelRank < 2 且 levelRank ≤ 3');
    expect(conditionText({ all: [fact('levelRank', 'greaterThan', 2), fact('levelRank', 'greaterThanInclusive', 1)] })).toBe('levelRank > 2 且 levelRank ≥ 1');
  });
});
