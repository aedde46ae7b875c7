import { IncidentError, type Issue } from '../model/errors.js';
import { parseTimestamp } from '../time/timestamp.js';

/** A time option's milliseconds: what TimestampSchema accepts (a timestamp with an offset and a real date, or a valid Date in the years 0001–9999), checked directly (options.test.ts holds the two together); null for anything else. */
function timeMillis(value: unknown): number | null {
  if (typeof value === 'string') return parseTimestamp(value);
  // The checks of TimestampSchema's Date branch, in its order (a Proxy around a Date throws the engine's TypeError here).
  if (value instanceof Date && !Number.isNaN(value.getTime()) && value.getUTCFullYear() >= 1 && value.getUTCFullYear() <= 9999) return value.getTime();
  return null;
}

/** Reads a time option (`now`, `from`, `to`) into milliseconds, or throws IncidentError naming it. */
export function readTimeOption(options: unknown, name: 'now' | 'from' | 'to'): number {
  let value: unknown;
  try {
    value = options !== null && typeof options === 'object' ? (options as Record<string, unknown>)[name] : undefined;
    const millis = timeMillis(value);
    if (millis !== null) return millis;
  } catch (error) {
    // A revoked Proxy as the options, or a Proxy around a Date: the engine's TypeError, never the host's.
    if (!(error instanceof TypeError)) throw error;
    value = '(an object that cannot be read: a Proxy?)';
  }
  const issue: Issue = {
    path: [name],
    code: 'invalid_option',
    message: value === undefined ? `the option "${name}" is required: time is an argument` : `"${name}" is not a valid timestamp`,
    received: value,
    expected: 'an ISO 8601 timestamp with an offset (e.g. 2026-03-02T09:10:00+08:00) or a valid Date',
  };
  throw new IncidentError([issue], 'INVALID_OPTION', 'Invalid option');
}

/** Reads the option `lang` (the language of warnings, explanations and errors): Chinese when absent; anything but "zh" or "en" is an error naming it (`fail`, by default IncidentError INVALID_OPTION). */
export { langOption as readLangOption } from '../i18n/errors.js';
