import countyBureau from '../../rules/county-bureau.json';

/** The plans shipped in rules/, by id, as parsed JSON. */
export const BUNDLED_PLANS: Readonly<Record<string, unknown>> = Object.freeze({
  'county-bureau': countyBureau,
});
