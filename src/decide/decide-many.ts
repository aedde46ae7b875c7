import type { Decision } from '../model/decision.js';
import { IncidentError } from '../model/errors.js';
import type { Plan } from '../plans/load.js';
import { decide, type DecideOptions } from './decide.js';
import { readTimeOption } from './options.js';

/** One answer of a batch: the decision, or the IncidentError of an invalid incident (the batch goes on). */
export type BatchResult = { index: number; decision: Decision; error?: undefined } | { index: number; decision?: undefined; error: IncidentError };

/**
 * Decides a batch lazily: an iterator over any iterable of incidents that holds one decision at a time.
 * An invalid `now` throws at once; an invalid incident yields its IncidentError and the batch goes on.
 */
export function* decideMany(plan: Plan, incidents: Iterable<unknown>, options: DecideOptions): Generator<BatchResult, void, undefined> {
  readTimeOption(options, 'now');
  let index = 0;
  for (const incident of incidents) {
    try {
      yield { index, decision: decide(plan, incident, options) };
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      yield { index, error };
    }
    index++;
  }
}
