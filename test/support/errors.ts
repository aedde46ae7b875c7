import { IncidentError, PlanError } from '../../src/index.js';

/** The IncidentError that `fn` throws; any other error is rethrown, and no error at all fails the test. */
export function incidentErrorOf(fn: () => unknown): IncidentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IncidentError) return error;
    throw error;
  }
  throw new Error('expected an IncidentError');
}

/** The PlanError that `fn` throws; any other error is rethrown, and no error at all fails the test. */
export function planErrorOf(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError');
}
