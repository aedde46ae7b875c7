import { describe, expect, it } from 'vitest';
import { ganttLayout, tickStep, type GanttInput } from '../workbench/src/gantt';

const MIN = 60_000;
const row = (over: Partial<GanttInput> & { id: string }): GanttInput => ({ title: over.id, arisenAt: '2026-03-02T09:00:00+08:00', dueAt: null, doneAt: null, status: 'pending', due: '第一时间', ...over });

describe('workbench gantt geometry', () => {
  const items = [
    row({ id: 'report', dueAt: '2026-03-02T09:30:00+08:00', doneAt: '2026-03-02T09:20:00+08:00', status: 'met', due: '03-02 09:30 前' }),
    row({ id: 'reply', dueAt: '2026-03-02T20:00:00+08:00', status: 'overdue', due: '03-02 20:00 前' }),
    row({ id: 'verify', status: 'pending', due: '第一时间' }),
  ];
  const layout = ganttLayout('2026-03-02T08:00:00+08:00', '2026-03-02T10:00:00+08:00', items, '2026-03-02T10:30:00+08:00', { width: 1000, left: 200, offsetMinutes: 480 });

  it('runs the axis from the occurrence to past the latest deadline', () => {
    expect(layout.start).toBe(Date.parse('2026-03-02T08:00:00+08:00'));
    expect(layout.end).toBeGreaterThan(Date.parse('2026-03-02T20:00:00+08:00'));
    const reply = layout.rows[1]!;
    expect(reply.x2).toBeLessThan(layout.right);
    expect(reply.x2).toBeGreaterThan(layout.right - 50);
  });

  it('runs the axis to now when now is later than every deadline', () => {
    const late = ganttLayout('2026-03-02T08:00:00+08:00', '2026-03-05T08:00:00+08:00', items, null);
    expect(late.end).toBeGreaterThan(Date.parse('2026-03-05T08:00:00+08:00'));
    expect(late.nowX).toBeGreaterThan(late.rows[1]!.x2);
    expect(late.reviewX).toBeNull();
  });

  it('draws a bar from when a duty arose to its deadline, and a marker for a duty without one', () => {
    const [report, reply, verify] = layout.rows;
    expect(report!.point).toBe(false);
    expect(report!.x2).toBeGreaterThan(report!.x1);
    expect(verify!.point).toBe(true);
    expect(verify!.x2).toBe(verify!.x1);
    expect(verify!.due).toBe('第一时间');
    expect(reply!.x1).toBe(report!.x1);
  });

  it('places the done mark, the now line and the next review in time order', () => {
    const report = layout.rows[0]!;
    expect(report.doneX).not.toBeNull();
    expect(report.doneX!).toBeGreaterThan(report.x1);
    expect(report.doneX!).toBeLessThan(report.x2);
    expect(layout.rows[1]!.doneX).toBeNull();
    expect(layout.nowX).toBeGreaterThan(report.x2);
    expect(layout.reviewX!).toBeGreaterThan(layout.nowX);
  });

  it('runs an overdue duty’s lateness from its deadline to now; no other duty has one', () => {
    const late = ganttLayout('2026-03-02T08:00:00+08:00', '2026-03-05T08:00:00+08:00', [...items, row({ id: 'undated', status: 'overdue' })], null);
    const [report, reply, verify, undated] = late.rows;
    expect(reply!.overrunX).toBe(late.nowX);
    expect(reply!.overrunX!).toBeGreaterThan(reply!.x2);
    expect(report!.overrunX).toBeNull();
    expect(verify!.overrunX).toBeNull();
    expect(undated!.overrunX).toBeNull();
    // Overdue but now not past the deadline (a status the chart does not second-guess): nothing to extend.
    expect(layout.rows[1]!.overrunX).toBeNull();
  });

  it('gives each row the class of its status (unknown statuses read as pending)', () => {
    expect(layout.rows.map((r) => r.className)).toEqual(['met', 'overdue', 'pending']);
    const odd = ganttLayout('2026-03-02T08:00:00+08:00', '2026-03-02T09:00:00+08:00', [row({ id: 'x', status: 'strange' }), row({ id: 'y', status: 'met-late' })], null);
    expect(odd.rows.map((r) => r.className)).toEqual(['pending', 'met-late']);
  });

  it('stacks the rows and sizes the chart to them', () => {
    expect(layout.rows[1]!.y - layout.rows[0]!.y).toBe(26);
    expect(layout.height).toBeGreaterThan(layout.bottom);
    expect(layout.bottom).toBe(layout.top + 3 * 26);
  });

  it('puts ticks on round times of the plan’s zone, labelled in its wall-clock time', () => {
    // A 12-hour span: 2-hour steps, on even hours of Beijing time.
    expect(layout.ticks.length).toBeGreaterThan(3);
    expect(layout.ticks.length).toBeLessThanOrEqual(9);
    expect(layout.ticks[0]!.label).toBe('03-02 08:00');
    expect(layout.ticks[1]!.label).toBe('10:00');
    for (const [a, b] of layout.ticks.slice(1).map((t, i) => [layout.ticks[i]!, t] as const)) expect(b.x).toBeGreaterThan(a.x);
    expect(layout.ticks.every((t) => t.x >= layout.left && t.x <= layout.right)).toBe(true);
  });

  it('chooses steps that give few ticks', () => {
    expect(tickStep(30 * MIN)).toBe(5 * MIN);
    expect(tickStep(12 * 60 * MIN)).toBe(120 * MIN);
    expect(tickStep(3 * 1440 * MIN)).toBe(720 * MIN);
    expect(tickStep(400 * 1440 * MIN)).toBe(50 * 1440 * MIN);
  });

  it('labels day ticks with dates', () => {
    const days = ganttLayout('2026-03-02T08:00:00+08:00', '2026-03-09T08:00:00+08:00', [], null, { offsetMinutes: 480 });
    expect(days.ticks.every((t) => /^\d{2}-\d{2}$/.test(t.label))).toBe(true);
    expect(days.ticks[0]!.label).toBe('03-03');
  });

  it('draws a chart of an instant with an hour of room, and without rows', () => {
    const empty = ganttLayout('2026-03-02T08:00:00+08:00', '2026-03-02T08:00:00+08:00', [], null);
    expect(empty.rows).toEqual([]);
    expect(empty.end - empty.start).toBeGreaterThanOrEqual(60 * MIN);
    expect(empty.nowX).toBe(empty.left);
  });
});
