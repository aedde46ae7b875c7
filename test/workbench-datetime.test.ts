import { describe, expect, it } from 'vitest';
import { formatIso, fromLocalInput, offsetMinutes, offsetText, parseIso, shortTime, spanWords, toLocalInput, untilWords } from '../workbench/src/datetime';

describe('workbench datetime: the plan’s time zone', () => {
  it('knows the offset of a zone at a moment', () => {
    expect(offsetMinutes(Date.parse('2026-03-02T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(offsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetText(480)).toBe('+08:00');
    expect(offsetText(-330)).toBe('-05:30');
  });

  it('shows a timestamp in the plan’s zone, whatever offset it was written with', () => {
    expect(toLocalInput('2026-03-02T09:00:00+08:00', 'Asia/Shanghai')).toBe('2026-03-02T09:00');
    expect(toLocalInput('2026-03-02T01:00:00Z', 'Asia/Shanghai')).toBe('2026-03-02T09:00');
    expect(toLocalInput('2026-03-02T09:00:30+08:00', 'Asia/Shanghai')).toBe('2026-03-02T09:00:30');
    expect(toLocalInput('not a time', 'Asia/Shanghai')).toBe('');
    expect(toLocalInput('2026-03-02T09:00:00', 'Asia/Shanghai')).toBe('');
    expect(toLocalInput(undefined, 'Asia/Shanghai')).toBe('');
  });

  it('writes an input’s value back as ISO 8601 with the zone’s offset', () => {
    expect(fromLocalInput('2026-03-02T09:00', 'Asia/Shanghai')).toBe('2026-03-02T09:00:00+08:00');
    expect(fromLocalInput('2026-03-02T23:59:30', 'Asia/Shanghai')).toBe('2026-03-02T23:59:30+08:00');
    expect(fromLocalInput('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
    expect(fromLocalInput('2026-01-01T09:00', 'America/New_York')).toBe('2026-01-01T09:00:00-05:00');
  });

  it('refuses values that are not a real wall-clock time', () => {
    expect(fromLocalInput('', 'Asia/Shanghai')).toBeNull();
    expect(fromLocalInput('2026-02-30T09:00', 'Asia/Shanghai')).toBeNull();
    expect(fromLocalInput('2026-03-02T24:00', 'Asia/Shanghai')).toBeNull();
    expect(fromLocalInput('2026-03-02 09:00', 'Asia/Shanghai')).toBeNull();
  });

  it('round-trips through the input', () => {
    for (const iso of ['2026-03-02T08:00:00+08:00', '2026-12-31T23:59:00+08:00', '2027-01-01T00:00:00+08:00']) {
      expect(fromLocalInput(toLocalInput(iso, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe(iso);
    }
    expect(formatIso(Date.parse('2026-03-02T01:10:00Z'), 'Asia/Shanghai')).toBe('2026-03-02T09:10:00+08:00');
  });

  it('parses only timestamps with an offset', () => {
    expect(parseIso('2026-03-02T09:00:00+08:00')).toBe(Date.parse('2026-03-02T01:00:00Z'));
    expect(parseIso('2026-03-02T09:00Z')).toBe(Date.parse('2026-03-02T09:00:00Z'));
    expect(parseIso('2026-03-02T09:00:00')).toBeNull();
    expect(parseIso('2026-13-02T09:00:00+08:00')).toBeNull();
    expect(parseIso(42)).toBeNull();
  });

  it('says how long until a moment in Chinese', () => {
    expect(spanWords(50 * 60_000)).toBe('50 分钟');
    expect(spanWords(125 * 60_000)).toBe('2 小时 5 分钟');
    expect(spanWords((3 * 1440 + 4 * 60 + 7) * 60_000)).toBe('3 天 4 小时');
    expect(spanWords(30_000)).toBe('不到 1 分钟');
    const now = Date.parse('2026-03-02T09:10:00+08:00');
    expect(untilWords(now + 5 * 60_000, now)).toBe('还有 5 分钟');
    expect(untilWords(now - 2 * 3600_000, now)).toBe('已过 2 小时');
    expect(untilWords(now + 10_000, now)).toBe('即现在');
    expect(shortTime('2026-03-02T09:30:00+08:00')).toBe('03-02 09:30');
    expect(shortTime(null)).toBe('—');
  });
});
