import countyBureau from '../../rules/county-bureau.json';
import sevenStepProcedure from '../../rules/templates/seven-step-procedure.json';

/** The plans shipped in rules/, by id, as parsed JSON. */
export const BUNDLED_PLANS: Readonly<Record<string, unknown>> = Object.freeze({
  'county-bureau': countyBureau,
});

/** The templates shipped in rules/templates/, by id, that plans may `extends`. */
export const BUNDLED_TEMPLATES: Readonly<Record<string, unknown>> = Object.freeze({
  'seven-step-procedure': sevenStepProcedure,
});
