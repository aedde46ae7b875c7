import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalTimeZone } from './zone.js';

const intlName = (timeZone: string): string => new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;

describe('canonicalTimeZone', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers the usual names without Intl, as Intl would', () => {
    expect(['Asia/Shanghai', 'UTC'].map(intlName)).toEqual(['Asia/Shanghai', 'UTC']);
    const intl = vi.spyOn(Intl, 'DateTimeFormat');
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(intl).not.toHaveBeenCalled();
  });

  it('asks Intl for any other name', () => {
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(() => canonicalTimeZone('Mars/Olympus')).toThrow(RangeError);
  });
});
