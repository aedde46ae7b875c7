import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, dueText, loadPlan, type Obligation } from '../src/index.js';
import { distinctDue } from '../workbench/src/due-list';

const item = (id: string, dueAt: string | null, due: string) => ({ id, dueAt, due });

describe('workbench: the due times of one recipient', () => {
  it('writes each due text once, the earliest deadline first, undated ones after in their order', () => {
    const items = [
      item('a', null, '第一时间'),
      item('b', '2026-03-02T20:00:00+08:00', '03-02 20:00 前'),
      item('c', null, '第一时间'),
      item('d', '2026-03-02T10:00:00+08:00', '03-02 10:00 前'),
      item('e', '2026-03-02T02:00:00Z', '03-02 10:00 前'),
      item('f', null, '持续至平息'),
    ];
    expect(distinctDue(items, (o) => o.due)).toEqual(['03-02 10:00 前', '03-02 20:00 前', '第一时间', '持续至平息']);
    expect(distinctDue([], (o: { dueAt: null }) => String(o))).toEqual([]);
  });

  it('reads an unreadable dueAt as undated, and leaves the items as they were', () => {
    const items = [item('x', 'not a time', 'x'), item('y', '2026-03-02T10:00:00+08:00', 'y')];
    const copy = structuredClone(items);
    expect(distinctDue(items, (o) => o.due)).toEqual(['y', 'x']);
    expect(items).toEqual(copy);
  });

  it('industry-bureau at its major level: two duties to 网信 due 第一时间 read once', () => {
    const scenarios = JSON.parse(readFileSync(new URL('../rules/industry-bureau.scenarios.json', import.meta.url), 'utf8')) as { scenarios: { incident: unknown; now: string }[] };
    const plan = loadPlan('industry-bureau');
    const { incident, now } = scenarios.scenarios[0]!;
    const decision = decide(plan, incident as never, { now });
    const byId = new Map(decision.obligations.map((o) => [o.id, o]));
    const repeated = decision.notify.find((n) => {
      const texts = n.obligations.map((id) => dueText(byId.get(id)!));
      return texts.length > 1 && new Set(texts).size < texts.length;
    });
    expect(repeated).toBeDefined();
    const open = repeated!.obligations.map((id) => byId.get(id)!) as Obligation[];
    expect(distinctDue(open, (o) => dueText(o))).toEqual([...new Set(open.map((o) => dueText(o)))]);
    expect(distinctDue(open, (o) => dueText(o)).length).toBeLessThan(open.length);
  });
});
