import { describe, expect, it } from 'vitest';
import { IncidentError } from '../model/errors.js';
import { TimestampSchema, toMillis } from '../time/timestamp.js';
import { inLanguage } from '../i18n/errors.js';
import { readTimeOption } from './options.js';

/** Values at the edges of what a time option may be: readTimeOption checks them without zod, and must agree with TimestampSchema. */
const VALUES: unknown[] = [
  '2026-03-02T09:10:00+08:00',
  '2026-03-02T09:10:00.5Z',
  '2026-03-02T09:10:00Z',
  '2026-03-02T09:10:00',
  '2026-02-29T09:10:00+08:00',
  '2024-02-29T09:10:00+08:00',
  '2026-03-02T24:00:00+08:00',
  '2026-03-02',
  '',
  ' 2026-03-02T09:10:00+08:00',
  new Date('2026-03-02T01:10:00Z'),
  new Date(Number.NaN),
  new Date('0000-12-31T00:00:00Z'),
  new Date('0001-01-01T00:00:00Z'),
  new Date('9999-12-31T23:59:59Z'),
  new Date('+010000-01-01T00:00:00Z'),
  1_772_413_800_000,
  null,
  undefined,
  {},
];

describe('readTimeOption', () => {
  it('accepts exactly what TimestampSchema accepts, with the same milliseconds, and names the option otherwise', () => {
    for (const value of VALUES) {
      const parsed = TimestampSchema.safeParse(value);
      if (parsed.success) expect(readTimeOption({ now: value }, 'now')).toBe(toMillis(parsed.data));
      else expect(() => readTimeOption({ now: value }, 'now')).toThrow(IncidentError);
    }
    expect(VALUES.filter((value) => TimestampSchema.safeParse(value).success)).toHaveLength(8);
  });

  it('says an option is missing, or not a valid timestamp', () => {
    const issueOf = (options: unknown): unknown => {
      try {
        inLanguage('en', () => readTimeOption(options, 'from'));
      } catch (error) {
        return (error as IncidentError).issues[0];
      }
      throw new Error('no error');
    };
    expect(issueOf({})).toMatchObject({ path: ['from'], code: 'invalid_option', message: 'the option "from" is required: time is an argument' });
    expect(issueOf(null)).toMatchObject({ path: ['from'], message: 'the option "from" is required: time is an argument' });
    expect(issueOf({ from: '2026-13-01T00:00:00Z' })).toMatchObject({ path: ['from'], message: '"from" is not a valid timestamp', received: '2026-13-01T00:00:00Z' });
  });
});
