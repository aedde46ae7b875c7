import countyBureau from '../../rules/county-bureau.json';
import partyBranch from '../../rules/party-branch.json';
import industryBureau from '../../rules/industry-bureau.json';
import civilAffairs from '../../rules/civil-affairs.json';
import hrss from '../../rules/hrss.json';
import cityDrill from '../../rules/city-drill.json';
import ideologyEmergency from '../../rules/ideology-emergency.json';
import sevenStepProcedure from '../../rules/templates/seven-step-procedure.json';
import national from '../../rules/layers/national.json';

// Each table is marked pure: a build that uses none of it (the entry 'yuqing-playbook/core') leaves the files out.

/** The plans shipped in rules/, by id, as parsed JSON (README, "Bundled plans"). */
export const BUNDLED_PLANS: Readonly<Record<string, unknown>> = /* @__PURE__ */ Object.freeze({
  'county-bureau': countyBureau,
  'party-branch': partyBranch,
  'industry-bureau': industryBureau,
  'civil-affairs': civilAffairs,
  'hrss': hrss,
  'city-drill': cityDrill,
  'ideology-emergency': ideologyEmergency,
});

/** The templates shipped in rules/templates/, by id, that plans may `extends`. */
export const BUNDLED_TEMPLATES: Readonly<Record<string, unknown>> = /* @__PURE__ */ Object.freeze({
  'seven-step-procedure': sevenStepProcedure,
});

/** The layers shipped in rules/layers/, by id: rules plans build on (`above`), loaded and tested like plans (docs/layers.md). */
export const BUNDLED_LAYERS: Readonly<Record<string, unknown>> = /* @__PURE__ */ Object.freeze({
  national,
});
