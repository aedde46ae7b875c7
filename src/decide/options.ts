import { IncidentError, parseWith, type Issue } from '../model/errors.js';
import { TimestampSchema, toMillis } from '../time/timestamp.js';

/** Reads a time option (`now`, `from`, `to`) into milliseconds, or throws IncidentError naming it. */
export function readTimeOption(options: unknown, name: 'now' | 'from' | 'to'): number {
  let value: unknown;
  let parsed: ReturnType<typeof parseWith<typeof TimestampSchema>>;
  let millis = NaN;
  try {
    value = options !== null && typeof options === 'object' ? (options as Record<string, unknown>)[name] : undefined;
    parsed = parseWith(TimestampSchema, value);
    if (parsed.success) millis = toMillis(parsed.data);
  } catch (error) {
    // A revoked Proxy as the options, or a Proxy around a Date: the engine's TypeError, never the host's.
    if (!(error instanceof TypeError)) throw error;
    parsed = { success: false, issues: [] };
    value = '(an object that cannot be read: a Proxy?)';
  }
  if (!parsed.success) {
    const issue: Issue = {
      path: [name],
      code: 'invalid_option',
      message: value === undefined ? `the option "${name}" is required: time is an argument` : `"${name}" is not a valid timestamp`,
      received: value,
      expected: 'an ISO 8601 timestamp with an offset (e.g. 2026-03-02T09:10:00+08:00) or a valid Date',
    };
    throw new IncidentError([issue], 'INVALID_OPTION', 'Invalid option');
  }
  return millis;
}
