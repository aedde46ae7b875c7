import { IncidentError, PlanError } from '../../src/index.js';
import { inLanguage } from '../../src/i18n/errors.js';

// The errors come back in English (`inLanguage('en', …)`): these tests read the library's own wording;
// test/i18n-errors.test.ts proves that each of them reads in Chinese by default.

/** The IncidentError that `fn` throws, in English; any other error is rethrown, and no error at all fails the test. */
export function incidentErrorOf(fn: () => unknown): IncidentError {
  try {
    inLanguage('en', fn);
  } catch (error) {
    if (error instanceof IncidentError) return error;
    throw error;
  }
  throw new Error('expected an IncidentError');
}

/** The PlanError that `fn` throws, in English; any other error is rethrown, and no error at all fails the test. */
export function planErrorOf(fn: () => unknown): PlanError {
  try {
    inLanguage('en', fn);
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError');
}
