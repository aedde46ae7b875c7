// What the bench times besides the public API, bundled by bench/lib.ts as dist is built (tsup, the
// options of tsup.config.ts), never run from src through tsx: the hand-written hrss references and the
// stages of decide() that bench/run.ts times one by one. The stages read a plan's compiled form through
// its registered symbol, so they run on plans made by the timed build's loadPlan.
import type { IncidentState } from '../src/decide/timeline.js';

export { classify } from '../src/decide/classify.js';
export { buildLedger } from '../src/decide/ledger.js';
export { obligationsOf, parseIncident, replay } from '../src/decide/decide.js';
export { buildTimeline } from '../src/decide/timeline.js';
export { compiledOf } from '../src/plans/load.js';
export { formatTimestamp, parseTimestamp } from '../src/time/timestamp.js';
export { referenceEvaluator } from '../src/engine/reference.js';
export { decideHrssFast } from './hrss-fast.js';
export { decideHrss } from './hrss-handwritten.js';

/**
 * The criteria facts of a state (its indicators, flags, metrics and `exercise`), which the ledger hands to
 * classify: a plain object, which V8 keeps in fast mode as the ledger's own facts objects are (names here
 * are the validated incident's, none of Object.prototype's).
 */
export function criteriaFactsOf(state: IncidentState): Record<string, string | number | boolean | undefined> {
  const facts: Record<string, string | number | boolean | undefined> = {};
  for (const name of Object.keys(state.indicators)) facts[name] = state.indicators[name];
  for (const name of Object.keys(state.flags)) facts[name] = state.flags[name];
  for (const name of Object.keys(state.metrics)) facts[name] = state.metrics[name];
  facts.exercise = state.exercise;
  return facts;
}
