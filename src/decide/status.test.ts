import { describe, expect, it } from 'vitest';
import { statusAt } from './status.js';

const open = { dueAt: 100, doneAt: null, closedReason: null, continuous: false };

describe('statusAt', () => {
  it('is pending before the deadline and overdue from it on', () => {
    expect(statusAt(open, 99)).toBe('pending');
    expect(statusAt(open, 100)).toBe('overdue');
    expect(statusAt(open, 101)).toBe('overdue');
  });
  it('is met when done exactly at the deadline, met-late a moment after', () => {
    expect(statusAt({ ...open, doneAt: 100 }, 200)).toBe('met');
    expect(statusAt({ ...open, doneAt: 101 }, 200)).toBe('met-late');
  });
  it('keeps an undated or continuous duty pending until it is done or closed', () => {
    expect(statusAt({ ...open, dueAt: null }, 10_000)).toBe('pending');
    expect(statusAt({ ...open, continuous: true, dueAt: null }, 10_000)).toBe('pending');
    expect(statusAt({ ...open, dueAt: null, doneAt: 5 }, 10_000)).toBe('met');
  });
  it('is not-applicable when closed undone, but a duty done before it was closed stays done', () => {
    expect(statusAt({ ...open, closedReason: 'subsided' }, 50)).toBe('not-applicable');
    expect(statusAt({ ...open, closedReason: null, doneAt: 40 }, 500)).toBe('met');
  });
});

describe('statusAt with a soft deadline (原则上)', () => {
  it('is late, not overdue, past a soft deadline; pending before it; met-late once done after it', () => {
    expect(statusAt({ ...open, soft: true }, 99)).toBe('pending');
    expect(statusAt({ ...open, soft: true }, 100)).toBe('late');
    expect(statusAt({ ...open, soft: true, doneAt: 101 }, 200)).toBe('met-late');
    expect(statusAt({ ...open, soft: false }, 100)).toBe('overdue');
  });
});
