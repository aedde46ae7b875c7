import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audit, decide, loadPlan, renderAudit, renderDecision } from '../src/index.js';

// The texts for people say how a level of a plan graded by judgement was reached.
const plan = loadPlan(JSON.parse(readFileSync('examples/plans/bureau-judgement.json', 'utf8')) as object);
const base = { id: 'r', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
const graded = { type: 'level-set', at: '2026-03-02T10:00:00+08:00', level: 'II', by: ['director', 'party-secretary'] };
const mishandled = { type: 'flags-updated', at: '2026-03-02T11:00:00+08:00', flags: { mishandled: true }, by: ['director', 'party-secretary'] };

describe('texts of a plan graded by judgement', () => {
  it('says an ungraded incident is not yet graded, in the decision and in the audit', () => {
    const now = { now: '2026-03-02T09:10:00+08:00' };
    const text = renderDecision(decide(plan, base, now));
    expect(text).toContain('（尚未定级，自 ');
    expect(text).not.toContain('按分级标准');
    expect(renderAudit(audit(plan, base, now))).toMatch(/\| ungraded \S+ \| 待研判定级 \|/);
  });

  it('says a level was raised, from which level and by which rule', () => {
    const incident = { ...base, events: [graded, mishandled] };
    const now = { now: '2026-03-02T11:10:00+08:00' };
    const decision = decide(plan, incident, now);
    expect(decision.level.raised).toEqual({ from: 'II', rule: 'mishandled' });
    expect(renderDecision(decision)).toContain('（研判定级，由 II 上调（规则 mishandled），自 ');
    const text = renderAudit(audit(plan, incident, now));
    expect(text).toMatch(/\| I \S+ \| 研判（director、party-secretary），由 II 上调 \|/);
    // Before the flag, the same judgement was not raised.
    expect(text).toMatch(/\| II \S+ \| 研判（director、party-secretary） \|/);
  });
});

describe('texts of a plan with duties that wait for others', () => {
  it('says a recipient owed a duty that waits for others is not due at once', () => {
    const approvals = loadPlan(JSON.parse(readFileSync('examples/plans/bureau-approval.json', 'utf8')) as object);
    const decision = decide(approvals, base, { now: '2026-03-02T09:10:00+08:00' });
    expect(decision.obligations.find((o) => o.id === 'report-office')?.blockedBy).toEqual(['sign']);
    const text = renderDecision(decision);
    expect(text).toContain('备案 县委办公室　待前序事项完成');
    expect(text).not.toContain('第一时间（预案未定时限）');
  });
});
