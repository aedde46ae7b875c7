import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from './timestamp.js';

describe('parseTimestamp', () => {
  it('reads an offset and a Z', () => {
    expect(parseTimestamp('2026-03-02T09:00:00+08:00')).toBe(Date.UTC(2026, 2, 2, 1));
    expect(parseTimestamp('2026-03-02T01:00:00Z')).toBe(Date.UTC(2026, 2, 2, 1));
  });
  it('refuses a timestamp without an offset, an impossible date and garbage', () => {
    expect(parseTimestamp('2026-03-02T09:00:00')).toBeNull();
    expect(parseTimestamp('2026-02-30T09:00:00+08:00')).toBeNull();
    expect(parseTimestamp('2026-02-29T09:00:00+08:00')).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
  });
  it('accepts 29 February in a leap year', () => {
    expect(parseTimestamp('2028-02-29T09:00:00+08:00')).toBe(Date.UTC(2028, 1, 29, 1));
  });
});

describe('formatTimestamp', () => {
  it('writes the offset of the time zone', () => {
    expect(formatTimestamp(Date.UTC(2026, 2, 2, 1, 30), 'Asia/Shanghai')).toBe('2026-03-02T09:30:00+08:00');
    expect(formatTimestamp(Date.UTC(2026, 2, 2, 1, 30), 'UTC')).toBe('2026-03-02T01:30:00Z');
  });
});
