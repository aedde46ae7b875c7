// Moments in a plan's time zone: ISO 8601 with offset ⇄ the value of a datetime-local input, and spans in words.

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock parts of a moment in a time zone. */
function wallClock(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
}

/** The time zone's offset from UTC at a moment, in minutes (Asia/Shanghai: 480). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `+08:00` for 480 minutes. */
export function offsetText(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** The milliseconds of an ISO 8601 timestamp with an offset, or null when it is not one. */
export function parseIso(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? null : ms;
}

/** A moment as ISO 8601 in a time zone, with that zone's offset: `2026-03-02T09:00:00+08:00`. */
export function formatIso(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetText(offset)}`;
}

/** The value a datetime-local input shows for a timestamp, in the plan's time zone (`2026-03-02T09:00`); '' when the text is not a timestamp. */
export function toLocalInput(iso: unknown, timeZone: string): string {
  const ms = parseIso(iso);
  if (ms === null) return '';
  const w = wallClock(ms, timeZone);
  const seconds = w.second === 0 ? '' : `:${pad(w.second)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}${seconds}`;
}

/** The timestamp (ISO 8601 with the zone's offset) of a datetime-local value read in the plan's time zone; null when the value is not one. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // The offset at the wall-clock time read as UTC, then corrected once (enough away from a change of offset).
  let ms = wall - offsetMinutes(wall, timeZone) * 60000;
  ms = wall - offsetMinutes(ms, timeZone) * 60000;
  return formatIso(ms, timeZone);
}

/** A span in Chinese words, largest units first: `2 小时 5 分钟`, `3 天 4 小时`, `不到 1 分钟`. */
export function spanWords(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  if (minutes === 0) return '不到 1 分钟';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} 天`);
  if (hours > 0) parts.push(`${hours} 小时`);
  // Past a day, minutes add nothing a reader needs.
  if (rest > 0 && days === 0) parts.push(`${rest} 分钟`);
  return parts.join(' ');
}

/** How far a moment lies from `now`, in words: `还有 50 分钟`, `已过 2 小时`, `即现在`. */
export function untilWords(targetMs: number, nowMs: number): string {
  const diff = targetMs - nowMs;
  if (Math.abs(diff) < 60000) return '即现在';
  return diff > 0 ? `还有 ${spanWords(diff)}` : `已过 ${spanWords(diff)}`;
}

/** `2026-03-02T09:30:00+08:00` → `03-02 09:30` as the timestamp writes it (the library's short form). */
export function shortTime(iso: string | null): string {
  if (iso === null) return '—';
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}-${m[2]} ${m[3]}:${m[4]}` : iso;
}
