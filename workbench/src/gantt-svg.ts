// The gantt chart drawn as inline SVG from its geometry (gantt.ts).
import { s } from './dom';
import type { GanttLayout } from './gantt';

const STATUS_WORDS: Readonly<Record<string, string>> = { overdue: '已超时', met: '按时完成', 'met-late': '超时完成', pending: '待办', late: '已过原则性时限', 'not-applicable': '不再适用' };

/** A title cut to fit the label column. */
const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The chart: ticks, a row per obligation (bar or marker, done mark), the now line and the next review. */
export function ganttSvg(layout: GanttLayout): SVGElement {
  const { width, height, left, right, top, bottom } = layout;
  const rowHeight = layout.rows.length > 1 ? layout.rows[1]!.y - layout.rows[0]!.y : 26;
  const svg = s('svg', { 'data-testid': 'gantt', class: 'gantt', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': '时限甘特图' });
  // The hatching of an overdue duty's lateness (deadline to now): light red with red stripes.
  svg.append(s('defs', {}, s('pattern', { id: 'gantt-overrun', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, class: 'overrun-ground' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'overrun-stripe' }))));
  svg.append(s('rect', { x: left, y: top - 4, width: right - left, height: bottom - top + 8, class: 'plot' }));
  for (const tick of layout.ticks) {
    svg.append(s('line', { x1: tick.x, x2: tick.x, y1: top - 4, y2: bottom + 4, class: 'tick' }));
    svg.append(s('text', { x: tick.x, y: top - 10, class: 'tick-label', 'text-anchor': 'middle' }, tick.label));
  }
  layout.rows.forEach((row, i) => {
    const y = row.y;
    const mid = y + rowHeight / 2;
    const group = s('g', { class: 'row' });
    if (i % 2 === 1) group.append(s('rect', { x: 0, y, width, height: rowHeight, class: 'stripe' }));
    group.append(s('text', { x: left - 8, y: mid + 4, 'text-anchor': 'end', class: 'row-label' }, cut(row.title, 18), s('title', {}, row.title)));
    const label = `${row.title}：${row.due}（${STATUS_WORDS[row.className] ?? row.className}）`;
    if (row.point) {
      const r = 6;
      group.append(s('path', { d: `M ${row.x1} ${mid - r} L ${row.x1 + r} ${mid} L ${row.x1} ${mid + r} L ${row.x1 - r} ${mid} Z`, class: `bar marker ${row.className}`, 'data-obligation': row.id }, s('title', {}, label)));
      group.append(s('text', { x: row.x1 + 10, y: mid + 4, class: 'due-words' }, row.due));
    } else {
      if (row.overrunX !== null && row.overrunX > row.x2) {
        group.append(s('rect', { x: row.x2, y: y + 6, width: row.overrunX - row.x2, height: rowHeight - 12, class: 'overrun', 'data-overrun': row.id }, s('title', {}, `${row.title}：已超过时限（${row.due}）至当前`)));
      }
      group.append(s('rect', { x: row.x1, y: y + 6, width: Math.max(2, row.x2 - row.x1), height: rowHeight - 12, rx: 3, class: `bar ${row.className}`, 'data-obligation': row.id }, s('title', {}, label)));
    }
    if (row.doneX !== null) {
      group.append(s('line', { x1: row.doneX, x2: row.doneX, y1: y + 3, y2: y + rowHeight - 3, class: 'done-mark' }));
      group.append(s('circle', { cx: row.doneX, cy: mid, r: 3.5, class: 'done-dot' }, s('title', {}, `${row.title}：完成`)));
    }
    svg.append(group);
  });
  if (layout.reviewX !== null) {
    svg.append(s('line', { x1: layout.reviewX, x2: layout.reviewX, y1: top - 4, y2: bottom + 6, class: 'review-line', 'data-testid': 'gantt-review' }));
    // Close to the now line, the label goes one line lower so the two do not overlap.
    const close = Math.abs(layout.reviewX - layout.nowX) < 70;
    svg.append(s('line', { x1: layout.reviewX, x2: layout.reviewX, y1: bottom + 6, y2: bottom + (close ? 24 : 8), class: 'review-line' }));
    svg.append(s('text', { x: layout.reviewX, y: bottom + (close ? 36 : 20), 'text-anchor': 'middle', class: 'review-label' }, '下次复核'));
  }
  svg.append(s('line', { x1: layout.nowX, x2: layout.nowX, y1: top - 4, y2: bottom + 6, class: 'now-line', 'data-testid': 'gantt-now' }));
  svg.append(s('text', { x: layout.nowX, y: bottom + 20, 'text-anchor': 'middle', class: 'now-label' }, '当前'));
  return svg;
}
