// The gantt chart's geometry (pure): the time axis, a row per obligation, the marks of now, done and the next review.

/** One obligation as the chart needs it (from the audit). */
export interface GanttInput {
  id: string;
  title: string;
  arisenAt: string;
  dueAt: string | null;
  doneAt: string | null;
  status: string;
  /** The due time in words (the library's dueText), written beside a duty without a deadline. */
  due: string;
}

export interface GanttRow {
  id: string;
  title: string;
  y: number;
  /** From when the duty arose … */
  x1: number;
  /** … to its deadline; equal to x1 for a duty without one (drawn as a marker). */
  x2: number;
  /** No deadline (immediate, continuous, undated, waiting): a marker at `x1`, with `due` in words. */
  point: boolean;
  doneX: number | null;
  /** An overdue duty: how far its lateness runs, from the deadline (`x2`) to `now`; null otherwise. */
  overrunX: number | null;
  /** The class the bar takes: overdue (red), met (green), met-late (orange), pending (blue), late, not-applicable. */
  className: string;
  due: string;
}

export interface GanttTick {
  x: number;
  label: string;
}

export interface GanttLayout {
  width: number;
  height: number;
  /** Left edge of the plot (the titles are written to its left). */
  left: number;
  right: number;
  top: number;
  bottom: number;
  start: number;
  end: number;
  ticks: GanttTick[];
  rows: GanttRow[];
  nowX: number;
  reviewX: number | null;
}

export interface GanttOptions {
  width?: number;
  left?: number;
  rowHeight?: number;
  /** Offset of the plan's time zone in minutes at the start (Asia/Shanghai: 480): ticks fall on its round hours and midnights. */
  offsetMinutes?: number;
}

const MINUTE = 60_000;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200].map((m) => m * MINUTE);

/** The tick step that gives at most `max` ticks over a span. */
export function tickStep(span: number, max = 8): number {
  return STEPS.find((step) => span / step <= max) ?? Math.ceil(span / max / (1440 * MINUTE)) * 1440 * MINUTE;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A tick's label at a wall-clock time: `09:30`, or `03-02` at midnight / with steps of a day and more, `03-02 09:30` on the first tick. */
function tickLabel(local: number, step: number, first: boolean): string {
  const d = new Date(local);
  const date = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (step >= 1440 * MINUTE) return date;
  if (first || time === '00:00') return `${date} ${time}`;
  return time;
}

const CLASSES = new Set(['overdue', 'met', 'met-late', 'pending', 'late', 'not-applicable']);

/** Lays out the chart from the incident's occurrence to the later of `now` and the latest deadline (and done mark, and next review). */
export function ganttLayout(occurredAt: string, now: string, items: readonly GanttInput[], nextReviewAt: string | null, options: GanttOptions = {}): GanttLayout {
  const width = options.width ?? 960;
  const left = options.left ?? 260;
  const rowHeight = options.rowHeight ?? 26;
  const right = width - 24;
  const top = 34;
  const start = Date.parse(occurredAt);
  const nowMs = Date.parse(now);
  const review = nextReviewAt === null ? null : Date.parse(nextReviewAt);
  const times = [nowMs, ...items.flatMap((o) => [o.arisenAt, o.dueAt, o.doneAt]).filter((t): t is string => t !== null).map((t) => Date.parse(t))];
  if (review !== null) times.push(review);
  let low = Math.min(start, ...times.filter((t) => !Number.isNaN(t)));
  let high = Math.max(...times.filter((t) => !Number.isNaN(t)));
  if (Number.isNaN(low)) low = 0;
  if (!(high > low)) high = low + 60 * MINUTE;
  // A little room past the last mark, so it is not drawn on the edge.
  const end = high + (high - low) * 0.04;
  const scale = (t: number): number => left + ((t - low) / (end - low)) * (right - left);
  const step = tickStep(end - low);
  const offset = (options.offsetMinutes ?? 0) * MINUTE;
  const ticks: GanttTick[] = [];
  for (let local = Math.ceil((low + offset) / step) * step; local - offset <= end; local += step) {
    ticks.push({ x: scale(local - offset), label: tickLabel(local, step, ticks.length === 0) });
  }
  const rows = items.map((o, i): GanttRow => {
    const arisen = Date.parse(o.arisenAt);
    const due = o.dueAt === null ? null : Date.parse(o.dueAt);
    const done = o.doneAt === null ? null : Date.parse(o.doneAt);
    const x1 = scale(Number.isNaN(arisen) ? low : arisen);
    const x2 = due === null || Number.isNaN(due) ? x1 : scale(due);
    const overrun = o.status === 'overdue' && due !== null && !Number.isNaN(due) && nowMs > due;
    return {
      id: o.id,
      title: o.title,
      y: top + i * rowHeight,
      x1: Math.min(x1, x2),
      x2: Math.max(x1, x2),
      point: due === null || Number.isNaN(due),
      doneX: done === null || Number.isNaN(done) ? null : scale(done),
      overrunX: overrun ? scale(nowMs) : null,
      className: CLASSES.has(o.status) ? o.status : 'pending',
      due: o.due,
    };
  });
  return {
    width,
    height: top + items.length * rowHeight + 46,
    left,
    right,
    top,
    bottom: top + items.length * rowHeight,
    start: low,
    end,
    ticks,
    rows,
    nowX: scale(nowMs),
    reviewX: review === null || Number.isNaN(review) ? null : scale(review),
  };
}
