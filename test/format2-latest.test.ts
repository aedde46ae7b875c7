import { describe, expect, it } from 'vitest';
import { audit, decide, loadPlan, PlanError, type Decision, type PlanSource } from '../src/index.js';
import { renderAudit } from '../src/render/audit.js';
import { renderDecision } from '../src/render/decision.js';
import { at } from './support/synthetic-plan.js';

// A soft deadline with a hard limit (docs/clocks.md, `latest`): 原则上24小时内答复，最迟不超过48小时.
// Times are on 2026-03-02 (a Monday) in +08:00 unless a date is given; the incident is discovered at 09:00.
const basis = { clause: '测试条款' };
const flag = (name: string) => ({ all: [{ fact: name, operator: 'equal' as const, value: true }] });
const day = (date: string, time: string) => `2026-03-${date}T${time}:00+08:00`;

const SOURCE = {
  format: 2,
  id: 'latest-test',
  version: '1',
  title: '（测试）最迟时限测试预案',
  unit: '测试单位',
  source: { document: '（测试）最迟时限测试预案' },
  reminders: [],
  levels: [
    { id: 'I', rank: 1, name: '重大', nameEn: 'Major', basis },
    { id: 'II', rank: 2, name: '一般', nameEn: 'Ordinary', basis },
  ],
  classification: [{ id: 'c-ii', level: 'II', priority: 10, basis, conditions: { all: [] } }],
  roles: [
    { id: 'office', name: '办公室' },
    { id: 'leading-group', name: '领导小组' },
  ],
  recipients: [],
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  steps: [
    { id: 'instruct', title: '批示' },
    { id: 'handle', title: '办理' },
  ],
  obligations: [
    // 原则上24小时内答复，最迟不超过48小时; may be extended by up to a day.
    { id: 'reply', step: 'reply', title: '答复', responsible: 'office', offset: 'PT24H', soft: true, latest: 'PT48H', extension: { max: 'PT24H' }, basis },
    // 原则上2个工作日内办理，最迟不超过5个工作日.
    { id: 'handle', step: 'handle', title: '办理', responsible: 'office', offset: 'P2D', workingDays: true, soft: true, latest: 'P5D', extension: { max: 'P5D', workingDays: true }, when: flag('mediaInquiry'), basis },
    // From an instruction: 原则上2小时，最迟4小时.
    { id: 'answer', step: 'statement', title: '按批示回应', responsible: 'office', anchor: { event: 'instruct' }, offset: 'PT2H', soft: true, latest: 'PT4H', when: flag('pressConference'), basis },
    // A duty of level I only: 原则上1小时，最迟3小时.
    { id: 'rebut', step: 'rebut', title: '辟谣', responsible: 'office', offset: 'PT1H', soft: true, latest: 'PT3H', when: { all: [{ fact: 'level', operator: 'equal' as const, value: 'I' }] }, basis },
    // A soft deadline without a hard limit, as before.
    { id: 'track', step: 'track', title: '跟踪', responsible: 'office', offset: 'PT12H', soft: true, basis },
  ],
} satisfies Record<string, unknown>;
const plan = loadPlan(SOURCE);

const incident = (events: unknown[] = [], flags: Record<string, boolean> = {}, discoveredAt = at('09:00')) => ({
  id: 'inc-latest',
  occurredAt: discoveredAt,
  discoveredAt,
  indicators: { attention: 'high' },
  flags,
  events,
});
const run = (events: unknown[], now: string, flags: Record<string, boolean> = {}) => decide(plan, incident(events, flags), { now });
const duty = (d: Decision, id: string) => {
  const found = d.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${d.obligations.map((o) => o.id).join(', ')}`);
  return found;
};
const explained = (d: Decision, id: string): string => d.explanation.find((e) => e.subject === 'obligation' && e.id === id)?.text ?? '';
const codes = (d: Decision): string[] => d.warnings.map((w) => w.code);
const reply = (time: string) => ({ type: 'reply', at: time });

describe('latest: status at each boundary (原则上24小时，最迟48小时)', () => {
  it('gives the hard limit with the deadline, from the same anchor', () => {
    const o = duty(run([], at('10:00')), 'reply');
    expect(o).toMatchObject({ status: 'pending', soft: true, dueAt: day('03', '09:00'), latestAt: day('04', '09:00') });
    // A soft deadline without `latest` has no latestAt.
    expect('latestAt' in duty(run([], at('10:00')), 'track')).toBe(false);
  });

  it.each([
    [day('03', '08:59'), 'pending'],
    [day('03', '09:00'), 'late'],
    [day('03', '20:00'), 'late'],
    [day('04', '08:59'), 'late'],
    [day('04', '09:00'), 'overdue'],
    [day('05', '09:00'), 'overdue'],
  ])('at %s it is %s', (now, status) => {
    expect(duty(run([], now), 'reply').status).toBe(status);
  });

  it('a soft deadline without latest stays late however long after', () => {
    expect(duty(run([], day('10', '09:00')), 'track').status).toBe('late');
  });

  it('done by the deadline is met, after it (by the hard limit or not) met-late as for any soft deadline', () => {
    expect(duty(run([reply(day('03', '09:00'))], day('05', '09:00')), 'reply').status).toBe('met');
    expect(duty(run([reply(day('03', '12:00'))], day('05', '09:00')), 'reply').status).toBe('met-late');
    expect(duty(run([reply(day('04', '10:00'))], day('05', '09:00')), 'reply').status).toBe('met-late');
  });

  it('keeps a late duty in next, and an overdue one too', () => {
    expect(run([], day('03', '10:00')).next.map((o) => o.id)).toContain('reply');
    expect(run([], day('04', '10:00')).next.map((o) => o.id)).toContain('reply');
  });

  it('reviews the decision at the hard limit, when late turns overdue', () => {
    // Late: the hard limit is the next moment time alone changes anything (track's deadline passed already).
    expect(run([], day('03', '10:00')).nextReviewAt).toBe(day('04', '09:00'));
    // Before the deadline: the deadline first; after the hard limit, or once done, nothing.
    expect(run([], at('22:00')).nextReviewAt).toBe(day('03', '09:00'));
    expect(run([], day('04', '09:00')).nextReviewAt).toBeNull();
    expect(run([reply(day('03', '12:00'))], day('03', '13:00')).nextReviewAt).toBeNull();
  });

  it('reminders still count toward the deadline, not the hard limit', () => {
    const reminding = loadPlan({ ...SOURCE, reminders: [0.5] } as unknown as PlanSource);
    const o = duty(decide(reminding, incident(), { now: at('10:00') }), 'reply');
    expect(o.reminders).toEqual([{ fraction: 0.5, at: at('21:00'), reached: false }]);
  });
});

describe('latest: a duty that stops applying while late', () => {
  // Level I at 10:00 raises the rebuttal (due 11:00, at the latest 13:00); level II at 12:00 drops it while late.
  const events = [{ type: 'level-set', level: 'I', at: at('10:00') }, { type: 'level-set', level: 'II', at: at('12:00') }];

  it('stays late on the record: its hard limit no longer runs', () => {
    const d = run(events, at('14:00'));
    expect(duty(d, 'rebut')).toMatchObject({ status: 'late', dueAt: at('11:00'), latestAt: at('13:00') });
    // Still applying at the hard limit, it would have turned overdue.
    expect(duty(run([events[0]], at('14:00')), 'rebut').status).toBe('overdue');
  });

  it('sets no review at its hard limit', () => {
    expect(run(events, at('12:30')).nextReviewAt).toBe(at('21:00'));
    expect(run([events[0]], at('12:30')).nextReviewAt).toBe(at('13:00'));
  });
});

describe('latest: working days', () => {
  it('counts the hard limit in working days from the same anchor', () => {
    // Monday 09:00: two working days end with Wednesday, five with the next Monday.
    const o = duty(run([], at('10:00'), { mediaInquiry: true }), 'handle');
    expect(o).toMatchObject({ dueAt: day('05', '00:00'), latestAt: day('10', '00:00'), status: 'pending' });
    expect(duty(run([], day('06', '10:00'), { mediaInquiry: true }), 'handle').status).toBe('late');
    expect(duty(run([], day('10', '00:00'), { mediaInquiry: true }), 'handle').status).toBe('overdue');
  });

  it('a hard limit in a year the calendar lacks leaves no deadline at all, and says why', () => {
    // Monday 28 December 2026: the deadline falls in 2026, the hard limit in 2027.
    const d = decide(plan, incident([], { mediaInquiry: true }, '2026-12-28T09:00:00+08:00'), { now: '2026-12-28T10:00:00+08:00' });
    expect(duty(d, 'handle')).toMatchObject({ dueAt: null, latestAt: null, status: 'pending' });
    expect(codes(d)).toContain('outside-calendar');
  });
});

describe('latest: extensions move both moments by the same amount', () => {
  const extend = (obligation: string, duration: string, time: string) => ({ type: 'extended', obligation, duration, at: time, by: 'leading-group' });

  it('calendar time', () => {
    const d = run([extend('reply', 'PT12H', at('20:00'))], at('21:00'));
    expect(duty(d, 'reply')).toMatchObject({ dueAt: day('03', '21:00'), latestAt: day('04', '21:00'), extendedBy: 'PT12H' });
    expect(explained(d, 'reply')).toContain(`，最迟 48 小时，即 ${day('04', '21:00')} 前（已延长 12 小时）`);
    expect(duty(run([extend('reply', 'PT12H', at('20:00'))], day('04', '20:59')), 'reply').status).toBe('late');
    expect(duty(run([extend('reply', 'PT12H', at('20:00'))], day('04', '21:00')), 'reply').status).toBe('overdue');
  });

  it('working days', () => {
    const o = duty(run([extend('handle', 'P2D', at('20:00'))], at('21:00'), { mediaInquiry: true }), 'handle');
    expect(o).toMatchObject({ dueAt: day('07', '00:00'), latestAt: day('12', '00:00'), extendedBy: 'P2D' });
  });

  it('an extension recorded after the deadline, though before the hard limit, is too late: neither moves', () => {
    const d = run([extend('reply', 'PT12H', day('03', '10:00'))], day('03', '11:00'));
    expect(duty(d, 'reply')).toMatchObject({ dueAt: day('03', '09:00'), latestAt: day('04', '09:00'), status: 'late' });
    expect(codes(d)).toContain('extension-too-late');
  });

  it('a duty with latest but no extension keeps both and warns', () => {
    const d = run([{ type: 'level-set', level: 'I', at: at('10:00') }, extend('rebut', 'PT1H', at('10:30'))], at('10:45'));
    expect(duty(d, 'rebut')).toMatchObject({ dueAt: at('11:00'), latestAt: at('13:00') });
    expect(codes(d)).toContain('extension-not-allowed');
  });
});

describe('latest: a clock waiting for its anchor', () => {
  it('has no hard limit yet, then both from the event', () => {
    const waiting = duty(run([], at('10:00'), { pressConference: true }), 'answer');
    expect(waiting).toMatchObject({ dueAt: null, latestAt: null, waitingFor: { event: 'instruct' } });
    const d = run([{ type: 'instruct', at: at('10:00') }], at('10:30'), { pressConference: true });
    expect(duty(d, 'answer')).toMatchObject({ dueAt: at('12:00'), latestAt: at('14:00') });
    expect(explained(d, 'answer')).toBe(`按批示回应：条件成立（决定召开新闻发布会：是）；原则上批示后 2 小时，即 ${at('12:00')} 前，最迟 4 小时，即 ${at('14:00')} 前`);
  });
});

describe('latest: texts', () => {
  it('the explanation says 原则上 … 前，最迟 … 前', () => {
    const d = run([], at('10:00'), { mediaInquiry: true });
    expect(explained(d, 'reply')).toBe(`答复：每起舆情均适用；原则上发生后 PT24H，即 ${day('03', '09:00')} 前，最迟 48 小时，即 ${day('04', '09:00')} 前`);
    expect(explained(d, 'handle')).toContain(`原则上发生后 P2D（工作日），即 ${day('05', '00:00')} 前，最迟 5 个工作日，即 ${day('10', '00:00')} 前`);
    expect(explained(d, 'track')).not.toContain('最迟');
  });

  it('the decision text shows the hard limit', () => {
    const text = renderDecision(run([], day('03', '10:00')));
    expect(text).toContain('[已过原则性时限] 原则上 03-03 09:00 前，最迟 03-04 09:00 前　答复');
    expect(text).toContain('[已过原则性时限] 原则上 03-02 21:00 前　跟踪');
    expect(renderDecision(run([], day('04', '10:00')))).toContain('[已超时] 原则上 03-03 09:00 前，最迟 03-04 09:00 前　答复');
  });
});

describe('latest: the audit counts a soft deadline met after its hard limit as a hard breach', () => {
  it('late (before the hard limit): soft lateness', () => {
    const a = audit(plan, incident(), { now: day('03', '10:00') });
    expect(a.summary).toMatchObject({ late: 2, overdue: 0, metLate: 0, softMetLate: 0 });
    const text = renderAudit(a);
    expect(text).toContain('| 原则上 03-03 09:00，最迟 03-04 09:00 |');
    expect(text).toContain('未完成，已过原则性时限 1 小时');
  });

  it('past the hard limit and not done: overdue, a hard breach, marked as one', () => {
    const a = audit(plan, incident(), { now: day('04', '10:00') });
    expect(a.obligations.find((o) => o.id === 'reply')).toMatchObject({ status: 'overdue', lateBy: 'PT25H' });
    expect(a.summary).toMatchObject({ late: 1, overdue: 1, metLate: 0, softMetLate: 0 });
    const text = renderAudit(a);
    expect(text).toContain('未完成，已超时 1 天 1 小时');
    expect(text).toContain('答复 :crit, 2026-03-02T09:00, 2026-03-04T10:00');
  });

  it('done after the deadline but by the hard limit: soft lateness', () => {
    const a = audit(plan, incident([reply(day('04', '09:00'))]), { now: day('04', '10:00') });
    expect(a.obligations.find((o) => o.id === 'reply')?.status).toBe('met-late');
    expect(a.summary).toMatchObject({ metLate: 0, softMetLate: 1 });
    const text = renderAudit(a);
    expect(text).toContain('晚于原则性时限 1 天');
    expect(text).toContain('答复 :active, 2026-03-02T09:00, 2026-03-04T09:00');
  });

  it('done after the hard limit: met-late, counted as a hard breach', () => {
    const a = audit(plan, incident([reply(day('04', '10:00'))]), { now: day('04', '11:00') });
    expect(a.obligations.find((o) => o.id === 'reply')).toMatchObject({ status: 'met-late', soft: true, latestAt: day('04', '09:00') });
    expect(a.summary).toMatchObject({ metLate: 1, softMetLate: 0, overdue: 0 });
    const text = renderAudit(a);
    expect(text).toContain('超时 1 天 1 小时');
    expect(text).not.toContain('晚于原则性时限 1 天 1 小时');
    expect(text).toContain('答复 :crit, 2026-03-02T09:00, 2026-03-04T10:00');
    expect(text).toContain('超时完成 1');
  });
});

describe('latest: plan errors', () => {
  const withDuty = (extra: Record<string, unknown>, base: Record<string, unknown> = SOURCE): PlanSource =>
    ({ ...base, obligations: [...SOURCE.obligations, { id: 'bad', step: 'report', title: '坏', responsible: 'office', basis, ...extra }] }) as unknown as PlanSource;
  const issuesOf = (source: PlanSource) => {
    try {
      loadPlan(source);
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      return (error as PlanError).issues.map((i) => ({ path: i.path.join('.'), received: i.received, expected: i.expected }));
    }
    throw new Error('the plan loaded');
  };
  const BAD = SOURCE.obligations.length;

  it.each([
    [{ offset: 'PT24H', latest: 'PT48H' }, 'PT48H', /"soft": true/],
    [{ soft: true, latest: 'PT48H', immediate: true }, 'PT48H', /"offset"/],
    [{ offset: 'PT24H', soft: true, latest: 'soon' }, 'soon', /^时长，例如 "PT48H" 或 "P2D"$/],
    [{ offset: 'PT24H', soft: true, latest: 'PT0H' }, 'PT0H', /^时长，例如 "PT48H" 或 "P2D"$/],
    [{ offset: 'PT24H', soft: true, latest: 'PT24H' }, 'PT24H', /^长于时限 PT24H 的时长$/],
    [{ offset: 'P1D', soft: true, latest: 'PT12H' }, 'PT12H', /^长于时限 P1D 的时长$/],
    [{ offset: 'P2D', workingDays: true, soft: true, latest: 'PT72H' }, 'PT72H', /^以天计的时长，例如 "P5D"$/],
    [{ offset: 'P2D', workingDays: true, soft: true, latest: 'P2D' }, 'P2D', /^长于时限 P2D 的时长$/],
    [{ offset: 'PT24H', soft: true, latest: 'P200Y' }, 'P200Y', /^至多 100 年$/],
  ])('%j is refused at obligations.<i>.latest', (extra, received, expected) => {
    const issues = issuesOf(withDuty(extra));
    const issue = issues.find((i) => i.path === `obligations.${BAD}.latest`);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.received).toBe(received);
    expect(issue!.expected).toMatch(expected);
  });

  it('a bad offset is reported once, by itself', () => {
    const issues = issuesOf(withDuty({ offset: 'whenever', soft: true, latest: 'PT48H' }));
    expect(issues.map((i) => i.path)).toEqual([`obligations.${BAD}.offset`]);
  });

  it('a format-1 file with latest is refused', () => {
    const { format: _format, ...rest } = SOURCE;
    // Format 1 cites a seed; the only format-2 field left is the duty's (and its soft and extension).
    const issues = issuesOf(withDuty({ offset: 'PT24H', latest: 'PT48H' }, { ...rest, source: { seed: '000', file: 'x.md' }, steps: undefined, obligations: [] }));
    const issue = issues.find((i) => i.path === `obligations.${BAD}.latest`);
    expect(issue).toMatchObject({ received: 'PT48H', expected: expect.stringContaining('"format": 2') });
  });
});

describe('latest: nothing the caller passes in is changed', () => {
  it('leaves the plan source and the incident as they were', () => {
    const source = structuredClone(SOURCE);
    const given = incident([reply(day('04', '10:00')), { type: 'extended', obligation: 'reply', duration: 'PT12H', at: at('20:00') }], { mediaInquiry: true });
    const copy = structuredClone(given);
    const decided = decide(loadPlan(source), given, { now: day('04', '11:00') });
    audit(plan, given, { now: day('04', '11:00') });
    expect(source).toEqual(SOURCE);
    expect(given).toEqual(copy);
    // The output is a copy too: changing it changes no later answer.
    duty(decided, 'reply').latestAt = 'changed';
    expect(duty(decide(plan, given, { now: day('04', '11:00') }), 'reply').latestAt).toBe(day('04', '21:00'));
  });
});
