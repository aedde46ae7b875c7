import type { Decision } from '../model/decision.js';
import { IncidentError } from '../model/errors.js';
import { isRevoked } from '../model/untrusted.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { decide, type DecideOptions } from './decide.js';
import { readLangOption, readTimeOption } from './options.js';
import { inLanguage } from '../i18n/errors.js';

/** One answer of a batch: the decision, or the IncidentError of an invalid incident (the batch goes on). */
export type BatchResult = { index: number; decision: Decision; error?: undefined } | { index: number; decision?: undefined; error: IncidentError };

function* decideEach(plan: Plan, incidents: Iterable<unknown>, options: DecideOptions): Generator<BatchResult, void, undefined> {
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

/**
 * Decides a batch lazily: an iterator over any iterable of incidents that holds one decision at a time.
 * The plan (PlanError), `now` and the batch itself (IncidentError) are checked at the call, before any
 * incident is read; an invalid incident yields its IncidentError and the batch goes on.
 */
export function decideMany(plan: Plan, incidents: Iterable<unknown>, options: DecideOptions): Generator<BatchResult, void, undefined> {
  const lang = readLangOption(options);
  // Errors are Chinese as made; in English they are worded again on the way out (each decide words its own).
  return lang === 'en' ? inLanguage(lang, () => checkedBatch(plan, incidents, options)) : checkedBatch(plan, incidents, options);
}

/** The batch once the plan, `now` and the incidents' iterable are checked. */
function checkedBatch(plan: Plan, incidents: Iterable<unknown>, options: DecideOptions): Generator<BatchResult, void, undefined> {
  compiledOf(plan);
  readTimeOption(options, 'now');
  // A revoked Proxy throws on every look, even at its iterator: it is no batch either.
  const revoked = typeof incidents === 'object' && incidents !== null && isRevoked(incidents);
  const iterable = typeof incidents === 'object' && incidents !== null && !revoked && typeof (incidents as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  if (!iterable) {
    throw new IncidentError([{ path: ['incidents'], code: 'invalid_type', message: 'incidents must be an iterable of incidents', received: revoked ? '(a revoked Proxy)' : incidents, expected: 'an array, a Set, a generator or another iterable of incident objects' }]);
  }
  return decideEach(plan, incidents, options);
}
