import { describe, expect, it, vi } from 'vitest';
import { audit, decide, IncidentError, loadPlan, PlanError, type Decision, type PlanSource } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { renderAudit } from '../src/render/audit.js';
import { renderDecision } from '../src/render/decision.js';
import { timingText } from '../src/render/plan-table.js';
import { at } from './support/synthetic-plan.js';

// Clocks of format 2 (docs/clocks.md): where each duty's clock starts, whether a late grading restarts
// it, soft deadlines, extensions. Times are on 2026-03-02 (a Monday) in +08:00 unless a date is given.
// The calendar as bundled, except that a count of 99 working days fails as a bug would (not as a missing year).
vi.mock('../src/time/working-days.js', async (original) => {
  const actual = await original<typeof import('../src/time/working-days.js')>();
  return {
    ...actual,
    addWorkingDays: (...args: Parameters<typeof actual.addWorkingDays>) => {
      if (args[1] === 99) throw new TypeError('calendar broken');
      return actual.addWorkingDays(...args);
    },
  };
});

const basis = { clause: '测试条款' };
const levelI = { all: [{ fact: 'level', operator: 'equal' as const, value: 'I' }] };

const SOURCE = {
  format: 2,
  id: 'clock-test',
  version: '1',
  title: '（测试）计时规则测试预案',
  unit: '测试单位',
  source: { document: '（测试）计时规则测试预案' },
  levels: [
    { id: 'I', rank: 1, name: '重大', nameEn: 'Major', basis },
    { id: 'II', rank: 2, name: '一般', nameEn: 'Ordinary', basis },
  ],
  classification: [
    { id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [{ fact: 'attention', operator: 'equal', value: 'extreme' }] } },
    { id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } },
  ],
  roles: [
    { id: 'office', name: '办公室' },
    { id: 'leading-group', name: '领导小组' },
  ],
  recipients: [{ id: 'upper', name: '上级' }],
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  steps: [
    { id: 'instruct', title: '批示' },
    { id: 'claim', title: '认领' },
    { id: 'handle', title: '处置' },
  ],
  obligations: [
    // Five hours from the event, even when graded late (国办发〔2016〕80号 as read here).
    { id: 'info-keep', step: 'statement', title: '发布权威信息', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT5H', when: levelI, basis },
    // The same without keep: the clock restarts at the grading, as before format 2.
    { id: 'info-restart', step: 'press-conference', title: '举行新闻发布会', responsible: 'office', anchor: 'occurredAt', offset: 'PT5H', when: levelI, basis },
    { id: 'check-keep', step: 'verify', title: '核实', responsible: 'office', anchor: 'discoveredAt', clock: 'keep', offset: 'PT4H', when: levelI, basis },
    // Two hours from the level taking effect, for a duty that arises later under it.
    { id: 'level-2h', step: 'consult', title: '会商', responsible: 'office', anchor: 'levelSet', offset: 'PT2H', when: { all: [{ fact: 'mediaInquiry', operator: 'equal', value: true }] }, basis },
    { id: 'after-instruction', step: 'reply', title: '按批示回应', responsible: 'office', anchor: { event: 'instruct' }, offset: 'PT2H', extension: { max: 'PT2H' }, basis },
    // At level I only: the instruction that counts is one at or after the grading.
    { id: 'level-i-event', step: 'rebut', title: '按批示辟谣', responsible: 'office', anchor: { event: 'instruct' }, offset: 'PT1H', when: levelI, basis },
    // An hour from the authoritative information, once there is a media inquiry.
    { id: 'after-info', step: 'accountability', title: '说明情况', responsible: 'office', anchor: { done: 'info-keep' }, offset: 'PT1H', when: { all: [{ fact: 'mediaInquiry', operator: 'equal', value: true }] }, basis },
    { id: 'after-claim', step: 'handle', title: '处置办结', responsible: 'office', anchor: { event: 'claim' }, offset: 'P3D', workingDays: true, subject: '信访件', basis },
    // Declared before the duty it counts from: at discovery that duty has not arisen yet in the replay.
    { id: 'keep-record', step: 'evidence', title: '留存报告记录', responsible: 'office', anchor: { done: 'phone' }, offset: 'PT2H', basis },
    { id: 'phone', step: 'phone-report', title: '电话报告上级', responsible: 'office', to: 'upper', notify: 'report', anchor: 'discoveredAt', offset: 'PT30M', soft: true, basis },
    { id: 'written', step: 'written-report', title: '书面报告上级', responsible: 'office', to: 'upper', notify: 'report', anchor: { done: 'phone' }, offset: 'PT1H', basis },
    { id: 'evaluate', step: 'evaluate', title: '评估', responsible: 'office', anchor: 'discoveredAt', offset: 'P2D', workingDays: true, extension: { max: 'P5D', workingDays: true }, basis },
    { id: 'revise', step: 'revise', title: '修订预案', responsible: 'office', anchor: 'discoveredAt', offset: 'P1D', workingDays: true, extension: { max: 'P100D', workingDays: true }, basis },
    { id: 'track', step: 'track', title: '跟踪', responsible: 'office', anchor: 'discoveredAt', offset: 'PT12H', extension: { max: 'PT24H' }, basis },
    { id: 'aftercare', step: 'aftercare', title: '善后', responsible: 'office', anchor: 'discoveredAt', offset: 'P1D', basis },
  ],
} satisfies Record<string, unknown>;
const plan = loadPlan(SOURCE);

const incident = (events: unknown[] = [], attention = 'high') => ({
  id: 'inc-clock',
  occurredAt: at('08:00'),
  discoveredAt: at('09:00'),
  indicators: { attention },
  events,
});
const duty = (d: Decision, id: string) => {
  const found = d.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${d.obligations.map((o) => o.id).join(', ')}`);
  return found;
};
const explained = (d: Decision, id: string): string => d.explanation.find((e) => e.subject === 'obligation' && e.id === id)?.text ?? '';
const run = (events: unknown[], now: string, attention = 'high') => decide(plan, incident(events, attention), { now });
const codes = (d: Decision): string[] => d.warnings.map((w) => w.code);

describe('clock: keep and restart on a late grading (国办发〔2016〕80号: 5 h from the event)', () => {
  const graded = [{ type: 'level-set', level: 'I', at: at('12:00'), by: 'leading-group' }];

  it('keep counts five hours from occurrence even when the grading comes at hour 4', () => {
    const d = run(graded, at('12:30'));
    expect(duty(d, 'info-keep')).toMatchObject({ arisenAt: at('12:00'), dueAt: at('13:00'), status: 'pending' });
    expect(explained(d, 'info-keep')).toContain('发生后 5 小时（自发生起算，定级或情况变化较晚也不重新计时）');
  });

  it('restart (no clock) counts from the grading instead; keep from discovery counts from discovery', () => {
    const d = run(graded, at('12:30'));
    expect(duty(d, 'info-restart').dueAt).toBe(at('17:00'));
    // Four hours from discovery at 09:00, though the duty arose at 12:00.
    expect(duty(d, 'check-keep')).toMatchObject({ dueAt: at('13:00'), status: 'pending' });
    expect(run(graded, at('13:00')).obligations.find((o) => o.id === 'info-keep')?.status).toBe('overdue');
  });

  it('keep and restart agree for a duty there from discovery', () => {
    const d = run([], at('09:30'), 'extreme');
    expect(duty(d, 'info-keep').dueAt).toBe(at('13:00'));
    expect(duty(d, 'info-restart').dueAt).toBe(at('13:00'));
  });
});

describe('anchor: levelSet', () => {
  it('counts from the moment the level in force took effect, not from the change that raised the duty', () => {
    const d = run([{ type: 'flags-updated', flags: { mediaInquiry: true }, at: at('10:30') }], at('10:45'));
    expect(duty(d, 'level-2h')).toMatchObject({ arisenAt: at('10:30'), dueAt: at('11:00'), status: 'pending' });
    expect(explained(d, 'level-2h')).toContain('定为 II 一般后 2 小时');
  });

  it('a new level restarts it from the grading', () => {
    const d = run([{ type: 'level-set', level: 'I', at: at('10:00') }, { type: 'flags-updated', flags: { mediaInquiry: true }, at: at('10:30') }], at('10:45'));
    expect(duty(d, 'level-2h').dueAt).toBe(at('12:00'));
  });
});

describe('anchor: { event } — the clock starts at an event of a step', () => {
  it('waits with no deadline until the event is recorded, and says what it waits for', () => {
    const d = run([], at('15:00'));
    const o = duty(d, 'after-instruction');
    expect(o).toMatchObject({ kind: 'deadline', dueAt: null, status: 'pending', waitingFor: { event: 'instruct' } });
    expect(o.reason).toBe('计时起点尚未发生：待记录“批示”后起算 2 小时');
    expect(explained(d, 'after-instruction')).toBe('按批示回应：每起舆情均适用；计时起点尚未发生：待记录“批示”后起算 2 小时');
    // Waiting is no deadline: time alone changes nothing for it.
    expect(o.reminders).toEqual([]);
    expect(renderDecision(d)).toContain('[待办] 待起算　按批示回应　— 办公室　（《（测试）计时规则测试预案》 测试条款）　计时起点尚未发生：待记录“批示”后起算 2 小时');
    // A decision made by hand without the reason still renders.
    const bare = d.next.map((x) => {
      if (x.id !== 'after-instruction') return x;
      const { reason: _reason, ...rest } = x;
      return rest;
    });
    expect(renderDecision({ ...d, next: bare })).toContain('[待办] 待起算　按批示回应　— 办公室　（《（测试）计时规则测试预案》 测试条款）\n');
  });

  it('runs from the first such event: 批示后 2 小时; that event draws no warning, a later one fulfils nothing', () => {
    const d = run([{ type: 'instruct', at: at('10:00'), by: 'leading-group' }, { type: 'instruct', at: at('11:00'), by: 'leading-group' }], at('11:30'));
    const o = duty(d, 'after-instruction');
    expect(o).toMatchObject({ dueAt: at('12:00'), status: 'pending' });
    expect(o.waitingFor).toBeUndefined();
    expect(explained(d, 'after-instruction')).toBe(`按批示回应：每起舆情均适用；批示后 2 小时，即 ${at('12:00')} 前`);
    expect(d.warnings.map((w) => [w.code, w.path])).toEqual([['unmatched-event', ['events', 1]]]);
  });

  it('with a subject, only an event of that subject starts it: 认领后 3 个工作日', () => {
    const other = run([{ type: 'claim', subject: '其他', at: at('10:00') }], at('11:00'));
    expect(duty(other, 'after-claim')).toMatchObject({ dueAt: null, waitingFor: { event: 'claim' } });
    expect(duty(other, 'after-claim').reason).toBe('计时起点尚未发生：待记录“认领”（信访件）后起算 3 个工作日');
    const claimed = run([{ type: 'claim', subject: '信访件', at: at('10:00') }], at('11:00'));
    // Monday 10:00 + 3 working days: the end of Thursday.
    expect(duty(claimed, 'after-claim').dueAt).toBe('2026-03-06T00:00:00+08:00');
    expect(explained(claimed, 'after-claim')).toContain('认领（信访件）后 3 个工作日，即 2026-03-06T00:00:00+08:00 前');
  });
});

describe('anchor: { done } — phone first, written within the hour after', () => {
  it('waits for the phone report, then counts an hour from it', () => {
    const waiting = run([], at('09:10'));
    expect(duty(waiting, 'written')).toMatchObject({ dueAt: null, waitingFor: { done: 'phone' }, reason: '计时起点尚未发生：待“电话报告上级”（phone）完成后起算 1 小时' });
    const d = run([{ type: 'phone-report', to: 'upper', at: at('09:20') }], at('09:30'));
    expect(duty(d, 'written')).toMatchObject({ dueAt: at('10:20'), status: 'pending' });
    expect(duty(d, 'written').waitingFor).toBeUndefined();
    expect(explained(d, 'written')).toContain(`“电话报告上级”完成后 1 小时，即 ${at('10:20')} 前`);
  });

  it('counts from a completion recorded before discovery, whichever duty comes first in the plan', () => {
    const d = run([{ type: 'phone-report', to: 'upper', at: at('08:50') }], at('09:30'));
    expect(duty(d, 'written').dueAt).toBe(at('09:50'));
    expect(duty(d, 'keep-record').dueAt).toBe(at('10:50'));
  });

  it('two clocks waiting for the same duty both start when it is done', () => {
    const d = run([{ type: 'phone-report', to: 'upper', at: at('09:40') }], at('10:00'));
    expect(duty(d, 'written').dueAt).toBe(at('10:40'));
    expect(duty(d, 'keep-record').dueAt).toBe(at('11:40'));
  });

  it('a clock still waiting when its duty stopped applying is not started by a completion after that', () => {
    const d = run([
      { type: 'flags-updated', flags: { mediaInquiry: true }, at: at('09:30') },
      { type: 'flags-updated', flags: { mediaInquiry: false }, at: at('10:00') },
      { type: 'statement', at: at('10:30') },
    ], at('11:00'), 'extreme');
    expect(duty(d, 'info-keep').status).toBe('met');
    expect(duty(d, 'after-info')).toMatchObject({ status: 'not-applicable', dueAt: null });
  });

  it('a recipient owed only a duty whose clock waits is not shown as due at once', () => {
    const d = run([], at('09:10'));
    const entry = d.notify.find((n) => n.id === 'upper')!;
    const text = (obligations: string[]) => renderDecision({ ...d, notify: [{ ...entry, obligations }] });
    expect(text(['written'])).toContain('上报 上级　待起算（计时起点尚未发生）');
    expect(text(['phone', 'written'])).toContain('上报 上级　03-02 09:30 前');
  });

  it('is overdue once that hour has passed', () => {
    const d = run([{ type: 'phone-report', to: 'upper', at: at('09:20') }], at('10:20'));
    expect(duty(d, 'written').status).toBe('overdue');
  });
});

describe('minutes, hours, days and working days in one plan', () => {
  it('gives each duty its own unit', () => {
    const d = run([], at('09:05'));
    expect(duty(d, 'phone').dueAt).toBe(at('09:30'));
    expect(duty(d, 'track').dueAt).toBe(at('21:00'));
    expect(duty(d, 'aftercare').dueAt).toBe('2026-03-03T09:00:00+08:00');
    expect(duty(d, 'evaluate').dueAt).toBe('2026-03-05T00:00:00+08:00');
  });
});

describe('soft deadlines (原则上, 力争)', () => {
  it('past due and not done is late, not overdue; kept apart in the audit and its text', () => {
    const d = run([], at('09:45'));
    const phone = duty(d, 'phone');
    expect(phone).toMatchObject({ status: 'late', soft: true });
    expect(d.next.map((o) => o.id)).toContain('phone');
    expect(explained(d, 'phone')).toContain('原则上发现后 PT30M');
    expect(renderDecision(d)).toContain('[已过原则性时限] 原则上');
    const a = audit(plan, incident([]), { now: at('09:45') });
    expect(a.summary).toMatchObject({ late: 1, overdue: 0, softMetLate: 0, metLate: 0 });
    expect(a.obligations.find((o) => o.id === 'phone')?.lateBy).toBe('PT15M');
    const text = renderAudit(a);
    expect(text).toContain('原则性时限（不计入超时）：已过时限未完成 1，晚于时限完成 0');
    expect(text).toContain('未完成，已过原则性时限 15 分钟');
    // In the chart, soft lateness is marked apart from hard breaches, up to now.
    expect(text).toContain(':active, 2026-03-02T09:00, 2026-03-02T09:45');
  });

  it('done after it is met-late, counted as soft lateness, not as a hard breach', () => {
    const a = audit(plan, incident([{ type: 'phone-report', to: 'upper', at: at('09:40') }]), { now: at('10:00') });
    expect(a.obligations.find((o) => o.id === 'phone')).toMatchObject({ status: 'met-late', soft: true });
    expect(a.summary).toMatchObject({ metLate: 0, softMetLate: 1, late: 0 });
    expect(renderAudit(a)).toContain('晚于原则性时限 10 分钟');
  });

  it('a hard deadline is unchanged: overdue', () => {
    expect(duty(run([], at('21:00')), 'track').status).toBe('overdue');
    expect(duty(run([], at('21:00')), 'track').soft).toBeUndefined();
  });
});

describe('extensions', () => {
  const extend = (obligation: string, duration: string, time: string) => ({ type: 'extended', obligation, duration, at: at(time), by: 'leading-group' });

  it('moves the deadline by working days and says by how much', () => {
    const d = run([extend('evaluate', 'P2D', '10:00')], at('11:00'));
    expect(duty(d, 'evaluate')).toMatchObject({ dueAt: '2026-03-07T00:00:00+08:00', extendedBy: 'P2D' });
    expect(codes(d)).toEqual([]);
    expect(explained(d, 'evaluate')).toContain('（已延长 2 个工作日）');
  });

  it('caps the total at max, with a warning for the excess', () => {
    const d = run([extend('evaluate', 'P4D', '10:00'), extend('evaluate', 'P3D', '10:30')], at('11:00'));
    expect(duty(d, 'evaluate')).toMatchObject({ extendedBy: 'P5D', dueAt: '2026-03-12T00:00:00+08:00' });
    expect(d.warnings.filter((w) => w.code === 'extension-capped').map((w) => w.path)).toEqual([['events', 1]]);
  });

  it('extends a calendar deadline by calendar time, capped too', () => {
    const d = run([extend('track', 'PT6H', '10:00')], at('11:00'));
    expect(duty(d, 'track')).toMatchObject({ dueAt: at('03:00').replace('03-02', '03-03'), extendedBy: 'PT6H' });
    const capped = run([extend('track', 'PT20H', '10:00'), extend('track', 'PT20H', '11:00')], at('12:00'));
    expect(duty(capped, 'track')).toMatchObject({ dueAt: '2026-03-03T21:00:00+08:00', extendedBy: 'PT24H' });
    expect(codes(capped)).toEqual(['extension-capped']);
  });

  it('does not apply one recorded after the deadline passed, nor one the plan does not allow, nor for an unknown duty', () => {
    const d = run([extend('track', 'PT6H', '21:00'), extend('aftercare', 'P1D', '10:00'), extend('nope', 'P1D', '10:00')], at('22:00'));
    expect(duty(d, 'track')).toMatchObject({ dueAt: at('21:00'), status: 'overdue' });
    expect(duty(d, 'track').extendedBy).toBeUndefined();
    expect(duty(d, 'aftercare').dueAt).toBe('2026-03-03T09:00:00+08:00');
    expect(d.warnings.map((w) => [w.code, w.path])).toEqual([
      ['extension-too-late', ['events', 0]],
      ['extension-not-allowed', ['events', 1]],
      ['unknown-obligation', ['events', 2, 'obligation']],
    ]);
  });

  it('applies only an extension granted by a role the plan names (延期须经…批准)', () => {
    const source = structuredClone(SOURCE) as unknown as { obligations: { id: string; extension?: object }[] };
    source.obligations.find((o) => o.id === 'track')!.extension = { max: 'PT24H', approvedBy: ['leading-group'] };
    const plan = loadPlan(source as unknown as PlanSource);
    const incident = (by: string | string[] | undefined) => ({
      id: 'x', occurredAt: at('08:00'), discoveredAt: at('09:00'),
      events: [{ type: 'extended', obligation: 'track', duration: 'PT6H', at: at('10:00'), ...(by === undefined ? {} : { by }) }],
    });
    const granted = decide(plan, incident(['office', 'leading-group']), { now: at('11:00') });
    expect(granted.obligations.find((o) => o.id === 'track')).toMatchObject({ extendedBy: 'PT6H' });
    for (const by of ['office', undefined]) {
      const refused = decide(plan, incident(by), { now: at('11:00') });
      expect(refused.obligations.find((o) => o.id === 'track')).toMatchObject({ dueAt: at('21:00') });
      expect(refused.obligations.find((o) => o.id === 'track')!.extendedBy).toBeUndefined();
      expect(refused.warnings.filter((w) => w.code === 'extension-not-authorised').map((w) => w.path)).toEqual([['events', 0]]);
    }
  });

  it('refuses a duration that is not one, or not whole days for a working-day extension', () => {
    for (const [obligation, duration] of [['evaluate', 'PT12H'], ['track', 'soon'], ['track', 'P0D']]) {
      let error: unknown;
      try {
        run([extend(obligation as string, duration as string, '10:00')], at('11:00'));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(IncidentError);
      expect((error as IncidentError).issues[0]).toMatchObject({ path: ['events', 0, 'duration'], code: 'invalid_duration', received: duration });
    }
  });
});

describe('clocks that start late, again, or from a duty done before', () => {
  const extend = (obligation: string, duration: string, time: string) => ({ type: 'extended', obligation, duration, at: at(time) });

  it('an { event } clock of a duty arising at a grading counts only an event at or after it', () => {
    const d = run([{ type: 'instruct', at: at('09:30') }, { type: 'level-set', level: 'I', at: at('10:00') }, { type: 'instruct', at: at('10:30') }], at('10:45'));
    expect(duty(d, 'level-i-event')).toMatchObject({ arisenAt: at('10:00'), dueAt: at('11:30') });
    // The duty there from discovery counts the first one, before the grading.
    expect(duty(d, 'after-instruction').dueAt).toBe(at('11:30'));
  });

  it('an { event } clock still waiting when its duty stops applying waits again when it reopens', () => {
    const d = run([
      { type: 'level-set', level: 'I', at: at('10:00') },
      { type: 'level-set', level: 'II', at: at('10:30') },
      { type: 'level-set', level: 'I', at: at('11:00') },
      { type: 'instruct', at: at('11:15') },
    ], at('11:20'));
    expect(duty(d, 'level-i-event')).toMatchObject({ arisenAt: at('10:00'), dueAt: at('12:15'), status: 'pending' });
  });

  it('a { done } clock of a duty arising after that duty was done counts from its completion', () => {
    const d = run([{ type: 'statement', at: at('10:00') }, { type: 'flags-updated', flags: { mediaInquiry: true }, at: at('11:00') }], at('11:00'), 'extreme');
    expect(duty(d, 'after-info')).toMatchObject({ arisenAt: at('11:00'), dueAt: at('11:00'), status: 'overdue' });
  });

  it('… also when that duty no longer applies (done, then the level changed)', () => {
    const d = run([{ type: 'statement', at: at('10:00') }, { type: 'level-set', level: 'II', at: at('10:30') }, { type: 'flags-updated', flags: { mediaInquiry: true }, at: at('11:00') }], at('11:30'), 'extreme');
    expect(duty(d, 'info-keep')).toMatchObject({ status: 'met' });
    expect(duty(d, 'after-info')).toMatchObject({ dueAt: at('11:00'), status: 'overdue' });
  });

  it('a { done } clock waits while the duty it counts from has not even arisen', () => {
    const d = run([{ type: 'flags-updated', flags: { mediaInquiry: true }, at: at('09:30') }], at('12:00'));
    expect(duty(d, 'after-info')).toMatchObject({ dueAt: null, waitingFor: { done: 'info-keep' }, status: 'pending' });
  });

  it('an { event } clock waiting when it stops applying lapses into nothing: no deadline passed', () => {
    const d = run([{ type: 'level-set', level: 'I', at: at('10:00') }, { type: 'level-set', level: 'II', at: at('10:30') }], at('12:00'));
    expect(duty(d, 'level-i-event')).toMatchObject({ status: 'not-applicable', dueAt: null });
  });

  it('a { done } clock that ran out before its duty stopped applying stays overdue on the record', () => {
    const d = run([
      { type: 'flags-updated', flags: { mediaInquiry: true }, at: at('09:00') },
      { type: 'statement', at: at('09:10') },
      { type: 'flags-updated', flags: { mediaInquiry: false }, at: at('11:00') },
    ], at('12:00'), 'extreme');
    expect(duty(d, 'after-info')).toMatchObject({ dueAt: at('10:10'), status: 'overdue' });
    expect(duty(d, 'after-info').reason).toContain('不再要求');
  });

  it('an extension recorded while the clock waits is applied once it starts; one after now is ignored', () => {
    const d = run([extend('after-instruction', 'PT1H', '09:30'), { type: 'instruct', at: at('10:00') }, extend('after-instruction', 'PT1H', '11:00')], at('10:30'));
    expect(duty(d, 'after-instruction')).toMatchObject({ dueAt: at('13:00'), extendedBy: 'PT1H' });
    expect(renderDecision(d)).toContain('（已延长 PT1H）');
    const waiting = run([extend('after-instruction', 'PT1H', '09:30')], at('10:30'));
    expect(duty(waiting, 'after-instruction')).toMatchObject({ dueAt: null });
    expect(duty(waiting, 'after-instruction').extendedBy).toBeUndefined();
    expect(codes(waiting)).toEqual([]);
  });

  it('an extension into a year the calendar lacks leaves no deadline, and says why', () => {
    const late = { id: 'inc-dec', occurredAt: '2026-12-28T08:00:00+08:00', discoveredAt: '2026-12-28T09:00:00+08:00', indicators: { attention: 'high' }, events: [{ type: 'extended', obligation: 'evaluate', duration: 'P3D', at: '2026-12-28T10:00:00+08:00' }] };
    const d = decide(plan, late, { now: '2026-12-28T11:00:00+08:00' });
    expect(duty(d, 'evaluate')).toMatchObject({ dueAt: null, status: 'pending' });
    expect(codes(d)).toContain('outside-calendar');
  });

  it('a failure of the calendar that is not a missing year is not hidden', () => {
    expect(() => run([extend('revise', 'P99D', '10:00')], at('11:00'))).toThrow('calendar broken');
  });
});

describe('nothing the caller passes in is changed', () => {
  it('leaves the plan source and the incident as they were', () => {
    const source = structuredClone(SOURCE);
    const events = [{ type: 'phone-report', to: 'upper', at: at('09:20') }, { type: 'extended', obligation: 'evaluate', duration: 'P2D', at: at('10:00') }, { type: 'instruct', at: at('10:00') }];
    const given = incident(events);
    const copy = structuredClone(given);
    loadPlan(source);
    decide(plan, given, { now: at('12:00') });
    audit(plan, given, { now: at('12:00') });
    expect(source).toEqual(SOURCE);
    expect(given).toEqual(copy);
  });
});

describe('the plan-table words of a clock', () => {
  it('names the anchor and a soft deadline', () => {
    const rules = plan.definition.obligations;
    const rule = (id: string) => rules.find((o) => o.id === id)!;
    expect(timingText(rule('phone'))).toBe('原则上发现后30分钟内');
    expect(timingText(rule('level-2h'))).toBe('级别确定后2小时内');
    expect(timingText(rule('after-instruction'))).toBe('instruct 事件后2小时内');
    expect(timingText(rule('written'))).toBe('phone 办结后1小时内');
  });
});

describe('plan errors for bad clock fields', () => {
  const withDuty = (extra: Record<string, unknown>): PlanSource =>
    ({ ...SOURCE, obligations: [...SOURCE.obligations, { id: 'bad', step: 'report', title: '坏', responsible: 'office', basis, ...extra }] }) as unknown as PlanSource;
  const issuesOf = (extra: Record<string, unknown>) => {
    try {
      inLanguage('en', () => loadPlan(withDuty(extra)));
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      return (error as PlanError).issues.map((i) => ({ path: i.path.slice(2).join('.'), received: i.received, expected: i.expected }));
    }
    throw new Error('the plan loaded');
  };
  const BAD = SOURCE.obligations.length;

  it.each([
    [{ anchor: { event: 'nowhere' }, offset: 'PT1H' }, 'anchor.event', 'nowhere', /"instruct"/],
    [{ anchor: { done: 'nobody' }, offset: 'PT1H' }, 'anchor.done', 'nobody', /"phone"/],
    [{ anchor: 'levelSet' }, 'anchor', 'levelSet', /"offset"/],
    [{ anchor: { event: 'instruct' }, immediate: true }, 'anchor', { event: 'instruct' }, /"offset"/],
    [{ anchor: 'arisen', clock: 'keep', offset: 'PT1H' }, 'clock', 'arisen', /occurredAt/],
    [{ anchor: 'occurredAt', clock: 'keep' }, 'clock', 'keep', /"offset"/],
    [{ soft: true, immediate: true }, 'soft', true, /"offset"/],
    [{ extension: { max: 'P1D' } }, 'extension', { max: 'P1D' }, /"offset"/],
    [{ offset: 'PT1H', extension: { max: 'later' } }, 'extension.max', 'later', /a duration such as "P5D"/],
    [{ offset: 'PT1H', extension: { max: 'P0D' } }, 'extension.max', 'P0D', /a duration such as "P5D"/],
    [{ offset: 'P1D', workingDays: true, extension: { max: 'PT12H', workingDays: true } }, 'extension.max', 'PT12H', /days such as/],
    [{ offset: 'PT1H', extension: { max: 'P200Y' } }, 'extension.max', 'P200Y', /100 years/],
    [{ offset: 'PT1H', extension: { max: 'P1D', approvedBy: ['office', 'upper'] } }, 'extension.approvedBy.1', 'upper', /"office"/],
  ])('%j is refused at %s', (extra, path, received, expected) => {
    const issues = issuesOf(extra);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.received).toEqual(received);
    expect(issue!.expected).toMatch(expected);
  });

  it('refuses a clock starting from a continuous duty, which is never done', () => {
    const source = withDuty({ anchor: { done: 'watch' }, offset: 'PT1H' }) as unknown as typeof SOURCE;
    (source.obligations as unknown[]).push({ id: 'watch', step: 'monitor', title: '监测', responsible: 'office', continuous: true, basis });
    expect(() => loadPlan(source)).toThrow(PlanError);
    try {
      loadPlan(source);
    } catch (error) {
      expect((error as PlanError).issues.map((i) => i.path)).toContainEqual(['obligations', BAD, 'anchor', 'done']);
    }
  });

  it('accepts every clock field where it belongs (the test plan itself)', () => {
    expect(plan.definition.obligations.map((o) => o.id)).toContain('written');
  });
});
