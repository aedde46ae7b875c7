import { TZDate } from '@date-fns/tz';
import { formatISO, isValid, parseISO } from 'date-fns';
import { z } from 'zod';

const OFFSET_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch of an ISO 8601 timestamp with an offset, or null when it is not one or names an impossible date. */
export function parseTimestamp(text: string): number | null {
  if (!OFFSET_TIMESTAMP.test(text)) return null;
  const date = parseISO(text);
  return isValid(date) ? date.getTime() : null;
}

/** A timestamp as given in input: ISO 8601 text with an offset, or a valid Date. */
export const TimestampSchema = z.union([
  z.string().refine((text) => parseTimestamp(text) !== null, {
    message: 'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00',
  }),
  z.date().refine((date) => isValid(date), { message: 'must be a valid Date' }),
]);

/** Milliseconds since the epoch of a value that passed TimestampSchema. */
export function toMillis(value: string | Date): number {
  return typeof value === 'string' ? (parseTimestamp(value) as number) : value.getTime();
}

/** ISO 8601 with the offset of `timeZone`, e.g. `2026-03-02T09:30:00+08:00`. */
export function formatTimestamp(millis: number, timeZone: string): string {
  return formatISO(new TZDate(millis, timeZone));
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
